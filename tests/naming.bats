#!/usr/bin/env bats
# One naming in all five tools: a NAME is PINROOT/NAME (a pin directory or a
# pin), PINROOT/NAME/TYPE for a type option, and iproute2's /run/netns/NAME for
# the network type. Checked with readlink /proc/PID/ns/* and the pins' inodes.

load helpers
bats_require_minimum_version 1.5.0

# mounts_under DIR: how many mounts are at DIR or below it in our namespace
# (only the test's own: suites beside this one mount elsewhere meanwhile)
mounts_under() {
	awk -v dir="$1" '$5 == dir || index($5, dir "/") == 1' /proc/self/mountinfo | wc -l
}

setup_named() {
	export NSTOOLS_PIN_ROOT="$NST_TMP/root"
	start_holder -u -n -i
	# the pin root made ready (a mount point of its own) by a pin by NAME; then
	# by path: a net pin made by NAME would be /run/netns/NAME too (netns.bats)
	nspin -u "$HOLDER" "prep$$"
	nspin --release "prep$$"
	run nspin -t "$HOLDER" "$NSTOOLS_PIN_ROOT/web$$"
	[ "$status" -eq 0 ]
	NAME="web$$"
}

@test "a NAME made by nspin -t is what nsjoin -t, nsjoin -u, nsls and nspin --release take" {
	require_root
	setup_named
	run nsjoin -t "$NAME" readlink /proc/self/ns/uts /proc/self/ns/net /proc/self/ns/ipc
	[ "$status" -eq 0 ]
	[ "$output" = "$(ns_of "$HOLDER" uts; ns_of "$HOLDER" net; ns_of "$HOLDER" ipc)" ]
	run nsjoin -u "$NAME" readlink /proc/self/ns/uts /proc/self/ns/net
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$(ns_of "$HOLDER" uts)" ]
	[ "${lines[1]}" = "$(ns_of $$ net)" ]
	run nsjoin -n "$NAME" readlink /proc/self/ns/net
	[ "$output" = "$(ns_of "$HOLDER" net)" ]

	# nsls NAME, DIR and PIN: the namespaces pinned there
	local want
	want=$(printf '%s uts\n%s ipc\n%s net\n' "$(ns_ino "$HOLDER" uts)" "$(ns_ino "$HOLDER" ipc)" \
		"$(ns_ino "$HOLDER" net)" | sort)
	[ "$(nsls -rn -o NS,TYPE "$NAME" | sort)" = "$want" ]
	[ "$(nsls -rn -o NS,TYPE "$NSTOOLS_PIN_ROOT/$NAME" | sort)" = "$want" ]
	[ "$(nsls -rn -o NS "$NSTOOLS_PIN_ROOT/$NAME/uts")" = "$(ns_ino "$HOLDER" uts)" ]

	run nspin --release "$NAME"
	[ "$status" -eq 0 ]
	[ ! -e "$NSTOOLS_PIN_ROOT/$NAME" ]
}

@test "nspin -t NAME re-pins a NAME's pins, the types named only" {
	require_root
	setup_named
	run nspin -t "$NAME" -u "copy$$"
	[ "$status" -eq 0 ]
	[ "$(ls "$NSTOOLS_PIN_ROOT/copy$$")" = uts ]
	[ "$(stat -L -c %i "$NSTOOLS_PIN_ROOT/copy$$/uts")" = "$(ns_ino "$HOLDER" uts)" ]
	run nspin -t "$NAME" -m "none$$"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[ "$output" = "nspin: $NAME: pins no mnt namespace" ]
	[ ! -e "$NSTOOLS_PIN_ROOT/none$$" ]
}

