#!/bin/bash
# Wall time of `kraamplan solve` (with the escalation ladder) against its
# --time-limit, on the default scenario and every ladder rung, at 10 and 60 s.
# Prints one line per run: limit, wall seconds, families below the floor
# (certified), shortfall, pool short, engine, and each week's colour and proof.
#
#   scripts/time-limits.sh [BIN] [OUTDIR]
set -euo pipefail
B=${1:-target/release/kraamplan}
OUT=${2:-$(mktemp -d)}
for t in 10 60; do
  for f in scenarios/default.json scenarios/ladder/{S,M,L,XL,scarce-S,scarce-M,scarce-L,scarce-XL}.json; do
    n=$(basename "$f" .json)
    s=$(date +%s.%N)
    "$B" solve "$f" --time-limit "$t" --out "$OUT/$n-$t" >/dev/null 2>&1 || true
    e=$(date +%s.%N)
    python3 - "$n" "$t" "$s" "$e" "$OUT/$n-$t/plan.json" <<'PY'
import json, sys
n, t, s, e, f = sys.argv[1:]
p = json.load(open(f)); k = p['kpi']
w = [(x['region'], 'proven' if x.get('proven') else 'not proven') for x in p.get('weeks', [])]
print(f"{n:10} limit {t:>3} wall {float(e) - float(s):6.2f} below {k['families_below_floor']:3} "
      f"cert {k['certified_min_below_floor']:3} short {k['shortfall_hours']:4} pool {k['pool_shortfall']:4} "
      f"{p['engine']['name']} {w}", flush=True)
PY
  done
done
