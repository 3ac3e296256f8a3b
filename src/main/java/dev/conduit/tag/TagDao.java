package dev.conduit.tag;

import java.util.List;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Tags in use. A tag whose last article went away stays in {@code tags} but is not listed. */
public interface TagDao {
  @SqlQuery(
      """
      SELECT t.name FROM tags t
      WHERE EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = t.id)""")
  List<String> inUse();
}
