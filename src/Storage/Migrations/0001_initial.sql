-- Paperboy schema, version 1. Times are UTC ISO-8601 text ('2026-11-27T07:00:00.000Z').

CREATE TABLE papers (
    id           INTEGER PRIMARY KEY,
    -- Identity: 'arxiv:<id without version>', 'id:<feed id>' or 'title:<normalised title>'.
    paper_key    TEXT NOT NULL UNIQUE,
    -- The normalised title, so that one paper arriving from two sources is stored once.
    title_key    TEXT NOT NULL,
    title        TEXT NOT NULL,
    abstract     TEXT NOT NULL,
    authors      TEXT NOT NULL DEFAULT '[]', -- JSON array of names
    url          TEXT NULL,
    published_at TEXT NULL,
    upvotes      INTEGER NULL,
    source       TEXT NOT NULL,
    ingested_at  TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX ix_papers_title_key ON papers (title_key);

CREATE TABLE subscribers (
    id            INTEGER PRIMARY KEY,
    email         TEXT NOT NULL COLLATE NOCASE UNIQUE,
    status        TEXT NOT NULL CHECK (status IN ('pending', 'active', 'unsubscribed')),
    frequency     TEXT NOT NULL CHECK (frequency IN ('daily', 'weekly')),
    time_zone     TEXT NOT NULL,
    delivery_hour INTEGER NOT NULL CHECK (delivery_hour BETWEEN 0 AND 23),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE subscriber_keywords (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    keyword       TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (subscriber_id, keyword)
);

-- Papers a subscriber liked or disliked ("more like this" / "less like this").
CREATE TABLE subscriber_papers (
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    paper_id      INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    opinion       TEXT NOT NULL CHECK (opinion IN ('liked', 'disliked')),
    created_at    TEXT NOT NULL,
    PRIMARY KEY (subscriber_id, paper_id)
);

-- One digest per subscriber per period ('2026-11-27' for a daily, '2026-W48' for a weekly digest).
CREATE TABLE digests (
    id            INTEGER PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    period        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    UNIQUE (subscriber_id, period)
);

-- The send log: a paper goes to a subscriber once, ever.
CREATE TABLE digest_items (
    digest_id     INTEGER NOT NULL REFERENCES digests (id) ON DELETE CASCADE,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    paper_id      INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    rank          INTEGER NOT NULL,
    score         REAL NOT NULL,
    reason        TEXT NOT NULL,
    UNIQUE (subscriber_id, paper_id)
);
CREATE INDEX ix_digest_items_digest ON digest_items (digest_id);

-- Link tokens: only a SHA-256 hash of each token is stored, bound to one subscriber and one action.
CREATE TABLE link_tokens (
    token_hash    TEXT PRIMARY KEY,
    subscriber_id INTEGER NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    action        TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    expires_at    TEXT NULL
);

-- Messages to send: pending -> sending -> sent | failed | uncertain (| cancelled when the recipient left).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    digest_id       INTEGER NULL UNIQUE REFERENCES digests (id) ON DELETE SET NULL,
    message_id      TEXT NOT NULL UNIQUE,
    recipient       TEXT NOT NULL,
    subject         TEXT NOT NULL,
    mime            BLOB NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'failed', 'uncertain', 'cancelled')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NULL,
    last_error      TEXT NULL,
    location        TEXT NULL, -- where the transport put it (a file for the pickup transport)
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    sent_at         TEXT NULL
);
CREATE INDEX ix_outbox_state ON outbox (state, next_attempt_at);
