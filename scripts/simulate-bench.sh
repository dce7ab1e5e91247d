#!/bin/bash
# The simulation benchmark of BENCHMARKS.md: 28 nights of the default
# scenario, 20 runs per policy (stable and scratch), on all cores, at fast
# fidelity (auto, 2 s a night) and with the heuristic engine. Prints each
# run's summary and its wall time and peak memory.
#
#   scripts/simulate-bench.sh [BIN] [OUTDIR]
set -euo pipefail
B=${1:-target/release/kraamplan}
OUT=${2:-$(mktemp -d)}
for engine in auto heuristic; do
  echo "== engine $engine"
  /usr/bin/time -f "wall %e s, peak %M KiB" \
    "$B" simulate scenarios/default.json --nights 28 --runs 20 --policy stable,scratch \
    --engine "$engine" --out "$OUT/$engine" --quiet 2>&1 | grep -v '^warning'
done
