#!/bin/bash
# The simulation benchmark of BENCHMARKS.md: 28 nights of the default
# scenario, 20 runs per policy (stable and scratch), on all cores, at fast
# fidelity (auto, 2 s a night; about 26 minutes on 2 cores). ENGINES="auto
# heuristic" adds the deterministic heuristic. Prints each run's summary, its
# wall time and peak memory.
#
#   [ENGINES="auto heuristic"] scripts/simulate-bench.sh [BIN] [OUTDIR]
set -euo pipefail
B=${1:-target/release/kraamplan}
OUT=${2:-$(mktemp -d)}
for engine in ${ENGINES:-auto}; do
  echo "== engine $engine"
  /usr/bin/time -f "wall %e s, peak %M KiB" \
    "$B" simulate scenarios/default.json --nights 28 --runs 20 --policy stable,scratch \
    --engine "$engine" --out "$OUT/$engine" --quiet 2>&1 | grep -v '^warning'
done
