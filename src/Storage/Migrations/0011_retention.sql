-- Version 11: retention of sent messages' bodies (Scheduler:KeepSentMessages). Portable.
-- Only messages whose body is still stored are in this index, so each run's "sent before the cutoff and not yet
-- emptied" lookup reads the few days' rows it empties, not every message ever sent.
CREATE INDEX ix_outbox_stored_sent_at ON outbox (sent_at) WHERE length(mime) > 0;
