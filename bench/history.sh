#!/usr/bin/env bash
# Times `coldstart history` over a store holding 10,000 recorded profiles, on SQLite and on
# PostgreSQL (a throwaway local cluster, .ci/throwaway-postgres.sh), through the launcher as users
# run it (JVM start included). Goal: under 1 s on both (docs/history.md).
#
# The store: 10 entry points x 1,000 commits on one machine and interpreter (10 series of 1,000
# points), 10 runs per recording (100,000 run samples), 20 modules per recording (200,000 module
# rows); half the series step up by 15 ms at commit 600, so the change-point search has work.
# Rows are made by SQL (the schema itself comes from coldstart, which creates and migrates it).
# Timed interleaved, RUNS rounds of (--version, SQLite text, PostgreSQL text, SQLite JSON,
# PostgreSQL JSON), wall and CPU time (user + system) of each; --version is the reference for how
# loaded the machine was.
#
# BEFORE=DIR also times DIR's launcher (another checkout of coldstart, e.g. `git archive REV | tar
# -x -C DIR`) in the same rounds, next to this one's (which one first alternates by round), over
# the same stores: a before/after in one go, under the same load.
#
# usage: bench/history.sh        env: RUNS (default 7), JAVA_HOME, BEFORE
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-7}
before=${BEFORE:-}
./coldstart --version >/dev/null  # builds the jar and the AOT cache first if needed
if [ -n "$before" ]; then
  [ -x "$before/coldstart" ] || { echo "BEFORE=$before: no coldstart launcher there" >&2; exit 2; }
  "$before/coldstart" --version >/dev/null
fi
work="$(mktemp -d)"
source .ci/throwaway-postgres.sh
trap '"${pg_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate -w stop >/dev/null 2>&1 || true; rm -rf "$pg_dir" "$work"' EXIT

sqlite_store="$work/history.db"
pg_store="$PG_URL"
# The schema, from the tool itself: one recording, deleted below (reading never creates a SQLite
# store; reading an empty PostgreSQL database lays out the schema).
./coldstart record -c pass --runs 2 --store "$sqlite_store" >/dev/null
./coldstart history --store "$pg_store" >/dev/null

# entry k = i % 10, commit c = i / 10; the step: entries 0-4 from commit 600 on
step="CASE WHEN (i % 10) < 5 AND i / 10 >= 600 THEN 15 ELSE 0 END"
sqlite3 "$sqlite_store" >/dev/null <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
DELETE FROM loaded_module; DELETE FROM module_stat; DELETE FROM run_sample; DELETE FROM recording; DELETE FROM machine;
INSERT INTO machine VALUES ('bench0000001', 'Bench CPU, 4 cores, Linux 6.1.0 amd64', 'Bench CPU', 4, '6.1.0');
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 9999)
INSERT INTO recording (id, entry, interpreter, python_version, python_executable, machine_id, limits, commit_sha,
  branch, dirty, subject, commit_time, ordered_at, recorded_at, tool_version, verb, runs, median_ms, low_ms, high_ms,
  wall_median_ms, above_bare_ms)
SELECT i + 1, 'import pkg' || (i % 10), 'CPython', '3.11.7', '/usr/bin/python3', 'bench0000001', '',
  printf('%040x', i / 10), 'main', 0, 'commit ' || (i / 10), '2026-01-01T00:00:00Z', 1767225600000 + (i / 10) * 3600000,
  '2026-12-05T00:00:00Z', 'bench', 'record', 10, 50 + $step, 48 + $step, 53 + $step, 60 + $step, 40 + $step FROM n;
WITH RECURSIVE r(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM r WHERE k < 9)
INSERT INTO run_sample SELECT id, k, median_ms + 10, median_ms - 2.5 + (abs(random()) % 5000) / 1000.0, 12, 8 FROM recording, r;
WITH RECURSIVE r(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM r WHERE k < 19)
INSERT INTO module_stat SELECT id, 'pkg.mod' || k, 1.5, 1.2, 1.9, 2.5, 2.2, 2.9, 10 FROM recording, r;
COMMIT;
SQL
PGPASSWORD="$pg_pw" psql -q "postgresql://coldstart@127.0.0.1:$pg_port/postgres" -v ON_ERROR_STOP=1 <<SQL
BEGIN;
INSERT INTO machine VALUES ('bench0000001', 'Bench CPU, 4 cores, Linux 6.1.0 amd64', 'Bench CPU', 4, '6.1.0');
INSERT INTO recording (entry, interpreter, python_version, python_executable, machine_id, limits, commit_sha,
  branch, dirty, subject, commit_time, ordered_at, recorded_at, tool_version, verb, runs, median_ms, low_ms, high_ms,
  wall_median_ms, above_bare_ms)
SELECT 'import pkg' || (i % 10), 'CPython', '3.11.7', '/usr/bin/python3', 'bench0000001', '',
  lpad(to_hex(i / 10), 40, '0'), 'main', 0, 'commit ' || (i / 10), '2026-01-01T00:00:00Z', 1767225600000 + (i / 10) * 3600000::bigint,
  '2026-12-05T00:00:00Z', 'bench', 'record', 10, 50 + $step, 48 + $step, 53 + $step, 60 + $step, 40 + $step
FROM generate_series(0, 9999) AS i;
INSERT INTO run_sample SELECT id, k, median_ms + 10, median_ms - 2.5 + random() * 5, 12, 8 FROM recording, generate_series(0, 9) AS k;
INSERT INTO module_stat SELECT id, 'pkg.mod' || k, 1.5, 1.2, 1.9, 2.5, 2.2, 2.9, 10 FROM recording, generate_series(0, 19) AS k;
COMMIT;
ANALYZE;
SQL

