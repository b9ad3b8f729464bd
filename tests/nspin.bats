#!/usr/bin/env bats
# nspin: pins checked with stat -L, mountinfo and the kernel's own tools.

load helpers
bats_require_minimum_version 1.5.0

# in_mountinfo PATH: PATH is a mount point in our mount namespace
in_mountinfo() {
	awk -v path="$1" '$5 == path { found = 1 } END { exit !found }' /proc/self/mountinfo
}

mounts_under() {
	awk -v dir="$1" '$5 == dir || index($5, dir "/") == 1' /proc/self/mountinfo | wc -l
}

setup_pin_root() {
	export NSTOOLS_PIN_ROOT="$NST_TMP/root"
}

@test "a pin keeps the namespace alive after its last process, until released" {
	require_root
	start_holder -n
	local inode
	inode=$(stat -L -c %i "/proc/$HOLDER/ns/net")
	run nspin "/proc/$HOLDER/ns/net" "$NST_TMP/netpin"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	kill -KILL "$HOLDER"
	wait_gone "$HOLDER"
	[ "$(stat -L -c %i "$NST_TMP/netpin")" = "$inode" ]
	run nsjoin -n "$NST_TMP/netpin" readlink /proc/self/ns/net
	[ "$output" = "net:[$inode]" ]

	run nspin --release "$NST_TMP/netpin"
	[ "$status" -eq 0 ]
	run ! in_mountinfo "$NST_TMP/netpin"
	[ ! -e "$NST_TMP/netpin" ]
}

@test "a PID with a type option names the namespace" {
	require_root
	start_holder -u
	run nspin -u "$HOLDER" "$NST_TMP/utspin"
	[ "$status" -eq 0 ]
	[ "$(stat -L -c %i "$NST_TMP/utspin")" = "$(stat -L -c %i "/proc/$HOLDER/ns/uts")" ]
	run nspin --uts "$HOLDER:$(pidfd_inode "$HOLDER")" "$NST_TMP/utspin2"
	[ "$status" -eq 0 ]
	[ "$(stat -L -c %i "$NST_TMP/utspin2")" = "$(stat -L -c %i "/proc/$HOLDER/ns/uts")" ]
}

@test "-t PID DIR pins every namespace that differs from ours, as DIR/TYPE" {
	require_root
	start_holder -u -i -n -p -C -T -U -r --fork
	run nspin -t "$HOLDER" "$NST_TMP/pins"
	[ "$status" -eq 0 ]
	[ "$(ls "$NST_TMP/pins" | tr '\n' ' ')" = "cgroup ipc net pid time user uts " ]
	for t in cgroup ipc net pid time user uts; do
		[ "$(stat -L -c %i "$NST_TMP/pins/$t")" = "$(stat -L -c %i "/proc/$HOLDER/ns/$t")" ]
	done
	kill -KILL "$HOLDER"
	run nsjoin -u "$NST_TMP/pins/uts" -n "$NST_TMP/pins/net" readlink /proc/self/ns/uts
	[ "$output" = "uts:[$(stat -L -c %i "$NST_TMP/pins/uts")]" ]

	run nspin --release "$NST_TMP/pins"
	[ "$status" -eq 0 ]
	[ ! -e "$NST_TMP/pins" ]
	[ "$(mounts_under "$NST_TMP/pins")" -eq 0 ]
}

@test "-t PID with types pins only those" {
	require_root
	start_holder -u -i -n
	run nspin -t "$HOLDER" -n --uts "$NST_TMP/pins"
	[ "$status" -eq 0 ]
	[ "$(ls "$NST_TMP/pins" | tr '\n' ' ')" = "net uts " ]
}

@test "-t DIR re-pins the pins of a directory" {
	require_root
	start_holder -u -n
	nspin -t "$HOLDER" "$NST_TMP/a"
	run nspin -t "$NST_TMP/a" "$NST_TMP/b"
	[ "$status" -eq 0 ]
	[ "$(stat -L -c %i "$NST_TMP/b/net")" = "$(stat -L -c %i "/proc/$HOLDER/ns/net")" ]
	[ "$(stat -L -c %i "$NST_TMP/b/uts")" = "$(stat -L -c %i "/proc/$HOLDER/ns/uts")" ]
}

