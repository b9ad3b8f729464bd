#!/usr/bin/env bats
# Attacks on the pin paths (issue "Security: root's tools cannot be steered"),
# run for real: an ordinary user who owns a directory on the path races
# root's nspin and nsclone --pin with inotify and RENAME_EXCHANGE
# (tests/attack/exchange), and kills at random points leave only what a
# release cleans. Each attack runs $TRIES times and must succeed none.
# Root's tools run inside the test's own mount namespace, so a mount the
# attack did redirect lands there and dies with it.

load helpers

TRIES=${NSTOOLS_ATTACK_TRIES:-20}
KILLS=${NSTOOLS_KILLS:-200}
# the old code left a pin root wrong after 1.4% of kills, and a concurrent
# round half-done in 2.3% of rounds: 200 kills and 100 rounds catch each 9 times in 10
ROUNDS=${NSTOOLS_ROUNDS:-100}

setup_attack() {
	require_root
	make_attacker
	start_mount_ns
	start_holder -u -n
	SIGNALS=$(attacker_dir signals)
}

# attack MODE DIR NAME DECOY: the attacker, in the background, once it watches
# DIR; its PID in $ATTACK.
attack() {
	rm -f "$SIGNALS/ready"
	as_attacker "$ATTACK_BIN/exchange" "$1" "$2" "$3" "$4" "$SIGNALS/ready" 3000 3>&- &
	ATTACK=$!
	wait_for_file "$SIGNALS/ready" "the attacker"
}

# pin_in_ns PATH: the inode of the namespace pinned at PATH, as the test's
# mount namespace sees it; empty when PATH is no pin there.
pin_in_ns() {
	awk -v p="$1" '$5 == p && $9 == "nsfs" { print $4 }' "/proc/$MNTNS/mountinfo" | tail -n 1
}

# release_all PATH...: whatever pins an attack left, released (quietly).
release_all() {
	local path
	for path in "$@"; do
		in_mount_ns nspin --release "$path" >/dev/null 2>&1 || true
	done
}

@test "attack: a new pin file swapped for a link cannot redirect the mount (finding 1)" {
	setup_attack
	local att victim hits=0 swaps=0
	att=$(attacker_dir att)
	victim=$NST_TMP/victim
	echo precious > "$victim"
	for _ in $(seq "$TRIES"); do
		as_attacker ln -sfn "$victim" "$att/decoy"
		attack create "$att" pin decoy
		in_mount_ns nspin -u "$HOLDER" "$att/pin" 2>/dev/null || true
		wait "$ATTACK" && swaps=$((swaps + 1))
		if mounted_in "$MNTNS" "$victim"; then
			hits=$((hits + 1))
			in_mount_ns umount "$victim"
		fi
		release_all "$att/pin" "$att/decoy"
		as_attacker rm -f "$att/pin" "$att/decoy"
	done
	echo "# swapped $swaps times, mount redirected $hits of $TRIES" >&3
	[ "$swaps" -gt 0 ]
	[ "$hits" -eq 0 ]
	[ "$(cat "$victim")" = precious ]
}

