-- Version 13 (both engines): the claim takes the oldest ready messages (state = 'pending' ORDER BY id LIMIT n).
-- With only (state, next_attempt_at) to go by, SQLite sorted every pending row for each claim and then found the
-- claimed rows by walking them again, so a claim cost grew with the backlog: 1.25 ms per claimed message with
-- 53,200 pending, 0.17 ms with this index (measured on SQLite 3.40, 16 per claim). A backlog is normal: planning
-- outpaces sending, and a paced or capped server leaves more.
CREATE INDEX ix_outbox_ready ON outbox (state, id);
