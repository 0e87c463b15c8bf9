#!/usr/bin/env bash
# Makes a publication of N weekly issues of 2024, each issue 74's articles
# (about nine pages), in DIR: bench/volume-year.sh DIR N
set -euo pipefail
dir=$1
count=$2
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$dir/issues"
cp "$here/bulletin.toml" "$dir/bulletin.toml"
for n in $(seq 1 "$count"); do
  total=$((100 + n))
  date=$(date -u -d "2024-01-05 + $(((n - 1) * 7)) days" +%Y-%m-%d)
  sed -e "s/^total = .*/total = $total/" \
      -e "s/^number = .*/number = $n/" \
      -e "s/^date = .*/date = $date/" \
      "$here/issues/74.toml" > "$dir/issues/$total.toml"
done
