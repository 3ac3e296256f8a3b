package dev.conduit.article.api;

import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.conduit.web.text.PlainText;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;

/**
 * {@code POST /api/articles} body; a missing {@code article} is one with every field missing.
 * {@code tagList} may be absent or empty; tags are stored stripped and once each.
 */
public record NewArticleRequest(@Valid NewArticle article) {
  public NewArticleRequest {
    article = article == null ? new NewArticle(null, null, null, null) : article;
  }

  public record NewArticle(
      @NotBlank(message = "can't be blank")
          @PlainText
          @Size(max = 255, message = PlainText.TOO_LONG)
          String title,
      @NotBlank(message = "can't be blank")
          @PlainText
          @Size(max = 1000, message = PlainText.TOO_LONG)
          String description,
      @NotBlank(message = "can't be blank")
          @PlainText.MultiLine
          @Size(max = 100_000, message = PlainText.TOO_LONG)
          String body,
      @Size(max = 32, message = "is too long (maximum is {max} tags)") List<@Tag String> tagList) {}

  /** One tag of a {@code tagList}, here and on {@link UpdateArticleRequest}. */
  @NotBlank(message = "can't contain blank tags")
  @PlainText
  @Size(max = 64, message = "tags are at most {max} characters")
  @Constraint(validatedBy = {})
  @Target(TYPE_USE)
  @Retention(RUNTIME)
  public @interface Tag {
    String message() default "is not a valid tag";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }
}
