#!/bin/sh
# Replay every seed and every input that ever crashed a fuzzing harness
# (tests/fuzz/corpus/NAME, tests/fuzz/regress/NAME) through the harness built
# with the normal compiler: a crash fixed once stays fixed, without clang.
set -u
srcdir=${NSTOOLS_SRCDIR:-.}
builddir=${NSTOOLS_BUILDDIR:-.}
status=0
for name in numbers spec idrange columns mountinfo mountgen procstat; do
	"$builddir/tests/fuzz/replay-$name" "$srcdir/tests/fuzz/corpus/$name" "$srcdir/tests/fuzz/regress/$name" ||
		{ echo "FAIL: $name"; status=1; }
done
exit $status
