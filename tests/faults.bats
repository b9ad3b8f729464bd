#!/usr/bin/env bats
# Fault injection: every system call that nspin, nsclone --pin and mountprop
# make on a path fails in turn (strace -e inject=SYSCALL:error=ERRNO:when=N).
# Whatever fails, the tool either does the whole job, or says why in one line
# (TOOL: OBJECT: ...), exits non-zero (nsclone 125, the others 1) and leaves no
# file, mount or process behind: a half-made pin directory is rolled back, a
# release that fails leaves pins that a second release takes.
#
# Each test below is one row of the table: a path, a system call, an errno.
# Which calls of that system call are the tool's own (not the dynamic loader's
# or a library constructor's), and their numbers N, are found at run time by
# a clean run under strace -k: a call is the tool's when the tool's binary is
# on its stack. Then each of them fails, one run each. The last test of each
# path checks that its rows name every system call the path makes, so the
# table cannot fall behind the code.
#
# Every run happens inside a private mount namespace of the test's own
# (start_mount_ns): a leaked mount dies with it, and is still looked for in
# its mountinfo.

load helpers
bats_require_minimum_version 1.5.0

# no locale files to open: the traces hold the tools' calls, and little else
export LC_ALL=C

# System calls never made to fail, and why: they cannot fail as called, their
# failure is not seen (close), or they belong to another stage (execve starts
# COMMAND; wait4 and rt_sigtimedwait relay its status, in nsclone.bats).
# statmount and listmount: strace 6.1 knows them by number only, and cannot
# inject them (syscall_0x1c9, syscall_0x1ca). sigaltstack is the sanitizer
# runtime's, linked into the tool in a sanitizer build.
NOT_INJECTED=" close exit_group brk mmap munmap mprotect getrandom futex rt_sigaction rt_sigprocmask sigaltstack
	prlimit64 geteuid getegid getuid getgid getpid gettid lseek execve wait4 rt_sigtimedwait
	syscall_0x1c9 syscall_0x1ca "

require_faults() {
	require_root
	command -v strace >/dev/null || skip "no strace"
	# injection (strace 4.16), and stack traces (-k, built with libdw or libunwind)
	[[ "$(strace -qq -o /dev/null -e inject=mkdir:error=EROFS mkdir "$NST_TMP/probe" 2>&1)" == \
		*"Read-only file system"* ]] || skip "this strace cannot inject faults"
	strace -k -qq -o /dev/null true 2>/dev/null || skip "this strace has no stack traces (-k)"
}

# mounts_under DIR: how many mounts there are at or under DIR in the test's
# mount namespace.
mounts_under() {
	awk -v dir="$1" '$5 == dir || index($5, dir "/") == 1' "/proc/$MNTNS/mountinfo" | wc -l
}

# pinned PATH: the namespace a pin holds, as stat -L sees it in the test's mount namespace.
pinned() {
	in_mount_ns stat -L -c %i "$1"
}

# no_process_with W: no process has W in its command line: a child nsclone
# forked and left behind still carries nsclone's own.
no_process_with() {
	local pids
	pids=$(pgrep -f -- "$1/") || return 0
	echo "$pids" >> "$NST_TMP/.pids"
	echo "left running: $(ps -o pid=,args= -p "$(echo $pids | tr ' ' ,)")" >&2
	return 1
}

# --- the paths: each has prepare W (sets CMD), done W (the job is done
# right) and left W (a failure left nothing behind) -------------------------

pin_file_prepare() {
	CMD=(nspin "/proc/$HOLDER/ns/net" "$1/p")
}
pin_file_done() {
	[ "$(pinned "$1/p")" = "$(ns_ino "$HOLDER" net)" ]
}
pin_file_left() {
	[ -z "$(ls -A "$1")" ] && [ "$(mounts_under "$1")" -eq 0 ]
}

