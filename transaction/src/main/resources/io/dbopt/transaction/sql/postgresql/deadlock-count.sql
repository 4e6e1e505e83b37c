-- Deadlocks detected in the current database since its statistics were last reset.
SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()
