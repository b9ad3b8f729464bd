#!/bin/sh
# The last test of a sanitizer build (make check orders it after every other):
# ASan, LSan and UBSan write their reports to files under tests/sanitizer/, so a
# report from a process whose exit status no test looks at (a forked child, a
# tool run by another tool, a command whose failure a test expects) still fails
# the suite. Each report is printed, then removed so the next run starts clean.
set -u

dir=${NSTOOLS_SANITIZER_DIR:?only make check in a sanitizer build sets this}
[ -d "$dir" ] || { echo "no sanitizer reports"; exit 0; }
reports=$(find "$dir" -type f | sort)
[ -n "$reports" ] || { echo "no sanitizer reports"; exit 0; }
for report in $reports; do
	echo "=== $report"
	cat "$report"
	rm -f "$report"
done
echo "$(echo "$reports" | wc -l) sanitizer report(s)"
exit 1
