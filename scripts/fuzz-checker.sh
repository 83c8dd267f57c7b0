#!/usr/bin/env bash
# Fuzzes the scam-message checker (normalisation + matching + JSON) with libFuzzer for
# a bounded time: `scripts/fuzz-checker.sh 60` (make test), longer with `make fuzz`.
# Seeds are the first lines of every corpus file; new inputs go to build-fuzz/corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
jobs=${JOBS:-$(nproc)}
CC=clang CXX=clang++ cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DFANZHA_FUZZ=ON -DFANZHA_BENCH=OFF -DCMAKE_UNITY_BUILD=ON -DCMAKE_UNITY_BUILD_BATCH_SIZE=8 >/dev/null
ninja -C build-fuzz -j "$jobs" checker_fuzz
seeds=build-fuzz/seeds
mkdir -p "$seeds" build-fuzz/corpus
n=0
for f in checker/corpus/*/*.txt; do
  while IFS= read -r line; do
    n=$((n + 1))
    printf '%s' "$line" > "$seeds/$(basename "$f" .txt)-$n"
  done < <(head -n 3 "$f")
done
echo "fuzz-checker: ${seconds}s on $n seeds"
build-fuzz/tests/checker_fuzz -max_total_time="$seconds" -max_len=4096 -rss_limit_mb=4096 \
  -print_final_stats=1 build-fuzz/corpus "$seeds" 2>&1 | tail -n 12
