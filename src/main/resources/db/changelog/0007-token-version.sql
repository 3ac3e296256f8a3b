--liquibase formatted sql

--changeset conduit:0007-token-version
-- Why: Revocable tokens. Every token carries the version its user had when it was issued; raising
--   the version (a password change, or an operator's revoke-sessions task) makes all earlier
--   tokens invalid. Existing rows and tokens without the claim start at 0, so nobody is logged out
--   by the deploy. Expand-only: the old release ignores the column.
ALTER TABLE users ADD COLUMN token_version INTEGER DEFAULT 0 NOT NULL;
--rollback ALTER TABLE users DROP COLUMN token_version;
