#!/usr/bin/env bash
# The volume's benchmark: `bench/volume-year.sh [BULLETIN]` makes
# publications of 13, 26 and 52 weekly issues of 2024, each issue 74's
# articles (about nine pages) with every paragraph starting with its
# issue's number (so that no issue's layout can be reused for another),
# binds each year with `bulletin volume 2024` three times, and prints the
# wall time and peak memory of each run (GNU time). BULLETIN: the binary
# (default: target/release/bulletin, built first).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bulletin=${1:-}
if [ -z "$bulletin" ]; then
    (cd "$here" && cargo build --release --locked --quiet)
    bulletin=$here/target/release/bulletin
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for count in 13 26 52; do
    dir=$work/year-$count
    mkdir -p "$dir/issues"
    cp "$here/bulletin.toml" "$dir/bulletin.toml"
    for n in $(seq 1 "$count"); do
        total=$((100 + n))
        date=$(date -u -d "2024-01-05 + $(((n - 1) * 7)) days" +%Y-%m-%d)
        awk -v n="$n" -v total="$total" -v date="$date" '
            /^total = /  { print "total = " total; next }
            /^number = / { print "number = " n; next }
            /^date = /   { print "date = " date; next }
            /^body = """/ { body = 1; print; next }
            body && /^"""/ { body = 0 }
            body && NF { print "第" n "期：" $0; next }
            { print }
        ' "$here/issues/74.toml" > "$dir/issues/$total.toml"
    done
    for run in 1 2 3; do
        /usr/bin/time -f "$count issues, run $run: %e s, %M KiB peak" \
            "$bulletin" -C "$dir" volume 2024 2>&1 >/dev/null | tail -1
    done
    "$bulletin" -C "$dir" volume 2024 | tail -1
done
