package dev.conduit.ops;

import com.google.common.collect.ImmutableSet;
import dev.conduit.db.Migrations;
import java.util.List;
import java.util.Set;
import liquibase.changelog.ChangeLogParameters;
import liquibase.exception.LiquibaseException;
import liquibase.parser.ChangeLogParserFactory;
import liquibase.resource.ClassLoaderResourceAccessor;
import org.jdbi.v3.core.Handle;

/**
 * The changesets this build expects, against Liquibase's databasechangelog. Read-only: asking
 * Liquibase for unrun changesets would create or lock its tables.
 */
public final class SchemaVersion {
  private final Set<String> expected;

  public SchemaVersion(Set<String> expected) {
    this.expected = ImmutableSet.copyOf(expected); // keeps the changelog's order
  }

  public static SchemaVersion fromChangelog() {
    var resources = new ClassLoaderResourceAccessor();
    try {
      return new SchemaVersion(
          ChangeLogParserFactory.getInstance()
              .getParser(Migrations.CHANGELOG, resources)
              .parse(Migrations.CHANGELOG, new ChangeLogParameters(), resources)
              .getChangeSets()
              .stream()
              .map(c -> c.getAuthor() + ":" + c.getId())
              .collect(ImmutableSet.toImmutableSet()));
    } catch (LiquibaseException e) {
      throw new IllegalStateException("cannot read " + Migrations.CHANGELOG, e);
    }
  }

  public int expectedCount() {
    return expected.size();
  }

  public List<String> pending(Handle handle) {
    Set<String> applied =
        handle
            .createQuery("SELECT id, author FROM databasechangelog")
            .setQueryTimeout(5)
            .map((rs, ctx) -> rs.getString("author") + ":" + rs.getString("id"))
            .set();
    return expected.stream().filter(id -> !applied.contains(id)).toList();
  }
}
