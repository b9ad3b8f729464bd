#!/bin/bash
# make lint: static analysis of the C sources, the shell scripts and the man
# pages. Everything must be clean; each line silenced in a source says why
# beside it, and each check turned off says why here or in .clang-tidy.
set -u
srcdir=${NSTOOLS_SRCDIR:-$(cd "$(dirname "$0")/.." && pwd)}
builddir=${NSTOOLS_BUILDDIR:-$srcdir} # where configure wrote config.h
cd "$srcdir" || exit 1
[ -f "$builddir/config.h" ] || { echo "lint: no $builddir/config.h: run configure first"; exit 1; }

failed=0
check() {
	local name=$1 started=$SECONDS
	shift
	if "$@"; then
		echo "lint $name: ok ($((SECONDS - started)) s)"
	else
		echo "lint $name: FAILED ($((SECONDS - started)) s)"
		failed=$((failed + 1))
	fi
}

# warning, portability, performance; not style, whose findings (a variable's
# scope could be smaller, a member unused) are taste, not defects.
# -Dnoreturn: cppcheck reads no system header, so not stdnoreturn.h either.
run_cppcheck() {
	cppcheck -q --error-exitcode=1 --inline-suppr --std=c11 --library=gnu \
		--enable=warning,portability,performance -Dnoreturn=_Noreturn \
		-I lib -I "$builddir" src lib tests/bench
}

# the flags the Makefile compiles with; one process per file, on every CPU
run_clang_tidy() {
	local flags log status
	flags=("-I$srcdir/lib" "-I$builddir" '-DLOCALEDIR="/usr/share/locale"' '-DPINROOT="/run/nstools"')
	# shellcheck disable=SC2207 # pkg-config's flags are words
	flags+=($(pkg-config --cflags smartcols mount))
	log=$(printf '%s\n' src/*.c lib/*.c | xargs -P "$(nproc)" -I{} clang-tidy --quiet {} -- "${flags[@]}" 2>&1)
	status=$?
	grep -v '^[0-9]* warnings\? generated\.$' <<< "$log"
	return $status
}

# warnings and errors; not the info and style notes (quoting words that
# cannot split, ls of /proc). In the bats files SC2154 is off: output,
# lines, status and stderr_lines are set by bats' run, which it cannot see.
run_shellcheck() {
	shellcheck -S warning -e SC2154 tests/*.bats tests/helpers.bash &&
		shellcheck -S warning tests/*.sh tests/bench/*.sh tests/fuzz/*.sh tests/sanitizer-bin/strace \
			packaging/build-deb.sh quickstart.sh .ci/run &&
		shellcheck -S warning --shell=bash completions/*
}

# warnings and errors: what renders wrong or not at all. The style level's
# suggestions are clean today too, but are not worth failing CI for.
run_mandoc() {
	# the zh_CN pages are generated in the build tree (made by make all)
	mandoc -Tlint -W warning man/*.1 man/*.7 "$builddir"/man/zh_CN/*.[17]
}

check cppcheck run_cppcheck
check clang-tidy run_clang_tidy
check shellcheck run_shellcheck
check mandoc run_mandoc
[ "$failed" -eq 0 ]
