# Sourced by the bench scripts that drive `bulletin watch` on file
# descriptor 3, its messages going to $work/watch.err.
#
# wait_wrote SECONDS: reads watch's output up to its next `wrote` line, as
# it comes (no polling); after SECONDS without one, prints what watch said
# and ends the script.
wait_wrote() {
    local line
    while IFS= read -r -t "$1" -u 3 line; do
        case $line in *wrote*) return 0 ;; esac
    done
    echo "bulletin watch did not rebuild:" >&2; cat "$work/watch.err" >&2; exit 1
}
