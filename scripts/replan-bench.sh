#!/usr/bin/env bash
# The re-planning figures of BENCHMARKS.md (issue 13) on this machine:
#   scripts/replan-bench.sh [OUT]   (about 17 minutes on 2 cores)
# For the default scenario, the ladder's M and L rungs: the previous plan
# (`solve --no-ladder`), one night's events (two nurses sick for two days,
# births from the bookings or, without bookings, two unbooked births, an
# early discharge), `roll` to the next day, then `replan --notice 2`,
# `replan` with every day told (--notice = the horizon), and a from-scratch
# plan of the same night (`replan --from-scratch`: the same engine and time
# limit, its changes counted against the previous plan), each checked with
# the previous plan (`check --previous`). Prints one
# markdown row per scenario and plan.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
k=target/release/kraamplan
out=${1:-out-bench-replan}
mkdir -p "$out"

# Scenario, time limit in seconds (the targets are 60 s for M, 120 s for L
# in all: the limit leaves room for reading, the heuristic and writing).
runs=("scenarios/default.json 55" "scenarios/ladder/M.json 55" "scenarios/ladder/L.json 115")

echo "| scenario | plan (engine, status) | s | first plan s | below floor (certified) | notice changes (notices) | draft changes | nurses + families to call | check |"
echo "|---|---|---|---|---|---|---|---|---|"
for run in "${runs[@]}"; do
  read -r sc limit <<<"$run"
  name=$(basename "$sc" .json)
  dir="$out/$name"
  mkdir -p "$dir"
  $k solve "$sc" --no-ladder --time-limit "$limit" --out "$dir/previous" > "$dir/previous.txt" 2>/dev/null || true
  # The night's events, drawn from the scenario and the previous plan.
  python3 - "$sc" "$dir/previous/plan.json" "$dir/events.json" <<'PY'
import json, sys, datetime as dt
s = json.load(open(sys.argv[1])); plan = json.load(open(sys.argv[2]))
start = dt.date.fromisoformat(s["start"]); to = start + dt.timedelta(days=1)
end = to + dt.timedelta(days=s["days"] - 1)
day = lambda d: d.isoformat()
working = sorted({v["nurse"] for v in plan["visits"] if v["date"] == day(to)})
events = [{"kind": "sick", "nurse": n, "from": day(to), "to": day(to + dt.timedelta(days=1))}
          for n in working[:2]]
soon = [f for f in s["families"] if "due" in f
        and to <= dt.date.fromisoformat(f["care_start"]) <= to + dt.timedelta(days=2)]
for f in soon[:3]:
    events.append({"kind": "birth", "family": f["id"], "date": f["care_start"]})
if not soon:
    for i, f in enumerate(s["families"][:2]):
        new = {k: f[k] for k in ("provider", "home", "indicated_hours")}
        new.update({"id": f"F-NEW-{i + 1}", "care_start": day(to + dt.timedelta(days=1)), "care_days": 8})
        events.append({"kind": "birth", "new_family": new})
home = lambda f: [h for h in f.get("hospital", []) if day(to) < h <= day(end)]
for f in s["families"]:
    if home(f) and "due" not in f:
        events.append({"kind": "discharge", "family": f["id"], "date": home(f)[0]})
        break
json.dump({"format": "kraamplan/events@1", "events": events}, open(sys.argv[3], "w"), indent=1)
print(f"{sys.argv[1]}: {len(events)} events", file=sys.stderr)
PY
  to=$(python3 -c "import json,datetime as d;s=json.load(open('$sc'));print(d.date.fromisoformat(s['start'])+d.timedelta(days=1))")
  $k roll "$sc" "$dir/previous/plan.json" --to "$to" --events "$dir/events.json" --out "$dir/next.json" > /dev/null 2>&1
  days=$(python3 -c "import json;print(json.load(open('$sc'))['days'])")
  for mode in replan told scratch; do
    case $mode in
      replan) flag=(--notice 2) ;;
      told) flag=(--notice "$days") ;;
      scratch) flag=(--from-scratch) ;;
    esac
    t0=$(date +%s%N)
    $k replan "$dir/next.json" --previous "$dir/previous/plan.json" --out "$dir/$mode" \
      --time-limit "$limit" "${flag[@]}" > "$dir/$mode.txt" 2>/dev/null || true
    ms=$(( ($(date +%s%N) - t0) / 1000000 ))
    $k check "$dir/next.json" "$dir/$mode/plan.json" --previous "$dir/previous/plan.json" > "$dir/$mode.check" 2>/dev/null \
      && verdict=clean || verdict="$(head -1 "$dir/$mode.check")"
    python3 - "$dir/$mode/plan.json" "$name" "$mode" "$ms" "$verdict" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); r = p["replan"]["summary"]; k = p["kpi"]
ms = int(sys.argv[4]); engine = f'{p["engine"]["name"]} {p["engine"]["status"]}'
first = p["engine"].get("first_plan_seconds") or 0
label = {"replan": "replan --notice 2", "told": "replan, every day told", "scratch": "from scratch"}[sys.argv[3]]
print(f'| {sys.argv[2]} | {label} ({engine}) | {ms / 1000:.1f} | {first:.1f} '
      f'| {k["families_below_floor"]} ({k["certified_min_below_floor"]}) '
      f'| {r["notice_changes"]} ({r["notice_notices"]}) | {r["draft_changes"]} '
      f'| {r["nurses_to_call"]} + {r["families_to_call"]} | {sys.argv[5]} |')
PY
  done
done
