#!/usr/bin/env bats
# nsclone: every assertion compares with what the kernel reports in /proc.

load helpers
bats_require_minimum_version 1.5.0

TYPES="mnt uts ipc net pid user cgroup time"
SHOW_NS='for t in mnt uts ipc net pid user cgroup time; do readlink /proc/self/ns/$t; done'

# check_new_types OPTIONS TYPE...: the command's namespaces of TYPEs are new,
# the rest ours.
check_new_types() {
	local options=$1 t i=0
	shift
	run nsclone $options sh -c "$SHOW_NS"
	[ "$status" -eq 0 ]
	for t in $TYPES; do
		if [[ " $* " == *" $t "* ]]; then
			[ "${lines[$i]}" != "$(ns_of self "$t")" ] || { echo "$t is not new"; return 1; }
		else
			[ "${lines[$i]}" = "$(ns_of self "$t")" ] || { echo "$t is not ours"; return 1; }
		fi
		i=$((i + 1))
	done
}

# no_process_runs MARK: nothing with MARK in its command line is left.
no_process_runs() {
	! pgrep -f -- "$1" >/dev/null
}

# mounts_under DIR: how many mounts there are at or below DIR.
mounts_under() {
	awk -v dir="$1" '$5 == dir || index($5, dir "/") == 1' /proc/self/mountinfo | wc -l
}

@test "-m makes a new mount namespace and only that" {
	require_root
	check_new_types -m mnt
}

@test "-u makes a new uts namespace and only that" {
	require_root
	check_new_types -u uts
}

@test "-i makes a new ipc namespace and only that" {
	require_root
	check_new_types -i ipc
}

@test "-n makes a new net namespace and only that" {
	require_root
	check_new_types -n net
}

@test "-p makes a new pid namespace and only that" {
	require_root
	check_new_types -p pid
}

@test "-U makes a new user namespace and only that" {
	require_root
	check_new_types -U user
}

@test "-C makes a new cgroup namespace and only that" {
	require_root
	check_new_types -C cgroup
}

@test "-T makes a new time namespace and only that" {
	require_root
	check_new_types -T time
}

@test "-a and the long options make every type" {
	require_root
	check_new_types -a $TYPES
	check_new_types "--mount --uts --ipc --net --pid --user --cgroup --time" $TYPES
}

@test "--hostname and --domainname are seen inside, ours unchanged" {
	require_root
	local ours
	ours=$(hostname)
	run nsclone -u --hostname nstools-inner --domainname nstools-domain sh -c 'hostname; domainname'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = nstools-inner ]
	[ "${lines[1]}" = nstools-domain ]
	[ "$(hostname)" = "$ours" ]
}

@test "-r maps our user and group to root, setgroups denied" {
	require_root
	run nsclone -U -r sh -c 'cat /proc/self/uid_map /proc/self/gid_map /proc/self/setgroups; id -u'
	[ "$status" -eq 0 ]
	[ "$(echo "${lines[0]}" | tr -s ' ' | sed 's/^ //')" = "0 0 1" ]
	[ "$(echo "${lines[1]}" | tr -s ' ' | sed 's/^ //')" = "0 0 1" ]
	[ "${lines[2]}" = deny ]
	[ "${lines[3]}" = 0 ]
}

@test "--map-user, --map-group, --map-users, --map-groups and --setgroups=allow" {
	require_root
	run nsclone -U --map-user=1000 --map-group=1001 --map-users=2000:100000:500 \
		--map-groups=3000:200000:10 --setgroups=allow \
		sh -c 'cat /proc/self/uid_map; echo --; cat /proc/self/gid_map; echo --; cat /proc/self/setgroups'
	[ "$status" -eq 0 ]
	local maps
	maps=$(echo "$output" | tr -s ' ' | sed 's/^ //')
	[ "$maps" = "$(printf '1000 0 1\n2000 100000 500\n--\n1001 0 1\n3000 200000 10\n--\nallow')" ]
}

