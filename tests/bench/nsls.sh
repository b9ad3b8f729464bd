#!/bin/bash
# nsls against util-linux's lsns, side by side in one hyperfine run per size,
# on a workload of N processes (BENCH_SIZES, default 1000 then 4000), half of
# them in new uts+ipc+net namespaces, and 20 namespaces that no process is in
# (kept by a descriptor, or as pid_for_children), which lsns cannot see; with
# two floors of our own: one that only readlinks every /proc/PID/ns link, and
# the census's, which also readlinks every /proc/PID/fd/N (what finding the
# namespaces descriptors hold must add). A newer lsns built from source can
# stand beside the machine's: BENCH_LSNS=/path/to/lsns. Prints the ratios
# (lsns / nsls: above 1 means nsls is faster; nsls / floor), wall clock and
# CPU time, namespaces found and peak RSS; then how each grew with size.
set -euo pipefail

# shellcheck source=tests/bench/record.sh
. "$(dirname "$0")/record.sh"
bench_require lsns python3
nsls=$(command -v nsls)
sizes=${BENCH_SIZES:-1000 4000}
runs=${BENCH_RUNS:-20}
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d)
sessions=()
trap 'for session in "${sessions[@]}"; do kill -KILL -- "-$session" 2>/dev/null; done; rm -rf "$work"' EXIT

# in_background SCRIPT: run SCRIPT as a session and process group of its own,
# killed as one at the end
in_background() {
	setsid bash -c "$1; wait" </dev/null >/dev/null 2>&1 &
	sessions+=($!)
	disown
}

# the workload's processes that are up
sleeping() {
	local session count=0
	for session in "${sessions[@]}"; do
		count=$((count + $(pgrep -c -s "$session" -x sleep || true)))
	done
	echo "$count"
}

in_background "for i in \$(seq 10); do
	unshare -n bash -c 'exec 5</proc/self/ns/net; exec unshare -n sleep infinity' &
	unshare -p sh -c '/bin/true; exec sleep infinity' &
done"
${CC:-cc} -O2 -o "$work/floor" "$here/nsls-floor.c"

# peak resident set size in KiB, of one run with output to /dev/null
peak_rss() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}

echo "kernel $(uname -r), $(nproc) CPUs, $(lsns --version), hyperfine median of $runs runs"
made=0
for procs in $sizes; do
	in_background "for i in \$(seq $((procs - made))); do
		if [ \$((i % 2)) -eq 0 ]; then unshare -u -i -n sleep infinity & else sleep infinity & fi
	done"
	made=$procs
	until [ "$(sleeping)" -ge $((procs + 20)) ]; do sleep 0.2; done
	newer=()
	if [ -n "${BENCH_LSNS:-}" ]; then
		newer=(-n "lsns $("$BENCH_LSNS" --version | awk '{ print $NF }')" "$BENCH_LSNS")
	fi
	hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/times.json" \
		-n nsls "$nsls" -n lsns lsns -n "nsls -J" "$nsls -J" -n "lsns -J" "lsns -J" "${newer[@]}" \
		-n floor "$work/floor" -n "census floor" "$work/floor --fds" > "$work/hyperfine.out"
	echo "$(find /proc -maxdepth 1 -name '[0-9]*' | wc -l) processes ($procs of the workload, half in new" \
		"uts+ipc+net namespaces, and 20 namespaces without a process), load $(cut -d' ' -f1 /proc/loadavg)"
	python3 - "$work/times.json" "$procs" <<'EOF'
import json, os, sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
wall = {name: r["median"] * 1000 for name, r in results.items()}
cpu = {name: (r["user"] + r["system"]) * 1000 for name, r in results.items()}
newer = [name for name in results if name.startswith("lsns ") and name != "lsns -J"]
for ours, theirs in [("nsls", "lsns"), ("nsls -J", "lsns -J")] + [("nsls", name) for name in newer]:
    print(f"  {ours:8} {wall[ours]:7.1f} ms   {theirs:8} {wall[theirs]:7.1f} ms   lsns/nsls {wall[theirs] / wall[ours]:5.2f}"
          f"   (CPU time: {cpu[ours]:6.1f} ms vs {cpu[theirs]:6.1f} ms, {cpu[theirs] / cpu[ours]:4.2f})")
if os.environ.get("BENCH_RESULTS"):
    with open(os.environ["BENCH_RESULTS"], "a") as table:
        seconds = {name: r["median"] for name, r in results.items()}
        for ours, theirs, label in [("nsls", "lsns", "lsns"), ("nsls -J", "lsns -J", "lsns -J")] + \
                                   [("nsls", name, name) for name in newer] + \
                                   [("nsls", "floor", "floor (readlink every /proc/PID/ns link)"),
                                    ("nsls", "census floor", "census floor (and every /proc/PID/fd link)")]:
            table.write(f"{ours}, {sys.argv[2]} extra processes\t{seconds[ours]}\t{label}\t{seconds[theirs]}\n")
for floor in ("floor", "census floor"):
    print(f"  {floor:12} {wall[floor]:7.1f} ms   nsls/{floor} {wall['nsls'] / wall[floor]:4.2f}"
          f"   (CPU time: {cpu[floor]:5.1f} ms, {cpu['nsls'] / cpu[floor]:4.2f})")
EOF
	echo "  namespaces listed: nsls $("$nsls" -rn -o NS | wc -l), lsns $(lsns -rn -o NS | wc -l)"
	echo "  peak RSS: nsls $(peak_rss "$nsls") KiB, lsns $(peak_rss lsns) KiB"
done
