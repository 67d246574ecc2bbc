-- Version 4, PostgreSQL's spelling of 0004_links.sql: PostgreSQL changes a constraint in place, where SQLite
-- rebuilds the table.
ALTER TABLE subscribers DROP CONSTRAINT subscribers_frequency_check;
ALTER TABLE subscribers ADD CONSTRAINT subscribers_frequency_check CHECK (frequency IN ('daily', 'weekly', 'instant', 'paused'));
ALTER TABLE subscribers ADD COLUMN papers_per_digest BIGINT NULL CHECK (papers_per_digest BETWEEN 1 AND 100);
-- Mixed into every link's signature. Rows that exist already get 128 random bits (two v4 UUIDs' worth of hex,
-- cut to 32 characters like the code's secrets); new rows get theirs from the code.
ALTER TABLE subscribers ADD COLUMN link_secret TEXT NULL;
UPDATE subscribers SET link_secret = left(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 32);
ALTER TABLE subscribers ALTER COLUMN link_secret SET NOT NULL;
ALTER TABLE subscribers ADD COLUMN confirmed_at TEXT NULL;
ALTER TABLE subscribers ADD COLUMN unsubscribed_at TEXT NULL;
UPDATE subscribers SET confirmed_at = created_at WHERE status = 'active';

ALTER TABLE subscriber_keywords ADD COLUMN muted BIGINT NOT NULL DEFAULT 0;

DROP TABLE link_tokens;

CREATE TABLE suppressions (
    email_hash TEXT PRIMARY KEY,
    email      TEXT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'digest' CHECK (kind IN ('digest', 'confirmation', 'notice'));
CREATE INDEX ix_outbox_recipient ON outbox (recipient, kind, created_at);
