--liquibase formatted sql

--changeset conduit:0005-favorites
-- Why: One row per user and article (the primary key makes favoriting idempotent). Counts are
--   derived from these rows, never kept in a counter that concurrent requests could lose.
CREATE TABLE favorites (
  user_id    BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  article_id BIGINT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
  created_at TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT favorites_pkey PRIMARY KEY (user_id, article_id)
);
CREATE INDEX favorites_article_idx ON favorites (article_id, user_id);
--rollback DROP TABLE favorites;
