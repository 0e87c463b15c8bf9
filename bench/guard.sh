#!/usr/bin/env bash
# The speed guard: counts the instructions of a cold `bulletin build 74`
# (valgrind --tool=callgrind, whole process, every thread) and compares
# them with the baseline committed in bench/baseline-instructions.txt.
# Instruction counts do not depend on the machine's load, so a regression
# shows on the day it is made (see docs/performance.md).
#
# Usage: bench/guard.sh [--check | --bless]
#   --check   fail when the count is above the baseline by more than the
#             tolerance (the default)
#   --bless   write the count as the new baseline (after a change that is
#             meant to cost, or to save, instructions: say so in its commit)
# BULLETIN= names the binary (default: target/debug/bulletin, which CI's
# `cargo test` builds; the baseline is of that binary).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
baseline_file=$repo/bench/baseline-instructions.txt
mode=check
case ${1:-} in
    --check|"") mode=check ;;
    --bless) mode=bless ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
esac
command -v valgrind > /dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }
BULLETIN=$(realpath "${BULLETIN:-$repo/target/debug/bulletin}")
[ -x "$BULLETIN" ] || { echo "no binary at $BULLETIN: cargo test --no-run first (the baseline is of that build)" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/issues"
cp "$repo/bulletin.toml" "$work/"
cp "$repo/issues/74.toml" "$work/issues/"
cp -r "$repo/images" "$work/" 2> /dev/null || true

# The same environment every time: the language and the font folders
# decide which code runs.
(cd "$work" && env -i PATH="$PATH" LANG=C.UTF-8 \
    valgrind --tool=callgrind --callgrind-out-file="$work/cold.out" \
    "$BULLETIN" build 74 > "$work/cold.log" 2>&1) || { cat "$work/cold.log" >&2; exit 1; }
count=$(sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$work/cold.out" | head -1)
[ -n "$count" ] || { echo "callgrind gave no total" >&2; exit 1; }
millions() { awk -v n="$1" 'BEGIN { printf "%.1f M", n / 1e6 }'; }

if [ "$mode" = bless ]; then
    {
        echo "# Instructions of a cold \`bulletin build 74\` (bench/guard.sh, callgrind,"
        echo "# target/debug/bulletin as cargo test builds it). Tolerance in percent."
        echo "instructions = $count"
        echo "tolerance = 5"
    } > "$baseline_file"
    echo "guard: baseline written: $(millions "$count")"
    exit 0
fi

baseline=$(sed -n 's/^instructions = \([0-9]*\)$/\1/p' "$baseline_file")
tolerance=$(sed -n 's/^tolerance = \([0-9.]*\)$/\1/p' "$baseline_file")
limit=$(awk -v b="$baseline" -v t="$tolerance" 'BEGIN { printf "%.0f", b * (1 + t / 100) }')
change=$(awk -v c="$count" -v b="$baseline" 'BEGIN { printf "%+.1f %%", 100 * (c - b) / b }')
echo "guard: cold build 74: $(millions "$count") instructions, baseline $(millions "$baseline") ($change, tolerance +$tolerance %)"
if [ "$count" -gt "$limit" ]; then
    echo "guard: the cold build costs more than the baseline allows: find what (bench/instructions.sh), or bench/guard.sh --bless with the reason in the commit" >&2
    exit 1
fi
