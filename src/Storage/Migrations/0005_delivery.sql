-- Delivery: when each message was last handed to the transport, so the hourly rate limit is counted in the
-- database and holds across restarts and across processes sharing the file.
ALTER TABLE outbox ADD COLUMN last_attempt_at TEXT NULL;

UPDATE outbox SET last_attempt_at = sent_at WHERE sent_at IS NOT NULL;

CREATE INDEX ix_outbox_last_attempt_at ON outbox (last_attempt_at) WHERE last_attempt_at IS NOT NULL;
