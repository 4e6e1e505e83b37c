-- index.sequence-overflow: sequences that have used a large share of their range (pg_sequences; a sequence never
-- used, or not readable by the current user, counts from its start value).
-- Parameters: schema, share of the range used from which a sequence is reported.
SELECT s.schemaname AS schema_name,
       s.sequencename AS sequence_name,
       s.data_type::text AS data_type,
       coalesce(s.last_value, s.start_value) AS last_value,
       s.max_value,
       s.min_value,
       s.increment_by,
       CASE WHEN s.increment_by > 0
            THEN (coalesce(s.last_value, s.start_value)::numeric - s.min_value) / nullif(s.max_value::numeric - s.min_value, 0)
            ELSE (s.max_value::numeric - coalesce(s.last_value, s.start_value)) / nullif(s.max_value::numeric - s.min_value, 0)
       END::float8 AS used_share
FROM pg_catalog.pg_sequences s
WHERE s.schemaname = ?
  AND NOT s.cycle
  AND CASE WHEN s.increment_by > 0
           THEN (coalesce(s.last_value, s.start_value)::numeric - s.min_value) / nullif(s.max_value::numeric - s.min_value, 0)
           ELSE (s.max_value::numeric - coalesce(s.last_value, s.start_value)) / nullif(s.max_value::numeric - s.min_value, 0)
      END >= ?
ORDER BY used_share DESC, sequence_name
