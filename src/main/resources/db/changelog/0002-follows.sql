--liquibase formatted sql

--changeset conduit:0002-follows
-- Why: Who follows whom. The primary key serves "whom does X follow" (feed, following flags);
--   the second index serves the foreign key on followee (cascading account deletion).
CREATE TABLE follows (
  follower_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  followee_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  CONSTRAINT follows_pkey PRIMARY KEY (follower_id, followee_id),
  CONSTRAINT follows_not_self CHECK (follower_id <> followee_id)
);
CREATE INDEX follows_followee_idx ON follows (followee_id);
--rollback DROP TABLE follows;
