#!/usr/bin/env bash
# Live acquisition benchmark (issue 11). Three parts, each printed as a Markdown table:
#  1. every simulated dataset of ../shared/data/sim: the three-pass `stemz compress`, the same array piped raw into
#     the one-pass `stemz compress -`, and (unsigned-integer datasets) served by the Merlin simulator into
#     `stemz capture`; each one-pass archive is checked bit for bit against the source (`stemz verify --against`);
#  2. one-pass against three-pass on the same file (synthetic 256x256 12-bit Merlin frames), with zstd -3 as a peer;
#  3. the simulator at given frame rates into `stemz capture` running with -Xmx256m: frames sent, dropped by the
#     simulator (its buffer of 1 s overflowed because the capture did not keep up), lost (sent but not in the
#     archive; must be 0), the capture's rate, and the heap after each GC (first and second half of the run).
#
# usage: bench/stream-bench.sh [--quick]
#   FRAMES (20000) frames per rate, RATES ("600 800 1000 1500 0 0:1"; 0 = as fast as the capture reads; RATE:T
#   runs the capture with -T T),
#   FILE_FRAMES (5000) frames of the file of part 2, THREADS (all cores), OUT (bench/results/DATE-stream.md).
# The machine may be shared with other builds: uptime's load average is printed with the results.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$(dirname "$root")/shared"
if [[ "${1:-}" == "--quick" ]]; then
    FRAMES=${FRAMES:-3000}; RATES=${RATES:-"1000 0"}; FILE_FRAMES=${FILE_FRAMES:-1000}
fi
FRAMES=${FRAMES:-20000}
RATES=${RATES:-"600 800 1000 1500 0 0:1"}
FILE_FRAMES=${FILE_FRAMES:-5000}
THREADS=${THREADS:-$(nproc)}
OUT=${OUT:-$root/bench/results/$(date -u +%Y-%m-%d)-stream.md}
"$root/stemz" --version >/dev/null  # builds the jar if needed
jar="$root/tools/target/stemz.jar"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
stemz() { java ${JAVA_OPTS:-} -jar "$jar" "$@"; }
json() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print($1)"; }
now() { date +%s.%N; }
report() { echo "$@" | tee -a "$OUT"; }

: > "$OUT"
report "# stemz live acquisition benchmark, $(date -u '+%Y-%m-%d %H:%M UTC')"
report ""
report "Machine: $(nproc) cores $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem/{print $2}') GiB,"\
" $(java -version 2>&1 | head -1), $(. /etc/os-release && echo "$PRETTY_NAME"); load before the run:$(uptime | sed 's/.*load average//')."
report "The machine is shared with other agents' builds: figures vary from run to run."
report ""

