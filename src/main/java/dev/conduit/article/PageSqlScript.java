package dev.conduit.article;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Prints a pgbench script with exactly the statements this code sends for one page, so that {@code
 * bench/sql-ceiling} measures what the database alone can do with them. Jdbi's {@code :name}
 * parameters are pgbench's variable syntax too; with {@code -M prepared} pgbench binds them.
 *
 * <pre>java -cp target/app.jar dev.conduit.article.PageSqlScript list|article</pre>
 *
 * The list page is the page statement and the tags of its 20 articles (the unfiltered total comes
 * from {@link dev.conduit.db.ReadCache}); the article page is the article statement and its tags.
 * Variables: {@code :articles} (how many), {@code :first_id} (smallest article id), {@code :viewer}
 * (0: anonymous, as the benchmark's reads are).
 */
public final class PageSqlScript {
  private static final int PAGE = ArticleQuery.DEFAULT_LIMIT;

  private PageSqlScript() {}

  public static void main(String[] args) {
    String page = args.length == 1 ? args[0] : "";
    switch (page) {
      case "list" -> System.out.print(list());
      case "article" -> System.out.print(article());
      default -> {
        System.err.println("usage: PageSqlScript list|article");
        System.exit(2);
      }
    }
  }

  static String list() {
    var unfiltered = new ArticleQuery(null, null, null, PAGE, 0);
    String ids =
        IntStream.rangeClosed(1, PAGE).mapToObj(i -> ":id" + i).collect(Collectors.joining(", "));
    StringBuilder s = new StringBuilder();
    s.append("\\set offset random(0, :articles - ").append(PAGE).append(")\n");
    s.append("\\set limit ").append(PAGE).append('\n');
    // The tags statement gets the page's ids; consecutive ids stand in for them (same plan, same
    // number of index probes).
    s.append("\\set base :first_id + :articles - :offset - ").append(PAGE).append('\n');
    for (int i = 1; i <= PAGE; i++) {
      s.append("\\set id").append(i).append(" :base + ").append(i - 1).append('\n');
    }
    s.append(oneLine(ArticleSql.list(unfiltered))).append(";\n");
    s.append(oneLine(ArticleSql.TAGS_OF.replace("<ids>", ids))).append(";\n");
    return s.toString();
  }

  /**
   * The article page with {@code :slug} and {@code :id} left for the caller to replace with one
   * article's slug and id (pgbench cannot bind a string from a list): bench/sql-ceiling writes one
   * script per sampled article.
   */
  static String article() {
    return oneLine(ArticleSql.BY_SLUG)
        + ";\n"
        + oneLine(ArticleSql.TAGS_OF.replace("<ids>", ":id"))
        + ";\n";
  }

  /** pgbench reads one statement per line. */
  private static String oneLine(String sql) {
    return sql.replaceAll("\\s*\n\\s*", " ").strip();
  }
}
