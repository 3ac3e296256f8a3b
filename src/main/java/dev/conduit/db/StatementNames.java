package dev.conduit.db;

import com.codahale.metrics.jdbi3.strategies.DefaultNameStrategy;
import com.codahale.metrics.jdbi3.strategies.DelegatingStatementNameStrategy;
import org.jdbi.v3.core.statement.SqlStatement;

/**
 * Names of the per-statement timers: SQL-object methods as Dropwizard names them ({@code
 * dev.conduit.user.UserDao.findByEmail}), and statements built on the plain handle API by the name
 * they declare with {@link #name}, so moving a hot read off SqlObject keeps its timer; anything
 * else is {@code sql.raw}.
 */
public final class StatementNames extends DelegatingStatementNameStrategy {
  private static final String ATTRIBUTE = "conduit.statementName";

  public StatementNames() {
    super(
        DefaultNameStrategy.CHECK_EMPTY,
        DefaultNameStrategy.SQL_OBJECT,
        ctx -> ctx.getAttribute(ATTRIBUTE) instanceof String name ? name : null,
        DefaultNameStrategy.CONSTANT_SQL_RAW);
  }

  /**
   * Times {@code statement} as {@code owner.statement} (e.g. dev.conduit.article.ArticleDao.list).
   */
  public static <S extends SqlStatement<S>> S name(S statement, Class<?> owner, String name) {
    return statement.define(ATTRIBUTE, owner.getName() + "." + name);
  }
}
