-- Version 10: planning split across nodes. A node leases the (subscriber, period) pairs of a batch before it ranks
-- and renders them, so other nodes skip them; a lease that expires (its node died) can be taken again. Portable:
-- the same script runs on SQLite and PostgreSQL.
CREATE TABLE plan_leases (
    subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
    period        TEXT   NOT NULL,
    owner         TEXT   NOT NULL,
    expires_at    TEXT   NOT NULL,
    PRIMARY KEY (subscriber_id, period)
);

CREATE INDEX ix_plan_leases_expires_at ON plan_leases (expires_at);
