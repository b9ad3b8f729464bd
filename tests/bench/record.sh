# shellcheck shell=bash
# Sourced by every benchmark: the checks each one makes first, and the one
# line per comparison that `make bench` gathers into a single table.

# bench_require COMMAND...: each command must be there, and we must be root.
bench_require() {
	local command
	command -v hyperfine >/dev/null || { echo "bench: needs hyperfine (apt-get install hyperfine)" >&2; exit 1; }
	for command in "$@"; do
		command -v "$command" >/dev/null || { echo "bench: needs $command" >&2; exit 1; }
	done
	[ "$(id -u)" -eq 0 ] || { echo "bench: needs root" >&2; exit 1; }
}

# bench_median CSV NAME: the median in seconds of the command hyperfine named
# NAME in CSV (command,mean,stddev,median,...).
bench_median() {
	awk -F, -v name="$2" '$1 == name { print $4 }' "$1"
}

# bench_record WHAT OURS_SECONDS REFERENCE REFERENCE_SECONDS: one row of the
# table, written where make bench asked (BENCH_RESULTS), tab-separated.
bench_record() {
	[ -n "${BENCH_RESULTS:-}" ] || return 0
	printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$BENCH_RESULTS"
}