@test "--monotonic and --boottime shift the clocks inside" {
	require_root
	run nsclone -T --monotonic=1000 --boottime=86400 sh -c 'cat /proc/self/timens_offsets; cut -d" " -f1 /proc/uptime'
	[ "$status" -eq 0 ]
	[ "$(echo "${lines[0]}" | tr -s ' ')" = "monotonic 1000 0" ]
	[ "$(echo "${lines[1]}" | tr -s ' ')" = "boottime 86400 0" ]
	local inside outside
	inside=${lines[2]%.*}
	outside=$(cut -d' ' -f1 /proc/uptime)
	outside=${outside%.*}
	[ "$((inside - outside))" -ge 86390 ]
	[ "$((inside - outside))" -le 86410 ]
}

@test "negative offsets" {
	require_root
	run nsclone -T --monotonic=-1 cat /proc/self/timens_offsets
	[ "$status" -eq 0 ]
	[ "$(echo "${lines[0]}" | tr -s ' ')" = "monotonic -1 0" ]
}

@test "offsets where clone3 is missing: the fallback makes the time namespace too" {
	require_root
	command -v strace >/dev/null || skip "no strace"
	run strace -f -o /dev/null -e inject=clone3:error=ENOSYS \
		nsclone -T --monotonic=100 sh -c 'cat /proc/self/timens_offsets; readlink /proc/self/ns/time'
	[ "$status" -eq 0 ]
	[ "$(echo "${lines[0]}" | tr -s ' ')" = "monotonic 100 0" ]
	[ "${lines[2]}" != "$(readlink /proc/self/ns/time)" ]
}

@test "-m makes every mount private by default, as mountinfo shows" {
	require_root
	run nsclone -m sh -c "grep -c 'shared:\\|master:' /proc/self/mountinfo; findmnt -no PROPAGATION /"
	[ "${lines[0]}" = 0 ]
	[ "${lines[1]}" = private ]
}

@test "--propagation=shared and unchanged" {
	require_root
	run nsclone -m --propagation=shared findmnt -no PROPAGATION /
	[ "$status" -eq 0 ]
	[ "$output" = shared ]
	run nsclone -m --propagation=unchanged findmnt -no PROPAGATION /
	[ "$output" = "$(findmnt -no PROPAGATION /)" ]
}

@test "--mount-proc: \$\$ is 1 and /proc shows only the new pid namespace" {
	require_root
	run nsclone -p --mount-proc sh -c 'echo $$; ls /proc | grep -c "^[0-9]"; readlink /proc/self/ns/pid'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 1 ]
	[ "${lines[1]}" -le 3 ]
	[ "${lines[2]}" != "$(ns_of self pid)" ]
}

@test "without --init, COMMAND is PID 1" {
	require_root
	run nsclone -p sh -c 'echo $$'
	[ "$output" = 1 ]
}

@test "--init reaps an orphaned grandchild: no zombie is left" {
	require_root
	run nsclone -p --mount-proc --init sh -c '
		sh -c "sleep 0.1 & exit 0"; sleep 0.5
		echo "init $(cat /proc/1/comm) command $$"
		grep -l "^State:.*Z" /proc/[0-9]*/status | wc -l'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "init nsclone command 2" ]
	[ "${lines[1]}" = 0 ]
}

@test "--init relays SIGTERM to COMMAND and its status back" {
	require_root
	nsclone -p --init sh -c "trap 'exit 3' TERM; touch '$NST_TMP/ready'; while :; do sleep 0.05; done" 3>&- &
	local nsclone_pid=$! status=0
	for _ in $(seq 100); do [ -e "$NST_TMP/ready" ] && break; sleep 0.05; done
	kill -TERM "$nsclone_pid"
	wait "$nsclone_pid" || status=$?
	[ "$status" -eq 3 ]
}

