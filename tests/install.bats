#!/usr/bin/env bats
# make install: each file where the FHS and a distribution's packaging expect
# it for the configured directories, nothing outside DESTDIR, and make
# uninstall takes every file away again. Run from the build directory, so it
# holds under make distcheck too (build in _build/sub, sources read-only).

load helpers

# make_in_build ARG...: make in the build directory, as a fresh make: the test
# runs under make check, whose jobserver descriptors and flags are not ours.
make_in_build() {
	env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
		"${MAKE:-make}" -s --no-print-directory -C "$NSTOOLS_BUILDDIR" "$@"
}

# build_vars NAME...: print NAME=VALUE for each variable of the build's
# Makefile, fully expanded (bindir is /usr/local/bin there, not ${exec_prefix}/bin).
build_vars() {
	local name
	{
		echo 'nst-print-vars:'
		for name in "$@"; do
			# shellcheck disable=SC2016 # $(NAME) is make's
			printf '\t@echo %s=$(%s)\n' "$name" "$name"
		done
	} | make_in_build -f Makefile -f - nst-print-vars
}

setup() {
	[ -n "${NSTOOLS_BUILDDIR:-}" ] || skip "not run by make check: no NSTOOLS_BUILDDIR"
	NST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/nstools-test.XXXXXX")
	: > "$NST_TMP/.pids"
	: > "$NST_TMP/.mounts"
	DEST=$NST_TMP/dest
	mkdir "$DEST"
	local line
	PACKAGE='' USE_NLS='' bindir='' mandir='' localedir='' datadir='' docdir='' sysconfdir='' localstatedir=''
	while IFS= read -r line; do
		printf -v "${line%%=*}" '%s' "${line#*=}"
	done < <(build_vars PACKAGE USE_NLS bindir mandir localedir datadir docdir sysconfdir localstatedir)
	[ -n "$bindir" ] && [ -n "$PACKAGE" ]
}

install_to_dest() {
	run make_in_build install DESTDIR="$DEST"
	echo "$output"
	[ "$status" -eq 0 ]
}

# the file names, relative to DIR, of every non-directory under DIR, sorted
files_under() {
	(cd "$1" && find . ! -type d | sed 's|^\./||' | LC_ALL=C sort)
}

@test "make install: the five tools in bindir, executable, neither setuid nor setgid" {
	install_to_dest
	[ "$(files_under "$DEST$bindir" | tr '\n' ' ')" = "mountprop nsclone nsjoin nsls nspin " ]
	local tool
	for tool in mountprop nsclone nsjoin nsls nspin; do
		[ -f "$DEST$bindir/$tool" ] && [ ! -L "$DEST$bindir/$tool" ]
		[ "$(stat -c %a "$DEST$bindir/$tool")" = 755 ]
		[ ! -u "$DEST$bindir/$tool" ] && [ ! -g "$DEST$bindir/$tool" ]
	done
}

@test "make install: a man page per tool in man1, nstools.7 in man7, a catalogue per language" {
	install_to_dest
	[ "$(files_under "$DEST$mandir/man1" | tr '\n' ' ')" = \
		"mountprop.1 nsclone.1 nsjoin.1 nsls.1 nspin.1 " ]
	[ "$(files_under "$DEST$mandir/man7" | tr '\n' ' ')" = "nstools.7 " ]
	[ "$USE_NLS" = yes ] || skip "configured with --disable-nls"
	# the catalogue is named after the text domain the tools bind: the package
	[ "$PACKAGE" = nstools ]
	[ -s "$DEST$localedir/zh_CN/LC_MESSAGES/$PACKAGE.mo" ]
	local lang
	# LINGUAS: language names separated by blanks and newlines, # comments
	# shellcheck disable=SC2013 # words, not lines
	for lang in $(sed 's/#.*//' "$NSTOOLS_SRCDIR/po/LINGUAS"); do
		[ -s "$DEST$localedir/$lang/LC_MESSAGES/$PACKAGE.mo" ]
	done
}

