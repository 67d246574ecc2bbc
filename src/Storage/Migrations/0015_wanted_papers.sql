-- Version 15 (both engines): papers a subscriber named at sign-up (arXiv ids) that the catalog does not have yet.
-- The feeds fetch them from the arXiv API (WantedPaperFetcher); once a paper is stored, its row becomes a "liked"
-- opinion in subscriber_papers and leaves this table. attempts counts fetches that did not bring the paper.
CREATE TABLE wanted_papers (
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    paper_key     TEXT NOT NULL,
    requested_at  TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (subscriber_id, paper_key)
);

CREATE INDEX ix_wanted_papers_paper_key ON wanted_papers (paper_key);
