-- Version 6: what the planner must remember between runs (when it last ran, to report digests missed while down).
CREATE TABLE runtime_state (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
