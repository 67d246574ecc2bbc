-- Version 14 (both engines): the weekday a subscriber chose for their weekly digest ('friday'). NULL follows the
-- operator's Scheduler:WeeklyDay, so changing that setting moves everyone who never chose a day of their own.
ALTER TABLE subscribers ADD COLUMN weekly_day TEXT;
