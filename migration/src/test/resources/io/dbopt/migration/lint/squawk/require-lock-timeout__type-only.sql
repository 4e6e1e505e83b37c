-- case: CREATE TYPE locks no table anyone uses
-- expect: require-lock-timeout fires
-- expect: require-statement-timeout fires
-- divergence: require-lock-timeout: CREATE TYPE takes no lock another session waits for, so it cannot queue queries behind it
-- divergence: require-statement-timeout: CREATE TYPE does no work proportional to any table
CREATE TYPE order_status AS ENUM ('new', 'paid');
