#!/usr/bin/env bats
# Issue 12, findings 5 and 9: nsls and mountprop, run by root, read what
# others control. Each attack is run for real, 20 times, and must succeed in
# none of them; what succeeded is judged by what the kernel says
# (inotify, readlink /proc/PID/ns/*), not by what the tool printed.

load helpers
bats_require_minimum_version 1.5.0

ATTACK_RUNS=20

# watch_opens FILE: count every open of FILE (inotify IN_OPEN) in FILE.opens,
# one line each, from now until teardown.
watch_opens() {
	local log="$1.opens"

	spawn python3 -c '
import ctypes, os, sys
libc = ctypes.CDLL(None, use_errno=True)
fd = libc.inotify_init1(0)
if fd < 0 or libc.inotify_add_watch(fd, sys.argv[1].encode(), 0x20) < 0:
    sys.exit("inotify: " + os.strerror(ctypes.get_errno()))
log = open(sys.argv[2], "w", buffering=1)
print("ready", file=log)
while True:
    for _ in range(len(os.read(fd, 4096)) // 16):
        print("open", file=log)
' "$1" "$log"
	wait_for_file "$log" "the watcher of $1"
}

# opens_of FILE: how many opens of FILE were seen so far.
opens_of() {
	grep -c '^open$' "$1.opens" || true
}

@test "a pin path swapped for a link never makes nsls open what the link names" {
	require_root
	make_attacker
	local dir canary mntns listed=0
	dir=$(attacker_dir swap)
	# the host file the attacker's link names, which it may not even read
	mkdir "$NST_TMP/host"
	canary="$NST_TMP/host/pin"
	echo secret > "$canary"
	chmod 600 "$canary"
	watch_opens "$canary"

	# In a user and mount namespace of its own, the attacker pins a uts
	# namespace (kept by nothing else, so nsls opens the pin to examine
	# it) under a directory it owns, then exchanges that directory with an
	# absolute link to the host's directory, over and over.
	# (as_attacker's setpriv: spawn cannot start a shell function)
	spawn setpriv --reuid="$ATTACKER_UID" --regid="$(id -g "$ATTACKER")" --clear-groups unshare -Urm --propagation private sh -c '
		dir=$1 host=$2
		mkdir "$dir/d" && touch "$dir/d/pin" && ln -s "$host" "$dir/l" &&
		unshare -u mount --bind /proc/self/ns/uts "$dir/d/pin" || exit 1
		# renameat2 (316) with RENAME_EXCHANGE, as fast as it goes
		exec perl -e "syscall(316, -100, \$ARGV[0], -100, \$ARGV[1], 2) while 1" "$dir/d" "$dir/l"' sh "$dir" "$NST_TMP/host"
	local attacker=$SPAWNED
	wait_for_exec "$attacker" perl
	mntns=$(ns_ino "$attacker" mnt)

	for _ in $(seq "$ATTACK_RUNS"); do
		run nsls -rn -o NS,HOLDERS
		[ "$status" -eq 0 ]
		[[ "$output" == *"pin:mnt:$mntns:$dir/"?"/pin"* ]] && listed=$((listed + 1))
	done
	echo "nsls opened the host file in $(opens_of "$canary") of $ATTACK_RUNS runs" \
		"(the pin was listed in $listed)" >&2
	# the attack was there to be made: nsls saw the attacker's pin
	[ "$listed" -gt 0 ]
	[ "$(opens_of "$canary")" -eq 0 ]
	# and the watcher does see an open
	cat "$canary" > /dev/null
	for _ in $(seq 50); do
		[ "$(opens_of "$canary")" -eq 1 ] && break
		sleep 0.02
	done
	[ "$(opens_of "$canary")" -eq 1 ]
}

@test "a pin is still examined through its mount namespace's root: PNS and ONS of a pin there" {
	require_root
	start_pin_keeper
	start_holder -U -r -u
	local ns owner
	ns=$(ns_ino "$HOLDER" uts)
	owner=$(ns_ino "$HOLDER" user)
	mkdir -p "$NST_TMP/keep/deep"
	keep_pin "$HOLDER" uts "$NST_TMP/keep/deep/uts"
	end_process "$HOLDER"

	# seen from here, the pin is in another mount namespace: only the pin
	# can tell nsls who owns the namespace
	run nsls -rn -o NS,ONS,HOLDERS "$ns"
	[ "$status" -eq 0 ]
	[ "$output" = "$ns $owner pin:mnt:$(ns_ino "$PIN_KEEPER" mnt):$NST_TMP/keep/deep/uts" ]
	[ "$(ns_relative "/proc/$PIN_KEEPER/root$NST_TMP/keep/deep/uts" owner)" = "$owner" ]
	release_pin "$NST_TMP/keep/deep/uts"
}

# The PID-reuse attacks run inside a pid namespace of the test's own, where
# ns_last_pid hands the victim's PID to the impostor, and strace holds the
# tool at one system call (delay_enter) while pid-reuse does so.
pid_reuse=${NSTOOLS_BUILDDIR:-.}/tests/attack/pid-reuse

# in_pid_ns SCRIPT ARG...: SCRIPT (bash) as PID 1 of a new pid namespace
# with its own /proc; json_rows is there.
in_pid_ns() {
	export -f json_rows
	unshare -p -f --mount-proc bash -c "$1" bash "${@:2}" 3>&-
}

@test "nsls never shows a process that took the PID of the one it found" {
	require_root
	command -v strace > /dev/null || skip "needs strace"
	local shown=0 attacks=0
	for _ in $(seq "$ATTACK_RUNS"); do
		# The victim is alone in a user namespace, so nsls reads its
		# PPID, UID and command; it dies while nsls opens its pidfd
		# (pidfd_open, 434), and an impostor of another UID, in the
		# pid namespace's own user namespace, takes its PID.
		in_pid_ns '
			dir=$1 attack=$2
			"$attack" -p nsls 434 sleep unshare -U sleep 1000 -- \
				setpriv --reuid=65534 --regid=65534 --clear-groups sleep 1001 \
				> "$dir/pids" 2> "$dir/attack.err" &
			attacker=$!
			for _ in $(seq 250); do
				victim=$(head -n 1 "$dir/pids")
				[ -n "$victim" ] && [ "$(cat "/proc/$victim/comm" 2>/dev/null)" = sleep ] && break
				sleep 0.02
			done
			strace -f -qq -o /dev/null -e trace=pidfd_open -e inject=pidfd_open:delay_enter=300000 \
				nsls -J -o NS,TYPE,PID,UID,COMMAND -t user > "$dir/nsls"
			wait "$attacker"
			echo "attack $? $(tr "\n" " " < "$dir/pids")"
			# what the kernel says of each PID nsls showed
			json_rows ns type pid < "$dir/nsls" | while read -r ns type pid; do
				[ -n "$pid" ] && echo "row $ns $type $pid $(stat -L -c %i "/proc/$pid/ns/$type" 2>/dev/null)"
			done
			true' "$NST_TMP" "$pid_reuse" > "$NST_TMP/run"
		# the impostor did take the victim's PID
		grep -Eq '^attack 0 ([0-9]+) \1 $' "$NST_TMP/run" || { cat "$NST_TMP/run" "$NST_TMP/attack.err" >&2; return 1; }
		attacks=$((attacks + 1))
		grep -q '^row ' "$NST_TMP/run"
		# a row whose PID is not in the namespace the row names shows the impostor
		awk '$1 == "row" && $2 != $5 { bad = 1 } END { exit !bad }' "$NST_TMP/run" && shown=$((shown + 1))
	done
	echo "nsls showed the impostor in $shown of $attacks attacks" >&2
	[ "$attacks" -eq "$ATTACK_RUNS" ]
	[ "$shown" -eq 0 ]
}

@test "mountprop -a never shows a namespace with the mount table of a process that took its PID" {
	require_root
	command -v strace > /dev/null || skip "needs strace"
	local shown=0 attacks=0
	for _ in $(seq "$ATTACK_RUNS"); do
		# The victim is the first process of a mount namespace; it dies
		# once mountprop has found it (at the getdents64 that ends the
		# walk of /proc, 217), and an impostor with a mount namespace of
		# its own, a tmpfs in it, takes its PID. The victim's namespace
		# is kept (fd 7), so the impostor's cannot get its inode number.
		in_pid_ns '
			dir=$1 attack=$2
			"$attack" mountprop 217 sleep unshare -m sleep 1000 -- \
				unshare -m --propagation private sh -c "mount -t tmpfs nst-impostor /mnt && exec sleep 1001" \
				> "$dir/pids" 2> "$dir/attack.err" &
			attacker=$!
			for _ in $(seq 250); do
				victim=$(head -n 1 "$dir/pids")
				[ -n "$victim" ] && [ "$(cat "/proc/$victim/comm" 2>/dev/null)" = sleep ] && break
				sleep 0.02
			done
			exec 7< "/proc/$victim/ns/mnt"
			strace -f -qq -o /dev/null -e trace=getdents64 -e inject=getdents64:delay_enter=300000:when=2 \
				mountprop -a -rn -o NS,PID,SOURCE > "$dir/mountprop"
			wait "$attacker"
			echo "attack $? $(tr "\n" " " < "$dir/pids")"
			awk "{ print \$1, \$2 }" "$dir/mountprop" | sort -u | while read -r ns pid; do
				echo "row $ns mnt $pid $(stat -L -c %i "/proc/$pid/ns/mnt" 2>/dev/null)"
			done
			true' "$NST_TMP" "$pid_reuse" > "$NST_TMP/run"
		grep -Eq '^attack 0 ([0-9]+) \1 $' "$NST_TMP/run" || { cat "$NST_TMP/run" "$NST_TMP/attack.err" >&2; return 1; }
		attacks=$((attacks + 1))
		grep -q '^row ' "$NST_TMP/run"
		awk '$1 == "row" && $2 != $5 { bad = 1 } END { exit !bad }' "$NST_TMP/run" && shown=$((shown + 1))
	done
	echo "mountprop -a showed the impostor's table in $shown of $attacks attacks" >&2
	[ "$attacks" -eq "$ATTACK_RUNS" ]
	[ "$shown" -eq 0 ]
}