@test "a process in none but our namespaces: nothing to pin unless types are named" {
	require_root
	spawn sleep infinity
	run nspin -t "$SPAWNED" "$NST_TMP/pins"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[ ! -e "$NST_TMP/pins" ]
	run nspin -t "$SPAWNED" -u "$NST_TMP/pins"
	[ "$status" -eq 0 ]
	[ "$(stat -L -c %i "$NST_TMP/pins/uts")" = "$(stat -L -c %i /proc/self/ns/uts)" ]
}

@test "nsclone --pin output is released by nspin --release" {
	require_root
	run nsclone -n -u -i --pin="$NST_TMP/c" true
	[ "$status" -eq 0 ]
	[ "$(mounts_under "$NST_TMP/c")" -eq 3 ]
	run nspin --release "$NST_TMP/c"
	[ "$status" -eq 0 ]
	[ ! -e "$NST_TMP/c" ]
	[ "$(mounts_under "$NST_TMP/c")" -eq 0 ]
}

@test "a NAME lives under the pin root, which is a shared mount point of its own" {
	require_root
	setup_pin_root
	start_holder -u
	run nspin -u "$HOLDER" web
	[ "$status" -eq 0 ]
	[ "$(stat -L -c %i "$NST_TMP/root/web")" = "$(stat -L -c %i "/proc/$HOLDER/ns/uts")" ]
	[ "$(findmnt -no PROPAGATION "$NST_TMP/root")" = shared ]
	run nspin -t "$HOLDER" web-dir
	[ "$status" -eq 0 ]
	[ -e "$NST_TMP/root/web-dir/uts" ]
	# the preparation is done once: still one mount at the pin root
	[ "$(awk -v d="$NST_TMP/root" '$5 == d' /proc/self/mountinfo | wc -l)" -eq 1 ]
	run nspin --release web web-dir
	[ "$status" -eq 0 ]
	[ -z "$(ls -A "$NST_TMP/root")" ]
}

@test "parallel first runs prepare the pin root once" {
	require_root
	setup_pin_root
	start_holder -u
	local pids=()
	for i in 1 2 3 4 5 6; do
		nspin -u "$HOLDER" "p$i" 3>&- &
		pids+=($!)
	done
	wait "${pids[@]}"
	[ "$(awk -v d="$NST_TMP/root" '$5 == d' /proc/self/mountinfo | wc -l)" -eq 1 ]
	[ "$(ls "$NST_TMP/root" | wc -l)" -eq 6 ]
}

@test "a mount namespace made before a pin sees the pin" {
	require_root
	setup_pin_root
	start_holder -u
	nspin -u "$HOLDER" first
	spawn unshare -m --propagation unchanged sleep infinity
	local viewer=$SPAWNED
	wait_for_exec "$viewer" sleep
	run nspin -u "$HOLDER" later
	[ "$status" -eq 0 ]
	run nsjoin -m "$viewer" stat -L -c %i "$NST_TMP/root/later"
	[ "$status" -eq 0 ]
	[ "$output" = "$(stat -L -c %i "/proc/$HOLDER/ns/uts")" ]
	grep -q " $NST_TMP/root/later " "/proc/$viewer/mountinfo"
}

@test "/run/netns/NAME is an iproute2 named network namespace" {
	require_root
	command -v ip >/dev/null || skip "no iproute2"
	start_holder -n
	local nspin
	nspin=$(command -v nspin)
	# in a mount namespace of the test's own, with a /run of its own
	run unshare -m --propagation private sh -ec "
		mount -t tmpfs tmpfs /run
		'$nspin' -n $HOLDER /run/netns/nstools-blue
		findmnt -no PROPAGATION /run/netns
		ip netns list
		ip netns exec nstools-blue readlink /proc/self/ns/net
		ip netns add nstools-red
		'$nspin' --release /run/netns/nstools-red
		ip netns list
		ip netns delete nstools-blue
		ls -A /run/netns | wc -l"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = shared ]
	[[ "${lines[1]}" == nstools-blue* ]]
	[ "${lines[2]}" = "$(ns_of "$HOLDER" net)" ]
	[[ "${lines[3]}" == nstools-blue* ]]
	[ "${lines[4]}" = 0 ]
}

