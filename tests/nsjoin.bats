#!/usr/bin/env bats
# nsjoin: every assertion compares with what the kernel reports in /proc.

load helpers
bats_require_minimum_version 1.5.0

TYPES="mnt uts ipc net pid user cgroup time"

# What COMMAND sees of its own namespaces, one "type:[inode]" per line.
SHOW_NS='for t in mnt uts ipc net pid user cgroup time; do readlink /proc/self/ns/$t; done'

# expected_ns PID TYPE...: the lines SHOW_NS prints after joining TYPEs of PID.
expected_ns() {
	local pid=$1 t
	shift
	for t in $TYPES; do
		if [[ " $* " == *" $t "* ]]; then
			ns_of "$pid" "$t"
		else
			ns_of self "$t"
		fi
	done
}

# One holder in new namespaces of every type, root mapped in its user namespace.
start_full_holder() {
	start_holder -m -u -i -n -p -U -r -C -T --fork
}

join_one_type() {
	local type=$1 option=$2 how=$3 spec

	require_root
	start_full_holder
	case $how in
	path) spec=/proc/$HOLDER/ns/$type ;;
	pid) spec=$HOLDER ;;
	esac
	run nsjoin "$option" "$spec" sh -c "$SHOW_NS"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "$(expected_ns "$HOLDER" "$type")" ]
}

@test "-m joins the mount namespace, by path and by PID" {
	join_one_type mnt -m path
	join_one_type mnt -m pid
}

@test "-u joins the uts namespace, by path and by PID" {
	join_one_type uts -u path
	join_one_type uts -u pid
}

@test "-i joins the ipc namespace, by path and by PID" {
	join_one_type ipc -i path
	join_one_type ipc -i pid
}

@test "-n joins the net namespace, by path and by PID" {
	join_one_type net -n path
	join_one_type net -n pid
}

@test "-p joins the pid namespace, by path and by PID" {
	join_one_type pid -p path
	join_one_type pid -p pid
}

@test "-U joins the user namespace, by path and by PID" {
	join_one_type user -U path
	join_one_type user -U pid
}

@test "-C joins the cgroup namespace, by path and by PID" {
	join_one_type cgroup -C path
	join_one_type cgroup -C pid
}

@test "-T joins the time namespace, by path and by PID" {
	join_one_type time -T path
	join_one_type time -T pid
}

@test "long options join the same namespaces" {
	require_root
	start_full_holder
	run nsjoin --net="/proc/$HOLDER/ns/net" --uts="$HOLDER" sh -c "$SHOW_NS"
	[ "$status" -eq 0 ]
	[ "$output" = "$(expected_ns "$HOLDER" net uts)" ]
}

@test "-t PID joins every namespace of the process" {
	require_root
	start_full_holder
	run nsjoin -t "$HOLDER" sh -c "$SHOW_NS"
	[ "$status" -eq 0 ]
	[ "$output" = "$(expected_ns "$HOLDER" $TYPES)" ]
}

@test "-t PID joins only the namespaces that differ from ours" {
	require_root
	start_holder -n -u
	run nsjoin -t "$HOLDER" sh -c "$SHOW_NS"
	[ "$status" -eq 0 ]
	[ "$output" = "$(expected_ns "$HOLDER" net uts)" ]
}

@test "-t PID with -u SPEC takes that uts namespace instead of the target's" {
	require_root
	start_holder -n -u
	local first=$HOLDER
	start_holder -u
	run nsjoin -t "$first" -u "$HOLDER" sh -c "$SHOW_NS"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$(ns_of "$HOLDER" uts)" ]
	[ "${lines[3]}" = "$(ns_of "$first" net)" ]
}

@test "PID:INODE names the process by its pidfd inode" {
	require_root
	start_holder -n
	local inode
	inode=$(pidfd_inode "$HOLDER") || skip "no pidfd_open here"
	run nsjoin -n "$HOLDER:$inode" readlink /proc/self/ns/net
	[ "$status" -eq 0 ]
	[ "$output" = "$(ns_of "$HOLDER" net)" ]

	run nsjoin -n "$HOLDER:$((inode + 1))" true
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"$HOLDER:$((inode + 1))"* ]]
}