@test "a NAME that is one pin: nsjoin -u NAME, nsls NAME, mountprop -N NAME" {
	require_root
	export NSTOOLS_PIN_ROOT="$NST_TMP/root"
	start_holder -u -m --propagation private
	nspin -u "$HOLDER" "host$$"
	run nsjoin -u "host$$" readlink /proc/self/ns/uts
	[ "$status" -eq 0 ]
	[ "$output" = "$(ns_of "$HOLDER" uts)" ]
	[ "$(nsls -rn -o NS,TYPE "host$$")" = "$(ns_ino "$HOLDER" uts) uts" ]
	# a mount namespace pin by NAME, for mountprop -N: the kernel takes it
	# only on a mount that does not propagate
	mkdir -p "$NST_TMP/mroot"
	mount -t tmpfs tmpfs "$NST_TMP/mroot"
	mount --make-private "$NST_TMP/mroot"
	touch "$NST_TMP/mroot/m"
	mount --bind "/proc/$HOLDER/ns/mnt" "$NST_TMP/mroot/m"
	NSTOOLS_PIN_ROOT="$NST_TMP/mroot" run mountprop -N m -rn -o ID /
	[ "$status" -eq 0 ]
	[ "$output" = "$(awk '$5 == "/" { print $1 }' "/proc/$HOLDER/mountinfo" | tail -n 1)" ]
	run nsjoin -n "host$$" true
	[ "$status" -eq 125 ]
	assert_one_line_error
	[ "$output" = "nsjoin: host$$: pins no net namespace" ]
}

@test "bad NAMEs: one line naming it, status 1 (125 for nsjoin), nothing changed" {
	require_root
	setup_named
	local long before
	long=$(printf 'x%.0s' $(seq 300))
	echo data > "$NSTOOLS_PIN_ROOT/plain"
	before=$(find "$NSTOOLS_PIN_ROOT" | sort; mounts_under "$NST_TMP")

	for name in "a..b" ".." "$long"; do
		run -125 nsjoin -t "$name" true;     assert_one_line_error; [[ "$output" == *"not a namespace name"* ]]
		run -125 nsjoin -u "$name" true;     assert_one_line_error; [[ "$output" == *"not a namespace name"* ]]
		run -1 nsls "$name";                 assert_one_line_error; [[ "$output" == *"not a namespace name"* ]]
		run -1 mountprop -N "$name";         assert_one_line_error; [[ "$output" == *"not a namespace name"* ]]
		run -1 nspin --release "$name";      assert_one_line_error; [[ "$output" == *"not a namespace name"* ]]
		run -1 nspin -t "$HOLDER" "$name";   assert_one_line_error; [[ "$output" == *"not a namespace name"* ]]
	done
	[[ "$output" == "nspin: xxxxxxxxxx"*"...: not a namespace name: longer than 255 bytes" ]]

	run -125 nsjoin -t plain true;  assert_one_line_error
	[ "$output" = "nsjoin: $NSTOOLS_PIN_ROOT/plain: not a pin (a regular file)" ]
	run -125 nsjoin -u plain true;  assert_one_line_error
	[ "$output" = "nsjoin: $NSTOOLS_PIN_ROOT/plain: not a pin (a regular file)" ]
	run -1 nsls plain;              assert_one_line_error
	[ "$output" = "nsls: $NSTOOLS_PIN_ROOT/plain: not a pin (a regular file)" ]
	run -1 mountprop -N plain;      assert_one_line_error
	run -1 nspin --release plain;   assert_one_line_error
	[ "$(cat "$NSTOOLS_PIN_ROOT/plain")" = data ]
	run -125 nsjoin -u "missing$$" true; assert_one_line_error
	[[ "$output" == "nsjoin: missing$$: no such namespace name"* ]]
	run -125 nsjoin -m "$NAME" true; assert_one_line_error
	[ "$output" = "nsjoin: $NAME: pins no mnt namespace" ]
	[ "$(find "$NSTOOLS_PIN_ROOT" | sort; mounts_under "$NST_TMP")" = "$before" ]
}

