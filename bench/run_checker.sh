#!/usr/bin/env bash
# Benchmarks of issue 5: the scam-message checker's quality on the held-out split of
# checker/corpus (and on the dev split with a model trained without it), its batch
# throughput per core beside a std::regex baseline, POST /api/check under wrk on
# 127.0.0.1, and at a fixed 1,000 req/s under hey (the issue's latency target). Needs
# `make build` and the bench targets.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${FANZHA_BIN:-build/fanzha}
RULES=checker/rules.yaml
MODEL=build/checker_model.bin
work=$(mktemp -d)
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT

echo "== machine"
nproc; grep -m1 'model name' /proc/cpuinfo || true

echo "== quality, held-out split (rules + model, then rules only)"
build/bench/checker_quality $RULES checker/corpus --model $MODEL --split heldout
build/bench/checker_quality $RULES checker/corpus --split heldout | head -6

echo "== quality, dev split (model trained without dev: the split thresholds are tuned on)"
build/src/train_checker_model $RULES checker/corpus "$work/dev.bin" --without-dev
build/bench/checker_quality $RULES checker/corpus --model "$work/dev.bin" --split dev | head -6

echo "== throughput, one thread"
build/bench/bench_checker $RULES checker/corpus $MODEL --seconds 5

echo "== POST /api/check under wrk (rate limit off for the load generator's one address)"
$BIN demo --db "$work/county.db" >/dev/null 2>&1
$BIN serve --db "$work/county.db" --listen 127.0.0.1:0 --threads 2 --check-per-minute 0 \
  --log-level warn > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 100); do
  grep -q "listening on" "$work/serve.log" && break
  sleep 0.2
done
url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/serve.log")
for connections in 1 4 16; do
  echo "-- $connections connections"
  wrk -t1 -c$connections -d10s --latency -s bench/post_check.lua "$url" |
    grep -E "Requests/sec|Latency|50%|99%"
done

echo "== POST /api/check at a fixed 1,000 req/s (hey: 10 workers x 100 req/s, 20 s)"
printf '%s' '{"text":"您好，我是市公安局刑侦大队的王警官，您的身份证涉嫌一起洗钱案件，请立即把资金转到安全账户配合调查，不要告诉任何人。"}' > "$work/body.json"
hey -z 20s -c 10 -q 100 -m POST -T application/json -D "$work/body.json" "$url/api/check" |
  grep -E "Requests/sec|50% in|99% in|Slowest|\[[0-9]{3}\]"
