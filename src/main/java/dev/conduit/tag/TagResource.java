package dev.conduit.tag;

import dev.conduit.db.ReadCache;
import dev.conduit.tag.api.TagsResponse;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** {@code GET /tags}: every tag that at least one article carries, alphabetically. */
@Path("/tags")
@Produces(MediaType.APPLICATION_JSON)
public class TagResource {
  private final Jdbi jdbi;

  /** Article writes invalidate it; its staleness is {@link ReadCache}'s. */
  private final ReadCache<TagsResponse> cache;

  public TagResource(Jdbi jdbi, ReadCache<TagsResponse> cache) {
    this.jdbi = jdbi;
    this.cache = cache;
  }

  @GET
  public TagsResponse list() {
    return cache.get(this::read);
  }

  private TagsResponse read() {
    // Sorted here, not in SQL, so the order is the same whatever the database's collation.
    List<String> names = new java.util.ArrayList<>(jdbi.withHandle(TagDao::inUse));
    names.sort(null);
    return new TagsResponse(List.copyOf(names));
  }
}
