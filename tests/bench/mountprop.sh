#!/bin/bash
# mountprop against util-linux's findmnt and mount, side by side in one
# hyperfine run per size, in a private mount namespace of the benchmark's own
# holding 2500, then 5000 tmpfs mounts: showing the table (as a tree, and -J)
# against findmnt -o TARGET,PROPAGATION, and --make-rprivate on the top; and
# the default table, -r and -J against the floor, reading the table once
# (cat /proc/self/mountinfo).
# Prints the ratio of medians (mountprop / util-linux: below 1 means mountprop
# is faster) and the speed-up. findmnt grows quadratically with the number of
# mounts; mountprop must grow linearly, and be at least 10x faster at 5000.
set -euo pipefail

# shellcheck source=tests/bench/record.sh
. "$(dirname "$0")/record.sh"
bench_require findmnt mount

# The mounts are made in a mount namespace of our own, private all through,
# so none reaches the machine's table, and all go when it does.
if [ -z "${NSTOOLS_BENCH_NAMESPACE:-}" ]; then
	exec env NSTOOLS_BENCH_NAMESPACE=1 unshare -m --propagation private bash "$0" "$@"
fi

mountprop=$(command -v mountprop)
findmnt=$(command -v findmnt)
mount=$(command -v mount)
runs=${BENCH_RUNS:-40}
sizes=${BENCH_SIZES:-2500 5000}

work=$(mktemp -d)
top=$work/mounts
trap 'umount -R "$top" 2>/dev/null; rm -rf "$work"' EXIT
mkdir "$top"
mount -t tmpfs nstools-bench "$top"

# ratio NAME OURS THEIRS ROW REFERENCE: print the comparison of the hyperfine
# names OURS and THEIRS from the CSV, and record it for the table as ROW.
ratio() {
	awk -F, -v name="$1" -v ours="$2" -v theirs="$3" '$1 == ours { a = $4 } $1 == theirs { b = $4 }
		END { printf "  %-42s mountprop %7.2f ms  reference %7.2f ms  ratio %.3f  (%.1fx as fast)\n",
		      name, a * 1e3, b * 1e3, a / b, b / a }' "$csv"
	bench_record "mountprop $4, $size mounts" "$(bench_median "$csv" "$2")" "$5" "$(bench_median "$csv" "$3")"
}

floor="floor (cat /proc/self/mountinfo)"
echo "kernel $(uname -r), $(nproc) cores, $("$findmnt" --version), hyperfine median of $runs runs"
made=0
for size in $sizes; do
	# the namespace's own mounts count too: fill up to SIZE in all
	have=$(wc -l < /proc/self/mountinfo)
	while [ "$have" -lt "$size" ]; do
		made=$((made + 1))
		mkdir "$top/m$made"
		mount -t tmpfs "m$made" "$top/m$made"
		have=$((have + 1))
	done
	csv=$work/$size.csv
	hyperfine -N --warmup 3 --runs "$runs" --export-csv "$csv" \
		-n "mountprop table" "$mountprop -o TARGET,PROPAGATION" \
		-n "mountprop -J" "$mountprop -J -o TARGET,PROPAGATION" \
		-n "findmnt" "$findmnt -o TARGET,PROPAGATION" \
		-n "findmnt -J" "$findmnt -J -o TARGET,PROPAGATION" \
		-n "mountprop --make-rprivate" "$mountprop --make-rprivate $top" \
		-n "mount --make-rprivate" "$mount --make-rprivate $top" \
		-n "mountprop" "$mountprop" -n "mountprop -r" "$mountprop -r" -n "mountprop -J all" "$mountprop -J" \
		-n "floor" "cat /proc/self/mountinfo" > "$work/$size.out" 2>&1
	echo "$(wc -l < /proc/self/mountinfo) mounts:"
	ratio "show, table (-o TARGET,PROPAGATION)" "mountprop table" "findmnt" \
		"-o TARGET,PROPAGATION" "findmnt -o TARGET,PROPAGATION"
	ratio "show, -J (against findmnt -J)" "mountprop -J" "findmnt -J" \
		"-J -o TARGET,PROPAGATION" "findmnt -J -o TARGET,PROPAGATION"
	ratio "--make-rprivate on the top" "mountprop --make-rprivate" "mount --make-rprivate" \
		"--make-rprivate TOP" "mount --make-rprivate TOP"
	ratio "show, default columns, against the floor" "mountprop" "floor" "(default columns)" "$floor"
	ratio "show, -r, against the floor" "mountprop -r" "floor" "-r" "$floor"
	ratio "show, -J, against the floor" "mountprop -J all" "floor" "-J" "$floor"
done
