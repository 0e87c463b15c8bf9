#!/usr/bin/env bash
# Whole-process comparisons for docs/performance.md, side by side in one run:
#
#   1. `bulletin build 74` against the Typst CLI compiling the output of
#      `bulletin eject 74` (same layout, data and fonts): wall time and peak
#      memory;
#   2. `bulletin build --all` on 100 issues generated from issue 74 against
#      building them one process at a time;
#   3. watch's rebuild after one paragraph changed against a cold build,
#      both timed inside the process (--timings); with --watch also the
#      criterion benchmark's, in one warm process.
#
# Usage: bench/compare.sh [--runs N] [--issues N] [--watch] [--smoke]
#   --runs N       runs of each one-issue command (default 30, in 15 rounds
#                  that alternate between the two, so that a machine getting
#                  slower or faster meanwhile affects both alike)
#   --issues N     generated issues for build --all (default 100)
#   --watch        also the criterion benchmark's rebuild (cargo bench;
#                  needs python3)
#   BULLETIN=path  the bulletin binary (default: target/release/bulletin,
#                  built first with `cargo build --release --locked`)
#   TYPST=path     the Typst CLI 0.15.1 (default: `typst` on the PATH; empty:
#                  none, bulletin alone)
# --smoke runs every command once, without timing, so that CI notices when
# the script no longer works; it needs neither hyperfine nor the Typst CLI.
# Written for GNU/Linux (GNU date and time, /proc).
set -euo pipefail
# $EPOCHREALTIME and awk read numbers with a decimal point.
export LC_ALL=C

cd "$(dirname "$0")/.."
repo=$PWD
. bench/wait-wrote.sh

runs=30
rounds=15
issues=100
smoke=false
watch=false
while [ $# -gt 0 ]; do
    case $1 in
        --runs) runs=$2; shift 2 ;;
        --issues) issues=$2; shift 2 ;;
        --watch) watch=true; shift ;;
        --smoke) smoke=true; runs=1; issues=4; shift ;;
        -h|--help) sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
        *) echo "unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

# The release build of this checkout (quick when it is up to date; about
# ten minutes the first time), unless a binary is named.
if [ -z "${BULLETIN:-}" ]; then
    cargo build --release --locked --quiet
fi
bulletin=${BULLETIN:-$repo/target/release/bulletin}
typst=${TYPST-$(command -v typst || true)}

if ! $smoke; then
    if ! command -v hyperfine > /dev/null; then
        echo "hyperfine is missing: install it (Debian: apt-get install hyperfine)" >&2
        exit 1
    fi
    if ! /usr/bin/time -f '%M' true > /dev/null 2>&1; then
        echo "GNU time is missing, for peak memory: install it (Debian: apt-get install time)" >&2
        exit 1
    fi
fi

work=$(mktemp -d)
watcher=
trap '[ -z "$watcher" ] || kill "$watcher" 2> /dev/null; rm -rf "$work"' EXIT
# Runs a command with its messages kept, and shows them if it fails.
run() {
    if ! "$@" > "$work/run.out" 2>&1; then
        echo "failed: $*" >&2
        cat "$work/run.out" >&2
        exit 1
    fi
}
# A command as one string for hyperfine, each word quoted.
quoted() { printf '%q ' "$@"; }

# The median hyperfine measured for the command on line $1 (2: the first)
# of its CSV exports $2…, in seconds, one line per file.
csv_median() { local line=$1; shift; awk -F, -v line="$line" 'FNR == line { print $4 }' "$@"; }
# The middle of the numbers on stdin.
middle_of() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
ms() { awk -v s="$1" 'BEGIN { printf "%.1f ms", s * 1000 }'; }
# Median peak resident memory (MiB) of a command over $runs runs.
peak_mib() {
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%M' "$@" 2>&1 > /dev/null | tail -n 1
    done | sort -n | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1024 }'
}

echo "machine: $(nproc) cores, $(awk '/model name/ { sub(/.*: /, ""); print; exit }' /proc/cpuinfo)"
echo "bulletin: $bulletin ($("$bulletin" --version))"

