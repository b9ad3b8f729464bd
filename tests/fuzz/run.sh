#!/bin/sh
# make fuzz: build each harness with FUZZ_CC (libFuzzer, AddressSanitizer,
# UndefinedBehaviorSanitizer) and run it for FUZZ_SECONDS from its seed corpus,
# two at a time. A crash is saved as tests/fuzz/crashes/NAME-...: copy it
# into $srcdir/tests/fuzz/regress/NAME/ with the fix, and make check replays it.
#
# Environment (set by the Makefile): FUZZ_CC, FUZZ_SECONDS, FUZZ_JOBS, srcdir,
# builddir, CPPFLAGS, SMARTCOLS_CFLAGS, SMARTCOLS_LIBS, MOUNT_CFLAGS, MOUNT_LIBS.
# Arguments: the harnesses to run (default: all).
set -u

# each harness, and the files of lib/ it takes
lib_of() {
	case $1 in
	numbers) echo "parse.c" ;;
	spec) echo "parse.c pidhold.c nsfile.c nsname.c safepath.c nstype.c propagation.c tool.c" ;;
	idrange) echo "parse.c idrange.c" ;;
	columns) echo "columns.c" ;;
	mountinfo | mountgen) echo "array.c mounttable.c pinscan.c propagation.c nsfile.c nsname.c safepath.c nstype.c pidhold.c parse.c tool.c u64map.c readall.c parallel.c" ;;
	procstat) echo "procdetails.c array.c parse.c pidhold.c nsfile.c nsname.c safepath.c nstype.c propagation.c tool.c" ;;
	*) return 1 ;;
	esac
}
harnesses="numbers spec idrange columns mountinfo mountgen procstat"

if [ -z "${FUZZ_CC:-}" ]; then
	echo "make fuzz: no C compiler with libFuzzer was found by configure;" >&2
	echo "make fuzz: install clang (Debian: apt-get install clang) and run configure again," >&2
	echo "make fuzz: or give one: ./configure FUZZ_CC=clang-14" >&2
	exit 1
fi
[ $# -gt 0 ] && harnesses=$*
srcdir=${srcdir:-.}
builddir=${builddir:-.}
seconds=${FUZZ_SECONDS:-60}
jobs=${FUZZ_JOBS:-2}
out=$builddir/tests/fuzz
mkdir -p "$out/bin" "$out/work" "$out/crashes" || exit 1

build() {
	name=$1
	sources="$srcdir/tests/fuzz/$name.c"
	for file in $(lib_of "$name"); do
		sources="$sources $srcdir/lib/$file"
	done
	libs=
	case $name in
	columns) libs="$SMARTCOLS_LIBS" ;;
	mountinfo | mountgen) libs="$MOUNT_LIBS" ;;
	esac
	echo "  FUZZCC   tests/fuzz/bin/$name"
	# shellcheck disable=SC2086 # word lists on purpose
	$FUZZ_CC -g -O1 -fno-omit-frame-pointer -fsanitize=fuzzer,address,undefined \
		-fno-sanitize-recover=undefined -I"$builddir" -I"$srcdir/lib" -I"$srcdir/tests/fuzz" \
		'-DLOCALEDIR="/nonexistent"' '-DPINROOT="/nonexistent/nstools"' $CPPFLAGS $SMARTCOLS_CFLAGS $MOUNT_CFLAGS $sources -o "$out/bin/$name" $libs
}

run() {
	name=$1
	dict=
	[ -f "$srcdir/tests/fuzz/$name.dict" ] && dict="-dict=$srcdir/tests/fuzz/$name.dict"
	mkdir -p "$out/work/$name"
	# the new inputs go to work/, the checked-in seeds are only read
	# shellcheck disable=SC2086
	"$out/bin/$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
		-artifact_prefix="$out/crashes/$name-" $dict \
		"$out/work/$name" "$srcdir/tests/fuzz/corpus/$name" > "$out/$name.log" 2>&1
	rc=$?
	grep -h '^#[0-9]*[[:space:]]*DONE\|stat::number_of_executed_units\|stat::peak_rss' "$out/$name.log" |
		sed "s|^|  $name: |"
	if [ $rc -ne 0 ]; then
		echo "FAIL: $name (exit $rc): the crash is in $out/crashes/, the story in $out/$name.log"
		grep -m 5 'ERROR\|does not hold\|runtime error' "$out/$name.log"
		return 1
	fi
	echo "PASS: $name, ${seconds} s"
}

for name in $harnesses; do
	lib_of "$name" > /dev/null || { echo "make fuzz: no harness $name" >&2; exit 1; }
	build "$name" || exit 1
done

failed=0
# shellcheck disable=SC2086 # one argument per harness
set -- $harnesses
while [ $# -gt 0 ]; do
	pids=
	n=0
	while [ $# -gt 0 ] && [ $n -lt "$jobs" ]; do
		run "$1" &
		pids="$pids $!"
		n=$((n + 1))
		shift
	done
	for pid in $pids; do
		wait "$pid" || failed=1
	done
done
exit $failed
