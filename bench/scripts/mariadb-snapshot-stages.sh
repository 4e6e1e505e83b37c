#!/bin/bash
# Server time of the MariaDB scoped snapshot's statement, by execution stage, right after DDL on the table it reads.
#
#   bench/scripts/mariadb-snapshot-stages.sh [rounds] [database]    (mysql client; MYSQL_ARGS="-h127.0.0.1 -uroot")
#
# Creates a database (default snapshot_stages_<pid>, dropped at the end) with 10 tables (a foreign key and a check
# each); each round adds a column and its index to one of them (as MigrationBenchmark --alter does), then runs, for
# that table and in rotating order: the snapshot's statement as sent since stop 28 (sql/mariadb/scoped-table.sql
# after the DATABASE() row, no ORDER BY), the same with stop 27's ORDER BY 1, 4, 2, 3, SHOW CREATE TABLE, and the
# TABLES branch alone; since stop 29 also the statement with the progress check as one more branch (a merged derived
# table over dbopt_migration_state, as AtomicMigrationExecutor sends it) and that check alone (stop 28 sent it on the
# journal connection before the snapshot). Profiling is on in the session; prints per statement the server time per call summed over the
# stages of information_schema.PROFILING, and the stage where MariaDB creates the information_schema temporary tables.
set -euo pipefail
rounds=${1:-30}
db=${2:-snapshot_stages_$$}
args=${MYSQL_ARGS:--h127.0.0.1 -uroot}
here=$(cd "$(dirname "$0")/../.." && pwd)
block=$(sed -n '/^SELECT/,$p' "$here/migration/src/main/resources/io/dbopt/migration/sql/mariadb/scoped-table.sql")
head="SET STATEMENT max_statement_time=60 FOR SELECT -1 AS kind, NULL AS sort_name, 0 AS sort_position, DATABASE() AS c1,
 NULL AS c2, NULL AS c3, NULL AS c4, NULL AS c5, NULL AS c6, NULL AS c7 UNION ALL"
tables=$(printf '%s\n' "$block" | awk '/^UNION ALL/ {exit} {print}')
declare -A q
q[unsorted]="$head $block"
q[sorted]="$head $block ORDER BY 1, 4, 2, 3"
q[show_create]="SHOW CREATE TABLE ?"
q[tables_only]="$tables"
progress="SELECT seq AS side_position, body AS side_text FROM dbopt_migration_state WHERE set_name = 'core' AND
 version = '7' AND kind = 'progress'"
q[with_progress]="$head $block UNION ALL SELECT 6, NULL, side.side_position, side.side_text, NULL, NULL, NULL, NULL,
 NULL, NULL FROM ($progress) side"
q[progress_only]="$progress"
names=(unsorted sorted show_create tables_only with_progress progress_only)
mysql $args -e "CREATE DATABASE \`$db\`"
trap 'mysql $args -e "DROP DATABASE IF EXISTS \`$db\`"' EXIT
{
  echo "SET foreign_key_checks = 0;"
  echo "CREATE TABLE dbopt_migration_state (set_name varchar(64) NOT NULL, version varchar(64) NOT NULL, kind
    varchar(16) NOT NULL, seq int NOT NULL, body longtext NOT NULL, recorded_at timestamp(3) NOT NULL DEFAULT
    CURRENT_TIMESTAMP(3), PRIMARY KEY (set_name, version, kind, seq));"
  for i in $(seq 1 10); do
    echo "CREATE TABLE t$i (id bigint PRIMARY KEY, name varchar(50) NOT NULL, created_at timestamp NOT NULL DEFAULT
      CURRENT_TIMESTAMP, ref bigint, qty int CHECK (qty > 0), KEY t${i}_name_idx (name), CONSTRAINT t${i}_fk
      FOREIGN KEY (ref) REFERENCES t$((i % 10 + 1)) (id) ON DELETE SET NULL);"
  done
  echo "SET profiling = 1, profiling_history_size = 100;"
  for r in $(seq 1 "$rounds"); do
    t=t$(((r - 1) % 10 + 1))
    echo "ALTER TABLE $t ADD COLUMN c$r int; CREATE INDEX ${t}_c${r}_idx ON $t (c$r);"
    for k in $(seq 0 5); do
      n=${names[$(((r + k) % 6))]}
      text=${q[$n]}
      if [ "$n" = show_create ]; then text="SHOW CREATE TABLE $t"; else text=${text//\?/\'$t\'}; fi
      echo "/*V:$n*/ $text;"
    done
    echo "SHOW PROFILES; SELECT 'STAGE', QUERY_ID, STATE, SUM(DURATION) FROM information_schema.PROFILING"
    echo "  GROUP BY QUERY_ID, STATE; SET profiling_history_size = 0; SET profiling_history_size = 100;"
  done
} | mysql $args --batch --comments --skip-column-names "$db" | awk -F'\t' '
  $3 ~ /\/\*V:/ { match($3, /V:[^*]*/); v[$1] = substr($3, RSTART + 2, RLENGTH - 2); calls[v[$1]]++; next }
  $1 == "STAGE" && ($2 in v) {
    total[v[$2]] += $4
    if ($3 ~ /^(Optimizing|Statistics|Preparing)$/) temp[v[$2]] += $4
  }
  $1 == "STAGE" { next }
  END {
    for (n in total) printf "%-12s %8.3f ms per call, of which %7.3f ms optimizing (temporary tables created), %d calls\n",
      n, total[n] * 1000 / calls[n], temp[n] * 1000 / calls[n], calls[n]
  }' | sort
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
