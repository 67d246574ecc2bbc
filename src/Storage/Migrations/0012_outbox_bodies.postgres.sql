-- Version 12 (PostgreSQL; the SQLite script is 0012_outbox_bodies.sql): each message's MIME in a table of its own,
-- written once when the message is queued, read once when it is claimed, deleted by retention.
-- PostgreSQL keeps an unchanged TOASTed body when a row is updated, so this matters less here than on SQLite
-- (see there); the schema stays the same on both engines so the queries do.
CREATE TABLE outbox_bodies (
    outbox_id BIGINT PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    mime      BYTEA NOT NULL
);
INSERT INTO outbox_bodies (outbox_id, mime) SELECT id, mime FROM outbox WHERE length(mime) > 0;

-- 1 while the body is stored; retention (Scheduler:KeepSentMessages) sets 0 when it deletes it.
ALTER TABLE outbox ADD COLUMN has_body INTEGER NOT NULL DEFAULT 1 CHECK (has_body IN (0, 1));
UPDATE outbox SET has_body = 0 WHERE length(mime) = 0;

DROP INDEX ix_outbox_stored_sent_at;
ALTER TABLE outbox DROP COLUMN mime;

-- As 0011's index: each retention run reads only the rows whose bodies it deletes.
CREATE INDEX ix_outbox_body_sent_at ON outbox (sent_at) WHERE has_body = 1;