@test "-F joins a bind-mounted namespace file, whatever its type" {
	require_root
	start_holder -n -u
	bind_ns "$HOLDER" net "$NST_TMP/netpin"
	bind_ns "$HOLDER" uts "$NST_TMP/utspin"
	run nsjoin -F "$NST_TMP/netpin" --file "$NST_TMP/utspin" sh -c "$SHOW_NS"
	[ "$status" -eq 0 ]
	[ "$output" = "$(expected_ns "$HOLDER" net uts)" ]
}

@test "-t DIR joins every pin in a pin directory" {
	require_root
	start_holder -n -u -i
	mkdir "$NST_TMP/pins"
	for t in net uts ipc; do
		bind_ns "$HOLDER" "$t" "$NST_TMP/pins/$t"
	done
	kill -KILL "$HOLDER"
	run nsjoin -t "$NST_TMP/pins" sh -c "$SHOW_NS"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "uts:[$(stat -L -c %i "$NST_TMP/pins/uts")]" ]
	[ "${lines[2]}" = "ipc:[$(stat -L -c %i "$NST_TMP/pins/ipc")]" ]
	[ "${lines[3]}" = "net:[$(stat -L -c %i "$NST_TMP/pins/net")]" ]
	# a net pin is entered as ip netns exec does: a mount namespace of its own
	[ "${lines[0]}" != "$(ns_of self mnt)" ]
	run nsjoin --no-netns-exec -t "$NST_TMP/pins" sh -c "$SHOW_NS"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(ns_of self mnt)" ]
}

@test "-t DIR with no pins in it fails" {
	mkdir "$NST_TMP/empty"
	run nsjoin -t "$NST_TMP/empty" true
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"$NST_TMP/empty"* ]]
}

@test "pid namespace: the command runs inside, in the target's /proc" {
	require_root
	start_holder -p -m --fork --mount-proc
	run nsjoin -t "$HOLDER" sh -c 'echo $$; cat /proc/$$/comm; cat /proc/1/comm'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" -lt 100 ]
	[ "${lines[1]}" = sh ]
	[ "${lines[2]}" = sleep ]
}

@test "--no-fork leaves the command itself outside the pid namespace" {
	require_root
	start_holder -p --fork
	run nsjoin -p "$HOLDER" --no-fork sh -c 'readlink /proc/$$/ns/pid; readlink /proc/$$/ns/pid_for_children'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(ns_of self pid)" ]
	[ "${lines[1]}" = "$(ns_of "$HOLDER" pid)" ]
}

@test "joining a pid namespace whose init has exited says so" {
	require_root
	# pid_for_children points at a namespace whose init ran and exited
	spawn unshare -p sh -c '/bin/true; exec sleep infinity'
	wait_for_exec "$SPAWNED" sleep
	run nsjoin --pid="/proc/$SPAWNED/ns/pid_for_children" true
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"init"* ]]
}

@test "-t PID with a mount namespace: root and working directory are the target's" {
	require_root
	mkdir "$NST_TMP/work"
	spawn sh -c "cd '$NST_TMP/work' && exec unshare -m sleep infinity"
	wait_for_exec "$SPAWNED" sleep
	run nsjoin -t "$SPAWNED" pwd
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "$NST_TMP/work" ]

	run nsjoin -t "$SPAWNED" --wd=/usr pwd
	[ "$status" -eq 0 ]
	[ "$output" = /usr ]
}

@test "-r DIR changes root" {
	require_root
	mkdir "$NST_TMP/root"
	mount --bind / "$NST_TMP/root"
	track_mount "$NST_TMP/root"
	mount -t tmpfs tmpfs "$NST_TMP/root/mnt"
	track_mount "$NST_TMP/root/mnt"
	echo inside > "$NST_TMP/root/mnt/marker"
	start_holder -u
	run nsjoin -u "$HOLDER" --root="$NST_TMP/root" sh -c 'cat /mnt/marker; pwd'
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = inside ]
	[ "${lines[1]}" = / ]
	[ ! -e /mnt/marker ]
}