# The pin root is made as a NAME is pinned: W is a shared mount, as /run is,
# so a root bound onto itself and left there before it was made private would
# stay in W's peer group.
pin_name_prepare() {
	in_mount_ns sh -c 'mount -t tmpfs w "$1" && mount --make-shared "$1"' sh "$1"
	export NSTOOLS_PIN_ROOT="$1/root"
	CMD=(nspin -u "$HOLDER" web)
}
pin_name_done() {
	[ "$(pinned "$1/root/web")" = "$(ns_ino "$HOLDER" uts)" ] || return 1
	[ "$(awk -v d="$1/root" '$5 == d' "/proc/$MNTNS/mountinfo" | wc -l)" -eq 1 ] || return 1
	[[ "$(optional_fields "$1/root")" =~ ^shared:[0-9]+$ ]] || return 1
	[ "$(optional_fields "$1/root")" != "$(optional_fields "$1")" ]
}
# the pin root may be left made (that is idempotent), but the next run must
# make it right
pin_name_left() {
	in_mount_ns test ! -e "$1/root/web" || return 1
	[ "$(mounts_under "$1/root")" -le 1 ] || return 1
	in_mount_ns "${CMD[@]}" && pin_name_done "$1"
}

pin_target_prepare() {
	CMD=(nspin -t "$HOLDER" -u -i -n "$1/pins")
}
pin_target_done() {
	local t
	[ "$(ls "$1/pins" | tr '\n' ' ')" = "ipc net uts " ] || return 1
	for t in ipc net uts; do
		[ "$(pinned "$1/pins/$t")" = "$(ns_ino "$HOLDER" "$t")" ] || return 1
	done
}
pin_target_left() {
	pin_file_left "$1"
}

# into a directory that is there already: it stays, with none of our pins
pin_into_prepare() {
	mkdir "$1/pins"
	pin_target_prepare "$1"
}
pin_into_done() {
	pin_target_done "$1"
}
pin_into_left() {
	[ -d "$1/pins" ] && [ -z "$(ls -A "$1/pins")" ] && [ "$(mounts_under "$1")" -eq 0 ]
}

# a NAME under a pin root made by an earlier run: not made again
pin_name_again_prepare() {
	pin_name_prepare "$1"
	in_mount_ns nspin -u "$HOLDER" first
}
pin_name_again_done() {
	pin_name_done "$1"
}
pin_name_again_left() {
	in_mount_ns test ! -e "$1/root/web" || return 1
	[ "$(mounts_under "$1/root")" -eq 2 ] || return 1
	in_mount_ns "${CMD[@]}" && pin_name_done "$1"
}

release_file_prepare() {
	in_mount_ns nspin -n "$HOLDER" "$1/p"
	CMD=(nspin --release "$1/p")
}
release_file_done() {
	pin_file_left "$1"
}
# the pin as it was; and it was a pin all along, whatever check failed
release_file_left() {
	[[ "$output" != *"not a pin"* ]] || return 1
	[ "$(pinned "$1/p")" = "$(ns_ino "$HOLDER" net)" ] && [ "$(mounts_under "$1")" -eq 1 ]
}

release_dir_prepare() {
	in_mount_ns nspin -t "$HOLDER" -u -i -n "$1/pins"
	CMD=(nspin --release "$1/pins")
}
release_dir_done() {
	pin_file_left "$1"
}
# what is left is pins, each of its type, that a second release takes
release_dir_left() {
	local t n=0
	[[ "$output" != *"not a pin"* ]] || return 1
	for t in "$1"/pins/*; do
		[ -e "$t" ] || continue
		t=${t##*/}
		[ "$(pinned "$1/pins/$t")" = "$(ns_ino "$HOLDER" "$t")" ] || return 1
		n=$((n + 1))
	done
	[ "$(mounts_under "$1")" -eq "$n" ] || return 1
	in_mount_ns nspin --release "$1/pins" && release_dir_done "$1"
}

# a user namespace too: nsclone writes the ID maps before it pins
clone_pin_prepare() {
	CMD=(nsclone -U -r -u -n --pin="$1/c" -- true)
}
clone_pin_done() {
	local t
	[ "$(ls "$1/c" | tr '\n' ' ')" = "net user uts " ] && [ "$(mounts_under "$1")" -eq 3 ] || return 1
	# each pin holds a namespace nsclone made, not one of ours
	for t in net user uts; do
		[ "$(pinned "$1/c/$t")" != "$(stat -L -c %i "/proc/self/ns/$t")" ] || return 1
	done
}
clone_pin_left() {
	pin_file_left "$1"
}

# two mounts, so that recursion has something to do
make_prepare() {
	tmpfs_at "$1/m"
	tmpfs_at "$1/m/sub"
	CMD=(mountprop --make-rshared "$1/m")
}
make_done() {
	[ "$(propagation_at "$1/m")" = shared ] && [ "$(propagation_at "$1/m/sub")" = shared ]
}
make_left() {
	[ "$(propagation_at "$1/m")" = private ] && [ "$(propagation_at "$1/m/sub")" = private ] &&
		[ "$(mounts_under "$1")" -eq 2 ]
}

