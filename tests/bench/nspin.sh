#!/bin/bash
# Pin and release 1000 network namespaces, each held by a process of its own:
# nspin, against the shell loop users write today (touch + mount --bind, then
# umount + rm) and against iproute2's ip netns attach/delete, side by side in
# one hyperfine run. Prints the ratios of medians. Runs in a mount namespace of
# its own, with a /run of its own: the machine's mounts are never touched.
set -euo pipefail

# shellcheck source=tests/bench/record.sh
. "$(dirname "$0")/record.sh"
bench_require nspin mount ip

if [ -z "${NSTOOLS_BENCH_INSIDE:-}" ]; then
	exec env NSTOOLS_BENCH_INSIDE=1 unshare -m --propagation private "$BASH" "$0" "$@"
fi
mount -t tmpfs tmpfs /run

count=${BENCH_COUNT:-1000}
runs=${BENCH_RUNS:-5}
nspin=$(command -v nspin)
work=$(mktemp -d)
pids=()
trap '{ kill -KILL "${pids[@]}"; wait; } 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq "$count"); do
	unshare -n sleep infinity </dev/null >/dev/null 2>&1 3>&- &
	pids+=($!)
done
for pid in "${pids[@]}"; do
	while [ "$(cat "/proc/$pid/comm")" != sleep ]; do sleep 0.01; done
done
echo "${pids[*]}" > "$work/pids"
mkdir "$work/pins"

cat > "$work/nspin.sh" <<EOS
for pid in \$(cat $work/pids); do $nspin /proc/\$pid/ns/net $work/pins/\$pid; done
cd $work/pins && $nspin --release ./*
EOS
cat > "$work/mount.sh" <<EOS
for pid in \$(cat $work/pids); do touch $work/pins/\$pid; mount --bind /proc/\$pid/ns/net $work/pins/\$pid; done
for pid in \$(cat $work/pids); do umount $work/pins/\$pid; rm $work/pins/\$pid; done
EOS
cat > "$work/ipnetns.sh" <<EOS
for pid in \$(cat $work/pids); do ip netns attach nstools-bench-\$pid \$pid; done
for pid in \$(cat $work/pids); do ip netns delete nstools-bench-\$pid; done
EOS

hyperfine --warmup 1 --runs "$runs" --export-csv "$work/bench.csv" \
	-n nspin "bash $work/nspin.sh" -n "mount loop" "bash $work/mount.sh" \
	-n "ip netns" "bash $work/ipnetns.sh" > "$work/bench.out"
echo "kernel $(uname -r), $(nproc) cores, $(mount --version), $(ip -V), $count namespaces, median of $runs runs"
# csv: command,mean,stddev,median,user,system,min,max
awk -F, 'NR == 2 { ours = $4 } NR == 3 { loop = $4 } NR == 4 { ip = $4 }
	END { printf "pin+release x%d   nspin %.2f s   mount loop %.2f s   ip netns %.2f s   nspin/loop %.2f   nspin/ip %.2f\n",
	      '"$count"', ours, loop, ip, ours / loop, ours / ip }' "$work/bench.csv"
bench_record "nspin, pin and release $count net namespaces" "$(bench_median "$work/bench.csv" nspin)" \
	"touch + mount --bind loop" "$(bench_median "$work/bench.csv" "mount loop")"
bench_record "nspin, pin and release $count net namespaces" "$(bench_median "$work/bench.csv" nspin)" \
	"ip netns attach/delete" "$(bench_median "$work/bench.csv" "ip netns")"