@test "exit status: the command's own, and 128+N for signal N" {
	require_root
	run nsclone -u sh -c 'exit 7'
	[ "$status" -eq 7 ]
	run nsclone -u sh -c 'kill -KILL $$'
	[ "$status" -eq 137 ]
	run nsclone -p --init sh -c 'exit 9'
	[ "$status" -eq 9 ]
}

@test "--detach prints the PID of a child running in the new namespaces, at once" {
	require_root
	local pid
	pid=$(timeout 5 nsclone -d -n -u sleep infinity 3>&-)
	echo "$pid" >> "$NST_TMP/.pids"
	[ -n "$pid" ]
	[ "$(cat "/proc/$pid/comm")" = sleep ]
	[ "$(ns_of "$pid" net)" != "$(ns_of self net)" ]
	[ "$(ns_of "$pid" uts)" != "$(ns_of self uts)" ]
	[ "$(ns_of "$pid" ipc)" = "$(ns_of self ipc)" ]
	[ "$(readlink "/proc/$pid/fd/1")" = /dev/null ]
	[ "$(awk '{print $6}' "/proc/$pid/stat")" = "$pid" ]
}

@test "--detach --log=FILE sends COMMAND's output to FILE" {
	require_root
	local pid
	pid=$(nsclone -d -u --hostname logged --log="$NST_TMP/log" hostname 3>&-)
	for _ in $(seq 100); do [ -s "$NST_TMP/log" ] && break; sleep 0.05; done
	[ "$(cat "$NST_TMP/log")" = logged ]
}

@test "--detach reports a missing command with 127" {
	require_root
	run -127 nsclone -d -u nstools-no-such-command
	assert_one_line_error
	[[ "$output" == *nstools-no-such-command* ]]
}

@test "--pin: the namespaces outlive COMMAND, same inode, and can be joined" {
	require_root
	mkdir "$NST_TMP/pins"
	mount -t tmpfs tmpfs "$NST_TMP/pins"
	track_mount "$NST_TMP/pins"
	mount --make-private "$NST_TMP/pins"
	run nsclone -n -u -i -T --pin="$NST_TMP/pins/c" sh -c 'readlink /proc/self/ns/net /proc/self/ns/uts /proc/self/ns/ipc /proc/self/ns/time'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "net:[$(stat -L -c %i "$NST_TMP/pins/c/net")]" ]
	[ "${lines[1]}" = "uts:[$(stat -L -c %i "$NST_TMP/pins/c/uts")]" ]
	[ "${lines[2]}" = "ipc:[$(stat -L -c %i "$NST_TMP/pins/c/ipc")]" ]
	[ "${lines[3]}" = "time:[$(stat -L -c %i "$NST_TMP/pins/c/time")]" ]
	[ "$(ls "$NST_TMP/pins/c" | tr '\n' ' ')" = "ipc net time uts " ]
	local net=${lines[0]}
	run nsjoin -t "$NST_TMP/pins/c" readlink /proc/self/ns/net
	[ "$output" = "$net" ]
}

@test "--pin of a mount namespace on a private mount" {
	require_root
	mkdir "$NST_TMP/pins"
	mount -t tmpfs tmpfs "$NST_TMP/pins"
	track_mount "$NST_TMP/pins"
	mount --make-private "$NST_TMP/pins"
	run nsclone -m --pin="$NST_TMP/pins/c" readlink /proc/self/ns/mnt
	# Linux 6.18 hands out mount namespace ids in per-CPU batches: from a
	# non-initial mount namespace, the pin is refused about half the time
	if [[ "$output" == *"not newer than ours"* ]]; then
		skip "the kernel gave the new mount namespace an older id"
	fi
	[ "$status" -eq 0 ]
	[ "$output" = "mnt:[$(stat -L -c %i "$NST_TMP/pins/c/mnt")]" ]
}