# 1. One issue against the Typst CLI.
run "$bulletin" -C "$repo" eject 74 "$work/eject"
build_74=("$bulletin" -C "$repo" build 74 -o "$work/bulletin-74.pdf")
typst_74=()
if [ -n "$typst" ]; then
    version=$("$typst" --version)
    case $version in
        "typst 0.15.1"*) ;;
        *) echo "warning: $typst is $version, not 0.15.1: the comparison is not like for like" >&2 ;;
    esac
    typst_74=("$typst" compile --font-path "$work/eject/fonts" --ignore-system-fonts
        "$work/eject/main.typ" "$work/typst-74.pdf")
else
    echo "the Typst CLI is missing: install the same version with" >&2
    echo "  cargo install typst-cli --version 0.15.1 --locked   (about 10 minutes)" >&2
    echo "or name it with TYPST=path; comparing bulletin with itself only" >&2
fi

if $smoke; then
    run "${build_74[@]}"
    [ ${#typst_74[@]} -eq 0 ] || run "${typst_74[@]}"
    echo "smoke: build 74 and eject 74 ran"
else
    echo
    echo "== one issue, cold process: bulletin build 74 vs the Typst CLI on bulletin eject 74 =="
    commands=("$(quoted "${build_74[@]}")")
    [ ${#typst_74[@]} -eq 0 ] || commands+=("$(quoted "${typst_74[@]}")")
    per_round=$(( (runs + rounds - 1) / rounds ))
    for round in $(seq "$rounds"); do
        hyperfine -N --style none -w 2 -r "$per_round" --export-csv "$work/one-$round.csv" \
            "${commands[@]}"
        echo "round $round: medians $(awk -F, 'NR > 1 { printf "%.1f ms  ", $4 * 1000 }' "$work/one-$round.csv")"
    done
    # The median of the rounds' medians, per command (line 2: bulletin,
    # line 3: typst).
    middle() { csv_median "$1" "$work"/one-*.csv | middle_of; }
    bulletin_s=$(middle 2)
    echo "bulletin build 74: median $(ms "$bulletin_s"), peak memory $(peak_mib "${build_74[@]}") MiB (target ≤ 80 MiB)"
    if [ ${#typst_74[@]} -gt 0 ]; then
        typst_s=$(middle 3)
        echo "typst compile:     median $(ms "$typst_s"), peak memory $(peak_mib "${typst_74[@]}") MiB"
        echo "ratio bulletin / typst (wall time): $(ratio "$bulletin_s" "$typst_s") (target ≤ 0.75)"
    fi
fi

# 2. build --all on generated issues, against one process per issue. Every
# paragraph of every issue is different (it starts with the issue's
# number), so that one issue's layout cannot be reused for another.
pub=$work/publication
mkdir -p "$pub/issues"
cp "$repo/bulletin.toml" "$pub/"
for n in $(seq "$issues"); do
    # Weekly from Friday 2023-01-06, 52 issues a year: 2024's first Friday
    # is 2024-01-05, 第1期 again (right for the first 260 issues).
    date=$(date -u -d "2023-01-06 + $(( (n - 1) * 7 )) days" +%F)
    number=$(( (n - 1) % 52 + 1 ))
    awk -v n="$n" -v number="$number" -v date="$date" '
        /^total = /  { print "total = " n; next }
        /^number = / { print "number = " number; next }
        /^date = /   { print "date = " date; next }
        /^body = """/ { body = 1; print; next }
        body && /^"""/ { body = 0 }
        body && NF { print "第" n "期：" $0; next }
        { print }
    ' "$repo/issues/74.toml" > "$pub/issues/$n.toml"
done
if ! "$bulletin" -C "$pub" check --all > "$work/check.txt" 2>&1; then
    echo "the generated issues do not pass bulletin check:" >&2
    cat "$work/check.txt" >&2
    exit 1
fi
sequential="for n in \$(seq $issues); do $(quoted "$bulletin" -C "$pub") build \$n > /dev/null || exit 1; done"
parallel=$(quoted "$bulletin" -C "$pub" build --all)
if $smoke; then
    run bash -c "$sequential"
    run "$bulletin" -C "$pub" build --all
    [ "$(find "$pub/out" -name '*.pdf' | wc -l)" -eq "$issues" ]
    echo "smoke: $issues generated issues built one by one and with build --all"
else
    echo
    echo "== $issues issues: build --all vs one process per issue ($(nproc) cores) =="
    hyperfine --style basic -w 1 -r 3 --export-csv "$work/all.csv" "$parallel" "$sequential"
    all_s=$(csv_median 2 "$work/all.csv")
    seq_s=$(csv_median 3 "$work/all.csv")
    echo "build --all: median $(awk -v s="$all_s" 'BEGIN { printf "%.2f s", s }'), one by one: $(awk -v s="$seq_s" 'BEGIN { printf "%.2f s", s }')"
    echo "speed-up of build --all: $(ratio "$seq_s" "$all_s") × (target ≥ 1.7)"
fi

# 3. watch: a rebuild after one paragraph changed, against a cold build in
# process: both as the processes themselves time them (--timings: from
# reading the issue to the PDF written, without start-up and exit).
edits=$(( runs < 5 ? 5 : runs ))
watched=$work/watched
mkdir -p "$watched/issues"
cp "$repo/bulletin.toml" "$watched/"
cp "$repo/issues/74.toml" "$watched/issues/74.toml"
paragraph="今年是第二十届全国科普日"
grep -q "$paragraph" "$watched/issues/74.toml" || { echo "issue 74 lost the paragraph this edits" >&2; exit 1; }
total_ms() { sed -n 's/^time: .*; total \([0-9.]*\) ms$/\1/p'; }
for _ in $(seq "$edits"); do
    run "$bulletin" -C "$watched" build 74 --timings
    total_ms < "$work/run.out"
done > "$work/cold.txt"
# Each `wrote` line is read as it comes (no polling), so that the time from
# the save to the PDF written is measured too, watcher included.
exec 3< <(exec "$bulletin" -C "$watched" watch 74 --timings 2> "$work/watch.err")
watcher=$!
wait_wrote 30
original=$(cat "$watched/issues/74.toml")
for edit in $(seq "$edits"); do
    sleep 0.3
    edited=${original/$paragraph/$paragraph（第${edit}稿）}
    saved=$EPOCHREALTIME
    printf '%s\n' "$edited" > "$watched/issues/74.toml"
    wait_wrote 30
    awk -v a="$saved" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
done > "$work/latency.txt"
kill -INT "$watcher"; wait "$watcher" || true
watcher=
exec 3<&-
total_ms < "$work/watch.err" | tail -n +2 > "$work/rebuild.txt"
for timed in cold rebuild latency; do
    if [ "$(wc -l < "$work/$timed.txt")" -ne "$edits" ]; then
        echo "expected $edits timings of each build in $timed.txt, found:" >&2
        cat "$work/$timed.txt" "$work/watch.err" >&2
        exit 1
    fi
done
cold_ms=$(middle_of < "$work/cold.txt")
rebuild_ms=$(middle_of < "$work/rebuild.txt")
if $smoke; then
    echo "smoke: $edits cold builds and $edits watch rebuilds timed"
else
    echo
    echo "== watch: rebuild after one paragraph changed vs a cold in-process build =="
    echo "cold build in a new process (build 74 --timings, $edits runs): median $cold_ms ms"
    echo "rebuild in watch (watch 74 --timings, $edits edits):          median $rebuild_ms ms"
    echo "rebuild / cold: $(awk -v a="$rebuild_ms" -v b="$cold_ms" 'BEGIN { printf "%.0f %%", 100 * a / b }') (target ≤ 25 %)"
    echo "from the save to the PDF written (watcher included): median $(middle_of < "$work/latency.txt") ms"
fi

# The same in one warm process, from the criterion benchmark: fonts loaded
# anew and Typst's memoized results dropped before each cold build, but the
# parsed layout and face metadata kept.
if $watch && ! $smoke; then
    cargo bench --locked --bench stages -- "in process, cold|rebuild" > "$work/bench.txt" 2>&1 || {
        cat "$work/bench.txt" >&2
        exit 1
    }
    # Criterion's median estimate of a benchmark, in ms.
    estimate() {
        python3 -c 'import json, sys; print(round(json.load(open(sys.argv[1]))["median"]["point_estimate"] / 1e6, 2))' \
            "$repo/target/criterion/$1/new/estimates.json"
    }
    cold=$(estimate "build issue 74 in process, cold")
    rebuild=$(estimate "rebuild issue 74 after one paragraph changed")
    echo "in one warm process (cargo bench --bench stages): cold build $cold ms, rebuild $rebuild ms:" \
        "$(awk -v a="$rebuild" -v b="$cold" 'BEGIN { printf "%.0f %%", 100 * a / b }')"
fi