count() { sqlite3 "$sqlite_store" "SELECT COUNT(*) FROM recording"; }
series=$(./coldstart history --store "$sqlite_store" --format json | grep -c '"entry"')
changes=$(./coldstart history --store "$sqlite_store" | grep -c ' at [0-9a-f]\{7\} (p')
pg_changes=$(./coldstart history --store "$pg_store" | grep -c ' at [0-9a-f]\{7\} (p')

# wall and CPU (user + system, coldstart's process tree) of one command, in ms: "WALL CPU". On a
# shared machine the wall time grows with the load; the CPU time much less.
ms() {
  /usr/bin/time -o "$work/time" -f '%e %U %S' "$@" >/dev/null 2>&1
  awk '{ printf "%d %d", $1 * 1000, ($2 + $3) * 1000 }' "$work/time"
}
sl_text=(); pg_text=(); sl_json=(); pg_json=(); version=()
b_sl_text=(); b_pg_text=(); b_sl_json=(); b_pg_json=(); b_version=()
# One command with this checkout's launcher (into array $1) and, with BEFORE, BEFORE's (into $2),
# which one first alternating by round.
both() {
  local -n mine=$1 theirs=$2
  shift 2
  if [ -z "$before" ]; then
    mine+=("$(ms ./coldstart "$@")")
  elif ((i % 2 == 0)); then
    mine+=("$(ms ./coldstart "$@")"); theirs+=("$(ms "$before/coldstart" "$@")")
  else
    theirs+=("$(ms "$before/coldstart" "$@")"); mine+=("$(ms ./coldstart "$@")")
  fi
}
for ((i = 0; i < runs; i++)); do
  both version b_version --version
  both sl_text b_sl_text history --store "$sqlite_store"
  both pg_text b_pg_text history --store "$pg_store"
  both sl_json b_sl_json history --store "$sqlite_store" --format json
  both pg_json b_pg_json history --store "$pg_store" --format json
done
wall() { for x in "$@"; do echo "${x%% *}"; done; }
cpu() { for x in "$@"; do echo "${x##* }"; done; }
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
span() { printf '%s to %s' "$(printf '%s\n' "$@" | sort -n | head -n1)" "$(printf '%s\n' "$@" | sort -n | tail -n1)"; }
range() { printf '%s-%s' "$(printf '%s\n' "$@" | sort -n | head -n1)" "$(printf '%s\n' "$@" | sort -n | tail -n1)"; }

echo "## History over 10,000 recordings"
echo
echo "\`bench/history.sh\` (RUNS=$runs): \`coldstart history\` through the launcher, JVM start included, over a store of"
echo "$(count) recordings ($series series of 1,000 commits, 10 runs and 20 modules each; half the series step up 15 ms at"
echo "commit 600: $changes change points found on SQLite, $pg_changes on PostgreSQL), the two stores timed interleaved."
[ -z "$before" ] || echo "Rows marked *before* are \`$before\`'s launcher, timed next to this checkout's in the same rounds."
echo "$(nproc) cores, load average at start $(cut -d' ' -f1 /proc/loadavg); PostgreSQL $PG_VERSION on localhost. Goal: under 1 s."
echo
echo "| command | wall: median (range) | CPU: median (range) |"
echo "|---|---|---|"
row() {
  local label=$1; shift
  local w c
  mapfile -t w < <(wall "$@"); mapfile -t c < <(cpu "$@")
  echo "| $label | $(med "${w[@]}") ms ($(range "${w[@]}")) | $(med "${c[@]}") ms ($(range "${c[@]}")) |"
}
row "\`coldstart --version\` (reference)" "${version[@]}"
row "history, SQLite, text" "${sl_text[@]}"
row "history, SQLite, json" "${sl_json[@]}"
row "history, PostgreSQL, text" "${pg_text[@]}"
row "history, PostgreSQL, json" "${pg_json[@]}"
if [ -n "$before" ]; then
  row "*before*: \`coldstart --version\`" "${b_version[@]}"
  row "*before*: history, SQLite, text" "${b_sl_text[@]}"
  row "*before*: history, SQLite, json" "${b_sl_json[@]}"
  row "*before*: history, PostgreSQL, text" "${b_pg_text[@]}"
  row "*before*: history, PostgreSQL, json" "${b_pg_json[@]}"
  echo
  echo "Per round, this checkout minus *before* (the two ran next to each other, so the load they met is alike):"
  echo
  echo "| command | wall: median (range) | CPU: median (range) | rounds faster (wall) |"
  echo "|---|---|---|---|"
  shift_row() {
    local label=$1
    local -n a=$2 b=$3
    local dw=() dc=() k faster=0
    for ((k = 0; k < ${#a[@]}; k++)); do
      dw+=($(( ${a[k]%% *} - ${b[k]%% *} ))); dc+=($(( ${a[k]##* } - ${b[k]##* } )))
      ((${dw[k]} < 0)) && faster=$((faster + 1))
    done
    echo "| $label | $(med "${dw[@]}") ms ($(span "${dw[@]}")) | $(med "${dc[@]}") ms ($(span "${dc[@]}")) | $faster of ${#a[@]} |"
  }
  shift_row "\`coldstart --version\`" version b_version
  shift_row "history, SQLite, text" sl_text b_sl_text
  shift_row "history, SQLite, json" sl_json b_sl_json
  shift_row "history, PostgreSQL, text" pg_text b_pg_text
  shift_row "history, PostgreSQL, json" pg_json b_pg_json
fi
