#!/usr/bin/env bash
# Instructions (valgrind --tool=callgrind) of a cold `build 74` and of
# `watch 74` rebuilds, for two kinds of edit of one paragraph:
#   new glyphs  - the edit of compare.sh and the criterion benchmark,
#                 "（第N稿）": its first brings a character issue 74 lacks,
#                 so krilla subsets the fonts again;
#   same glyphs - a character the paragraph already has (日), repeated.
# Each edit's rebuild is counted on its own.
# Counts do not depend on the machine's load: see docs/performance.md.
#
# Usage: bench/instructions.sh [--edits N]   (needs valgrind; about a minute)
# BULLETIN= names the binary (default: target/release/bulletin, built first).
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
. "$repo/bench/wait-wrote.sh"
edits=3
while [ $# -gt 0 ]; do
    case $1 in
        --edits) edits=$2; shift 2 ;;
        -h|--help) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
done
command -v valgrind > /dev/null || { echo "valgrind is missing: apt-get install valgrind" >&2; exit 1; }
if [ -z "${BULLETIN:-}" ]; then
    (cd "$repo" && cargo build --release --locked --quiet)
    BULLETIN=$repo/target/release/bulletin
fi
BULLETIN=$(realpath "$BULLETIN")

work=$(mktemp -d)
watcher=
trap '[ -z "$watcher" ] || kill "$watcher" 2> /dev/null; rm -rf "$work"' EXIT
mkdir -p "$work/issues"
cp "$repo/bulletin.toml" "$work/"
paragraph="今年是第二十届全国科普日"
grep -q "$paragraph" "$repo/issues/74.toml" || { echo "issue 74 lost the paragraph this edits" >&2; exit 1; }

# The total of a callgrind output file.
total() { callgrind_annotate "$1" 2> /dev/null | sed -n 's/^ *\([0-9,]*\) .*PROGRAM TOTALS.*/\1/p' | tr -d ,; }
# Inclusive instructions of the functions matching $2 (summed), in file $1.
inclusive() {
    callgrind_annotate --inclusive=yes --threshold=100 "$1" 2> /dev/null |
        awk -v pattern="$2" '$0 ~ pattern { gsub(",", "", $1); sum += $1 } END { print sum + 0 }'
}
millions() { awk -v n="$1" 'BEGIN { printf "%.1f M", n / 1e6 }'; }

cp "$repo/issues/74.toml" "$work/issues/74.toml"
(cd "$work" && valgrind --tool=callgrind --callgrind-out-file="$work/cold.out" \
    "$BULLETIN" build 74 > "$work/cold.err" 2>&1) || { cat "$work/cold.err" >&2; exit 1; }
cold=$(total "$work/cold.out")

# What edit N appends to the paragraph, for either kind of edit.
new_glyphs() { printf '（第%s稿）' "$1"; }
same_glyphs() { printf '日%.0s' $(seq "$1"); }

# $1: the edit's name; $2: the function that makes edit N's text.
rebuilds() {
    local name=$1 append=$2 out=$work/${2}.out
    cp "$repo/issues/74.toml" "$work/issues/74.toml"
    local original
    original=$(cat "$work/issues/74.toml")
    exec 3< <(cd "$work" && exec valgrind --tool=callgrind --callgrind-out-file="$out" \
        "$BULLETIN" watch 74 2> "$work/watch.err")
    watcher=$!
    wait_wrote 120
    sleep 0.5
    # Counted from here: each dump holds one edit's rebuild (a dump starts
    # the count again), not the first build.
    callgrind_control -z "$watcher" > /dev/null 2>&1
    for edit in $(seq "$edits"); do
        printf '%s\n' "${original/$paragraph/$paragraph$($append "$edit")}" > "$work/issues/74.toml"
        wait_wrote 120
        callgrind_control -d "$watcher" > /dev/null 2>&1
    done
    kill -INT "$watcher"; wait "$watcher" 2> /dev/null || true
    watcher=
    exec 3<&-
    local edit dump all
    for edit in $(seq "$edits"); do
        dump=$out.$edit
        all=$(total "$dump")
        printf '%-11s edit %d: %s (%2.0f %% of the cold build): compressing font subsets %s, subsetting %s, Typst compile %s\n' \
            "$name" "$edit" "$(millions "$all")" "$(awk -v a="$all" -v c="$cold" 'BEGIN { print 100 * a / c }')" \
            "$(millions "$(inclusive "$dump" 'krilla::stream::deflate_encode \[')")" \
            "$(millions "$(inclusive "$dump" 'krilla::text::cid::subset_font::\{\{closure\}\} \[')")" \
            "$(millions "$(inclusive "$dump" 'typst::compile \[')")"
    done
}

echo "cold build 74 (whole process): $(millions "$cold")"
rebuilds "new glyphs" new_glyphs
rebuilds "same glyphs" same_glyphs
