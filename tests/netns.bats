#!/usr/bin/env bats
# Network namespaces by NAME are iproute2's too: ip netns list, ip netns exec
# and ip -n are the witnesses. Every test runs in a mount namespace of its own
# with a /run of its own, so the machine's /run/netns is never touched.

load helpers
bats_require_minimum_version 1.5.0

setup_netns() {
	require_root
	command -v ip >/dev/null || skip "no iproute2"
	export NSTOOLS_PIN_ROOT="$NST_TMP/root"
	start_holder -n -u
}

# in_own_run SCRIPT: SCRIPT under sh -e, in a private mount namespace with a
# tmpfs on /run, the built tools first on PATH.
in_own_run() {
	unshare -m --propagation private sh -ec "mount -t tmpfs nst-run /run; $1"
}

@test "nspin -t PID NAME, nspin -n PID NAME and nsclone --pin=NAME are ip netns names at once" {
	setup_netns
	local net
	net=$(ns_of "$HOLDER" net)
	run in_own_run "
		nspin -t $HOLDER -n -u blue
		nspin -n $HOLDER red
		nsclone -n --pin=green true
		ip netns list | sort
		ip netns exec blue readlink /proc/self/ns/net
		ip netns exec red readlink /proc/self/ns/net
		ip -n green -o link show lo | cut -d: -f2
		readlink /proc/self/ns/net
		nspin --release blue red green
		ls -A /run/netns \"\$NSTOOLS_PIN_ROOT\" | wc -w"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = blue ]
	[ "${lines[1]}" = green ]
	[ "${lines[2]}" = red ]
	[ "${lines[3]}" = "$net" ]
	[ "${lines[4]}" = "$net" ]
	[ "${lines[5]}" = " lo" ]
	[ "${lines[6]}" = "$(ns_of $$ net)" ]
	[ "${lines[7]}" = 2 ]
}

@test "a namespace made by ip netns add NAME is NAME in every tool, and nspin --release NAME deletes it" {
	setup_netns
	run in_own_run "
		ip netns add white
		stat -L -c %i /run/netns/white
		nsjoin -n white stat -L -c %i /proc/self/ns/net
		nsjoin -t white stat -L -c %i /proc/self/ns/net
		nsls -rn -o NS,TYPE white
		nspin -t white -n copy
		stat -L -c %i \"\$NSTOOLS_PIN_ROOT/copy/net\"
		nspin --release white copy
		ip netns list | wc -l"
	echo "$output"
	[ "$status" -eq 0 ]
	local ino=${lines[0]}
	[ "${lines[1]}" = "$ino" ]
	[ "${lines[2]}" = "$ino" ]
	[ "${lines[3]}" = "$ino net" ]
	[ "${lines[4]}" = "$ino" ]
	[ "${lines[5]}" = 0 ]
}

@test "a NAME whose pin and /run/netns entry are different namespaces is refused, naming both" {
	setup_netns
	run in_own_run "
		nspin -t $HOLDER -u -n two
		nspin --release /run/netns/two
		ip netns add two
		! nsjoin -n two true 2>&1
		! nsjoin -t two true 2>&1
		! nsls two 2>&1
		nsjoin -u two true
		ip netns delete two
		nspin --release two"
	echo "$output"
	[ "$status" -eq 0 ]
	local msg="two: $NSTOOLS_PIN_ROOT/two/net and /run/netns/two are different network namespaces: refused"
	[ "${lines[0]}" = "nsjoin: $msg" ]
	[ "${lines[1]}" = "nsjoin: $msg" ]
	[ "${lines[2]}" = "nsls: $msg" ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "pinning by a NAME ip netns already has pins nothing; a stale file is removed only with --stale" {
	setup_netns
	run in_own_run "
		ip netns add taken
		! nspin -n $HOLDER taken 2>&1
		! nspin -t $HOLDER -n taken 2>&1
		ls -A \"\$NSTOOLS_PIN_ROOT\" | wc -w
		ip netns delete taken
		: > /run/netns/stale; chmod 0 /run/netns/stale
		! nspin --release stale 2>&1
		ls /run/netns
		! nsjoin -n stale true 2>&1
		nspin --release --stale stale
		ls -A /run/netns | wc -w
		! nspin --stale $HOLDER x 2>&1"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "nspin: /run/netns/taken: already pins net:["* ]]
	[[ "${lines[1]}" == "nspin: /run/netns/taken: already pins net:["* ]]
	[ "${lines[2]}" = 0 ]
	[ "${lines[3]}" = "nspin: /run/netns/stale: a stale file with no namespace on it (left by ip netns?): remove it with nspin --release --stale stale" ]
	[ "${lines[4]}" = stale ]
	[ "${lines[5]}" = "nsjoin: /run/netns/stale: not a pin (not a namespace file): refused" ]
	[ "${lines[6]}" = 0 ]
	[ "${lines[7]}" = "nspin: --stale goes with --release" ]
}
