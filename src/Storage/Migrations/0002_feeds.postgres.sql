-- Feeds (issue 7), PostgreSQL's spelling of 0002_feeds.sql (BIGINT for INTEGER).
ALTER TABLE papers ADD COLUMN version BIGINT NULL;
ALTER TABLE papers ADD COLUMN doi TEXT NULL;
ALTER TABLE papers ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
ALTER TABLE papers ADD COLUMN ai_summary TEXT NULL;
ALTER TABLE papers ADD COLUMN ai_keywords TEXT NOT NULL DEFAULT '[]';
ALTER TABLE papers ADD COLUMN comments BIGINT NULL;
ALTER TABLE papers ADD COLUMN github_repo TEXT NULL;
ALTER TABLE papers ADD COLUMN github_stars BIGINT NULL;
ALTER TABLE papers ADD COLUMN popularity_at TEXT NULL;
CREATE INDEX ix_papers_doi ON papers (doi) WHERE doi IS NOT NULL;

CREATE TABLE paper_popularity (
    paper_id     BIGINT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    observed_at  TEXT NOT NULL,
    upvotes      BIGINT NULL,
    comments     BIGINT NULL,
    github_stars BIGINT NULL,
    source       TEXT NOT NULL,
    PRIMARY KEY (paper_id, observed_at)
);

CREATE TABLE feed_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT NULL,
    last_modified TEXT NULL,
    checked_at    TEXT NULL,
    changed_at    TEXT NULL,
    last_error    TEXT NULL
);
