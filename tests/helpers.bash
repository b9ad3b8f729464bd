# Shared setup for the nstools suites. Every test gets its own directory and
# records each process and mount it makes, so teardown can undo all of it.
# shellcheck shell=bash

setup() {
	NST_TMP=$(mktemp -d "${TMPDIR:-/tmp}/nstools-test.XXXXXX")
	: > "$NST_TMP/.pids"
	: > "$NST_TMP/.mounts"
}

teardown() {
	local pid target

	[ -n "${NST_TMP:-}" ] || return 0
	# each process was started as a process group leader: kill the group,
	# which takes in what it forked (unshare --fork's child too)
	while read -r pid; do
		kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
	done < "$NST_TMP/.pids"
	tac "$NST_TMP/.mounts" | while read -r target; do
		umount -l "$target" 2>/dev/null || true
	done
	# and whatever a tool under test mounted there: deepest first
	awk -v dir="$NST_TMP" 'index($5, dir "/") == 1 { print length($5), $5 }' /proc/self/mountinfo |
		sort -rn | while read -r _ target; do
		umount -l "$target" 2>/dev/null || true
	done
	# the users an attack test made, after their processes (above)
	if [ -f "$NST_TMP/.users" ]; then
		while read -r user; do
			pkill -KILL -u "$user" 2>/dev/null || true
			remove_user "$user"
		done < "$NST_TMP/.users"
	fi
	rm -rf "$NST_TMP"
}

require_root() {
	[ "$(id -u)" -eq 0 ] || skip "needs root"
}

# spawn CMD...: start CMD in the background as a process group of its own,
# with nothing of bats' (fd 3) open; its PID is left in $SPAWNED.
spawn() {
	setsid "$@" </dev/null >/dev/null 2>&1 3>&- &
	SPAWNED=$!
	echo "$SPAWNED" >> "$NST_TMP/.pids"
}

# wait_for_exec PID NAME: until PID runs NAME (unshare has made its namespaces
# and exec'd), at most 5 seconds.
wait_for_exec() {
	local pid=$1 name=$2

	for _ in $(seq 100); do
		[ "$(cat "/proc/$pid/comm" 2>/dev/null)" = "$name" ] && return 0
		sleep 0.05
	done
	echo "process $pid never ran $name" >&2
	return 1
}

# child_of PID: the PID of PID's only child (unshare --fork's command), once it exists.
child_of() {
	local parent=$1 child

	for _ in $(seq 100); do
		child=$(cat "/proc/$parent/task/$parent/children" 2>/dev/null)
		child=${child%% *}
		[ -n "$child" ] && { echo "$child"; return 0; }
		sleep 0.05
	done
	echo "process $parent never forked" >&2
	return 1
}

# holder FLAGS...: a sleep in new namespaces made by unshare FLAGS; prints its PID.
# With -p, the sleep is unshare --fork's child, PID 1 of the new pid namespace.
start_holder() {
	local pid

	spawn unshare "$@" sleep infinity
	pid=$SPAWNED
	case " $* " in
	*" -p "* | *" --pid "*) pid=$(child_of "$pid") || return 1 ;;
	esac
	wait_for_exec "$pid" sleep || return 1
	HOLDER=$pid
}

# track_mount TARGET: unmounted in teardown.
track_mount() {
	echo "$1" >> "$NST_TMP/.mounts"
}

# bind_ns PID TYPE FILE: a namespace pin made the old way, with mount --bind.
bind_ns() {
	touch "$3"
	mount --bind "/proc/$1/ns/$2" "$3"
	track_mount "$3"
}

ns_of() {
	readlink "/proc/$1/ns/$2"
}

# A copy of a built tool that an unprivileged user can run: the build tree may
# sit under a directory only root can enter.
unprivileged_copy() {
	local dir="$NST_TMP/bin"

	mkdir -p "$dir"
	chmod 755 "$NST_TMP" "$dir"
	cp "$(command -v "$1")" "$dir/"
	chmod 755 "$dir/$1"
	echo "$dir/$1"
}

as_nobody() {
	setpriv --reuid=65534 --regid=65534 --clear-groups "$@"
}

