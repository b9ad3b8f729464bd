#!/bin/bash
# nsclone against util-linux's unshare --fork with the same flags, and against
# the floor (tests/bench/clone-floor.c: clone, exec true, wait), side by side in
# one hyperfine run per case. Prints the ratios of medians.
set -euo pipefail

# shellcheck source=tests/bench/record.sh
. "$(dirname "$0")/record.sh"
bench_require unshare
nsclone=$(command -v nsclone)
floor=${NSTOOLS_BUILDDIR:-.}/tests/bench/clone-floor
[ -x "$floor" ] || { echo "bench: build $floor first (make bench does)" >&2; exit 1; }
runs=${BENCH_RUNS:-300}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

bench() {
	local name=$1 flags=$2 floor_flags=$3
	hyperfine -N --warmup 20 --runs "$runs" --export-csv "$work/bench.csv" \
		-n nsclone "$nsclone $flags true" -n unshare "unshare --fork $flags true" \
		-n floor "$floor $floor_flags" > "$work/bench.out"
	# csv: command,mean,stddev,median,user,system,min,max
	awk -F, -v name="$name" 'NR == 2 { ours = $4 } NR == 3 { theirs = $4 } NR == 4 { floor = $4 }
		END { printf "%-16s nsclone %7.1f us  unshare %7.1f us  floor %7.1f us  nsclone/unshare %.2f  nsclone/floor %.2f\n",
		      name, ours * 1e6, theirs * 1e6, floor * 1e6, ours / theirs, ours / floor }' "$work/bench.csv"
	bench_record "nsclone $name true" "$(bench_median "$work/bench.csv" nsclone)" \
		"unshare --fork" "$(bench_median "$work/bench.csv" unshare)"
	bench_record "nsclone $name true" "$(bench_median "$work/bench.csv" nsclone)" \
		"floor (clone, exec, wait)" "$(bench_median "$work/bench.csv" floor)"
}

echo "kernel $(uname -r), $(nproc) cores, $(unshare --version), hyperfine median of $runs runs"
bench "-u -i" "-u -i" ui
bench "-p --mount-proc" "-p --mount-proc" pP
bench "-n" "-n" n
bench "-U -r" "-U -r" U
