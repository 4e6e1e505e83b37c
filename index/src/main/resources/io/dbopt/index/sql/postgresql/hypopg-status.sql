-- Whether HypoPG is installed in this database, whether the server offers it, and whether the installed version
-- can hide indexes (hypopg_hide_index, HypoPG 1.4+).
SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_extension WHERE extname = 'hypopg') AS installed,
       EXISTS (SELECT 1 FROM pg_catalog.pg_available_extensions WHERE name = 'hypopg') AS available,
       EXISTS (SELECT 1 FROM pg_catalog.pg_proc WHERE proname = 'hypopg_hide_index') AS can_hide
