-- Version 7 (PostgreSQL; the SQLite script is 0007_inbound.sql): what the inbound-mailbox poll already did with each message still in the mailbox. A handled
-- message (bounce, complaint, unsubscribe) whose deletion was interrupted is deleted on the next poll without
-- being processed again; one left alone (auto-replies, anything unknown) stays for a person and is not read
-- again. Rows of messages gone from the mailbox are dropped after each poll.
CREATE TABLE inbound_messages (
    mailbox     TEXT NOT NULL, -- protocol://user@host:port/folder
    message_key TEXT NOT NULL, -- IMAP: UIDVALIDITY/UID; POP3: the UIDL
    handled     BIGINT NOT NULL CHECK (handled IN (0, 1)),
    outcome     TEXT NOT NULL,
    seen_at     TEXT NOT NULL,
    PRIMARY KEY (mailbox, message_key)
);
