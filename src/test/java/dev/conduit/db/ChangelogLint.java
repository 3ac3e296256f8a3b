package dev.conduit.db;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Zero-downtime rules for the Liquibase changelog (Liquibase formatted SQL). During a rolling
 * deploy the previous release keeps running on the new schema, so a changeset may not take away or
 * reshape what that release reads and writes: no dropping or renaming of tables or columns, no type
 * changes, no NOT NULL column without a default, no SET NOT NULL on an existing column.
 *
 * <p>Such a change is allowed only as the <em>contract</em> step of an expand/contract change: the
 * changeset carries {@code labels:contract} and a line {@code -- contract-of: author:id} naming its
 * <em>expand</em> changeset, which must already be in the previous release (see RUNBOOK "Schema
 * changes"). Rollback lines are not checked: they run only when going back on purpose.
 */
final class ChangelogLint {
  static final String CONTRACT_LABEL = "contract";

  private static final Pattern CHANGESET =
      Pattern.compile("^--\\s*changeset\\s+(\\S+?:\\S+)(.*)$", Pattern.CASE_INSENSITIVE);
  private static final Pattern LABELS =
      Pattern.compile("\\blabels:(\"[^\"]*\"|\\S+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern CONTRACT_OF =
      Pattern.compile("^--\\s*contract-of:\\s*(\\S+)\\s*$", Pattern.CASE_INSENSITIVE);

  private static final Pattern DROP_TABLE = Pattern.compile("^DROP TABLE (IF EXISTS )?(\\S+).*");
  private static final Pattern ALTER_TABLE =
      Pattern.compile("^ALTER TABLE (IF EXISTS )?(ONLY )?(\\S+) (.*)$");
  private static final Pattern RENAME_TABLE = Pattern.compile("^RENAME TO (\\S+)$");
  private static final Pattern RENAME_COLUMN =
      Pattern.compile("^(?:RENAME (?:COLUMN )?|ALTER (?:COLUMN )?)(\\S+) (?:RENAME )?TO (\\S+)$");
  private static final Pattern DROP_COLUMN =
      Pattern.compile("^DROP (?:COLUMN )?(?:IF EXISTS )?(\\S+).*$");
  private static final Pattern TYPE_CHANGE =
      Pattern.compile("^ALTER (?:COLUMN )?(\\S+) (?:SET DATA )?TYPE .*$");
  private static final Pattern SET_NOT_NULL =
      Pattern.compile("^ALTER (?:COLUMN )?(\\S+) SET NOT NULL$");
  private static final Pattern ADD_COLUMN =
      Pattern.compile("^ADD (?:COLUMN )?(?:IF NOT EXISTS )?(\\S+) (.*)$");
  private static final Set<String> NOT_A_COLUMN =
      Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "EXCLUDE");

  private ChangelogLint() {}

  /** One changeset: where it is, its {@code author:id}, labels, expand step and forward SQL. */
  record Changeset(
      String file, String id, Set<String> labels, Optional<String> contractOf, String sql) {
    boolean isContract() {
      return labels.contains(CONTRACT_LABEL);
    }
  }

  /** The changesets of one formatted-SQL file, in order. */
  static List<Changeset> parse(String file, String text) {
    List<Changeset> out = new ArrayList<>();
    String id = null;
    Set<String> labels = Set.of();
    String contractOf = null;
    StringBuilder sql = new StringBuilder();
    for (String raw : text.split("\\R")) {
      String line = raw.strip();
      Matcher header = CHANGESET.matcher(line);
      if (header.matches()) {
        if (id != null) {
          out.add(new Changeset(file, id, labels, Optional.ofNullable(contractOf), sql.toString()));
        }
        id = header.group(1);
        labels = labels(header.group(2));
        contractOf = null;
        sql = new StringBuilder();
        continue;
      }
      Matcher contract = CONTRACT_OF.matcher(line);
      if (contract.matches()) {
        contractOf = contract.group(1);
      } else if (!line.startsWith("--") && id != null) {
        sql.append(stripTrailingComment(line)).append('\n');
      }
    }
    if (id != null) {
      out.add(new Changeset(file, id, labels, Optional.ofNullable(contractOf), sql.toString()));
    }
    return out;
  }

  private static Set<String> labels(String attributes) {
    Matcher m = LABELS.matcher(attributes);
    if (!m.find()) {
      return Set.of();
    }
    Set<String> labels = new LinkedHashSet<>();
    for (String label : m.group(1).replace("\"", "").split(",")) {
      labels.add(label.strip().toLowerCase(Locale.ROOT));
    }
    return labels;
  }

  private static String stripTrailingComment(String line) {
    int dash = line.indexOf("--");
    return dash < 0 ? line : line.substring(0, dash);
  }

  /**
   * Every rule the changelog breaks, one message per breaking statement. {@code released} holds the
   * ids of the changesets in the previous release.
   */
  static List<String> violations(List<Changeset> changelog, Set<String> released) {
    List<String> problems = new ArrayList<>();
    Set<String> earlier = new LinkedHashSet<>();
    for (Changeset cs : changelog) {
      List<String> breaking = breakingChanges(cs.sql());
      if (!breaking.isEmpty()) {
        Optional<String> refusal = contractRefusal(cs, earlier, released);
        refusal.ifPresent(
            why -> breaking.forEach(b -> problems.add(cs.file() + " " + cs.id() + ": " + b + why)));
      }
      earlier.add(cs.id());
    }
    return problems;
  }

  /** Why this changeset may not break compatibility; empty when it is a valid contract step. */
  private static Optional<String> contractRefusal(
      Changeset cs, Set<String> earlier, Set<String> released) {
    String how =
        " (label it labels:contract and name its expand step with '-- contract-of: author:id';"
            + " RUNBOOK \"Schema changes\")";
    if (!cs.isContract()) {
      return Optional.of(
          " breaks the running release; only the contract step of an expand/contract change may"
              + how);
    }
    if (cs.contractOf().isEmpty()) {
      return Optional.of(" is labelled contract but names no expand step" + how);
    }
    String expand = cs.contractOf().get();
    if (!earlier.contains(expand)) {
      return Optional.of(
          " is the contract step of " + expand + ", which is not an earlier changeset" + how);
    }
    if (!released.contains(expand)) {
      return Optional.of(
          " is the contract step of "
              + expand
              + ", which has not shipped yet: release the expand step first");
    }
    return Optional.empty();
  }

  /** What in this SQL would break a release that still uses the old schema. */
  static List<String> breakingChanges(String sql) {
    List<String> found = new ArrayList<>();
    for (String statement : splitTopLevel(sql, ';')) {
      String s = normalize(statement);
      if (s.isEmpty()) {
        continue;
      }
      Matcher drop = DROP_TABLE.matcher(s);
      if (drop.matches()) {
        found.add("drops table " + drop.group(2));
        continue;
      }
      Matcher alter = ALTER_TABLE.matcher(s);
      if (alter.matches()) {
        String table = alter.group(3);
        for (String action : splitTopLevel(alter.group(4), ',')) {
          alterAction(table, action.strip()).ifPresent(found::add);
        }
      }
    }
    return found;
  }

  private static Optional<String> alterAction(String table, String action) {
    Matcher m;
    if ((m = RENAME_TABLE.matcher(action)).matches()) {
      return Optional.of("renames table " + table + " to " + m.group(1));
    }
    if (action.startsWith("RENAME CONSTRAINT ")) {
      return Optional.empty();
    }
    if ((m = RENAME_COLUMN.matcher(action)).matches()) {
      return Optional.of("renames column " + table + "." + m.group(1) + " to " + m.group(2));
    }
    if ((m = TYPE_CHANGE.matcher(action)).matches()) {
      return Optional.of("changes the type of column " + table + "." + m.group(1));
    }
    if ((m = SET_NOT_NULL.matcher(action)).matches()) {
      return Optional.of("makes existing column " + table + "." + m.group(1) + " NOT NULL");
    }
    if ((m = DROP_COLUMN.matcher(action)).matches()
        && !NOT_A_COLUMN.contains(m.group(1))
        && !m.group(1).equals("DEFAULT")) {
      return Optional.of("drops column " + table + "." + m.group(1));
    }
    if ((m = ADD_COLUMN.matcher(action)).matches() && !NOT_A_COLUMN.contains(m.group(1))) {
      String definition = " " + m.group(2) + " ";
      boolean notNull = definition.contains(" NOT NULL ") || definition.contains(" PRIMARY KEY ");
      boolean filled = definition.contains(" DEFAULT ") || definition.contains(" IDENTITY ");
      if (notNull && !filled) {
        return Optional.of(
            "adds NOT NULL column " + table + "." + m.group(1) + " without a default");
      }
    }
    return Optional.empty();
  }

  /** Upper case, quotes removed, whitespace collapsed: one shape for the patterns above. */
  private static String normalize(String statement) {
    return statement
        .replace("\"", "")
        .replaceAll("\\s+", " ")
        .strip()
        .toUpperCase(Locale.ROOT)
        .replaceAll(" ?\\( ?", "(")
        .replaceAll(" ?\\) ?", ") ")
        .strip();
  }

  /** Splits on {@code separator} outside parentheses and single-quoted strings. */
  static List<String> splitTopLevel(String text, char separator) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    StringBuilder current = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      } else if (!quoted && depth == 0 && c == separator) {
        parts.add(current.toString());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    parts.add(current.toString());
    return parts;
  }
}