# a slave needs a peer group with another member: W/peer; and the warning
# that it did not become one reads the mount table
make_slave_prepare() {
	tmpfs_at "$1/m"
	in_mount_ns sh -c 'mount --make-shared "$1/m" && mkdir "$1/peer" && mount --bind "$1/m" "$1/peer"' sh "$1"
	CMD=(mountprop --make-slave "$1/m")
}
make_slave_done() {
	[ "$(propagation_at "$1/m")" = private,slave ] && [ -z "$output" ]
}
make_slave_left() {
	[ "$(propagation_at "$1/m")" = shared ] && [ "$(mounts_under "$1")" -eq 2 ]
}

# -N: in another mount namespace, entered by PID
show_ns_prepare() {
	[ -n "${MNTNS2:-}" ] || second_mount_ns
	nsenter -t "$MNTNS2" -m sh -c 'mkdir -p "$1" && mount -t tmpfs other "$1"' sh "$1/m"
	CMD=(mountprop -N "$MNTNS2" -n -o "TARGET,PROPAGATION" "$1/m")
}
show_ns_done() {
	show_done "$1"
}
show_ns_left() {
	awk -v m="$1/m" '$5 == m' "/proc/$MNTNS2/mountinfo" | grep -q .
}

show_prepare() {
	tmpfs_at "$1/m"
	CMD=(mountprop -n -o "TARGET,PROPAGATION" "$1/m")
}
show_done() {
	[ "$output" = "$1/m private" ]
}
show_left() {
	[ "$(mounts_under "$1")" -eq 1 ]
}

# --- the engine -----------------------------------------------------------

start_path() {
	require_faults
	start_mount_ns
	case $1 in
	pin_* | release_*) start_holder -u -i -n ;;
	esac
}

# new_run: a fresh directory W for one run of the path's command.
new_run() {
	W=$NST_TMP/run.$1
	mkdir "$W"
}