@test "--root and --wd without DIR need -t PID" {
	run nsjoin --root true
	[ "$status" -eq 125 ]
	[[ "${lines[0]}" == *"-t PID"* ]]
	run nsjoin --wd true
	[ "$status" -eq 125 ]
	[[ "${lines[0]}" == *"-t PID"* ]]
}

@test "-e takes the target's environment" {
	require_root
	spawn env -i NSTOOLS_MARK=from-target PATH=/usr/bin:/bin unshare -u sleep infinity
	wait_for_exec "$SPAWNED" sleep
	run env NSTOOLS_MARK=ours nsjoin -t "$SPAWNED" -e sh -c 'echo "$NSTOOLS_MARK"'
	[ "$status" -eq 0 ]
	[ "$output" = from-target ]
}

@test "-N joins the network namespace only a socket keeps alive" {
	require_root
	# the socket is made in one network namespace, then its holder moves to another
	spawn unshare -n bash -c "ip link set lo up && readlink /proc/self/ns/net > '$NST_TMP/socket-ns' &&
		exec 5<>/dev/udp/127.0.0.1/9 && exec unshare -n sleep infinity"
	wait_for_exec "$SPAWNED" sleep
	[ "$(ns_of "$SPAWNED" net)" != "$(cat "$NST_TMP/socket-ns")" ]
	run nsjoin -t "$SPAWNED" -N 5 readlink /proc/self/ns/net
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$NST_TMP/socket-ns")" ]

	run nsjoin -t "$SPAWNED" -N 0 true
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"not a socket"* ]]
}

@test "--user-parent joins the parent of the user namespace" {
	require_root
	spawn unshare -U -r sh -c "readlink /proc/self/ns/user > '$NST_TMP/outer'; exec unshare -U -r sleep infinity"
	wait_for_exec "$SPAWNED" sleep
	run nsjoin -U "$SPAWNED" --user-parent readlink /proc/self/ns/user
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat "$NST_TMP/outer")" ]
	[ "$output" != "$(ns_of "$SPAWNED" user)" ]
}

@test "joining a user namespace makes us root in it, unless --preserve-credentials" {
	require_root
	start_holder -U --map-user=0 --map-group=0 -n
	run nsjoin -t "$HOLDER" sh -c 'id -u; id -g'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 0 ]
	run nsjoin -t "$HOLDER" -S 0 -G 0 id -u
	[ "$output" = 0 ]
	run nsjoin -t "$HOLDER" --preserve-credentials cat /proc/self/uid_map
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == *" 0 "* ]]
}

@test "-S and -G set the IDs without a user namespace" {
	require_root
	start_holder -u
	run nsjoin -u "$HOLDER" -S 65534 -G 65534 sh -c 'id -u; id -g; id -G'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 65534 ]
	[ "${lines[1]}" = 65534 ]
	[ "${lines[2]}" = 65534 ]
}

@test "rootless: an ordinary user joins the user and net namespaces it made" {
	require_root
	local nsjoin
	nsjoin=$(unprivileged_copy nsjoin)
	spawn setpriv --reuid=65534 --regid=65534 --clear-groups unshare -U -r -n sleep infinity
	wait_for_exec "$SPAWNED" sleep
	run as_nobody "$nsjoin" -t "$SPAWNED" sh -c 'readlink /proc/self/ns/user /proc/self/ns/net; id -u'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(ns_of "$SPAWNED" user)" ]
	[ "${lines[1]}" = "$(ns_of "$SPAWNED" net)" ]
	[ "${lines[2]}" = 0 ]
}

