package dev.conduit.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conduit.support.DataTier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Profiles and follows at the service tier, on a migrated Jdbi. */
class ProfileServiceIT extends DataTier {
  private ProfileService profiles;

  ProfileServiceIT(Kind kind) {
    super(kind);
  }

  @BeforeEach
  void service() {
    profiles = new ProfileService(jdbi);
  }

  @Test
  void followingIsIdempotentAndShowsOnlyToTheFollower() {
    long ann = user("ann");
    long bob = user("bob");
    user("cyd");

    assertThat(profiles.follow(ann, "bob").following()).isTrue();
    assertThat(profiles.follow(ann, "bob").following()).isTrue();

    assertThat(count("follows")).isEqualTo(1);
    assertThat(profiles.get("bob", ann).following()).isTrue();
    assertThat(profiles.get("bob", bob).following()).isFalse();
    assertThat(profiles.get("bob", ProfileService.ANONYMOUS).following()).isFalse();
    assertThat(profiles.get("ann", bob).following()).as("not mutual").isFalse();
  }

  @Test
  void unfollowingIsIdempotentToo() {
    long ann = user("ann");
    user("bob");
    profiles.follow(ann, "bob");

    assertThat(profiles.unfollow(ann, "bob").following()).isFalse();
    assertThat(profiles.unfollow(ann, "bob").following()).isFalse();
    assertThat(count("follows")).isZero();
  }

  @Test
  void followingYourselfOrNobodyIsRefusedAndStoresNothing() {
    long ann = user("ann");

    assertThat(status(() -> profiles.follow(ann, "ann"))).isEqualTo(422);
    assertThat(status(() -> profiles.follow(ann, "nobody"))).isEqualTo(404);
    assertThat(status(() -> profiles.get("nobody", ann))).isEqualTo(404);
    assertThat(count("follows")).isZero();
  }

  @Test
  void deletingAUserTakesTheirFollowsWithThem() {
    long ann = user("ann");
    long bob = user("bob");
    profiles.follow(ann, "bob");
    profiles.follow(bob, "ann");

    jdbi.useHandle(h -> h.execute("DELETE FROM users WHERE id = ?", bob));

    assertThat(count("follows")).isZero();
  }
}
