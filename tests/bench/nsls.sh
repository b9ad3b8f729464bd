#!/bin/bash
# nsls against util-linux's lsns, side by side in one hyperfine run, on a
# workload of N processes (default 1000, BENCH_PROCS), half of them in new
# uts+ipc+net namespaces, and 20 namespaces that no process is in (kept by a
# descriptor, or as pid_for_children), which lsns cannot see; with a floor of
# our own that only readlinks every /proc/PID/ns/TYPE. Prints the ratios
# (lsns / nsls: above 1 means nsls is faster; nsls / floor), wall clock and
# CPU time, namespaces found and peak RSS.
set -euo pipefail

command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
command -v lsns >/dev/null || { echo "bench: needs lsns (util-linux)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "bench: needs root" >&2; exit 1; }
nsls=$(command -v nsls)
procs=${BENCH_PROCS:-1000}
runs=${BENCH_RUNS:-30}
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d)
# the workload is one session and process group of its own, killed as one at the end
setsid bash -c "for i in \$(seq $procs); do
	if [ \$((i % 2)) -eq 0 ]; then unshare -u -i -n sleep infinity & else sleep infinity & fi
done
for i in \$(seq 10); do
	unshare -n bash -c 'exec 5</proc/self/ns/net; exec unshare -n sleep infinity' &
	unshare -p sh -c '/bin/true; exec sleep infinity' &
done; wait" </dev/null >/dev/null 2>&1 &
session=$!
disown
trap 'kill -KILL -- "-$session" 2>/dev/null; rm -rf "$work"' EXIT
until [ "$(pgrep -c -s "$session" -x sleep || true)" -ge $((procs + 20)) ]; do sleep 0.2; done

${CC:-cc} -O2 -o "$work/floor" "$here/nsls-floor.c"

hyperfine -N --warmup 3 --runs "$runs" --export-json "$work/times.json" \
	-n nsls "$nsls" -n lsns lsns -n "nsls -J" "$nsls -J" -n "lsns -J" "lsns -J" \
	-n floor "$work/floor" > "$work/hyperfine.out"

# peak resident set size in KiB, of one run with output to /dev/null
peak_rss() {
	python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$@"
}

echo "kernel $(uname -r), $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg), $(lsns --version)"
# shellcheck disable=SC2010 # /proc holds plain names only
echo "$(ls /proc | grep -c '^[0-9]') processes ($procs of the workload, half in new uts+ipc+net namespaces," \
	"and 20 namespaces without a process), hyperfine median of $runs runs"
python3 - "$work/times.json" <<'EOF'
import json, sys

results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
wall = {name: r["median"] * 1000 for name, r in results.items()}
cpu = {name: (r["user"] + r["system"]) * 1000 for name, r in results.items()}
for ours, theirs in (("nsls", "lsns"), ("nsls -J", "lsns -J")):
    print(f"{ours:8} {wall[ours]:6.1f} ms   {theirs:8} {wall[theirs]:6.1f} ms   lsns/nsls {wall[theirs] / wall[ours]:4.2f}"
          f"   (CPU time: {cpu[ours]:5.1f} ms vs {cpu[theirs]:5.1f} ms, {cpu[theirs] / cpu[ours]:4.2f})")
print(f"floor    {wall['floor']:6.1f} ms   nsls/floor {wall['nsls'] / wall['floor']:4.2f}"
      f"   (CPU time: {cpu['floor']:5.1f} ms, {cpu['nsls'] / cpu['floor']:4.2f})")
EOF
echo "namespaces listed: nsls $("$nsls" -rn -o NS | wc -l), lsns $(lsns -rn -o NS | wc -l)"
echo "peak RSS: nsls $(peak_rss "$nsls") KiB, lsns $(peak_rss lsns) KiB"