@test "make install: every file in a directory a distribution expects, none executable but the tools" {
	install_to_dest
	# Allowed, not required: translated man pages (share/man/LANG/man1, man7),
	# bash completions and documentation, which other parts of the tree add.
	local file bad=
	while read -r file; do
		case "/$file" in
		"$bindir"/*) ;;
		"$mandir"/man1/*.1 | "$mandir"/man7/*.7 | "$mandir"/*/man1/*.1 | "$mandir"/*/man7/*.7) ;;
		"$localedir"/*/LC_MESSAGES/"$PACKAGE".mo) ;;
		"$datadir"/bash-completion/completions/*) ;;
		"$docdir"/*) ;;
		*) bad="$bad /$file" ;;
		esac
		case "/$file" in
		"$bindir"/*) ;;
		*) [ "$(stat -c %a "$DEST/$file")" = 644 ] || bad="$bad /$file(mode $(stat -c %a "$DEST/$file"))" ;;
		esac
	done < <(files_under "$DEST")
	[ -z "$bad" ] || { echo "installed where no distribution expects it:$bad"; false; }
}

@test "make install writes nothing outside DESTDIR" {
	require_root
	command -v unshare >/dev/null || skip "no unshare"
	mkdir "$NST_TMP/scratch"
	# In a mount namespace of its own, every mount is made read-only but the
	# test's directory (DESTDIR and a TMPDIR) and the build directory, which make
	# may update: a write anywhere else fails the install with EROFS. Nothing on
	# the machine is touched, and the namespace dies with the command.
	cat > "$NST_TMP/contained" <<'EOF'
set -eu
# mountinfo shows canonical paths
tmp=$(cd "$1" && pwd -P) build=$(cd "$2" && pwd -P)
shift 2
# The new namespace copied every pin (nsfs mount) of ours, and would keep
# those namespaces alive as long as it lives: the suites running beside this
# one count on a namespace going when they release its pin.
awk '{ for (i = 7; $i != "-"; i++) ; if ($(i + 1) == "nsfs") print $5 }' /proc/self/mountinfo |
	while read -r escaped; do umount -l "$(printf '%b' "$escaped")" 2>/dev/null || true; done
mount --bind "$tmp" "$tmp"
mount --bind "$build" "$build"
awk '{ print $5 }' /proc/self/mountinfo | while read -r escaped; do
	target=$(printf '%b' "$escaped")
	case "$target/" in "$tmp"/* | "$build"/*) continue ;; esac
	# a mount hidden under another at the same place cannot be reached, and
	# one the kernel refuses (a locked flag) would be caught by the probe below
	mount -o remount,bind,ro "$target" 2>/dev/null || true
done
# the probe: the nearest existing directory of each install directory is read-only
for dir in "$@"; do
	while [ ! -d "$dir" ]; do dir=$(dirname "$dir"); done
	if touch "$dir/.nstools-probe" 2>/dev/null; then
		rm -f "$dir/.nstools-probe"
		echo "$dir is still writable: the check would prove nothing" >&2
		exit 99
	fi
done
TMPDIR=$tmp/scratch
export TMPDIR
exec env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL -u MAKEOVERRIDES \
	"${MAKE:-make}" -s --no-print-directory -C "$build" install DESTDIR="$tmp/dest"
EOF
	run unshare -m --propagation private sh "$NST_TMP/contained" "$NST_TMP" \
		"$NSTOOLS_BUILDDIR" "$bindir" "$mandir" "$localedir" "$datadir" \
		"$docdir" "$sysconfdir" "$localstatedir" /
	echo "$output"
	[ "$status" -eq 0 ]
	# and in the test's own directory, nothing beside DESTDIR and the scratch TMPDIR
	[ "$(cd "$NST_TMP" && find . -mindepth 1 -maxdepth 1 ! -name .pids ! -name .mounts ! -name contained |
		LC_ALL=C sort | tr '\n' ' ')" = "./dest ./scratch " ]
	[ -x "$DEST$bindir/nsls" ]
}

@test "make uninstall removes every file make install put there (directories stay, empty)" {
	install_to_dest
	[ -n "$(files_under "$DEST")" ]
	run make_in_build uninstall DESTDIR="$DEST"
	echo "$output"
	[ "$status" -eq 0 ]
	[ -z "$(files_under "$DEST")" ]
	# automake's uninstall removes files only: bindir, man1, man7 and each
	# LANG/LC_MESSAGES stay, empty, as they would in a shared prefix
	echo "left, empty: $(cd "$DEST" && find . -mindepth 1 -type d | LC_ALL=C sort | tr '\n' ' ')"
}
