#!/usr/bin/env bash
# One night of the planner's cycle: roll the day before DATE to DATE, then replan.
#
#   scripts/night.sh DIR DATE [replan options, e.g. --notice 2 --engine auto]
#
# DIR holds scenarios/D.json and plans/D/plan.json of the day before DATE
# (D = DATE − 1), and optionally events/DATE.json and locks.json. Writes
# scenarios/DATE.json and plans/DATE/ (plan.json, changes.csv, calls.csv …).
# Exits with the first non-zero exit code (see the README): 2 bad input, 3 a
# failure that is not the input's; 1 from replan means the plan is written
# but a family is below the floor or the checker found a violation.
set -uo pipefail
dir=$1 date=$2; shift 2
k=${KRAAMPLAN:-kraamplan}
before=$(date -d "$date - 1 day" +%F) || exit 2
events=(); [ -f "$dir/events/$date.json" ] && events=(--events "$dir/events/$date.json")
locks=(); [ -f "$dir/locks.json" ] && locks=(--locks "$dir/locks.json")
"$k" roll "$dir/scenarios/$before.json" "$dir/plans/$before/plan.json" --to "$date" \
  "${events[@]}" --out "$dir/scenarios/$date.json" || exit $?
"$k" replan "$dir/scenarios/$date.json" --previous "$dir/plans/$before/plan.json" \
  "${locks[@]}" --out "$dir/plans/$date" --check "$@"
