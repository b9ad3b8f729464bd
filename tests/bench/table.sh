#!/bin/bash
# The rows the benchmarks recorded (tests/bench/record.sh), as one Markdown
# table with the machine, the kernel and the versions on top: ready to paste
# into README's performance section.
set -euo pipefail

results=$1
version=$2

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
memory=$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)
distribution=$(. /etc/os-release && echo "$PRETTY_NAME")
echo "nstools $version, $(date -u +%Y-%m-%d): Linux $(uname -r), $distribution," \
	"${cpu:-unknown CPU} ($(nproc) cores, $memory)," \
	"util-linux $(lsns --version | awk '{ print $NF }'), $(ip -V | sed 's/^ip utility, //; s/,.*//')," \
	"$(hyperfine --version); medians."
echo
echo "| comparison | nstools | reference | nstools / reference |"
echo "|---|---:|---|---:|"
awk -F'\t' '
	function human(seconds) {
		if (seconds >= 1) return sprintf("%.2f s", seconds)
		if (seconds >= 0.001) return sprintf("%.2f ms", seconds * 1e3)
		return sprintf("%.0f µs", seconds * 1e6)
	}
	{ printf "| %s | %s | %s %s | %.2f |\n", $1, human($2), $3, human($4), $2 / $4 }' "$results"
echo
echo "Below 1, nstools is faster; a floor is the least any tool could do."
