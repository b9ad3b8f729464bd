#!/bin/sh
# The last test of a sanitizer build (make check orders it after every other):
# ASan, LSan and UBSan write their reports to files under tests/sanitizer/, so a
# report from a process whose exit status no test looks at (a forked child, a
# tool run by another tool, a command whose failure a test expects) still fails
# the suite. Each report is printed, then removed so the next run starts clean.
#
# One line is not a finding: "Unable to get registers from thread N", which
# LSan writes when its ptrace of a thread fails on a loaded machine
# (llvm/llvm-project#116555); it goes on with the check, and a thread's
# registers missing from the roots can only add a leak report, never hide
# one. A file with that line alone, or empty (the process was killed between
# opening the file and writing to it), is shown but does not fail the suite.
set -u

dir=${NSTOOLS_SANITIZER_DIR:?only make check in a sanitizer build sets this}
[ -d "$dir" ] || { echo "no sanitizer reports"; exit 0; }
reports=$(find "$dir" -type f | sort)
[ -n "$reports" ] || { echo "no sanitizer reports"; exit 0; }
findings=0
for report in $reports; do
	if grep -Evq '^==[^=]*(==[^=]*)?==Unable to get registers from thread [0-9]+\.$' "$report"; then
		echo "=== $report"
		findings=$((findings + 1))
	else
		echo "=== $report (not a finding: LSan could not ptrace a thread)"
	fi
	cat "$report"
	rm -f "$report"
done
echo "$findings sanitizer report(s)"
[ "$findings" -eq 0 ]
