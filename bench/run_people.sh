#!/usr/bin/env bash
# Benchmarks of issue 3 on a county of about a million people:
#   1. importing a 1M-row roster CSV (fanzha import people) beside sqlite3's .import of
#      the same file into a plain table;
#   2. coverage of the county and its townships (counters) beside a GROUP BY recount,
#      cold (OS page cache dropped; needs root) and warm;
#   3. visits recorded over the API (durable, group-committed), under wrk.
# Needs `make build` (and bench_coverage); takes a few minutes and ~3 GB of disk.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${FANZHA_BIN:-build/fanzha}
HOUSEHOLDS=${HOUSEHOLDS:-300000}
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
server=""

echo "== machine"
nproc; grep -m1 'model name' /proc/cpuinfo || true; free -g | head -2; df -h "$work" | tail -1

echo "== 1. roster import: $HOUSEHOLDS households"
$BIN demo --db "$work/import.db" --households "$HOUSEHOLDS" --roster-csv "$work/roster.csv" > /dev/null 2>&1
echo "rows: $(($(wc -l < "$work/roster.csv") - 1)), file: $(du -h "$work/roster.csv" | cut -f1)"
start=$(date +%s.%N)
$BIN import people --db "$work/import.db" --into 349901 "$work/roster.csv" 2>/dev/null | tail -1
fanzha_s=$(echo "$(date +%s.%N) - $start" | bc)
start=$(date +%s.%N)
sqlite3 "$work/plain.db" \
  "CREATE TABLE roster(name, id_number, phone, sex, household, relation, unit, address, tags, link_unit, link_role);" \
  ".mode csv" ".import --skip 1 $work/roster.csv roster"
sqlite_s=$(echo "$(date +%s.%N) - $start" | bc)
printf "fanzha import people: %.1f s   sqlite3 .import: %.1f s   ratio %.1fx\n" "$fanzha_s" "$sqlite_s" \
  "$(echo "$fanzha_s / $sqlite_s" | bc -l)"

echo "== 2. coverage on the demo county with people and visits"
$BIN demo --db "$work/county.db" --households "$HOUSEHOLDS" 2>&1 >/dev/null | tail -1
build/bench/bench_coverage "$work/county.db" --cold || true
build/bench/bench_coverage "$work/county.db"

echo "== 3. visits over the API (wrk -t2 -c32 -d10s)"
cp "$work/county.db" "$work/visits.db"; cp "$work/county.db.key" "$work/visits.db.key"
new_password="Bench-visits-2026"
printf '%s\n' "$new_password" | $BIN user reset-password --db "$work/visits.db" --username admin --password-stdin > /dev/null
$BIN serve --db "$work/visits.db" --listen 127.0.0.1:0 --log-level warn > "$work/serve.out" 2> "$work/serve.err" &
server=$!
for _ in $(seq 100); do grep -q 'listening on' "$work/serve.out" 2>/dev/null && break; sleep 0.1; done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.out")
login=$(curl -s -i -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$new_password\"}" "$base/api/auth/login")
cookie=$(echo "$login" | grep -i '^set-cookie:' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
csrf=$(echo "$login" | tail -1 | sed 's/.*"csrf_token":"\([0-9a-f]*\)".*/\1/')
# A reset password must be changed before anything else.
curl -s -o /dev/null -H "Cookie: $cookie" -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
  -d "{\"current_password\":\"$new_password\",\"new_password\":\"Bench-visits-2027\"}" "$base/api/me/password"
before=$(sqlite3 "$work/visits.db" "select count(*) from visit")
wrk -t2 -c32 -d10s --latency -s bench/post_visit.lua "$base" -- "$cookie" "$csrf" 1 1 "$HOUSEHOLDS"
kill $server; wait $server 2>/dev/null || true; server=""
after=$(sqlite3 "$work/visits.db" "select count(*) from visit")
echo "visits written and durable: $((after - before))"
