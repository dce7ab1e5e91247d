#!/usr/bin/env bash
# The what-if figures of BENCHMARKS.md (issue 6) on this machine:
#   scripts/whatif-bench.sh [OUT]   (about 50 minutes on 2 cores)
# 1. the 200-variant sweep of the default scenario on 2 jobs;
# 2. the speed-up from 1 to 2 jobs on a fifth of it (shard 1/5, 40 variants);
# 3. a 1,000-run forecast at fast fidelity on 2 jobs;
# 4. fast against full fidelity (60 s a run) on the first 50 runs.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
k=target/release/kraamplan
out=${1:-out-bench-whatif}
mkdir -p "$out"
grid=scenarios/sweeps/summer.toml
base=scenarios/default.json
timed() { # name, command…: wall seconds into $out/NAME.seconds, stdout into $out/NAME.txt
  local name=$1; shift
  local t0; t0=$(date +%s%N)
  "$@" --quiet > "$out/$name.txt" 2> "$out/$name.stderr" || true
  local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  printf '%d.%03d\n' $((ms / 1000)) $((ms % 1000)) > "$out/$name.seconds"
  echo "$name: $(cat "$out/$name.seconds") s"; cat "$out/$name.txt"
}
timed sweep-200-j2 $k sweep $base --grid $grid --out "$out/sweep" --jobs 2
timed sweep-40-j1 $k sweep $base --grid $grid --out "$out/sweep-j1" --jobs 1 --shard 1/5
timed sweep-40-j2 $k sweep $base --grid $grid --out "$out/sweep-j2" --jobs 2 --shard 1/5
timed forecast-1000-fast $k forecast $base --runs 1000 --out "$out/forecast" --jobs 2
timed agreement-50 $k forecast $base --runs 50 --agreement 50 --time-limit 60 --out "$out/agreement" --jobs 2
