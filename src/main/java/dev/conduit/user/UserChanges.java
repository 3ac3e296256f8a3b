package dev.conduit.user;

/**
 * The columns a {@code PUT /user} changes, already validated and normalised; null leaves a column
 * as it is. {@code tokenVersion} is the version of the caller's token: the change applies only
 * while it is still the user's. toString shows which fields change, never the email or hash.
 */
public record UserChanges(
    long id,
    int tokenVersion,
    String username,
    String email,
    String passwordHash,
    String bio,
    String image) {

  public boolean newPassword() {
    return passwordHash != null;
  }

  /** An empty bio or image in the request clears it (stored as NULL, shown as null). */
  public boolean clearBio() {
    return bio != null && bio.isBlank();
  }

  public boolean clearImage() {
    return image != null && image.isBlank();
  }

  @Override
  public String toString() {
    return "UserChanges[id="
        + id
        + ", username="
        + username
        + ", email="
        + (email == null ? "unchanged" : "***")
        + ", password="
        + (passwordHash == null ? "unchanged" : "***")
        + "]";
  }
}
