-- expect: constraint-missing-not-valid fires
SET lock_timeout = '1s';
SET statement_timeout = '5s';
ALTER TABLE bookings ADD CONSTRAINT bookings_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);
