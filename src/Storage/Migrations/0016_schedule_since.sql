-- Version 16 (both engines): when the subscriber's current frequency took effect (confirmation, or a change of
-- frequency), UTC. A weekly digest whose delivery moment came before it is not due: who signs up or switches to
-- weekly on a Saturday gets the first one on their weekday, not at once. NULL (rows from before) keeps the old rule.
ALTER TABLE subscribers ADD COLUMN schedule_since TEXT;