@test "--pin of a mount namespace on a shared mount says so, and leaves nothing" {
	require_root
	mkdir "$NST_TMP/pins" "$NST_TMP/peer"
	mount -t tmpfs tmpfs "$NST_TMP/pins"
	track_mount "$NST_TMP/pins"
	mount --make-shared "$NST_TMP/pins"
	mount --bind "$NST_TMP/pins" "$NST_TMP/peer"
	track_mount "$NST_TMP/peer"
	run nsclone -m -u --pin="$NST_TMP/pins/c" sleep 1234.5
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"private"*"mountprop --make-private"* ]]
	[ ! -e "$NST_TMP/pins/c" ]
	[ "$(mounts_under "$NST_TMP/pins")" -eq 1 ]
	no_process_runs "sleep 1234.5"
}

@test "--pin onto an existing regular file fails, the file intact" {
	require_root
	echo data > "$NST_TMP/file"
	run nsclone -n --pin="$NST_TMP/file" sleep 1234.6
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"$NST_TMP/file"* ]]
	[ "$(cat "$NST_TMP/file")" = data ]
	no_process_runs "sleep 1234.6"
}

@test "--pin onto an existing pin says what it pins" {
	require_root
	mkdir "$NST_TMP/pins"
	run nsclone -n --pin="$NST_TMP/pins" true
	[ "$status" -eq 0 ]
	track_mount "$NST_TMP/pins/net"
	local inode
	inode=$(stat -L -c %i "$NST_TMP/pins/net")
	run nsclone -n -u --pin="$NST_TMP/pins" true
	[ "$status" -eq 125 ]
	assert_one_line_error
	[ "$output" = "nsclone: $NST_TMP/pins/net: already pins net:[$inode]" ]
	[ ! -e "$NST_TMP/pins/uts" ]
	[ "$(stat -L -c %i "$NST_TMP/pins/net")" = "$inode" ]
}

@test "--pin into an unwritable directory fails and leaves nothing" {
	require_root
	mkdir "$NST_TMP/ro"
	mount -t tmpfs -o ro tmpfs "$NST_TMP/ro"
	track_mount "$NST_TMP/ro"
	run nsclone -n -u --pin="$NST_TMP/ro/c" sleep 1234.7
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"$NST_TMP/ro/c"* ]]
	[ -z "$(ls -A "$NST_TMP/ro")" ]
	[ "$(mounts_under "$NST_TMP/ro")" -eq 1 ]
	no_process_runs "sleep 1234.7"
}

@test "a pin NAME lives under the pin root, prepared shared" {
	require_root
	export NSTOOLS_PIN_ROOT="$NST_TMP/root"
	# not -n: a network namespace pinned by NAME is /run/netns/NAME too
	# (tests/netns.bats, with a /run of its own)
	run nsclone -u --pin=web true
	[ "$status" -eq 0 ]
	track_mount "$NST_TMP/root"
	track_mount "$NST_TMP/root/web/uts"
	[ "$(findmnt -no PROPAGATION "$NST_TMP/root")" = shared ]
	[ "$(stat -f -c %T "$NST_TMP/root/web/uts")" = nsfs ]
	# a second run leaves the pin root as it was: one mount, not two
	run nsclone -i --pin=web2 true
	track_mount "$NST_TMP/root/web2/ipc"
	[ "$(awk -v d="$NST_TMP/root" '$5 == d' /proc/self/mountinfo | wc -l)" -eq 1 ]
}

@test "--kill-child: the child dies with nsclone" {
	require_root
	spawn nsclone --kill-child -p sleep 1234.8
	local nsclone_pid=$SPAWNED child
	child=$(child_of "$nsclone_pid")
	wait_for_exec "$child" sleep
	kill -KILL "$nsclone_pid"
	for _ in $(seq 100); do no_process_runs "sleep 1234.8" && break; sleep 0.05; done
	no_process_runs "sleep 1234.8"
}