# start_sim ARGS...: starts the simulator in the background on a free port; sets sim_pid and sim_port
start_sim() {
    rm -f "$work/sim.out"
    : > "$work/sim.out"  # before the background job opens it, so no earlier run's port is read
    stemz simulate-merlin "$@" --port 0 --json >> "$work/sim.out" 2>&1 &
    sim_pid=$!
    for _ in $(seq 200); do
        sim_port=$(sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/sim.out")
        [[ -n "$sim_port" ]] && return 0
        kill -0 "$sim_pid" 2>/dev/null || { cat "$work/sim.out" >&2; return 1; }
        sleep 0.05
    done
    return 1
}

# ---- 1. the simulated datasets
if compgen -G "$shared/data/sim/*/data.npz" >/dev/null; then
    report "## One pass on the simulated datasets"
    report ""
    report "| dataset | dtype | shape | three-pass bytes | compress - bytes | vs three-pass | capture bytes | vs three-pass | bit-exact |"
    report "|---|---|---|---:|---:|---:|---:|---:|---|"
    for npz in "$shared"/data/sim/*/data.npz; do
        name=$(basename "$(dirname "$npz")")
        stemz compress "$npz" -o "$work/three.stemz" -T "$THREADS" --json > "$work/three.json"
        three=$(json 'd["archive_bytes"]' < "$work/three.json")
        dtype=$(json 'd["dtype"]' < "$work/three.json")
        shape=$(json '",".join(map(str, d["shape"]))' < "$work/three.json")
        stemz decompress "$work/three.stemz" -o "$work/raw.raw" --quiet
        endian=$(stemz info "$work/three.stemz" --json | json 'd["byte_order"]')
        stemz compress - -o "$work/one.stemz" --shape "$shape" --dtype "$dtype" --endian "$endian" -T "$THREADS" --json \
            < "$work/raw.raw" > "$work/one.json"
        one=$(json 'd["archive_bytes"]' < "$work/one.json")
        exact="stdin $(stemz verify "$work/one.stemz" --against "$npz" >/dev/null 2>&1 && echo yes || echo NO)"
        cap="-"; capratio="-"
        if [[ "$dtype" == uint* ]]; then
            scan=$(python3 -c "s='$shape'.split(','); print(','.join(s[:-2]))")
            start_sim "$npz"
            stemz capture "merlin://127.0.0.1:$sim_port" -o "$work/cap.stemz" --scan "$scan" -T "$THREADS" --json \
                > "$work/cap.json"
            wait "$sim_pid"
            cap=$(json 'd["archive_bytes"]' < "$work/cap.json")
            capratio=$(python3 -c "print(f'{$cap/$three-1:+.2%}')")
            exact="$exact, capture $(stemz verify "$work/cap.stemz" --against "$npz" >/dev/null 2>&1 && echo yes || echo NO)"
        fi
        rm -f "$work"/*.stemz "$work/raw.raw"
        report "| $name | $dtype | $shape | $three | $one | $(python3 -c "print(f'{$one/$three-1:+.2%}')") | $cap | $capratio | $exact |"
    done
    report ""
fi

# ---- 2. one pass against three passes on one file
stemz simulate-merlin --synthetic 256 --frames "$FILE_FRAMES" --write "$work/syn.mib" --quiet
mb=$(python3 -c "print($(stat -c %s "$work/syn.mib")/1e6)")
report "## One pass against three passes: $FILE_FRAMES synthetic 256x256 12-bit Merlin frames (U16), $(printf %.0f "$mb") MB, -T $THREADS"
report ""
report "| run | seconds | MB/s | archive bytes | vs three-pass |"
report "|---|---:|---:|---:|---:|"
cat "$work/syn.mib" > /dev/null  # page cache
t0=$(now); stemz compress "$work/syn.mib" -o "$work/three.stemz" -T "$THREADS" --json > "$work/three.json"; t1=$(now)
three=$(json 'd["archive_bytes"]' < "$work/three.json")
tthree=$(python3 -c "print($t1-$t0)")
t0=$(now); stemz compress - -o "$work/one.stemz" -T "$THREADS" --json < "$work/syn.mib" > "$work/one.json"; t1=$(now)
one=$(json 'd["archive_bytes"]' < "$work/one.json")
tone=$(python3 -c "print($t1-$t0)")
report "$(python3 -c "print(f'| three-pass \`compress FILE.mib\` | {$tthree:.2f} | {$mb/$tthree:.1f} | $three | |')")"
report "$(python3 -c "print(f'| one-pass \`compress - < FILE.mib\` | {$tone:.2f} | {$mb/$tone:.1f} | $one | {$one/$three-1:+.2%} |')")"
if command -v zstd >/dev/null; then
    t0=$(now); zstd -q -3 -T"$THREADS" -f "$work/syn.mib" -o "$work/syn.zst"; t1=$(now)
    report "$(python3 -c "print(f'| zstd -3 -T$THREADS (peer) | {$t1-$t0:.2f} | {$mb/($t1-$t0):.1f} | $(stat -c %s "$work/syn.zst") | |')")"
fi
report "(times include JVM start, about 0.5 s; one-pass speed-up: $(python3 -c "print(f'{$tthree/$tone:.2f}x')"))"
report ""
rm -f "$work"/*.stemz "$work/syn.zst" "$work/syn.mib"

# ---- 3. rates
report "## Simulator at a frame rate into \`stemz capture\` (-Xmx256m): $FRAMES frames of 256x256 12-bit"
report ""
report "| rate (frames/s), capture threads | sent | dropped by the simulator | in archive | lost | max lag (frames) | capture frames/s | MB/s in | ratio | heap after GC, 1st / 2nd half (MB) |"
report "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
for item in $RATES; do
    rate=${item%%:*}
    threads=$THREADS
    [[ "$item" == *:* ]] && threads=${item#*:}
    label="${rate/#0/max}, -T $threads"
    start_sim --synthetic 256 --frames "$FRAMES" --rate "$rate"
    JAVA_OPTS="-Xmx256m -Xlog:gc:file=$work/gc.log" stemz capture "merlin://127.0.0.1:$sim_port" -o "$work/cap.stemz" \
        -T "$threads" --json > "$work/cap.json" 2> "$work/cap.err" || true
    wait "$sim_pid" || true
    sent=$(json 'd["sent"]' < "$work/sim.out" || echo "?")
    dropped=$(json 'd["dropped"]' < "$work/sim.out" || echo "?")
    lag=$(json 'd["max_lag_frames"]' < "$work/sim.out" || echo "?")
    if ! got=$(json 'd["frames"]' < "$work/cap.json" 2>/dev/null); then
        got="capture failed: $(grep -m1 -o 'OutOfMemoryError\|error: .*' "$work/cap.err" | head -c 120)"
        report "| $label | $sent | $dropped | $got | | $lag | | | | |"
        rm -f "$work/gc.log" "$work"/.cap.stemz.stemz-tmp-*
        continue
    fi
    fps=$(json 'round(d["frames_per_second"])' < "$work/cap.json")
    mbin=$(json 'round(d["mb_per_second_in"], 1)' < "$work/cap.json")
    ratio=$(json 'round(d["ratio"], 2)' < "$work/cap.json")
    heap=$(python3 - "$work/gc.log" <<'EOF'
import re, sys
after = [int(m.group(1)) for m in re.finditer(r"->(\d+)M\(", open(sys.argv[1]).read())]
h = len(after) // 2
print(f"{max(after[:h] or [0])} / {max(after[h:] or [0])} ({len(after)} GCs)" if after else "no GC")
EOF
)
    report "| $label | $sent | $dropped | $got | $((sent - got)) | $lag | $fps | $mbin | $ratio | $heap |"
    rm -f "$work/cap.stemz" "$work/gc.log" "$work"/.cap.stemz.stemz-tmp-*
done
report ""
start_sim --synthetic 256 --frames "$FRAMES"
stemz capture "merlin://127.0.0.1:$sim_port" --dry-run --json > "$work/dry.json"
wait "$sim_pid" || true
report "Receiving side alone (\`capture --dry-run\`: simulator at full speed, frames parsed and checked, nothing compressed):"\
" $(json 'round(d["frames_per_second"])' < "$work/dry.json") frames/s, $(json 'round(d["mb_per_second_in"])' < "$work/dry.json") MB/s."
report ""
report "load after the run:$(uptime | sed 's/.*load average//')"
echo "results in $OUT" >&2