# pidfd_inode PID: the inode number of a pidfd of PID (pidfs, Linux 6.9+),
# what nsenter and nsjoin accept as PID:INODE. perl is in every Debian.
pidfd_inode() {
	perl -e 'my $fd = syscall(434, $ARGV[0] + 0, 0); die "pidfd_open: $!\n" if $fd < 0;
		 open(my $fh, "<&=", $fd) or die; my @st = stat($fh); print $st[1], "\n";' "$1"
}

# one_line_error: the failure said exactly one thing.
assert_one_line_error() {
	[ "${#lines[@]}" -eq 1 ] || { printf 'expected one line, got:\n%s\n' "$output" >&2; return 1; }
}

# wait_gone PID: until PID has exited (and been reaped), at most 5 seconds.
wait_gone() {
	for _ in $(seq 100); do
		[ -e "/proc/$1" ] || return 0
		[ "$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null)" = Z ] && return 0
		sleep 0.05
	done
	return 1
}

# --- mountprop ---

# start_mount_ns: a mount namespace of the test's own, every mount in it
# private, held by a sleep whose PID is left in $MNTNS. Each mount a test makes
# goes in there, so the machine's own mounts are never touched; they vanish
# with the namespace when teardown kills the sleep.
start_mount_ns() {
	start_holder -m --propagation private || return 1
	MNTNS=$HOLDER
}

# in_mount_ns CMD...: run CMD inside the test's mount namespace.
in_mount_ns() {
	nsenter -t "$MNTNS" -m "$@"
}

# tmpfs_at DIR: a fresh tmpfs on DIR (made if missing) in the test's mount namespace.
tmpfs_at() {
	in_mount_ns sh -c 'mkdir -p "$1" && mount -t tmpfs "nst-${1##*/}" "$1"' sh "$1"
}

# propagation_at PATH: findmnt's PROPAGATION of the top mount at PATH, in
# the test's mount namespace (or in that of process $2).
propagation_at() {
	nsenter -t "${2:-$MNTNS}" -m findmnt -n -o PROPAGATION --mountpoint "$1" | tail -n 1
}

# optional_fields PATH [PID]: the optional fields (shared:N master:N ...) of
# the top mount at PATH, as /proc/PID/mountinfo shows them (default $MNTNS).
optional_fields() {
	awk -v target="$1" '$5 == target { fields = ""
		for (i = 7; $i != "-"; i++) fields = fields (fields == "" ? "" : " ") $i
		last = fields } END { print last }' "/proc/${2:-$MNTNS}/mountinfo"
}

# mount_id PATH [PID]: the mount ID of the top mount at PATH in /proc/PID/mountinfo.
mount_id() {
	awk -v target="$1" '$5 == target { id = $1 } END { print id }' "/proc/${2:-$MNTNS}/mountinfo"
}

# mounted_in PID PATH: whether anything is mounted at PATH in process PID's namespace.
mounted_in() {
	awk -v target="$2" '$5 == target { found = 1 } END { exit !found }' "/proc/$1/mountinfo"
}

# second_mount_ns [unshare options]: another mount namespace, made from
# inside the test's own, so that its mounts are copies of those there (with
# --propagation unchanged: peers of the shared ones); its PID in $MNTNS2.
second_mount_ns() {
	spawn nsenter -t "$MNTNS" -m unshare -m "$@" sleep infinity
	wait_for_exec "$SPAWNED" sleep || return 1
	# shellcheck disable=SC2034 # for the suites that call this
	MNTNS2=$SPAWNED
}

# --- nsls ---

# json_rows KEY...: the rows of an lsns or nsls JSON table read from stdin,
# nested (tree) rows included, one line per row: the KEYs' values separated
# by blanks, an empty string for null, an array's items joined by commas.
json_rows() {
	python3 -c '
import json, sys
def walk(rows):
    for row in rows:
        yield row
        yield from walk(row.get("children", []))
def text(value):
    if value is None:
        return ""
    if isinstance(value, list):
        return ",".join(value)
    return str(value)
table = json.load(sys.stdin)
for row in walk(next(iter(table.values()))):
    print(" ".join(text(row.get(key)) for key in sys.argv[1:]))
' "$@"
}

