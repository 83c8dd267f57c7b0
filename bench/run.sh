#!/usr/bin/env bash
# Runs the benchmarks: the store and login micro-benchmarks, then wrk against a real
# `fanzha serve` on 127.0.0.1 (demo county, signed-in admin, keep-alive, 10 s each).
# Results go to stdout; copy them into docs/benchmarks.md with the machine's details.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${FANZHA_BIN:-build/fanzha}
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
WRK_THREADS=${WRK_THREADS:-1}
SERVER_THREADS=${SERVER_THREADS:-2}

echo "== machine"
nproc; grep -m1 'model name' /proc/cpuinfo || true; free -g | head -2

echo "== store: subtree and is-under on a 100k-unit tree"
build/bench/bench_org --benchmark_min_time=1

echo "== login cost"
build/bench/bench_login

echo "== HTTP: GET of tree pages under wrk"
tmp=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$tmp"' EXIT
$BIN demo --db "$tmp/bench.db" > "$tmp/accounts.tsv" 2>/dev/null
password=$(awk -F'\t' '$2=="admin"{print $3}' "$tmp/accounts.tsv")
$BIN serve --db "$tmp/bench.db" --listen 127.0.0.1:0 --threads "$SERVER_THREADS" --log-level warn \
  > "$tmp/serve.out" 2> "$tmp/serve.err" &
server=$!
for _ in $(seq 100); do
  grep -q 'listening on' "$tmp/serve.out" 2>/dev/null && break
  sleep 0.1
done
base=$(grep -o 'http://127.0.0.1:[0-9]*' "$tmp/serve.out")
cookie=$(curl -s -i -H 'Content-Type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$base/api/auth/login" |
  grep -i '^set-cookie:' | sed 's/^[^:]*: //; s/;.*//' | tr -d '\r')
township=$(sqlite3 "$tmp/bench.db" "select id from org_unit where code='349901100'")
for page in "/api/org/units/1/children" "/api/org/units/$township/children" "/api/org/units/$township"; do
  echo "-- GET $page (server threads: $SERVER_THREADS, wrk: $WRK_THREADS threads, $CONNECTIONS connections, $DURATION)"
  curl -s -o /dev/null -w 'status %{http_code}, %{size_download} bytes\n' -H "Cookie: $cookie" "$base$page"
  wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "Cookie: $cookie" "$base$page"
done
