--liquibase formatted sql

--changeset conduit:0008-username-case-duplicates-check
--preconditions onFail:HALT onError:HALT
--precondition-sql-check expectedResult:0 SELECT count(*) FROM (SELECT lower(username) AS u FROM users GROUP BY lower(username) HAVING count(*) > 1) d
-- Why: the unique rule below cannot hold while two accounts differ only in case. Stop here with
-- a clear failure instead of a constraint error; RUNBOOK explains how to rename one of them.
SELECT 1;
--rollback SELECT 1;

--changeset conduit:0008-username-case-insensitive-postgresql runInTransaction:false
--preconditions onFail:MARK_RAN onError:HALT
--precondition-sql-check expectedResult:1 SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'pg_toast'
-- Why: 'alice' and 'Alice' must be one account. An expression index keeps the rule under
-- concurrent sign-ups and serves the lower(username) look-ups. PostgreSQL only (the check above
-- finds a schema H2 does not have); H2 gets the next changeset, and each is marked ran on the other.
-- CONCURRENTLY (outside a transaction): users keep signing up while it builds. If it fails, it
-- leaves an invalid index that makes the next run fail too: see RUNBOOK "Migration 0008".
CREATE UNIQUE INDEX CONCURRENTLY users_username_lower_idx ON users (lower(username));
--rollback DROP INDEX IF EXISTS users_username_lower_idx;

--changeset conduit:0008-username-case-insensitive-h2
--preconditions onFail:MARK_RAN onError:HALT
--precondition-sql-check expectedResult:0 SELECT count(*) FROM pg_catalog.pg_namespace WHERE nspname = 'pg_toast'
-- Why: the same rule on H2 (development), which has no expression indexes: a generated column.
ALTER TABLE users ADD COLUMN username_lower VARCHAR(64) GENERATED ALWAYS AS (lower(username));
ALTER TABLE users ADD CONSTRAINT users_username_lower_key UNIQUE (username_lower);
--rollback ALTER TABLE users DROP CONSTRAINT IF EXISTS users_username_lower_key;
--rollback ALTER TABLE users DROP COLUMN IF EXISTS username_lower;
