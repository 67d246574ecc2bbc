-- Version 4: confirmation, preferences, signed links, suppression.
-- Runs with foreign keys off (see DatabaseMigrator), so rebuilding subscribers cascades nothing.

CREATE TABLE subscribers_new (
    id                INTEGER PRIMARY KEY,
    email             TEXT NOT NULL COLLATE NOCASE UNIQUE,
    status            TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed')),
    frequency         TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly', 'instant', 'paused')),
    time_zone         TEXT NOT NULL,
    delivery_hour     INTEGER NOT NULL CHECK (delivery_hour BETWEEN 0 AND 23),
    papers_per_digest INTEGER NULL CHECK (papers_per_digest BETWEEN 1 AND 100),
    -- Mixed into every link's signature: a new secret revokes all links sent before.
    link_secret       TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    confirmed_at      TEXT NULL,
    unsubscribed_at   TEXT NULL
);

INSERT INTO subscribers_new (id, email, status, frequency, time_zone, delivery_hour, link_secret, created_at, updated_at, confirmed_at)
SELECT id, email, status, frequency, time_zone, delivery_hour, lower(hex(randomblob(16))), created_at, updated_at,
       CASE WHEN status = 'active' THEN created_at END
FROM subscribers;

DROP TABLE subscribers;
ALTER TABLE subscribers_new RENAME TO subscribers;

ALTER TABLE subscriber_keywords ADD COLUMN muted INTEGER NOT NULL DEFAULT 0;

-- Links are signed, not stored.
DROP TABLE link_tokens;

-- Addresses never to mail again. A deleted subscriber leaves only the SHA-256 of the lower-cased address.
CREATE TABLE suppressions (
    email_hash TEXT PRIMARY KEY,
    email      TEXT NULL,
    reason     TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- Digests and confirmation mails share the outbox.
ALTER TABLE outbox ADD COLUMN kind TEXT NOT NULL DEFAULT 'digest' CHECK (kind IN ('digest', 'confirmation', 'notice'));
CREATE INDEX ix_outbox_recipient ON outbox (recipient, kind, created_at);
