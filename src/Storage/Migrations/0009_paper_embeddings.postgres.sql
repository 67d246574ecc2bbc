-- Version 9 (PostgreSQL; the SQLite script is 0009_paper_embeddings.sql): sentence embeddings of papers, computed once by the background embedder (issue 7) and read by
-- the digest ranking (issue 3). One row per paper and model; a paper whose text changes loses its row and
-- is embedded again.
CREATE TABLE paper_embeddings (
    paper_id    BIGINT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
    -- 'all-MiniLM-L6-v2'; a different model is a different row, never mixed in one ranking.
    model       TEXT NOT NULL,
    -- Little-endian float32 × the model's dimensions (384 × 4 = 1,536 bytes), unit length, not centred.
    vector      BYTEA NOT NULL,
    -- SHA-256 (hex) of the exact text embedded (title, ". ", abstract), to tell a stale vector.
    text_hash   TEXT NOT NULL,
    embedded_at TEXT NOT NULL,
    PRIMARY KEY (paper_id, model)
);
