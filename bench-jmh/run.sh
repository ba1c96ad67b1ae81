#!/usr/bin/env bash
# Builds target/benchmarks.jar and runs the JMH benchmarks, then writes results/<date>-<label>.json (JMH's own
# JSON) and results/<date>-<label>.md (Mpx/s tables, summarize.py).
# Usage: bench-jmh/run.sh [quick|full] [more JMH arguments, e.g. -p dataset=srtio3_merlin CodecBenchmark.decode]
# Environment: STEMZ_DATA (default ../shared/data from the repository root), LABEL (default: the mode),
# OTHERS (what else ran on the machine, for the summary; e.g. OTHERS=none on a quiet machine).
set -euo pipefail
mode=${1:-quick}
shift $(( $# > 0 ? 1 : 0 ))
case "$mode" in
    # One fork at a time (2 cores). A whole-dataset operation takes 0.01-1 s here: quick checks that all runs,
    # full gives the large datasets several operations per iteration and a second fork for the spread.
    quick) timing=(-f 1 -wi 2 -w 1s -i 3 -r 1s) ;;
    full) timing=(-f 2 -wi 4 -w 2s -i 5 -r 2s) ;;
    *) echo "usage: $0 [quick|full] [JMH arguments]" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
export STEMZ_DATA=${STEMZ_DATA:-$(cd "$root/../shared/data" && pwd)}
label=${LABEL:-$mode}
base="$here/results/$(date -u +%F)-$label"
mkdir -p "$here/results"

(cd "$root" && mvn -B -q -ntp package -pl bench-jmh -am -DskipTests)
commit=$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- . || echo "+uncommitted changes")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
java -jar "$here/target/benchmarks.jar" "${timing[@]}" -rf json -rff "$base.json" "$@"
load_after=$(cut -d' ' -f1-3 /proc/loadavg)
python3 "$here/summarize.py" "$base.json" --mode "$mode" ${OTHERS:+--others "$OTHERS"} \
    --note "commit $commit; load average (1, 5, 15 min) before the run: $load_before; after: $load_after" > "$base.md"
echo "wrote $base.json and $base.md"
