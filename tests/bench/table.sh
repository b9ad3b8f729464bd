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
echo
echo "How each grew with size (linear: the time grows as the size does):"
echo
echo "| comparison | sizes | size × | nstools × | reference × |"
echo "|---|---|---:|---:|---:|"
# a row's size is the number after its comma: rows alike but for it are one comparison
awk -F'\t' '
	match($1, /, [0-9]+ /) {
		size = substr($1, RSTART + 2, RLENGTH - 3)
		key = substr($1, 1, RSTART - 1) ", N " substr($1, RSTART + RLENGTH) " / " $3
		if (!(key in first)) { first[key] = size; ours[key] = $2; theirs[key] = $4; order[++n] = key }
		else { last[key] = size; ours2[key] = $2; theirs2[key] = $4 }
	}
	END {
		for (i = 1; i <= n; i++) {
			key = order[i]
			if (!(key in last)) continue
			printf "| %s | %s → %s | %.2f | %.2f | %.2f |\n", key, first[key], last[key],
				last[key] / first[key], ours2[key] / ours[key], theirs2[key] / theirs[key]
		}
	}' "$results"