@test "a mount namespace pin on a private mount, and never into itself or onto a shared one" {
	require_root
	mkdir "$NST_TMP/private" "$NST_TMP/shared" "$NST_TMP/peer"
	mount -t tmpfs tmpfs "$NST_TMP/private"
	mount --make-private "$NST_TMP/private"
	mount -t tmpfs tmpfs "$NST_TMP/shared"
	mount --make-shared "$NST_TMP/shared"
	mount --bind "$NST_TMP/shared" "$NST_TMP/peer"
	start_holder -m

	run nspin "/proc/$HOLDER/ns/mnt" "$NST_TMP/shared/m"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[[ "$output" == *"private mount"*"mountprop --make-private $NST_TMP/shared"* ]]
	[ ! -e "$NST_TMP/shared/m" ]

	run nspin /proc/self/ns/mnt "$NST_TMP/private/self"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[[ "$output" == *"inside itself"* ]]
	[ ! -e "$NST_TMP/private/self" ]

	run nspin "/proc/$HOLDER/ns/mnt" "$NST_TMP/private/m"
	if [[ "$output" == *"not newer than ours"* ]]; then
		skip "the kernel gave the new mount namespace an older id (Linux 6.18 per-CPU batches)"
	fi
	[ "$status" -eq 0 ]
	[ "$(stat -L -c %i "$NST_TMP/private/m")" = "$(stat -L -c %i "/proc/$HOLDER/ns/mnt")" ]
}

@test "rootless: pinning inside a user namespace the caller owns works" {
	require_root
	local nspin
	nspin=$(unprivileged_copy nspin)
	mkdir -m 777 "$NST_TMP/rootless"
	run as_nobody unshare -U -r -m -u sh -ec "
		'$nspin' /proc/self/ns/uts '$NST_TMP/rootless/uts'
		stat -L -c %i '$NST_TMP/rootless/uts'
		readlink /proc/self/ns/uts"
	[ "$status" -eq 0 ]
	[ "uts:[${lines[0]}]" = "${lines[1]}" ]
}

@test "rootless: pinning outside one's user namespace is refused, nothing left" {
	require_root
	local nspin
	nspin=$(unprivileged_copy nspin)
	mkdir -m 777 "$NST_TMP/rootless"
	run as_nobody "$nspin" /proc/self/ns/uts "$NST_TMP/rootless/uts"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[[ "$output" == *"$NST_TMP/rootless/uts"*"CAP_SYS_ADMIN"* ]]
	[ ! -e "$NST_TMP/rootless/uts" ]
}

@test "faults: a failed attach (move_mount) leaves no file behind" {
	require_root
	command -v strace >/dev/null || skip "no strace"
	start_holder -n
	run strace -f -o /dev/null -e inject=move_mount:error=EPERM nspin -n "$HOLDER" "$NST_TMP/p"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[ ! -e "$NST_TMP/p" ]
}

@test "faults: a half-made pin directory is rolled back at every step" {
	require_root
	command -v strace >/dev/null || skip "no strace"
	start_holder -u -i -n
	for step in 1 2 3; do
		run strace -f -o /dev/null -e inject=move_mount:error=EPERM:when=$step nspin -t "$HOLDER" "$NST_TMP/pins"
		echo "step $step: $output"
		[ "$status" -eq 1 ]
		assert_one_line_error
		[ ! -e "$NST_TMP/pins" ]
		[ "$(mounts_under "$NST_TMP/pins")" -eq 0 ]
	done
	run strace -f -o /dev/null -e inject=mkdirat:error=EACCES nspin -t "$HOLDER" "$NST_TMP/pins"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[ ! -e "$NST_TMP/pins" ]
	# into an existing directory, the directory stays and only our pins go
	mkdir "$NST_TMP/pins"
	run strace -f -o /dev/null -e inject=move_mount:error=EPERM:when=2 nspin -t "$HOLDER" "$NST_TMP/pins"
	[ "$status" -eq 1 ]
	[ -d "$NST_TMP/pins" ]
	[ -z "$(ls -A "$NST_TMP/pins")" ]
}

@test "faults: nsclone --pin rolls back and leaves no process" {
	require_root
	command -v strace >/dev/null || skip "no strace"
	run strace -f -o /dev/null -e inject=move_mount:error=EPERM:when=2 nsclone -n -u -i --pin="$NST_TMP/c" sleep 1234.4
	[ "$status" -eq 125 ]
	assert_one_line_error
	[ ! -e "$NST_TMP/c" ]
	[ "$(mounts_under "$NST_TMP/c")" -eq 0 ]
	! pgrep -f "sleep 1234.4"
}

