#!/bin/bash
# Build the Debian package from the release tarball, as a distribution would:
# the tarball unpacked in a temporary directory, packaging/debian as its
# debian/, dpkg-buildpackage; then lintian (no error, no warning), install
# the .deb, run each installed tool once, and purge it again, so the machine
# is left as it was. Nothing is written to the source tree but make dist's
# tarball, which is moved out of it (or left, if it was there before).
#
# usage: packaging/build-deb.sh [nstools-VERSION.tar.gz]
# Without a tarball, the source tree must be configured: make dist makes one.
# As root (it installs the package); needs debhelper, dpkg-dev, lintian.
set -euo pipefail

top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/nstools-deb.XXXXXX")
installed=
cleanup() {
	# only what this script installed: never a package that was there before
	[ -z "$installed" ] || dpkg --purge nstools >/dev/null || echo "build-deb: could not purge nstools" >&2
	rm -rf "$work"
}
trap cleanup EXIT

say() { echo "build-deb: [${SECONDS}s] $*"; }
fail() { echo "build-deb: $*" >&2; exit 1; }

[ "$(id -u)" -eq 0 ] || fail "run as root: the package is installed to be tried, then purged"
if dpkg-query -W -f='${Status}\n' nstools 2>/dev/null | grep -q 'ok installed'; then
	fail "nstools is installed already; this script installs its own build and purges it after"
fi

if [ $# -ge 1 ]; then
	tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	[ -f "$tarball" ] || fail "$1: no such tarball"
else
	[ -f "$top/Makefile" ] || fail "the source tree is not configured: run ./configure, or name a tarball"
	# shellcheck disable=SC2016 # $(distdir) is make's
	name=$(printf 'print-distdir:\n\t@echo $(distdir)\n' |
		make -s --no-print-directory -C "$top" -f Makefile -f - print-distdir | tail -n 1)
	existed=no
	[ -e "$top/$name.tar.gz" ] && existed=yes
	say "make dist"
	make -s -C "$top" dist >/dev/null
	if [ "$existed" = yes ]; then
		cp "$top/$name.tar.gz" "$work/"
	else
		mv "$top/$name.tar.gz" "$work/"
	fi
	tarball=$work/$name.tar.gz
fi

# The tarball is the upstream (orig) tarball of the 3.0 (quilt) source format,
# unchanged; debian/ comes from the packaging/debian it carries.
tar -C "$work" -xzf "$tarball"
srcdir=$(find "$work" -mindepth 1 -maxdepth 1 -type d -name 'nstools-*')
[ -d "$srcdir/packaging/debian" ] || fail "$tarball has no packaging/debian: EXTRA_DIST misses it"
cp -a "$srcdir/packaging/debian" "$srcdir/debian"
upstream=${srcdir##*/nstools-}
version=$(dpkg-parsechangelog -l "$srcdir/debian/changelog" -S Version)
[ "${version%-*}" = "$upstream" ] ||
	fail "debian/changelog is at $version, the tarball at $upstream: add a changelog entry"
ln -s "$tarball" "$work/nstools_$upstream.orig.tar.gz"

# The test suite needs root and namespaces (see debian/rules): nocheck says
# so to everything that honours it. parallel: as many jobs as CPUs.
say "dpkg-buildpackage nstools $version"
(cd "$srcdir" &&
	DEB_BUILD_OPTIONS="nocheck parallel=$(nproc)" dpkg-buildpackage -us -uc -b) > "$work/build.log" 2>&1 ||
	{ tail -n 40 "$work/build.log"; fail "dpkg-buildpackage failed"; }

arch=$(dpkg --print-architecture)
deb=$work/nstools_${version}_$arch.deb
changes=$work/nstools_${version}_$arch.changes
if [ ! -f "$deb" ] || [ ! -f "$changes" ]; then
	fail "dpkg-buildpackage made no $deb"
fi

# lintian warns against running as root: it reads what the build made as
# nobody. (--show-overrides would make lintian 2.116 exit 2 on an override:
# the overrides and their reasons are in debian/*.lintian-overrides.)
say "lintian"
chmod -R a+rX "$work"
(cd / && setpriv --reuid=nobody --regid=nogroup --clear-groups env HOME=/nonexistent \
	lintian --fail-on error,warning --display-info "$changes")

say "install"
installed=yes
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null

say "each tool, as installed"
for tool in nsclone nsjoin nspin nsls mountprop; do
	[ "$(command -v "$tool")" = "/usr/bin/$tool" ] || fail "$tool is not /usr/bin/$tool"
	"/usr/bin/$tool" --version >/dev/null
done
[ -s /usr/share/locale/zh_CN/LC_MESSAGES/nstools.mo ] || fail "no zh_CN catalogue"
[ -s /usr/share/man/man7/nstools.7.gz ] || fail "no nstools(7)"
# bash-completion loads only the file named after the command: each must
# hold the part the five share (make writes completions/shared.bash into each)
for tool in nsclone nsjoin nspin nsls mountprop; do
	file=/usr/share/bash-completion/completions/$tool
	bash --norc --noprofile -c '. "$1" && declare -F _nstools_init >/dev/null && complete -p "$2" >/dev/null' \
		sh "$file" "$tool" || fail "$file does not complete $tool on its own"
done
set -x
[ "$(/usr/bin/nsclone -u --hostname nstools-deb hostname)" = nstools-deb ]
[ "$(/usr/bin/nsjoin -n "/proc/$$/ns/net" readlink /proc/self/ns/net)" = "$(readlink "/proc/$$/ns/net")" ]
/usr/bin/nsls -s >/dev/null
/usr/bin/nsls -p $$ -rno NS -t net | grep -qx "$(stat -L -c %i "/proc/$$/ns/net")"
/usr/bin/mountprop -l / >/dev/null
# a pin on a private mount of a mount namespace of its own: nothing left behind
mkdir "$work/pins"
# shellcheck disable=SC2016 # expanded by the inner shell
unshare -m --propagation private sh -ec '
	/usr/bin/nspin "/proc/$$/ns/uts" "$1/uts"
	[ "$(stat -L -c %i "$1/uts")" = "$(stat -L -c %i /proc/$$/ns/uts)" ]
	/usr/bin/nspin --release "$1/uts"
	[ ! -e "$1/uts" ]' sh "$work/pins"
set +x

say "purge"
dpkg --purge nstools >/dev/null
installed=
! dpkg-query -W -f='${Status}\n' nstools 2>/dev/null | grep -q 'ok installed' || fail "nstools still installed"
say "ok: nstools $version built, lintian-clean, installed, tried and purged"
