package dev.conduit.article;

/**
 * Prints a pgbench script with exactly the statements this code sends for one page, so that {@code
 * bench/sql-ceiling} measures what the database alone can do with them. Jdbi's {@code :name}
 * parameters are pgbench's variable syntax too; with {@code -M prepared} pgbench binds them.
 *
 * <pre>java -cp target/app.jar dev.conduit.article.PageSqlScript list|article</pre>
 *
 * Each page is one statement, the tags coming in its rows: the list page (the unfiltered total
 * comes from {@link dev.conduit.db.ReadCache}) and the article page. Variables: {@code :articles}
 * (how many), {@code :viewer} (0: anonymous, as the benchmark's reads are).
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
    return "\\set offset random(0, :articles - "
        + PAGE
        + ")\n\\set limit "
        + PAGE
        + "\n"
        + oneLine(ArticleSql.list(new ArticleQuery(null, null, null, PAGE, 0)).sql())
        + ";\n";
  }

  /**
   * The article page with {@code :slug} left for the caller to replace with one article's slug
   * (pgbench cannot bind a string from a list): bench/sql-ceiling writes one script per sampled
   * article.
   */
  static String article() {
    return oneLine(ArticleSql.BY_SLUG) + ";\n";
  }

  /** pgbench reads one statement per line. */
  private static String oneLine(String sql) {
    return sql.replaceAll("\\s*\n\\s*", " ").strip();
  }
}