@test "-R and -w change root and directory" {
	require_root
	run nsclone -m -R / -w /usr pwd
	[ "$status" -eq 0 ]
	[ "$output" = /usr ]
}

@test "composes: nsjoin -n P nsclone -u -p --mount-proc is docker run --net container:P" {
	require_root
	start_holder -n
	run nsjoin -n "/proc/$HOLDER/ns/net" nsclone -u -p --mount-proc sh -c \
		'readlink /proc/self/ns/net /proc/self/ns/uts; echo $$'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(ns_of "$HOLDER" net)" ]
	[ "${lines[1]}" != "$(ns_of self uts)" ]
	[ "${lines[2]}" = 1 ]
}

@test "rootless: -U -r with net, uts, ipc, mount and pid" {
	require_root
	local nsclone
	nsclone=$(unprivileged_copy nsclone)
	run as_nobody "$nsclone" -U -r -n -u -i -m -p --mount-proc --hostname rootless sh -c \
		'id -u; hostname; echo $$; cat /proc/self/uid_map; for t in user net uts ipc mnt pid; do readlink /proc/self/ns/$t; done'
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = 0 ]
	[ "${lines[1]}" = rootless ]
	[ "${lines[2]}" = 1 ]
	[ "$(echo "${lines[3]}" | tr -s ' ' | sed 's/^ //')" = "0 65534 1" ]
	local i=4 t
	for t in user net uts ipc mnt pid; do
		[ "${lines[$i]}" != "$(ns_of self "$t")" ]
		i=$((i + 1))
	done
}

@test "rootless: -n without -U is refused with a hint" {
	require_root
	local nsclone
	nsclone=$(unprivileged_copy nsclone)
	run as_nobody "$nsclone" -n true
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"-U -r"* ]]
}

@test "a namespace limit reached names the limit file" {
	require_root
	local nsclone
	nsclone=$(command -v nsclone)
	run unshare -U -r sh -c "echo 0 > /proc/sys/user/max_uts_namespaces && '$nsclone' -u true"
	[ "$status" -eq 125 ]
	assert_one_line_error
	[[ "$output" == *"/proc/sys/user/max_uts_namespaces is 0"* ]]
}

@test "the command gets no descriptor of nsclone's own" {
	require_root
	local ours theirs
	ours=$(sh -c 'ls /proc/$$/fd; :' 3>&-)
	theirs=$(nsclone -u -n sh -c 'ls /proc/$$/fd; :' 3>&-)
	[ "$theirs" = "$ours" ]
	theirs=$(nsclone -p --mount-proc --init sh -c 'ls /proc/$$/fd; :' 3>&-)
	[ "$theirs" = "$ours" ]
}

@test "a missing command is 127" {
	require_root
	run -127 nsclone -u nstools-no-such-command
	assert_one_line_error
	[[ "$output" == *nstools-no-such-command* ]]
}

@test "bad options: one line, status 125, nothing started" {
	local args
	while IFS= read -r args; do
		run nsclone $args sleep 1234.9
		echo "$args: $status: $output"
		[ "$status" -eq 125 ]
		[ "${#lines[@]}" -eq 2 ]
		[[ "${lines[1]}" == "Try 'nsclone --help'"* ]]
	done <<-EOF
		--hostname=x
		--domainname=x -n
		--map-root-user
		--map-user=0 -n
		--setgroups=deny -n
		-T --monotonic=abc
		--monotonic=5
		-m --propagation=bogus
		--propagation=private
		-U --map-users=1:2
		-U --map-user=-1
		--init
		--keep-stdio
		-d --kill-child -n
		--kill-child=NOSUCHSIG -n
		--pin=x
	EOF
	no_process_runs "sleep 1234.9"
}

@test "--help and --version" {
	run nsclone --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "Usage:"* ]]
	for t in $TYPES; do
		[[ "$output" == *"new $t namespace"* ]]
	done
	run nsclone --version
	[[ "$output" == "nsclone (nstools) "* ]]
}