@test "attack: a new pin directory swapped for a link cannot redirect the pins (finding 2)" {
	setup_attack
	local att victim hits=0 swaps=0
	att=$(attacker_dir att)
	victim=$NST_TMP/victim.d
	mkdir "$victim"
	for _ in $(seq "$TRIES"); do
		as_attacker ln -sfn "$victim" "$att/decoy"
		attack create "$att" pins decoy
		in_mount_ns nspin -t "$HOLDER" -u -n "$att/pins" 2>/dev/null || true
		wait "$ATTACK" && swaps=$((swaps + 1))
		if [ -n "$(ls -A "$victim")" ] || [ -n "$(pin_in_ns "$victim/uts")$(pin_in_ns "$victim/net")" ]; then
			hits=$((hits + 1))
			release_all "$victim/uts" "$victim/net"
			rm -f "$victim"/*
		fi
		release_all "$att/pins" "$att/decoy"
		rm -rf "${att:?}/pins" "${att:?}/decoy"
	done
	echo "# swapped $swaps times, pins redirected $hits of $TRIES" >&3
	[ "$swaps" -gt 0 ]
	[ "$hits" -eq 0 ]
}

@test "attack: a pin directory swapped while it is released cannot release root's other pins (finding 3)" {
	setup_attack
	local att mine hits=0 swaps=0 uts net
	att=$(attacker_dir att)
	mine=$NST_TMP/rootpins
	in_mount_ns nspin -t "$HOLDER" -u -n "$mine"
	uts=$(pin_in_ns "$mine/uts")
	net=$(pin_in_ns "$mine/net")
	[ -n "$uts" ] && [ -n "$net" ]
	for _ in $(seq "$TRIES"); do
		in_mount_ns nspin -t "$HOLDER" -u -n "$att/pins"
		as_attacker ln -sfn "$mine" "$att/decoy"
		attack open "$att" pins decoy
		in_mount_ns nspin --release "$att/pins" 2>/dev/null || true
		wait "$ATTACK" && swaps=$((swaps + 1))
		if [ "$(pin_in_ns "$mine/uts")" != "$uts" ] || [ "$(pin_in_ns "$mine/net")" != "$net" ]; then
			hits=$((hits + 1))
			in_mount_ns nspin --release "$mine" 2>/dev/null || true
			in_mount_ns nspin -t "$HOLDER" -u -n "$mine"
			uts=$(pin_in_ns "$mine/uts")
			net=$(pin_in_ns "$mine/net")
		fi
		# the swapped-away directory is a real one again: take it back
		if [ -L "$att/pins" ]; then
			as_attacker rm -f "$att/pins"
			as_attacker mv "$att/decoy" "$att/pins"
		fi
		release_all "$att/pins"
		rm -rf "${att:?}/pins" "${att:?}/decoy"
	done
	echo "# swapped $swaps times, root's pins released $hits of $TRIES" >&3
	[ "$swaps" -gt 0 ]
	[ "$hits" -eq 0 ]
	in_mount_ns nspin --release "$mine"
}

# kill_at_random CMD...: CMD in the test's mount namespace, killed (SIGKILL)
# after a random delay of up to about 3 ms, or done before then.
kill_at_random() {
	nsenter -t "$MNTNS" -m "$@" >/dev/null 2>&1 3>&- &
	local pid=$!
	sleep "0.00$((RANDOM % 4))$((RANDOM % 10))"
	kill -KILL "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

# released_clean DIR: a release takes whatever a killed run left at DIR,
# and nothing is there after it.
released_clean() {
	if [ -e "$1" ]; then
		in_mount_ns nspin --release "$1" || { echo "after a kill, release refused: $(ls -la "$1")" >&2; return 1; }
	fi
	[ ! -e "$1" ] || { echo "$1 is left" >&2; return 1; }
	! mounted_in "$MNTNS" "$1/uts" && ! mounted_in "$MNTNS" "$1/net" && ! mounted_in "$MNTNS" "$1"
}

@test "kills: wherever nspin -t, nsclone --pin or nspin --release dies, a release leaves nothing (finding 10)" {
	require_root
	start_mount_ns
	start_holder -u -n
	local dir=$NST_TMP/killed i
	for i in $(seq "$KILLS"); do
		kill_at_random nspin -t "$HOLDER" -u -n "$dir"
		released_clean "$dir" || { echo "nspin -t, kill $i" >&2; return 1; }
	done
	for i in $(seq "$KILLS"); do
		kill_at_random nsclone -u -n --pin="$dir" true
		released_clean "$dir" || { echo "nsclone --pin, kill $i" >&2; return 1; }
	done
	for i in $(seq "$KILLS"); do
		in_mount_ns nspin -t "$HOLDER" -u -n "$dir"
		kill_at_random nspin --release "$dir"
		released_clean "$dir" || { echo "nspin --release, kill $i" >&2; return 1; }
	done
	! pgrep -f -- "--pin=$dir"
}

@test "kills: a pin root made by a killed run is made right by the next (finding 10)" {
	require_root
	start_mount_ns
	start_holder -u -n
	local w i
	for i in $(seq "$KILLS"); do
		w=$NST_TMP/w.$i
		mkdir "$w"
		in_mount_ns sh -c 'mount -t tmpfs w "$1" && mount --make-shared "$1"' sh "$w"
		NSTOOLS_PIN_ROOT=$w/root kill_at_random nspin -u "$HOLDER" web
		NSTOOLS_PIN_ROOT=$w/root in_mount_ns nspin --release web 2>/dev/null || true
		NSTOOLS_PIN_ROOT=$w/root in_mount_ns nspin -u "$HOLDER" web
		# one mount at the root, a peer group of its own
		[ "$(awk -v d="$w/root" '$5 == d' "/proc/$MNTNS/mountinfo" | wc -l)" -eq 1 ]
		[[ "$(optional_fields "$w/root")" =~ ^shared:[0-9]+$ ]]
		[ "$(optional_fields "$w/root")" != "$(optional_fields "$w")" ] ||
			{ echo "kill $i left the pin root in its parent's peer group" >&2; return 1; }
		NSTOOLS_PIN_ROOT=$w/root in_mount_ns nspin --release web
		in_mount_ns umount -l "$w"
	done
}

@test "concurrent pins and releases of one directory: each sees all of it or none (finding 11)" {
	require_root
	start_mount_ns
	start_holder -u -i -n
	local dir=$NST_TMP/busy round pids
	for round in $(seq "$ROUNDS"); do
		pids=()
		for _ in $(seq 10); do
			nsenter -t "$MNTNS" -m nspin -t "$HOLDER" -u -i -n "$dir" >/dev/null 2>&1 3>&- &
			pids+=($!)
			nsenter -t "$MNTNS" -m nspin --release "$dir" >/dev/null 2>&1 3>&- &
			pids+=($!)
		done
		wait "${pids[@]}" || true
		if [ -e "$dir" ]; then
			[ "$(ls "$dir" | tr '\n' ' ')" = "ipc net uts " ] ||
				{ echo "round $round left: $(ls -A "$dir" | tr '\n' ' ')" >&2; return 1; }
			local t
			for t in ipc net uts; do
				[ "$(pin_in_ns "$dir/$t")" = "$(ns_of "$HOLDER" "$t")" ] ||
					{ echo "round $round: $t is no pin of the holder's" >&2; return 1; }
			done
		fi
		released_clean "$dir"
	done
}
