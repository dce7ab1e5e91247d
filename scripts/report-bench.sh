#!/usr/bin/env bash
# The HTML report of the ladder's rungs: size, the time to write it, and
# the time headless Chromium takes until the page is ready (the page's own
# data-ready-ms: navigation start to the end of its script, after load).
#
#   scripts/report-bench.sh [BIN] [RUNG...]    default: target/release/kraamplan L XL
#
# Each rung is planned once with the heuristic (--no-ladder), then rendered
# three times in a fresh browser profile; the median is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/release/kraamplan}
shift || true
rungs=("$@")
[ ${#rungs[@]} -gt 0 ] || rungs=(L XL)
chromium=${KRAAMPLAN_CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
[ -n "$chromium" ] || { echo "report-bench: no chromium (scripts/ensure-deps.sh --browser)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '| rung | nurses | families | report size | write s | ready in the browser (ms, median of 3) | wall s of chromium --dump-dom |\n|---|---|---|---|---|---|---|\n'
for rung in "${rungs[@]}"; do
  s=scenarios/ladder/$rung.json
  "$bin" solve "$s" --engine heuristic --no-ladder --out "$work/$rung" >/dev/null 2>&1 || true
  start=$(date +%s.%N)
  "$bin" report "$s" "$work/$rung/plan.json" --out "$work/$rung.html" >/dev/null 2>&1 || true
  write=$(awk "BEGIN{print $(date +%s.%N) - $start}")
  size=$(stat -c %s "$work/$rung.html")
  ms=(); walls=()
  for i in 1 2 3; do
    t0=$(date +%s.%N)
    dom=$("$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
      --disable-background-networking --disable-component-update --disable-sync \
      --user-data-dir="$work/profile-$rung-$i" --dump-dom "file://$work/$rung.html" 2>/dev/null)
    walls+=("$(awk "BEGIN{print $(date +%s.%N) - $t0}")")
    ms+=("$(grep -o 'data-ready-ms="[0-9]*"' <<<"$dom" | head -1 | tr -dc 0-9)")
  done
  med=$(printf '%s\n' "${ms[@]}" | sort -n | sed -n 2p)
  wall=$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 2p)
  nurses=$(python3 -c "import json,sys; s=json.load(open('$s')); print(len(s['nurses']), len(s['families']))")
  printf '| %s | %s | %s | %.2f MB | %.2f | %s | %.2f |\n' "$rung" ${nurses% *} ${nurses#* } \
    "$(awk "BEGIN{print $size / 1000000}")" "$write" "$med" "$wall"
done
