-- Version 10: several nodes on one database (issue 8). Portable: the same script runs on SQLite and PostgreSQL.

-- Planning split across nodes. A node leases the (subscriber, period) pairs of a batch before it ranks and renders
-- them, so other nodes skip them; a lease that expires (its node died) can be taken again.
CREATE TABLE plan_leases (
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    period        TEXT   NOT NULL,
    owner         TEXT   NOT NULL,
    expires_at    TEXT   NOT NULL,
    PRIMARY KEY (subscriber_id, period)
);

CREATE INDEX ix_plan_leases_expires_at ON plan_leases (expires_at);

-- The per-second send pace shared by all nodes: the next free send slot. A node reserves a few slots at a time.
CREATE TABLE send_pace (
    id           BIGINT PRIMARY KEY CHECK (id = 1),
    next_slot_at TEXT   NOT NULL
);

INSERT INTO send_pace (id, next_slot_at) VALUES (1, '2000-01-01T00:00:00.000Z');