@test "rootless: an ordinary user is refused root's namespaces, cleanly" {
	require_root
	local nsjoin
	nsjoin=$(unprivileged_copy nsjoin)
	start_holder -n
	run as_nobody "$nsjoin" -n "/proc/$HOLDER/ns/net" true
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"/proc/$HOLDER/ns/net"* ]]

	bind_ns "$HOLDER" net "$NST_TMP/netpin"
	chmod 755 "$NST_TMP"
	run as_nobody "$nsjoin" -F "$NST_TMP/netpin" true
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"$NST_TMP/netpin"* ]]
	[[ "$output" == *"Operation not permitted"* ]]
}

@test "exit status is the command's: 0, 7, and 137 for SIGKILL" {
	require_root
	start_holder -u
	run nsjoin -u "$HOLDER" true
	[ "$status" -eq 0 ]
	run nsjoin -u "$HOLDER" sh -c 'exit 7'
	[ "$status" -eq 7 ]
	run nsjoin -u "$HOLDER" sh -c 'kill -KILL $$'
	[ "$status" -eq 137 ]
}

@test "exit status through the forking parent: 7 and 137" {
	require_root
	start_holder -p --fork
	run nsjoin -t "$HOLDER" sh -c 'exit 7'
	[ "$status" -eq 7 ]
	run nsjoin -t "$HOLDER" sh -c 'kill -KILL $$'
	[ "$status" -eq 137 ]
}

@test "a command that cannot run is 126, one not found is 127" {
	require_root
	start_holder -u
	printf '#!/bin/sh\n' > "$NST_TMP/not-executable"
	chmod 644 "$NST_TMP/not-executable"
	run nsjoin -u "$HOLDER" "$NST_TMP/not-executable"
	[ "$status" -eq 126 ]
	assert_one_line_error
	run -127 nsjoin -u "$HOLDER" nstools-no-such-command
	[ "$status" -eq 127 ]
	assert_one_line_error
	[[ "$output" == *nstools-no-such-command* ]]
}

@test "SIGTERM sent to nsjoin reaches the command" {
	require_root
	start_holder -p --fork
	nsjoin -t "$HOLDER" sh -c "trap 'echo got-term > \"$NST_TMP/term\"; exit 3' TERM;
		touch '$NST_TMP/ready'; while :; do sleep 0.05; done" 3>&- &
	local nsjoin_pid=$!
	for _ in $(seq 100); do [ -e "$NST_TMP/ready" ] && break; sleep 0.05; done
	[ -e "$NST_TMP/ready" ]
	kill -TERM "$nsjoin_pid"
	local status=0
	wait "$nsjoin_pid" || status=$?
	[ "$status" -eq 3 ]
	[ "$(cat "$NST_TMP/term")" = got-term ]
}

@test "the command gets no descriptor of nsjoin's own" {
	require_root
	start_holder -n -u -p -m --fork --mount-proc
	local ours theirs
	ours=$(sh -c 'ls /proc/$$/fd; :' 3>&-)
	theirs=$(nsjoin -t "$HOLDER" sh -c 'ls /proc/$$/fd; :' 3>&-)
	[ "$theirs" = "$ours" ]
	theirs=$(nsjoin -n "$HOLDER" -u "/proc/$HOLDER/ns/uts" sh -c 'ls /proc/$$/fd; :' 3>&-)
	[ "$theirs" = "$ours" ]
}

@test "default command is \$SHELL" {
	require_root
	start_holder -u
	printf '#!/bin/sh\nreadlink /proc/self/ns/uts\n' > "$NST_TMP/shell"
	chmod 755 "$NST_TMP/shell"
	run env SHELL="$NST_TMP/shell" nsjoin -u "$HOLDER"
	[ "$status" -eq 0 ]
	[ "$output" = "$(ns_of "$HOLDER" uts)" ]
}

