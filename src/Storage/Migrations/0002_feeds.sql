-- Feeds (issue 7): what real sources say about a paper, its popularity over time, and each feed's HTTP
-- validators for conditional GET. Times are UTC ISO-8601 text.

-- The arXiv version last stored (2 for 2606.00467v2); an older version never replaces a newer one.
ALTER TABLE papers ADD COLUMN version INTEGER NULL;
-- Lower case, without a resolver prefix ('10.1103/physrevd.76.013009'); the second identity after the arXiv id.
ALTER TABLE papers ADD COLUMN doi TEXT NULL;
-- JSON array of arXiv categories, the primary one first.
ALTER TABLE papers ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';
-- Hugging Face's generated one-line summary and keywords (plain text / JSON array of text).
ALTER TABLE papers ADD COLUMN ai_summary TEXT NULL;
ALTER TABLE papers ADD COLUMN ai_keywords TEXT NOT NULL DEFAULT '[]';
-- Popularity as last observed (upvotes is in version 1); history in paper_popularity.
ALTER TABLE papers ADD COLUMN comments INTEGER NULL;
ALTER TABLE papers ADD COLUMN github_repo TEXT NULL;
ALTER TABLE papers ADD COLUMN github_stars INTEGER NULL;
ALTER TABLE papers ADD COLUMN popularity_at TEXT NULL;
CREATE INDEX ix_papers_doi ON papers (doi) WHERE doi IS NOT NULL;

-- One row each time a source reports popularity that differs from the last observation, so a trending
-- score can compute velocity (upvotes gained per day) without a row per fetch.
CREATE TABLE paper_popularity (
    paper_id     INTEGER NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    observed_at  TEXT NOT NULL,
    upvotes      INTEGER NULL,
    comments     INTEGER NULL,
    github_stars INTEGER NULL,
    source       TEXT NOT NULL,
    PRIMARY KEY (paper_id, observed_at)
);

-- Per feed URL: the validators of the last complete response (conditional GET) and the last outcome.
CREATE TABLE feed_state (
    url           TEXT PRIMARY KEY,
    etag          TEXT NULL,
    last_modified TEXT NULL,
    checked_at    TEXT NULL,
    changed_at    TEXT NULL,
    last_error    TEXT NULL
);