# ns_ino PID TYPE: the inode number of a namespace of PID, as stat -L reports it.
ns_ino() {
	stat -L -c %i "/proc/$1/ns/$2"
}

# ns_relative FILE parent|owner: the inode number of the parent (NS_GET_PARENT)
# or owning user namespace (NS_GET_USERNS) of the namespace FILE, 0 for none.
ns_relative() {
	python3 -c '
import fcntl, os, sys
request = {"owner": 0xb701, "parent": 0xb702}[sys.argv[2]]
fd = os.open(sys.argv[1], os.O_RDONLY)
try:
    print(os.fstat(fcntl.ioctl(fd, request)).st_ino)
except OSError:
    print(0)
' "$1" "$2"
}

# nsls_holders NS: what nsls says keeps namespace NS alive, one holder a line.
nsls_holders() {
	nsls -rn -o HOLDERS "$1" | tr ',' '\n'
}

# nsls_lists NS: true when nsls lists namespace NS.
nsls_lists() {
	nsls -rn -o NS | grep -qx "$1"
}

# nsls_forgets NS: nsls stops listing NS within 10 seconds: the kernel frees
# a namespace after an RCU grace period, not at once.
nsls_forgets() {
	for _ in $(seq 100); do
		nsls_lists "$1" || return 0
		sleep 0.1
	done
	echo "nsls still lists $1" >&2
	return 1
}

# hold_by_descriptor TYPE FD: a process in a new TYPE namespace ($HOLDER; the
# namespace's inode number in $NS), and another ($SPAWNED) that holds it open
# as its descriptor FD.
hold_by_descriptor() {
	start_holder "--$1"
	# shellcheck disable=SC2034 # for the suites that call this
	NS=$(ns_ino "$HOLDER" "$1")
	spawn bash -c "exec $2</proc/$HOLDER/ns/$1; exec sleep infinity"
	wait_for_exec "$SPAWNED" sleep
}

# assert_every_listing_has NS: namespace NS is one row of every listing,
# whatever its columns: the default, -l, -J, -o NS,TYPE and -t TYPE.
assert_every_listing_has() {
	local type

	type=$(nsls -rn -o TYPE "$1")
	[ "$(nsls -rn | grep -c "^$1 ")" -eq 1 ]
	[ "$(nsls -rn -l | grep -c "^$1 ")" -eq 1 ]
	[ "$(nsls -J | grep -c "\"ns\": $1,")" -eq 1 ]
	[ "$(nsls -rn -o NS,TYPE | grep -cx "$1 $type")" -eq 1 ]
	[ "$(nsls -rn -o NS -t "$type" | grep -cx "$1")" -eq 1 ]
}

# listed_until_closed NS TYPE HOLDER: namespace NS, of TYPE, with no process
# in it, is listed by every listing with HOLDER its only holder, until
# process $SPAWNED, whose HOLDER is, exits.
listed_until_closed() {
	run nsls -rn -o NS,TYPE,NPROCS,HOLDERS "$1"
	[ "$status" -eq 0 ]
	[ "$output" = "$1 $2 0 $3" ]
	# which namespaces are listed never depends on the columns asked
	assert_every_listing_has "$1"

	end_process "$SPAWNED"
	nsls_forgets "$1"
}

# end_process PID: kill PID and wait until it has exited; a zombie holds no
# namespace, and one that is not our child stays a zombie until its parent waits.
end_process() {
	local pid=$1

	kill -KILL "$pid" 2>/dev/null || true
	for _ in $(seq 100); do
		[ -e "/proc/$pid" ] || return 0
		[ "$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)" = Z ] && return 0
		sleep 0.05
	done
	echo "process $pid did not exit" >&2
	return 1
}

# start_pin_keeper: a process in a private mount namespace of its own, to hold
# pins that no other mount namespace receives (by propagation) or copies (by
# unshare -m in a test running beside this one); its PID is left in $PIN_KEEPER.
start_pin_keeper() {
	spawn unshare -m --propagation private sleep infinity
	wait_for_exec "$SPAWNED" sleep || return 1
	PIN_KEEPER=$SPAWNED
}

