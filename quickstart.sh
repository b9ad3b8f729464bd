#!/bin/sh
# Install what building and testing nstools needs (Debian 12, Ubuntu), build it,
# and run a first real command: nsjoin entering namespaces made by unshare,
# and nsls showing them with what keeps them alive.
set -eu

packages="build-essential autoconf automake libtool autopoint gettext pkg-config
libsmartcols-dev libmount-dev util-linux iproute2 procps perl python3 bats strace graphviz
bash-completion po4a"

missing=
for package in $packages; do
	dpkg-query -W -f='${Status}\n' "$package" 2>/dev/null | grep -q '^install ok installed$' ||
		missing="$missing $package"
done
if [ -n "$missing" ]; then
	sudo=
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	echo "installing:$missing"
	$sudo apt-get update -qq
	# shellcheck disable=SC2086 # one word per package
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

cd "$(dirname "$0")"
[ -x configure ] || autoreconf -fi
[ -f Makefile ] || ./configure --enable-werror
make -j"$(nproc)"

# The first real command needs privilege to make namespaces; as an ordinary
# user, a user namespace of one's own gives it.
[ "$(id -u)" -eq 0 ] && unshare_flags="--net --uts" || unshare_flags="--user --map-root-user --net --uts"
# shellcheck disable=SC2086 # the flags are words
unshare $unshare_flags sleep 60 &
holder=$!
trap 'kill "$holder" 2>/dev/null' EXIT
while [ "$(cat /proc/$holder/comm)" != sleep ]; do sleep 0.05; done

echo "process $holder is in $(readlink /proc/$holder/ns/net); we are in $(readlink /proc/self/ns/net)"
echo "\$ src/nsjoin -t $holder readlink /proc/self/ns/net"
src/nsjoin -t "$holder" readlink /proc/self/ns/net
echo "\$ src/nsls -p $holder -t net -t uts -o NS,TYPE,NPROCS,PID,COMMAND,HOLDERS"
src/nsls -p "$holder" -t net -t uts -o NS,TYPE,NPROCS,PID,COMMAND,HOLDERS
