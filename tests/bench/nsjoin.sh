#!/bin/bash
# nsjoin against util-linux's nsenter, side by side in one hyperfine run, on the
# same target and the command `true`: one namespace, then every namespace.
# Prints the ratio of medians (nsjoin / nsenter: below 1 means nsjoin is faster).
set -euo pipefail

# shellcheck source=tests/bench/record.sh
. "$(dirname "$0")/record.sh"
bench_require nsenter
nsjoin=$(command -v nsjoin)
runs=${BENCH_RUNS:-300}

work=$(mktemp -d)
setsid unshare -m -u -i -n -p -C -T --fork sleep infinity </dev/null >/dev/null 2>&1 &
holder=$!
trap '{ kill -KILL -- -$holder; wait; } 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do
	target=$(cat "/proc/$holder/task/$holder/children" 2>/dev/null || true)
	target=${target%% *}
	[ -n "$target" ] && [ "$(cat "/proc/$target/comm")" = sleep ] && break
	sleep 0.05
done

bench() {
	local name=$1 ours=$2 theirs=$3
	hyperfine -N --warmup 20 --runs "$runs" --export-csv "$work/$name.csv" \
		-n "nsjoin $name" "$ours" -n "nsenter $name" "$theirs" > "$work/$name.out"
	# csv: command,mean,stddev,median,user,system,min,max
	awk -F, -v name="$name" 'NR == 2 { ours = $4 } NR == 3 { theirs = $4 }
		END { printf "%-22s nsjoin %8.1f us   nsenter %8.1f us   ratio %.2f\n",
		      name, ours * 1e6, theirs * 1e6, ours / theirs }' "$work/$name.csv"
	bench_record "nsjoin, $name, true" "$(bench_median "$work/$name.csv" "nsjoin $name")" \
		"nsenter" "$(bench_median "$work/$name.csv" "nsenter $name")"
}

echo "kernel $(uname -r), $(nproc) cores, $(nsenter --version), hyperfine median of $runs runs"
bench "net by path" "$nsjoin -n /proc/$target/ns/net true" "nsenter --net=/proc/$target/ns/net true"
bench "all of a PID" "$nsjoin -t $target true" "nsenter -t $target -a true"
