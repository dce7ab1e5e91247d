#!/usr/bin/env bash
# Compare the plans of two kraamplan binaries on every bundled scenario, for a
# refactor that must not change behaviour.
#
#   scripts/same-plans.sh OLD_BINARY NEW_BINARY [heuristic|milp]
#
# heuristic (default): `solve --engine heuristic` with and without the ladder;
# plan.json must be byte-identical once the wall-clock fields
# (`seconds`, `first_plan_seconds`) are zeroed.
# milp: `solve --engine milp` (one thread, 60 s) on the colour scenarios; the
# plan's figures (status, every level's status and value, kpi, weekly colour
# codes) must be equal.
set -euo pipefail
old=$1 new=$2 mode=${3:-heuristic}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

normalise() { # plan.json -> stdout, wall-clock fields zeroed
  python3 - "$1" "$2" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
def zero(o):
    if isinstance(o, dict):
        return {k: (0 if k in ("seconds", "first_plan_seconds") else zero(v)) for k, v in o.items()}
    if isinstance(o, list):
        return [zero(v) for v in o]
    return o
plan = zero(plan)
if sys.argv[2] == "milp":
    # The figures, not the visits: with a time limit, HiGHS may return
    # another plan of the same levels from one run to the next.
    e = plan["engine"]
    plan = {
        "status": e["status"],
        "levels": [(l["level"], l["name"], l["status"], round(l["value"], 6)) for l in e["levels"]],
        "kpi": plan["kpi"],
        "weeks": plan.get("weeks"),
    }
json.dump(plan, sys.stdout, indent=1, sort_keys=True)
PY
}

run() { # binary scenario flags... -> normalised plan on stdout
  local bin=$1 scen=$2; shift 2
  local out="$work/out.$$.$RANDOM"
  "$bin" solve "$scen" --out "$out" "$@" >/dev/null 2>&1 || true
  normalise "$out/plan.json" "$mode"
}

fail=0
if [ "$mode" = heuristic ]; then
  scenarios=$(cd "$root" && find scenarios -name '*.json' | sort)
  flagsets=("--engine heuristic" "--engine heuristic --no-ladder")
else
  scenarios=$(cd "$root" && find scenarios/colours -name '*.json' | sort)
  flagsets=("--engine milp --threads 1 --time-limit 60")
fi
for s in $scenarios; do
  for flags in "${flagsets[@]}"; do
    # shellcheck disable=SC2086
    a=$(run "$old" "$root/$s" $flags | sha256sum | cut -c1-16)
    # shellcheck disable=SC2086
    b=$(run "$new" "$root/$s" $flags | sha256sum | cut -c1-16)
    if [ "$a" = "$b" ]; then verdict=same; else verdict=DIFFERENT; fail=1; fi
    printf '%-28s %-34s %s %s %s\n' "$s" "$flags" "$a" "$b" "$verdict"
  done
done
exit $fail
