package dev.conduit.ops;

import dev.conduit.db.Migrations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import liquibase.changelog.ChangeLogParameters;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.exception.LiquibaseException;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.resource.ResourceAccessor;
import org.jdbi.v3.core.Handle;

/**
 * The schema version this build expects: every changeset of {@code migrations.xml}, compared by
 * (id, author) with the rows of Liquibase's {@code databasechangelog} table. Read-only: unlike
 * asking Liquibase for unrun changesets, this never creates or locks Liquibase's tables.
 */
public final class SchemaVersion {
  private final Set<String> expected;

  public SchemaVersion(Set<String> expected) {
    this.expected = Set.copyOf(expected);
  }

  /** Parses the changelog on the classpath (including the files it includes). */
  public static SchemaVersion fromChangelog() {
    try {
      ResourceAccessor resources = new ClassLoaderResourceAccessor();
      DatabaseChangeLog log =
          liquibase.parser.ChangeLogParserFactory.getInstance()
              .getParser(Migrations.CHANGELOG, resources)
              .parse(Migrations.CHANGELOG, new ChangeLogParameters(), resources);
      Set<String> ids = new LinkedHashSet<>();
      for (ChangeSet c : log.getChangeSets()) {
        ids.add(key(c.getId(), c.getAuthor()));
      }
      return new SchemaVersion(ids);
    } catch (LiquibaseException e) {
      throw new IllegalStateException("cannot read " + Migrations.CHANGELOG, e);
    }
  }

  public int expectedCount() {
    return expected.size();
  }

  /** The changesets this build has that the database has not applied, in changelog order. */
  public List<String> pending(Handle handle) {
    Set<String> applied = new LinkedHashSet<>();
    handle
        .createQuery("SELECT id, author FROM databasechangelog")
        .setQueryTimeout(5)
        .map((rs, ctx) -> key(rs.getString("id"), rs.getString("author")))
        .forEach(applied::add);
    List<String> missing = new ArrayList<>();
    for (String id : expected) {
      if (!applied.contains(id)) {
        missing.add(id);
      }
    }
    return missing;
  }

  private static String key(String id, String author) {
    return author + ":" + id;
  }
}