@test "faults: a release that cannot unmount leaves the pin as it was" {
	require_root
	command -v strace >/dev/null || skip "no strace"
	start_holder -n
	nspin -n "$HOLDER" "$NST_TMP/p"
	run strace -f -o /dev/null -e inject=umount2:error=EBUSY nspin --release "$NST_TMP/p"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[ "$(stat -L -c %i "$NST_TMP/p")" = "$(stat -L -c %i "/proc/$HOLDER/ns/net")" ]
}

@test "pinning onto an existing pin says what it pins" {
	require_root
	start_holder -n
	nspin -n "$HOLDER" "$NST_TMP/p"
	run nspin /proc/self/ns/net "$NST_TMP/p"
	[ "$status" -eq 1 ]
	[ "$output" = "nspin: $NST_TMP/p: already pins net:[$(stat -L -c %i "/proc/$HOLDER/ns/net")]" ]
}

@test "bad input: one line, status 1, nothing changed" {
	require_root
	start_holder -n
	echo data > "$NST_TMP/data"
	echo data > "$NST_TMP/regular"
	mkdir "$NST_TMP/tmpfs" "$NST_TMP/stranger"
	mount -t tmpfs tmpfs "$NST_TMP/tmpfs"
	touch "$NST_TMP/stranger/net"
	local before
	# only the test's own directory: suites running beside this one (make -j
	# check) mount and unmount elsewhere in this namespace meanwhile
	before=$(mounts_under "$NST_TMP")

	run nspin /etc/hostname "$NST_TMP/p1"               # not a namespace
	[ "$status" -eq 1 ]; assert_one_line_error; [[ "$output" == *"/etc/hostname: not a namespace file"* ]]
	run nspin "$NST_TMP/missing" "$NST_TMP/p2"          # a missing source
	[ "$status" -eq 1 ]; assert_one_line_error; [[ "$output" == *"$NST_TMP/missing"* ]]
	run nspin -n "$HOLDER" "$NST_TMP/data"              # an existing file with data
	[ "$status" -eq 1 ]; assert_one_line_error; [ "$(cat "$NST_TMP/data")" = data ]
	run nspin -n "$HOLDER" "$NST_TMP/nodir/p"           # in a missing directory
	[ "$status" -eq 1 ]; assert_one_line_error; [[ "$output" == *"$NST_TMP/nodir/p"* ]]
	run nspin --release "$NST_TMP/regular"              # a regular file
	[ "$status" -eq 1 ]; assert_one_line_error; [[ "$output" == *"not a pin"* ]]
	[ "$(cat "$NST_TMP/regular")" = data ]
	run nspin --release "$NST_TMP/tmpfs"                # a tmpfs mount point
	[ "$status" -eq 1 ]; assert_one_line_error; [[ "$output" == *"not a pin"* ]]
	in_mountinfo "$NST_TMP/tmpfs"
	run nspin --release "$NST_TMP/stranger"             # a directory with a stranger in it
	[ "$status" -eq 1 ]; assert_one_line_error; [[ "$output" == *"not a pin"* ]]
	[ -e "$NST_TMP/stranger/net" ]
	run nspin -n "$HOLDER"                              # a usage error
	[ "$status" -eq 1 ]; [[ "${lines[1]}" == "Try 'nspin --help'"* ]]
	run nspin "$HOLDER" "$NST_TMP/p3"                   # a PID with no type
	[ "$status" -eq 1 ]; [ ! -e "$NST_TMP/p3" ]
	run nspin -n -u "$HOLDER" "$NST_TMP/p4"             # a PID with two types
	[ "$status" -eq 1 ]; [ ! -e "$NST_TMP/p4" ]
	run nspin -u "/proc/$HOLDER/ns/net" "$NST_TMP/p5"   # a file of another type
	[ "$status" -eq 1 ]; [[ "$output" == *"is a net namespace, not uts"* ]]
	run nspin -t 0 "$NST_TMP/p6"
	[ "$status" -eq 1 ]; assert_one_line_error
	run nspin --release "$NST_TMP/nothing"
	[ "$status" -eq 1 ]; assert_one_line_error
	[ "$(mounts_under "$NST_TMP")" -eq "$before" ]
	[ "$(ls "$NST_TMP" | tr '\n' ' ')" = "data regular stranger tmpfs " ]
}

@test "--help and --version" {
	run nspin --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "Usage:"* ]]
	run nspin -V
	[[ "$output" == "nspin (nstools) "* ]]
}