# keep_pin PID TYPE FILE: pin the TYPE namespace of PID on FILE, in the keeper's
# mount namespace.
keep_pin() {
	touch "$3"
	nsenter -t "$PIN_KEEPER" -m mount --bind "/proc/$1/ns/$2" "$3"
}

# release_pin FILE: unmount a pin made by keep_pin. Detached, not unmounted:
# an nsls running beside this test (make -j check) may have the pin open for a
# moment, and a plain umount would then fail with EBUSY; the namespace goes
# when it closes it, which nsls_forgets waits for.
release_pin() {
	nsenter -t "$PIN_KEEPER" -m umount -l "$1"
}

# assert_nsls_error: nsls failed with status 1 and said why in one line
# (a usage error adds the line that points at --help).
assert_nsls_error() {
	[ "$status" -eq 1 ] || { echo "status $status, expected 1: $output" >&2; return 1; }
	[[ "${lines[0]}" == "nsls: "* ]] || { echo "unexpected: $output" >&2; return 1; }
	[ "${#lines[@]}" -eq 1 ] || { [ "${#lines[@]}" -eq 2 ] && [ "${lines[1]}" = "Try 'nsls --help' for more information." ]; } ||
		{ printf 'expected one line, got:\n%s\n' "$output" >&2; return 1; }
}

# --- attackers (tests/security*.bats) ---

# make_attacker: an ordinary user of the test's own, with subordinate IDs in
# /etc/subuid and /etc/subgid, removed in teardown with everything it runs.
# Its name in $ATTACKER, its UID in $ATTACKER_UID; $ATTACK_BIN is a directory
# it can run the attack programs (tests/attack/) and the tools from.
make_attacker() {
	local name="nstatk$$"

	for _ in $(seq 50); do
		useradd -M -N -s /bin/sh "$name" 2>/dev/null && break
		# another suite holds the lock on /etc/passwd: try again
		id "$name" >/dev/null 2>&1 && break
		sleep 0.1
	done
	id "$name" >/dev/null 2>&1 || { echo "cannot make user $name" >&2; return 1; }
	echo "$name" >> "$NST_TMP/.users"
	# useradd gives subordinate IDs (SUB_UID_COUNT), and userdel takes them back
	grep -q "^$name:" /etc/subuid || { echo "user $name has no subordinate IDs" >&2; return 1; }
	ATTACKER=$name
	ATTACKER_UID=$(id -u "$name")
	ATTACK_BIN="$NST_TMP/attack-bin"
	mkdir -p "$ATTACK_BIN"
	chmod 755 "$NST_TMP" "$ATTACK_BIN"
	cp "${NSTOOLS_BUILDDIR:-.}"/tests/attack/exchange "${NSTOOLS_BUILDDIR:-.}"/tests/attack/steal-fds \
		"${NSTOOLS_BUILDDIR:-.}"/tests/attack/pid-reuse "$ATTACK_BIN/"
	for tool in nsclone nsjoin nspin nsls mountprop; do
		cp "$(command -v "$tool")" "$ATTACK_BIN/"
	done
	chmod 755 "$ATTACK_BIN"/*
}

remove_user() {
	for _ in $(seq 50); do
		userdel "$1" 2>/dev/null && break
		id "$1" >/dev/null 2>&1 || break
		sleep 0.1
	done
}

# as_attacker CMD...: CMD as the attacker, with no supplementary groups.
as_attacker() {
	setpriv --reuid="$ATTACKER_UID" --regid="$(id -g "$ATTACKER")" --clear-groups "$@"
}

# attacker_dir NAME: a directory under the test's own that the attacker owns
# (where it plants links and swaps entries); its path on stdout.
attacker_dir() {
	local dir="$NST_TMP/$1"

	mkdir -p "$dir"
	chown "$ATTACKER_UID" "$dir"
	echo "$dir"
}

# wait_for_file FILE WHAT: until FILE exists (an attacker or watcher made it
# once ready), at most 5 seconds; otherwise say that WHAT never got ready.
wait_for_file() {
	for _ in $(seq 200); do
		[ -e "$1" ] && return 0
		sleep 0.025
	done
	echo "$2 never got ready" >&2
	return 1
}