@test "a process that has exited or is a zombie: no such process, or has exited, in every tool" {
	require_root
	export NSTOOLS_PIN_ROOT="$NST_TMP/root"
	local zombie parent
	# a child that exits and is never waited for by its parent
	spawn bash -c 'sleep 0.1 & exec sleep infinity'
	parent=$SPAWNED
	zombie=$(child_of "$parent")
	for _ in $(seq 100); do
		[ "$(sed 's/.*) //' "/proc/$zombie/stat" | cut -d' ' -f1)" = Z ] && break
		sleep 0.05
	done
	run -125 nsjoin -t "$zombie" true;        assert_one_line_error; [ "$output" = "nsjoin: $zombie: has exited" ]
	run -125 nsjoin -m "$zombie" true;        assert_one_line_error; [ "$output" = "nsjoin: $zombie: has exited" ]
	run -1 nsls -p "$zombie";                 assert_one_line_error; [ "$output" = "nsls: $zombie: has exited" ]
	run -1 mountprop -N "$zombie";            assert_one_line_error; [ "$output" = "mountprop: $zombie: has exited" ]
	run -1 nspin -t "$zombie" "z$$";          assert_one_line_error; [ "$output" = "nspin: $zombie: has exited" ]
	run -1 nspin -n "$zombie" "z$$";          assert_one_line_error; [ "$output" = "nspin: $zombie: has exited" ]
	[ ! -e "$NSTOOLS_PIN_ROOT/z$$" ]

	kill -KILL "$parent"
	wait_gone "$parent"
	for _ in $(seq 100); do [ -e "/proc/$zombie" ] || break; sleep 0.05; done
	run -125 nsjoin -t "$zombie" true;        assert_one_line_error; [ "$output" = "nsjoin: $zombie: no such process" ]
	run -125 nsjoin -u "$zombie" true;        assert_one_line_error; [ "$output" = "nsjoin: $zombie: no such process" ]
	run -1 nsls -p "$zombie";                 assert_one_line_error; [ "$output" = "nsls: $zombie: no such process" ]
	run -1 mountprop -N "$zombie";            assert_one_line_error; [ "$output" = "mountprop: $zombie: no such process" ]
	run -1 nspin -t "$zombie" "z$$";          assert_one_line_error; [ "$output" = "nspin: $zombie: no such process" ]
}

@test "nspin -t PID NAME and nsclone --pin=NAME pin the mount namespace too, with a slave of the pin root present" {
	require_root
	export NSTOOLS_PIN_ROOT="$NST_TMP/root"
	start_holder -m -u --propagation private
	local holder=$HOLDER viewer
	# the pin root made, then a mount namespace that receives its mounts: the
	# kernel refuses a mount namespace pin on a mount that propagates
	nspin -u "$holder" "prep$$"
	nspin --release "prep$$"
	spawn unshare -m --propagation slave sleep infinity
	viewer=$SPAWNED
	wait_for_exec "$viewer" sleep
	grep -q " $NSTOOLS_PIN_ROOT " "/proc/$viewer/mountinfo"

	run nspin -t "$holder" -m -u "box$$"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	run nsjoin -t "box$$" readlink /proc/self/ns/mnt /proc/self/ns/uts
	[ "$status" -eq 0 ]
	[ "$output" = "$(ns_of "$holder" mnt; ns_of "$holder" uts)" ]
	[ "$(stat -L -c %i "$NSTOOLS_PIN_ROOT.mnt/box$$")" = "$(ns_ino "$holder" mnt)" ]
	# the other types stay on the shared pin root: the viewer sees them
	grep -q " $NSTOOLS_PIN_ROOT/box$$/uts " "/proc/$viewer/mountinfo"
	[ "$(nsls -rn -o NS,TYPE -t mnt "box$$")" = "$(ns_ino "$holder" mnt) mnt" ]

	run nsclone -m -u --pin="clone$$" readlink /proc/self/ns/mnt
	[ "$status" -eq 0 ]
	[ "$(stat -L -c 'mnt:[%i]' "$NSTOOLS_PIN_ROOT.mnt/clone$$")" = "$output" ]

	# one pin by NAME, and nsclone --mount=NAME: the same place
	run nspin -m "$holder" "one$$"
	[ "$status" -eq 0 ]
	[ "$(stat -L -c %i "$NSTOOLS_PIN_ROOT.mnt/one$$")" = "$(ns_ino "$holder" mnt)" ]
	[ "$(nsjoin -m "one$$" readlink /proc/self/ns/mnt)" = "$(ns_of "$holder" mnt)" ]
	run nsclone --mount="two$$" readlink /proc/self/ns/mnt
	[ "$status" -eq 0 ]
	[ "$(stat -L -c 'mnt:[%i]' "$NSTOOLS_PIN_ROOT.mnt/two$$")" = "$output" ]

	run nspin --release "box$$" "clone$$" "one$$" "two$$"
	[ "$status" -eq 0 ]
	[ -z "$(ls -A "$NSTOOLS_PIN_ROOT")" ] && [ -z "$(ls -A "$NSTOOLS_PIN_ROOT.mnt")" ]
}
