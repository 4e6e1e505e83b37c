-- expect: adding-field-with-default quiet
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE orders ADD COLUMN status text DEFAULT 'new';
ALTER TABLE orders ADD COLUMN created_at timestamptz DEFAULT now();
ALTER TABLE orders ADD COLUMN seen_at timestamptz DEFAULT CURRENT_TIMESTAMP;
ALTER TABLE orders ADD COLUMN tags text[] DEFAULT '{}'::text[];
ALTER TABLE orders ADD COLUMN yesterday timestamptz DEFAULT now() - interval '1 day';
ALTER TABLE orders ADD COLUMN amount numeric(10, 2) DEFAULT 0 NOT NULL;
