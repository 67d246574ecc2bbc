-- Version 12 (SQLite; PostgreSQL's is 0012_outbox_bodies.postgres.sql): each message's MIME in a table of its own,
-- written once when the message is queued, read once when it is claimed, deleted by retention.
-- Inside the outbox row, every state change (claim, sent) rewrote the whole record with its 15-40 KB body: SQLite
-- stores a row as one record and rewrites all its overflow pages when any column changes size. Measured on 2,000
-- messages of 36 KB, claims and marks wrote 158 MB to the WAL with the body inline and 2 MB with it apart.
CREATE TABLE outbox_bodies (
    outbox_id INTEGER PRIMARY KEY REFERENCES outbox (id) ON DELETE CASCADE,
    mime      BLOB NOT NULL
);
INSERT INTO outbox_bodies (outbox_id, mime) SELECT id, mime FROM outbox WHERE length(mime) > 0;

-- 1 while the body is stored; retention (Scheduler:KeepSentMessages) sets 0 when it deletes it.
ALTER TABLE outbox ADD COLUMN has_body INTEGER NOT NULL DEFAULT 1 CHECK (has_body IN (0, 1));
UPDATE outbox SET has_body = 0 WHERE length(mime) = 0;

DROP INDEX ix_outbox_stored_sent_at;
ALTER TABLE outbox DROP COLUMN mime;

-- As 0011's index: each retention run reads only the rows whose bodies it deletes.
CREATE INDEX ix_outbox_body_sent_at ON outbox (sent_at) WHERE has_body = 1;
