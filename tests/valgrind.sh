#!/bin/bash
# make check-valgrind: memcheck over what the tools do themselves. Each run must
# end with the status it would have without valgrind (--error-exitcode=99 turns
# any error into a wrong one) and leave no error and no definite leak in its log.
# nsjoin and nsclone are checked up to exec: with a command that cannot be
# found they exit by themselves (127), leak check included; with /bin/true
# everything up to the exec is checked (--trace-children=no: not true itself).
# Valgrind lacks some new system calls (clone3, pidfd_open, mount_setattr,
# listmount): the tools take their fallbacks here, which is checked too.
# Runs in a private mount namespace of its own, so every mount goes with it.
set -u

if [ "$(id -u)" -ne 0 ]; then
	echo "SKIP: check-valgrind needs root (it makes namespaces and mounts)"
	exit 0
fi
: "${NSTOOLS_BUILDDIR:?}" "${NSTOOLS_SRCDIR:?}"
VALGRIND=${VALGRIND:-valgrind}
command -v "$VALGRIND" >/dev/null || { echo "no valgrind: install it, or set VALGRIND"; exit 1; }
if [ -z "${NSTOOLS_VALGRIND_INNER:-}" ]; then
	NSTOOLS_VALGRIND_INNER=1 exec unshare --mount --propagation private -- bash "$0" "$@"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/nstools-valgrind.XXXXXX")
holders=()
cleanup() {
	local pid
	for pid in "${holders[@]}"; do
		kill -KILL "$pid" 2>/dev/null
	done
	wait 2>/dev/null
	umount -R -l "$tmp/m" "$tmp/root" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
export NSTOOLS_PIN_ROOT=$tmp/root
export PATH=$NSTOOLS_BUILDDIR/src:$PATH
mkdir "$tmp/logs"

passed=0 failed=0

# check STATUS TOOL ARG...: TOOL ARG... under memcheck exits STATUS, with a clean log
check() {
	local expected=$1 status errors
	shift
	rm -f "$tmp"/logs/*
	"$VALGRIND" -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite \
		--show-leak-kinds=definite --trace-children=no --child-silent-after-fork=no \
		--suppressions="$NSTOOLS_SRCDIR/tests/valgrind.supp" --log-file="$tmp/logs/%p" \
		"$NSTOOLS_BUILDDIR/src/$1" "${@:2}" </dev/null >"$tmp/out" 2>&1
	status=$?
	# with -q a log holds only errors, and warnings about calls valgrind
	# does not know (lines of --PID--, and an ioctl's three lines)
	errors=$(cat "$tmp"/logs/* 2>/dev/null | grep '^==[0-9]*==' |
		grep -v '== Warning: noted but unhandled ioctl\|==    This could cause spurious value\|==    See README_MISSING_SYSCALL')
	if [ "$status" -eq "$expected" ] && [ -z "$errors" ]; then
		passed=$((passed + 1))
		echo "ok: $*"
	else
		failed=$((failed + 1))
		echo "FAIL: $* (status $status, expected $expected)"
		sed 's/^/    /' "$tmp/out" "$tmp"/logs/*
	fi
}

# hold FLAGS...: a sleep in new namespaces (unshare FLAGS); its PID in $held
hold() {
	unshare "$@" sleep 600 </dev/null >/dev/null 2>&1 &
	holders+=($!)
	held=$!
	case " $* " in
	*" --pid "*)
		for _ in $(seq 100); do
			held=$(cat "/proc/$!/task/$!/children" 2>/dev/null) && [ -n "$held" ] && break
			sleep 0.05
		done
		held=${held%% *} ;;
	esac
	for _ in $(seq 100); do
		[ "$(cat "/proc/$held/comm" 2>/dev/null)" = sleep ] && return 0
		sleep 0.05
	done
	echo "no holder"
	exit 1
}

hold --mount --uts --ipc --net
ns=$held
hold --user --map-root-user --pid --fork --net --uts
userns=$held
mkdir "$tmp/m" && mount -t tmpfs vg "$tmp/m" && mkdir "$tmp/m/sub" && mount -t tmpfs vgsub "$tmp/m/sub"
netino=$(stat -L -c %i "/proc/$ns/ns/net")

check 0 nsls
check 0 nsls -l -u
check 0 nsls -J --output-all
check 0 nsls -r -n -o NS,TYPE,NPROCS,HOLDERS
check 0 nsls -T
check 0 nsls --tree=parent -t pid -t user
check 0 nsls --why
check 0 nsls -s
check 0 nsls -P
check 0 nsls -p "$ns" -rno NS -t net
check 0 nsls "$netino" "/proc/$userns/ns/user"
check 1 nsls --no-such-option
check 1 nsls -t nosuchtype

check 0 mountprop
check 0 mountprop -l
check 0 mountprop -J
check 0 mountprop -r -n --output-all
check 0 mountprop -R "$tmp/m"
check 0 mountprop --peers /
check 0 mountprop --peers -a "$tmp/m"
check 0 mountprop --dot -a
check 0 mountprop -N "$ns" -l
check 0 mountprop --make-shared "$tmp/m"
check 0 mountprop --make-rslave "$tmp/m"
check 0 mountprop -R --make-private "$tmp/m"
check 0 mountprop --make-unbindable "$tmp/m/sub"
check 0 mountprop --make-slave --make-shared "$tmp/m"
check 0 mountprop -u -T "$tmp/m/sub"
check 1 mountprop --make-private "$tmp"
check 1 mountprop --make-private --make-shared "$tmp/m"
check 1 mountprop -s -p "$tmp/m"

check 0 nspin "/proc/$ns/ns/net" "$tmp/netpin"
check 0 nspin --release "$tmp/netpin"
# not the mount namespace: the kernel pins one only onto a mount of a namespace
# with a lower ID, and it does not hand IDs out in creation order across CPUs
# (seen here: the holder, made after this script's namespace, had the lower
# one); mount namespace pins are tested from the initial namespace, in nspin.bats
check 0 nspin -t "$ns" -u -i -n "$tmp/pins"
check 0 nspin -t "$tmp/pins" "$tmp/repins"
check 0 nspin --release "$tmp/pins" "$tmp/repins"
check 0 nspin -u "$ns" vgname
check 0 nspin --release vgname
check 1 nspin --release "$tmp/m"
check 1 nspin "/proc/$ns/ns/net"

check 127 nsjoin -t "$ns" /nonexistent
check 127 nsjoin -n "$ns" -u "/proc/$ns/ns/uts" /nonexistent
check 127 nsjoin -t "$userns" /nonexistent
check 0 nsjoin -t "$ns" -e /bin/true
check 0 nsjoin -t "$userns" /bin/true
check 0 nsjoin -F "/proc/$ns/ns/ipc" --root=/ --wd=/ /bin/true
check 125 nsjoin -n "/proc/$ns/ns/uts" /bin/true
check 125 nsjoin --no-such-option

check 127 nsclone -u --hostname vg /nonexistent
check 0 nsclone -m -u -i -n -p --mount-proc /bin/true
check 0 nsclone -U -r -n -C /bin/true
check 0 nsclone -p --init /bin/true
check 0 nsclone -T --monotonic=100 /bin/true
check 0 nsclone -d -n /bin/true
check 0 nsclone --pin="$tmp/cpins" -n -u /bin/true
check 0 nspin --release "$tmp/cpins"
check 125 nsclone --hostname=x /bin/true

echo "check-valgrind: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