# own_calls TRACE TOOL SYSCALL: N for each call of SYSCALL that TOOL's own code
# made, N its number among that process's calls of SYSCALL; TRACE is the
# prefix of strace -ff -k output files. strace counts per process, and
# when=N fails the Nth call in each: an N that is some process's startup
# (nsclone's child counts from its clone, its parent from exec) cannot aim
# at one call, and is left out, with a word.
own_calls() {
	local file
	for file in "$1".*; do
		awk -v tool="/$2(" -v want="$3" '
			function done_call() { if (current) print current, (own ? "own" : "other"); current = 0; own = 0 }
			/^ > / { if (current && index($0, tool) && $0 !~ /\(_start\+/) own = 1; next }
			{ done_call() }
			/^[a-z0-9_]+\(/ { name = $0; sub(/\(.*/, "", name); if (name == want) current = ++count }
			# a child past its execve is COMMAND now, not the tool
			/^execve\(.* = 0$/ && FNR > 1 { exit }
			END { done_call() }' "$file"
	done | awk '$2 == "own" { own[$1] = 1 } $2 == "other" { other[$1] = 1 }
		END { for (n in own) if (n in other) printf "# when=%d: also a startup call of another process\n", n > "/dev/stderr"
			else print n }' | sort -n
}

# own_syscalls TRACE TOOL: every system call TOOL's own code made.
own_syscalls() {
	local file
	for file in "$1".*; do
		awk -v tool="/$2(" '
			/^ > / { if (name != "" && index($0, tool) && $0 !~ /\(_start\+/) print name; next }
			{ name = "" }
			/^[a-z0-9_]+\(/ { name = $0; sub(/\(.*/, "", name) }' "$file"
	done | sort -u
}

# clean_run PATH: the path's command once, without faults; it must work.
# The first run of a path is traced with stack traces (-k is slow), and the
# trace kept for the path's other tests: the calls do not change.
clean_run() {
	local cache=$BATS_FILE_TMPDIR/$1
	new_run clean
	"$1_prepare" "$W"
	if [ -d "$cache" ]; then
		run timeout 20 nsenter -t "$MNTNS" -m "${CMD[@]}"
	else
		mkdir "$NST_TMP/trace"
		run timeout 20 nsenter -t "$MNTNS" -m strace -ff -k -qq -o "$NST_TMP/trace/trace" "${CMD[@]}"
	fi
	[ "$status" -eq 0 ] || { echo "the clean run failed: $output" >&2; return 1; }
	"$1_done" "$W" || { echo "the clean run did not do the job" >&2; return 1; }
	[ -d "$cache" ] || mv "$NST_TMP/trace" "$cache"
	TRACE=$cache/trace
}

# faults PATH SYSCALL ERRNO: each call of SYSCALL the path's tool makes fails
# with ERRNO, one run each.
faults() {
	local path=$1 syscall=$2 errno=$3 tool expect n calls failed=0 worked=0
	start_path "$path"
	clean_run "$path"
	tool=${CMD[0]}
	expect=1
	[ "$tool" = nsclone ] && expect=125
	calls=$(own_calls "$TRACE" "$tool" "$syscall")
	[ -n "$calls" ] || { echo "$tool makes no $syscall call on this path: the table is stale" >&2; return 1; }
	for n in $calls; do
		local what="$syscall:error=$errno:when=$n"
		new_run "$syscall.$n"
		"${path}_prepare" "$W"
		run timeout 20 nsenter -t "$MNTNS" -m strace -f -qq -o "$W.trace" \
			-e trace="$syscall" -e inject="$what" "${CMD[@]}"
		echo "# $what: status $status: $output"
		grep -q "(INJECTED)" "$W.trace" || { echo "$what: never injected" >&2; return 1; }
		no_process_with "$W" || { echo "$what: a process was left" >&2; return 1; }
		if [ "$status" -eq 0 ]; then
			"${path}_done" "$W" || { echo "$what: exit 0, but the job is not done" >&2; return 1; }
			worked=$((worked + 1))
			continue
		fi
		[ "$status" -eq "$expect" ] || { echo "$what: status $status, not $expect" >&2; return 1; }
		assert_one_line_error || { echo "$what: not one line" >&2; return 1; }
		[[ "$output" =~ ^$tool:\ [^\ ].*:\ .+ ]] || { echo "$what: not '$tool: OBJECT: ...'" >&2; return 1; }
		"${path}_left" "$W" || { echo "$what: something was left behind" >&2; return 1; }
		failed=$((failed + 1))
	done
	echo "# $syscall ($errno): $failed failed cleanly, $worked did the job anyway"
}

# covered PATH: every system call the path's tool makes is a row of the
# table below, or one it is never made to fail in.
covered() {
	local path=$1 syscall missing=()
	start_path "$path"
	clean_run "$path"
	for syscall in $(own_syscalls "$TRACE" "${CMD[0]}"); do
		[[ " $(echo $NOT_INJECTED) " == *" $syscall "* ]] && continue
		grep -Eq "^@test .*\{ faults $path $syscall [A-Z]+; \}$" "$BATS_TEST_FILENAME" || missing+=("$syscall")
	done
	[ ${#missing[@]} -eq 0 ] || { echo "no row for: ${missing[*]}" >&2; return 1; }
}

# --- the table --------------------------------------------------------------

@test "nspin FILE PATH: openat fails (EACCES)" { faults pin_file openat EACCES; }
@test "nspin FILE PATH: fstatfs fails (EIO)" { faults pin_file fstatfs EIO; }
@test "nspin FILE PATH: ioctl fails (ENOTTY)" { faults pin_file ioctl ENOTTY; }
@test "nspin FILE PATH: open_tree fails (EPERM)" { faults pin_file open_tree EPERM; }
@test "nspin FILE PATH: open_tree fails (ENOSYS)" { faults pin_file open_tree ENOSYS; }
@test "nspin FILE PATH: move_mount fails (EPERM)" { faults pin_file move_mount EPERM; }
@test "nspin FILE PATH: openat2 fails (EACCES)" { faults pin_file openat2 EACCES; }
@test "nspin FILE PATH: flock fails (ENOLCK)" { faults pin_file flock ENOLCK; }
@test "nspin FILE PATH: every system call is in the table" { covered pin_file; }

@test "nspin PID NAME, the pin root made: pidfd_open fails (EMFILE)" { faults pin_name pidfd_open EMFILE; }
@test "nspin PID NAME, the pin root made: pidfd_open fails (ENOSYS)" { faults pin_name pidfd_open ENOSYS; }
@test "nspin PID NAME, the pin root made: pidfd_send_signal fails (ESRCH)" { faults pin_name pidfd_send_signal ESRCH; }
@test "nspin PID NAME, the pin root made: openat fails (EACCES)" { faults pin_name openat EACCES; }
@test "nspin PID NAME, the pin root made: newfstatat fails (EACCES)" { faults pin_name newfstatat EACCES; }
@test "nspin PID NAME, the pin root made: fstatfs fails (EIO)" { faults pin_name fstatfs EIO; }
@test "nspin PID NAME, the pin root made: ioctl fails (ENOTTY)" { faults pin_name ioctl ENOTTY; }
@test "nspin PID NAME, the pin root made: mkdirat fails (EACCES)" { faults pin_name mkdirat EACCES; }
@test "nspin PID NAME, the pin root made: flock fails (ENOLCK)" { faults pin_name flock ENOLCK; }
@test "nspin PID NAME, the pin root made: statx fails (EACCES)" { faults pin_name statx EACCES; }
@test "nspin PID NAME, the pin root made: open_tree fails (EPERM)" { faults pin_name open_tree EPERM; }
@test "nspin PID NAME, the pin root made: open_tree fails (ENOSYS)" { faults pin_name open_tree ENOSYS; }
@test "nspin PID NAME, the pin root made: move_mount fails (EPERM)" { faults pin_name move_mount EPERM; }
@test "nspin PID NAME, the pin root made: mount_setattr fails (EPERM)" { faults pin_name mount_setattr EPERM; }
@test "nspin PID NAME, the pin root made: mount_setattr fails (ENOSYS)" { faults pin_name mount_setattr ENOSYS; }
@test "nspin PID NAME: openat2 fails (EACCES)" { faults pin_name openat2 EACCES; }
@test "nspin PID NAME: every system call is in the table" { covered pin_name; }

@test "nspin -t PID DIR: pidfd_open fails (EMFILE)" { faults pin_target pidfd_open EMFILE; }
@test "nspin -t PID DIR: pidfd_send_signal fails (ESRCH)" { faults pin_target pidfd_send_signal ESRCH; }
@test "nspin -t PID DIR: openat fails (EACCES)" { faults pin_target openat EACCES; }
@test "nspin -t PID DIR: fstatfs fails (EIO)" { faults pin_target fstatfs EIO; }
@test "nspin -t PID DIR: ioctl fails (ENOTTY)" { faults pin_target ioctl ENOTTY; }
@test "nspin -t PID DIR: mkdirat fails (EACCES)" { faults pin_target mkdirat EACCES; }
@test "nspin -t PID DIR: open_tree fails (EPERM)" { faults pin_target open_tree EPERM; }
@test "nspin -t PID DIR: open_tree fails (ENOSYS)" { faults pin_target open_tree ENOSYS; }
@test "nspin -t PID DIR: move_mount fails (EPERM)" { faults pin_target move_mount EPERM; }
@test "nspin -t PID DIR: openat2 fails (EACCES)" { faults pin_target openat2 EACCES; }
@test "nspin -t PID DIR: flock fails (ENOLCK)" { faults pin_target flock ENOLCK; }
@test "nspin -t PID DIR: newfstatat fails (EACCES)" { faults pin_target newfstatat EACCES; }
@test "nspin -t PID DIR: every system call is in the table" { covered pin_target; }
@test "nspin -t PID DIR: a rollback that cannot unmount names the pin it left, which a release takes" {
	start_path pin_target
	new_run rollback
	pin_target_prepare "$W"
	run timeout 20 nsenter -t "$MNTNS" -m strace -f -qq -o /dev/null \
		-e inject=move_mount:error=EPERM:when=2 -e inject=umount2:error=EBUSY "${CMD[@]}"
	echo "$output"
	[ "$status" -eq 1 ]
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[0]}" == "nspin: $W/pins/ipc: cannot pin the ipc namespace: "* ]]
	[ "${lines[1]}" = "nspin: $W/pins/uts: cannot remove the pin: Device or resource busy" ]
	[ "$(pinned "$W/pins/uts")" = "$(ns_ino "$HOLDER" uts)" ]
	in_mount_ns nspin --release "$W/pins"
	pin_target_left "$W"
}

@test "nspin -t PID DIR, DIR there: openat fails (EACCES)" { faults pin_into openat EACCES; }
@test "nspin -t PID DIR, DIR there: mkdirat fails (EACCES)" { faults pin_into mkdirat EACCES; }
@test "nspin -t PID DIR, DIR there: open_tree fails (EPERM)" { faults pin_into open_tree EPERM; }
@test "nspin -t PID DIR, DIR there: open_tree fails (ENOSYS)" { faults pin_into open_tree ENOSYS; }
@test "nspin -t PID DIR, DIR there: move_mount fails (EPERM)" { faults pin_into move_mount EPERM; }

@test "nspin PID NAME, the pin root there: pidfd_open fails (EMFILE)" { faults pin_name_again pidfd_open EMFILE; }
@test "nspin PID NAME, the pin root there: pidfd_send_signal fails (ESRCH)" { faults pin_name_again pidfd_send_signal ESRCH; }
@test "nspin PID NAME, the pin root there: openat fails (EACCES)" { faults pin_name_again openat EACCES; }
@test "nspin PID NAME, the pin root there: fstatfs fails (EIO)" { faults pin_name_again fstatfs EIO; }
@test "nspin PID NAME, the pin root there: ioctl fails (ENOTTY)" { faults pin_name_again ioctl ENOTTY; }
@test "nspin PID NAME, the pin root there: mkdirat fails (EACCES)" { faults pin_name_again mkdirat EACCES; }
@test "nspin PID NAME, the pin root there: statx fails (EACCES)" { faults pin_name_again statx EACCES; }
@test "nspin PID NAME, the pin root there: open_tree fails (EPERM)" { faults pin_name_again open_tree EPERM; }
@test "nspin PID NAME, the pin root there: open_tree fails (ENOSYS)" { faults pin_name_again open_tree ENOSYS; }
@test "nspin PID NAME, the pin root there: move_mount fails (EPERM)" { faults pin_name_again move_mount EPERM; }
@test "nspin PID NAME, the pin root there: flock fails (ENOLCK)" { faults pin_name_again flock ENOLCK; }
@test "nspin PID NAME, the pin root there: openat2 fails (EACCES)" { faults pin_name_again openat2 EACCES; }
@test "nspin PID NAME, the pin root there: every system call is in the table" { covered pin_name_again; }

@test "nspin --release FILE: statx fails (EACCES)" { faults release_file statx EACCES; }
@test "nspin --release FILE: newfstatat fails (EACCES)" { faults release_file newfstatat EACCES; }
@test "nspin --release FILE: openat fails (EACCES)" { faults release_file openat EACCES; }
@test "nspin --release FILE: fstatfs fails (EIO)" { faults release_file fstatfs EIO; }
@test "nspin --release FILE: ioctl fails (ENOTTY)" { faults release_file ioctl ENOTTY; }
@test "nspin --release FILE: umount2 fails (EBUSY)" { faults release_file umount2 EBUSY; }
@test "nspin --release FILE: unlinkat fails (EACCES)" { faults release_file unlinkat EACCES; }
@test "nspin --release FILE: openat2 fails (EACCES)" { faults release_file openat2 EACCES; }
@test "nspin --release FILE: flock fails (ENOLCK)" { faults release_file flock ENOLCK; }
@test "nspin --release FILE: every system call is in the table" { covered release_file; }

@test "nspin --release DIR: statx fails (EACCES)" { faults release_dir statx EACCES; }
@test "nspin --release DIR: newfstatat fails (EACCES)" { faults release_dir newfstatat EACCES; }
@test "nspin --release DIR: openat fails (EACCES)" { faults release_dir openat EACCES; }
@test "nspin --release DIR: getdents64 fails (EIO)" { faults release_dir getdents64 EIO; }
@test "nspin --release DIR: fstatfs fails (EIO)" { faults release_dir fstatfs EIO; }
@test "nspin --release DIR: ioctl fails (ENOTTY)" { faults release_dir ioctl ENOTTY; }
@test "nspin --release DIR: umount2 fails (EBUSY)" { faults release_dir umount2 EBUSY; }
@test "nspin --release DIR: unlinkat fails (EACCES)" { faults release_dir unlinkat EACCES; }
@test "nspin --release DIR: unlinkat fails (EBUSY)" { faults release_dir unlinkat EBUSY; }
@test "nspin --release DIR: openat2 fails (EACCES)" { faults release_dir openat2 EACCES; }
@test "nspin --release DIR: flock fails (ENOLCK)" { faults release_dir flock ENOLCK; }
@test "nspin --release DIR: dup fails (EMFILE)" { faults release_dir dup EMFILE; }
@test "nspin --release DIR: fcntl fails (EMFILE)" { faults release_dir fcntl EMFILE; }
@test "nspin --release DIR: every system call is in the table" { covered release_dir; }

@test "nsclone --pin: pipe2 fails (EMFILE)" { faults clone_pin pipe2 EMFILE; }
@test "nsclone --pin: clone3 fails (ENOSPC)" { faults clone_pin clone3 ENOSPC; }
@test "nsclone --pin: clone3 fails (ENOSYS)" { faults clone_pin clone3 ENOSYS; }
@test "nsclone --pin: read fails (EIO)" { faults clone_pin read EIO; }
@test "nsclone --pin: write fails (EIO)" { faults clone_pin write EIO; }
@test "nsclone --pin: openat fails (EACCES)" { faults clone_pin openat EACCES; }
@test "nsclone --pin: mkdirat fails (EACCES)" { faults clone_pin mkdirat EACCES; }
@test "nsclone --pin: open_tree fails (EPERM)" { faults clone_pin open_tree EPERM; }
@test "nsclone --pin: open_tree fails (ENOSYS)" { faults clone_pin open_tree ENOSYS; }
@test "nsclone --pin: move_mount fails (EPERM)" { faults clone_pin move_mount EPERM; }
@test "nsclone --pin: fcntl fails (EMFILE)" { faults clone_pin fcntl EMFILE; }
@test "nsclone --pin: openat2 fails (EACCES)" { faults clone_pin openat2 EACCES; }
@test "nsclone --pin: flock fails (ENOLCK)" { faults clone_pin flock ENOLCK; }
@test "nsclone --pin: newfstatat fails (EACCES)" { faults clone_pin newfstatat EACCES; }
@test "nsclone --pin: every system call is in the table" { covered clone_pin; }

@test "mountprop --make-rshared: openat fails (EACCES)" { faults make openat EACCES; }
@test "mountprop --make-rshared: statx fails (EACCES)" { faults make statx EACCES; }
@test "mountprop --make-rshared: mount_setattr fails (EPERM)" { faults make mount_setattr EPERM; }
@test "mountprop --make-rshared: mount_setattr fails (ENOSYS)" { faults make mount_setattr ENOSYS; }
@test "mountprop --make-rshared: every system call is in the table" { covered make; }

@test "mountprop --make-slave: openat fails (EACCES)" { faults make_slave openat EACCES; }
@test "mountprop --make-slave: statx fails (EACCES)" { faults make_slave statx EACCES; }
@test "mountprop --make-slave: mount_setattr fails (EPERM)" { faults make_slave mount_setattr EPERM; }
@test "mountprop --make-slave: every system call is in the table" { covered make_slave; }

@test "mountprop PATH: openat fails (EACCES)" { faults show openat EACCES; }
@test "mountprop PATH: statx fails (EACCES)" { faults show statx EACCES; }
@test "mountprop PATH: newfstatat fails (EACCES)" { faults show newfstatat EACCES; }
@test "mountprop PATH: ioctl fails (ENOTTY)" { faults show ioctl ENOTTY; }
@test "mountprop PATH: write fails (EIO)" { faults show write EIO; }
@test "mountprop PATH: every system call is in the table" { covered show; }

@test "mountprop -N PID PATH: pidfd_open fails (EMFILE)" { faults show_ns pidfd_open EMFILE; }
@test "mountprop -N PID PATH: pidfd_send_signal fails (ESRCH)" { faults show_ns pidfd_send_signal ESRCH; }
@test "mountprop -N PID PATH: openat fails (EACCES)" { faults show_ns openat EACCES; }
@test "mountprop -N PID PATH: fstatfs fails (EIO)" { faults show_ns fstatfs EIO; }
@test "mountprop -N PID PATH: ioctl fails (ENOTTY)" { faults show_ns ioctl ENOTTY; }
@test "mountprop -N PID PATH: newfstatat fails (EACCES)" { faults show_ns newfstatat EACCES; }
@test "mountprop -N PID PATH: setns fails (EPERM)" { faults show_ns setns EPERM; }
@test "mountprop -N PID PATH: statx fails (EACCES)" { faults show_ns statx EACCES; }
@test "mountprop -N PID PATH: write fails (EIO)" { faults show_ns write EIO; }
@test "mountprop -N PID PATH: every system call is in the table" { covered show_ns; }
