#!/usr/bin/env bash
# Benchmarks of issue 4 on a county of about a million people (`fanzha demo
# --households 300000`): the app index, the weekly ranking warm against a SQL recount,
# and drawing a 1% stratified spot-check sample. Needs `make build` (and bench_app).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${FANZHA_BIN:-build/fanzha}
HOUSEHOLDS=${HOUSEHOLDS:-300000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== machine"
nproc; grep -m1 'model name' /proc/cpuinfo || true; free -g | head -2

echo "== demo county: $HOUSEHOLDS households"
start=$(date +%s.%N)
$BIN demo --db "$work/county.db" --households "$HOUSEHOLDS" 2>&1 >/dev/null | tail -1
printf "demo built in %.0f s\n" "$(echo "$(date +%s.%N) - $start" | bc)"
sqlite3 "$work/county.db" "select 'app observations: ' || count(*) from app_fact;"

echo "== app figures, ranking and sampling"
build/bench/bench_app "$work/county.db"
