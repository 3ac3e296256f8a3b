package dev.conduit.tag;

import dev.conduit.db.StatementNames;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Tags in use. A tag whose last article went away stays in {@code tags} but is not listed. Plain
 * handle API: one statement on the hottest endpoint, without SqlObject's per-call set-up.
 */
public final class TagDao {
  public static final String IN_USE =
      """
      SELECT t.name FROM tags t
      WHERE EXISTS (SELECT 1 FROM article_tags at WHERE at.tag_id = t.id)""";

  private TagDao() {}

  static List<String> inUse(Handle h) {
    return StatementNames.name(h.createQuery(IN_USE), TagDao.class, "inUse")
        .mapTo(String.class)
        .list();
  }
}