@test "bad SPECs: one line naming the object, status 125" {
	require_root
	start_holder -u
	local dead
	sleep 0 & dead=$!
	wait "$dead"
	echo data > "$NST_TMP/regular"
	for spec in "$NST_TMP/regular" "/proc/$HOLDER/ns/uts" "$NST_TMP/missing" "$NST_TMP" \
		0 -5 abc 99999999999 "$dead"; do
		run nsjoin -n "$spec" true
		echo "$spec: $status: $output"
		[ "$status" -eq 125 ]
		assert_one_line_error
		[[ "$output" == "nsjoin: "*"$spec"* ]]
	done
	run nsjoin -n "/proc/$HOLDER/ns/uts" true
	[ "$output" = "nsjoin: /proc/$HOLDER/ns/uts is a uts namespace, not net" ]
	run nsjoin -n "$dead" true
	[ "$output" = "nsjoin: $dead: no such process" ]
	[ "$(cat "$NST_TMP/regular")" = data ]
}

@test "bad targets: one line naming the object, status 125" {
	echo data > "$NST_TMP/regular"
	for target in "$NST_TMP/regular" "$NST_TMP/missing" 0 -5 99999999999; do
		run nsjoin -t "$target" true
		echo "$target: $status: $output"
		[ "$status" -eq 125 ]
		assert_one_line_error
		[[ "$output" == "nsjoin: "*"$target"* ]]
	done
}

@test "usage errors point at --help and fail with 125" {
	run nsjoin --no-such-option
	[ "$status" -eq 125 ]
	[[ "$output" == *"Try 'nsjoin --help'"* ]]
	run nsjoin -n
	[ "$status" -eq 125 ]
	start_holder -n 2>/dev/null || skip "needs root"
	run nsjoin -n "$HOLDER" -F "/proc/$HOLDER/ns/net" true
	[ "$status" -eq 125 ]
	[[ "${lines[0]}" == *"two net namespaces"* ]]
	run nsjoin -N 3 true
	[ "$status" -eq 125 ]
	[[ "${lines[0]}" == *"-t PID"* ]]
}

@test "--help and --version" {
	run nsjoin --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "Usage:"* ]]
	for t in $TYPES; do
		[[ "$output" == *"=SPEC"*"this $t namespace"* ]]
	done
	run nsjoin -V
	[ "$status" -eq 0 ]
	[[ "$output" == "nsjoin (nstools) "* ]]
}

@test "--help to a full disk fails" {
	[ -w /dev/full ] || skip "no /dev/full"
	run sh -c 'nsjoin --help > /dev/full'
	[ "$status" -ne 0 ]
}

@test "-t PID joins in one setns on a pidfd (strace as witness)" {
	require_root
	command -v strace >/dev/null || skip "no strace"
	start_holder -n -u -i
	run strace -f -e trace=setns -o "$NST_TMP/trace" nsjoin -t "$HOLDER" true
	[ "$status" -eq 0 ]
	cat "$NST_TMP/trace"
	[ "$(grep -c 'setns(' "$NST_TMP/trace")" -eq 1 ]
	grep -q 'setns(.*CLONE_NEWIPC|CLONE_NEWUTS|CLONE_NEWNET\|setns(.*CLONE_NEWNET' "$NST_TMP/trace"
}

@test "rootless: -U and -n by file join the user namespace first" {
	require_root
	local nsjoin
	nsjoin=$(unprivileged_copy nsjoin)
	spawn setpriv --reuid=65534 --regid=65534 --clear-groups unshare -U -r -n -u sleep infinity
	wait_for_exec "$SPAWNED" sleep
	run as_nobody "$nsjoin" -n "/proc/$SPAWNED/ns/net" -U "/proc/$SPAWNED/ns/user" -u "$SPAWNED" \
		sh -c 'readlink /proc/self/ns/user /proc/self/ns/net /proc/self/ns/uts'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(ns_of "$SPAWNED" user)" ]
	[ "${lines[1]}" = "$(ns_of "$SPAWNED" net)" ]
	[ "${lines[2]}" = "$(ns_of "$SPAWNED" uts)" ]
}

@test "--preserve-credentials with --setuid is a usage error" {
	require_root
	start_holder -U -r
	run nsjoin -t "$HOLDER" --preserve-credentials -S 0 true
	[ "$status" -eq 125 ]
	[[ "${lines[0]}" == *"--preserve-credentials"* ]]
}
