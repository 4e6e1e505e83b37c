-- case: enum types created, extended and renamed
SET lock_timeout = '1s';
SET statement_timeout = '5s';
CREATE TYPE ticket_state AS ENUM ('open', 'closed');
ALTER TYPE ticket_state ADD VALUE 'pending' BEFORE 'closed';
ALTER TYPE ticket_state ADD VALUE 'archived';
ALTER TYPE ticket_state RENAME VALUE 'closed' TO 'done';
ALTER TABLE tickets ADD COLUMN state ticket_state NOT NULL DEFAULT 'open';
