#!/usr/bin/env bats
# nsjoin and nsclone run by root among users and containers that try to steer
# them (issue 12, findings 4, 6, 7 and 8): each attack runs for real, as an
# ordinary user the test makes or as a container's root, at least 15 times,
# and must succeed none of them. On the code before the fixes: finding 4 ran
# the attacker's id as root 15 of 15 times, finding 6 stole descriptors from
# 12-20 of 20 runs in each of its four ways, finding 7 read the group's file,
# finding 8 appended to root's file 15 of 15 times, sticky directory or not.

load helpers
bats_require_minimum_version 1.5.0

TRIES=15

# attacker_spawn CMD...: spawn CMD as the attacker.
attacker_spawn() {
	spawn setpriv --reuid="$ATTACKER_UID" --regid="$(id -g "$ATTACKER")" --clear-groups "$@"
}

# no_fds_run CMD...: run CMD with nothing but stdio open, so that every
# descriptor it holds is one it opened itself.
no_fds_run() {
	local fd
	(
		for fd in "/proc/$BASHPID/fd/"*; do
			fd=${fd##*/}
			[ "$fd" -gt 2 ] && eval "exec $fd>&-"
		done
		exec "$@"
	)
}

# start_container_root: a user namespace made by root, as a container runtime
# makes one, its IDs the attacker's subordinate range, and in it, as its root,
# the descriptor thief (tests/attack/steal-fds) watching for nsjoin. Its PID
# in $THIEF, what it prints in $NST_TMP/thief.
start_container_root() {
	local sub holder
	sub=$(awk -F: -v u="$ATTACKER" '$1 == u { print $2 }' /etc/subuid)
	spawn unshare -U sleep infinity
	holder=$SPAWNED
	wait_for_exec "$holder" sleep
	echo "0 $sub 65536" > "/proc/$holder/uid_map"
	echo "0 $sub 65536" > "/proc/$holder/gid_map"
	spawn sh -c 'exec "$@" > "$0"' "$NST_TMP/thief" \
		nsenter -t "$holder" -U -S 0 -G 0 "$ATTACK_BIN/steal-fds" 900
	THIEF=$SPAWNED
	wait_for_exec "$THIEF" steal-fds
	[ "$(awk '/^Uid:/ { print $2 }' "/proc/$THIEF/status")" = "$sub" ]
	[ "$(ns_of "$THIEF" user)" = "$(ns_of "$holder" user)" ]
}

# thief_report: the thief's counts so far (it goes on watching), its line
# "caught N stopped M stolen K", on stdout, and what it stole on stderr.
thief_report() {
	local reports
	reports=$(grep -c '^caught ' "$NST_TMP/thief" || true)
	kill -USR1 "$THIEF"
	for _ in $(seq 200); do
		[ "$(grep -c '^caught ' "$NST_TMP/thief" || true)" -gt "$reports" ] && break
		sleep 0.05
	done
	grep '^stolen ' "$NST_TMP/thief" >&2 || true
	grep '^caught ' "$NST_TMP/thief" | tail -n 1
}

# steal_attack NSJOIN-ARGS...: root's nsjoin ARGS true, $TRIES+5 times, with
# the container's root trying to take its descriptors; none may be taken, and
# the thief must have had nsjoin stopped in its hands at least once.
steal_attack() {
	local report round
	# a loaded machine may schedule the thief too late for a while: more
	# rounds, until it has had nsjoin stopped in its hands
	for round in 1 2 3 4 5 6; do
		for _ in $(seq $((TRIES + 5))); do
			run no_fds_run timeout -s KILL 20 nsjoin "$@" true
			[ "$status" -eq 0 ] || { echo "# nsjoin $* true: status $status: $output" >&2; return 1; }
		done
		report=$(thief_report)
		[[ "$report" != *" stopped 0 "* ]] && break
		echo "# round $round: $report" >&2
	done
	echo "$report"
	[[ "$report" == *" stolen 0" ]]
	[[ "$report" != *" stopped 0 "* ]]
}

# --- finding 4: -t DIR takes pins only ---

@test "-t DIR refuses a link to the attacker's mount namespace: its /usr/bin/id never runs as root" {
	require_root
	make_attacker
	local dir evil
	dir=$(attacker_dir pins)
	evil=$(attacker_dir evil)
	as_attacker sh -c 'printf "#!/bin/sh\necho PWNED; touch %s/ran\n" "$1" > "$1/id"; chmod 755 "$1/id"' sh "$evil"
	attacker_spawn unshare -U -r -m sh -c 'mount --bind "$1/id" /usr/bin/id && exec sleep infinity' sh "$evil"
	wait_for_exec "$SPAWNED" sleep
	# the attacker's mount namespace really has its script as /usr/bin/id
	awk '$5 == "/usr/bin/id" { found = 1 } END { exit !found }' "/proc/$SPAWNED/mountinfo"
	as_attacker ln -s "/proc/$SPAWNED/ns/mnt" "$dir/mnt"

	for _ in $(seq "$TRIES"); do
		run -125 nsjoin -t "$dir" id
		assert_one_line_error
		[ "$output" = "nsjoin: $dir/mnt: not a pin (a symbolic link): refused" ]
	done
	[ ! -e "$evil/ran" ]
}

@test "-t DIR refuses a file that is not on nsfs, and a link to a real pin" {
	require_root
	make_attacker
	local dir
	start_holder -u
	bind_ns "$HOLDER" uts "$NST_TMP/utspin"
	dir=$(attacker_dir pins)
	as_attacker touch "$dir/net"
	run -125 nsjoin -t "$dir" true
	assert_one_line_error
	[ "$output" = "nsjoin: $dir/net: not a pin (not a namespace file): refused" ]
	as_attacker rm "$dir/net"
	as_attacker ln -s "$NST_TMP/utspin" "$dir/uts"
	run -125 nsjoin -t "$dir" true
	[ "$output" = "nsjoin: $dir/uts: not a pin (a symbolic link): refused" ]
}

@test "-t DIR through a link in a directory the attacker owns is refused" {
	require_root
	make_attacker
	local dir
	start_holder -u
	mkdir "$NST_TMP/real"
	bind_ns "$HOLDER" uts "$NST_TMP/real/uts"
	dir=$(attacker_dir links)
	as_attacker ln -s "$NST_TMP/real" "$dir/pins"
	run -125 nsjoin -t "$dir/pins" true
	assert_one_line_error
	[[ "$output" == "nsjoin: $dir/pins: "*"not followed" ]]
	# the same pins, named without the link, are joined
	run -0 nsjoin -t "$NST_TMP/real" readlink /proc/self/ns/uts
	[ "$output" = "$(ns_of "$HOLDER" uts)" ]
}

# --- finding 6: no descriptor of the host reaches a container's root ---

@test "a container's root takes no descriptor from nsjoin -t PID" {
	require_root
	make_attacker
	start_container_root
	steal_attack -t "$THIEF"
}

@test "a container's root takes no descriptor from nsjoin -t PID --preserve-credentials" {
	require_root
	make_attacker
	start_container_root
	steal_attack -t "$THIEF" --preserve-credentials
}

@test "a container's root takes no descriptor from nsjoin -t DIR (pins by nspin -t)" {
	require_root
	make_attacker
	start_container_root
	nspin -t "$THIEF" -U "$NST_TMP/pins"
	[ "$(stat -L -c %i "$NST_TMP/pins/user")" = "$(ns_ino "$THIEF" user)" ]
	steal_attack -t "$NST_TMP/pins"
}

@test "a container's root takes no descriptor from nsjoin -t DIR --preserve-credentials" {
	require_root
	make_attacker
	start_container_root
	nspin -t "$THIEF" -U "$NST_TMP/pins"
	steal_attack -t "$NST_TMP/pins" --preserve-credentials
}

@test "after joining, the command is dumpable again and holds only stdio" {
	require_root
	make_attacker
	start_container_root
	# /proc/PID of a process that is not dumpable belongs to the host's
	# root, which the container sees as 65534
	run -0 no_fds_run nsjoin -t "$THIEF" sh -c 'stat -c %u /proc/$$; ls /proc/$$/fd'
	[ "$output" = "$(printf '0\n0\n1\n2')" ]
}

# --- finding 7: supplementary groups stay outside ---

@test "joining a user namespace drops root's supplementary groups: a group-only host file stays shut" {
	require_root
	make_attacker
	local secret="$NST_TMP/group-only" group=4242
	echo TOPSECRET > "$secret"
	chgrp "$group" "$secret"
	chmod 0040 "$secret"
	# the group alone opens it on the host
	run -0 setpriv --reuid=65534 --regid=65534 --groups "$group" cat "$secret"
	[ "$output" = TOPSECRET ]
	attacker_spawn unshare -U -r sleep infinity
	wait_for_exec "$SPAWNED" sleep
	[ "$(cat "/proc/$SPAWNED/setgroups")" = deny ]

	for _ in $(seq "$TRIES"); do
		run setpriv --groups "$group" nsjoin -t "$SPAWNED" sh -c 'grep "^Groups:" /proc/self/status; cat "$1"' sh "$secret"
		echo "$output"
		[ "$status" -ne 0 ]
		[[ "$output" != *TOPSECRET* ]]
		[ "$(echo "${lines[0]}" | tr -d '[:space:]')" = "Groups:" ]
	done
	# --preserve-credentials keeps them, as it says
	run -0 setpriv --groups "$group" nsjoin -t "$SPAWNED" --preserve-credentials grep "^Groups:" /proc/self/status
	[ "$(echo "$output" | tr -d '[:space:]')" != "Groups:" ]
}

# --- finding 8: nsclone --log=FILE is never someone else's file ---

# log_attack MODE: in a directory of MODE that the attacker can write, it
# plants log -> a file of root's; root's nsclone -d --log must refuse it.
log_attack() {
	local mode=$1 dir victim="$NST_TMP/victim"
	make_attacker
	echo "root's own" > "$victim"
	chmod 644 "$victim"
	dir=$(attacker_dir "open-$mode")
	chmod "$mode" "$dir"
	for _ in $(seq "$TRIES"); do
		as_attacker ln -sfn "$victim" "$dir/log"
		run -125 nsclone -d --log="$dir/log" echo APPENDED
		echo "$output"
		assert_one_line_error
		[[ "$output" == "nsclone: $dir/log: "*"refused" ]]
		[ "$(cat "$victim")" = "root's own" ]
	done
}

@test "nsclone --log refuses a link planted in a world-writable directory" {
	require_root
	log_attack 0777
	# and a FILE not there yet is not created in it either
	run -125 nsclone -d --log="$NST_TMP/open-0777/new" echo APPENDED
	assert_one_line_error
	[ "$output" = "nsclone: $NST_TMP/open-0777/new: in a directory others can write: refused" ]
	[ ! -e "$NST_TMP/open-0777/new" ]
}

@test "nsclone --log refuses a link planted in a sticky world-writable directory" {
	require_root
	log_attack 1777
}

@test "nsclone --log in a sticky directory: a new file of ours is fine, the attacker's is refused" {
	require_root
	make_attacker
	local dir pid
	dir=$(attacker_dir sticky)
	chmod 1777 "$dir"
	as_attacker sh -c 'echo "attacker" > "$1/theirs"' sh "$dir"
	run -125 nsclone -d --log="$dir/theirs" echo APPENDED
	assert_one_line_error
	[ "$output" = "nsclone: $dir/theirs: not ours, in a directory others can write: refused" ]
	[ "$(cat "$dir/theirs")" = attacker ]

	pid=$(nsclone -d --log="$dir/ours" echo logged 3>&-)
	[ -n "$pid" ]
	for _ in $(seq 100); do [ -s "$dir/ours" ] && break; sleep 0.05; done
	[ "$(cat "$dir/ours")" = logged ]
	[ "$(stat -c %u "$dir/ours")" = 0 ]
}
