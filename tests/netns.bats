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

@test "nsclone --net=/run/netns/NAME, --net=NAME and --uts=FILE pin each new namespace there, as unshare --TYPE=FILE" {
	setup_netns
	run in_own_run "
		nsclone --net=/run/netns/blue true
		ip netns list
		ip netns exec blue ip -o link | wc -l
		nsclone --net=green --uts=\"$NST_TMP/uts\" readlink /proc/self/ns/net /proc/self/ns/uts
		readlink /run/netns/green 2>/dev/null || stat -L -c 'net:[%i]' /run/netns/green
		stat -L -c 'net:[%i]' \"\$NSTOOLS_PIN_ROOT/green\"
		stat -L -c 'uts:[%i]' \"$NST_TMP/uts\"
		: > \"$NST_TMP/empty\"
		nsclone --ipc=\"$NST_TMP/empty\" stat -L -c 'ipc:[%i]' /proc/self/ns/ipc
		stat -L -c 'ipc:[%i]' \"$NST_TMP/empty\"
		nspin --release blue green \"$NST_TMP/uts\" \"$NST_TMP/empty\"
		ls -A /run/netns | wc -w"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = blue ]
	[ "${lines[1]}" = 1 ]
	[ "${lines[4]}" = "${lines[2]}" ]
	[ "${lines[5]}" = "${lines[2]}" ]
	[ "${lines[6]}" = "${lines[3]}" ]
	[ "${lines[7]}" = "${lines[8]}" ]
	[ "${lines[9]}" = 0 ]
}

@test "nsclone --TYPE=FILE refuses a FILE that exists and is not an empty regular file, and leaves everything as it was" {
	setup_netns
	echo data > "$NST_TMP/data"
	mkdir "$NST_TMP/dir"
	: > "$NST_TMP/empty"
	run in_own_run "
		ip netns add taken
		! nsclone --net=\"$NST_TMP/data\" true 2>&1
		! nsclone --uts=\"$NST_TMP/dir\" true 2>&1
		! nsclone --net=/run/netns/taken true 2>&1
		! nsclone --net=taken true 2>&1
		! nsclone --uts=\"$NST_TMP/empty\" --ipc=\"$NST_TMP/data\" true 2>&1
		! nsclone --uts=a..b true 2>&1
		ip netns list
		ip netns delete taken
		ls -A /run/netns \"\$NSTOOLS_PIN_ROOT\" 2>/dev/null | grep -v ':\$' | wc -w
		stat -f -c %T \"$NST_TMP/empty\""
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "nsclone: $NST_TMP/data: exists and is not an empty regular file: refused" ]
	[ "${lines[1]}" = "nsclone: $NST_TMP/dir: exists and is not an empty regular file: refused" ]
	[ "${lines[2]}" = "nsclone: /run/netns/taken: exists and is not an empty regular file: refused" ]
	[[ "${lines[3]}" == "nsclone: /run/netns/taken: already pins net:["* ]]
	[ "${lines[4]}" = "nsclone: $NST_TMP/data: exists and is not an empty regular file: refused" ]
	[ "${lines[5]}" = "nsclone: 'a..b': not a namespace name" ]
	[ "${lines[6]}" = taken ]
	[ "${lines[7]}" = 0 ]
	[ "${lines[8]}" != nsfs ]
	[ "$(cat "$NST_TMP/data")" = data ]
	[ -z "$(ls -A "$NST_TMP/dir")" ]
	[ -f "$NST_TMP/empty" ] && [ ! -s "$NST_TMP/empty" ]
}

# own_etc NAME: a /etc of the test's own ($NST_TMP/etc, bound over /etc only
# inside in_own_run), with a resolv.conf, and /etc/netns/NAME holding one
# for the namespace and a file that /etc has no counterpart of.
own_etc() {
	mkdir -p "$NST_TMP/etc/netns/$1"
	echo "nameserver 192.0.2.1" > "$NST_TMP/etc/resolv.conf"
	echo "nameserver 192.0.2.53" > "$NST_TMP/etc/netns/$1/resolv.conf"
	echo x > "$NST_TMP/etc/netns/$1/nothere"
}

@test "nsjoin -n NAME does what ip netns exec NAME does: /sys and /etc/netns/NAME, our mount table unchanged" {
	setup_netns
	own_etc blue
	run in_own_run "
		mount --bind '$NST_TMP/etc' /etc
		ip netns add blue
		cut -d' ' -f1-6 /proc/self/mountinfo > '$NST_TMP/before'
		ip netns exec blue sh -c 'ls /sys/class/net; cat /etc/resolv.conf' 2>/dev/null > '$NST_TMP/ip'
		nsjoin -n blue sh -c 'ls /sys/class/net; cat /etc/resolv.conf' > '$NST_TMP/n1' 2> '$NST_TMP/err'
		nsjoin -n /run/netns/blue sh -c 'ls /sys/class/net; cat /etc/resolv.conf' > '$NST_TMP/n2' 2>/dev/null
		nsjoin -t blue sh -c 'ls /sys/class/net; cat /etc/resolv.conf' > '$NST_TMP/n3' 2>/dev/null
		nsjoin --netns-exec -n \$(stat -L -c %i /proc/self/ns/net >/dev/null; echo /run/netns/blue) \
			ls /sys/class/net > '$NST_TMP/n4' 2>/dev/null
		nsjoin --no-netns-exec -n blue sh -c 'ls /sys/class/net; cat /etc/resolv.conf' > '$NST_TMP/off'
		cut -d' ' -f1-6 /proc/self/mountinfo > '$NST_TMP/after'
		# read-only where ours is
		mount -o remount,bind,ro /sys
		nsjoin -n blue findmnt -no OPTIONS /sys 2>/dev/null | cut -d, -f1
		ip netns delete blue"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$(cat "$NST_TMP/ip")" = "$(printf 'lo\nnameserver 192.0.2.53')" ]
	cmp "$NST_TMP/ip" "$NST_TMP/n1"
	cmp "$NST_TMP/ip" "$NST_TMP/n2"
	cmp "$NST_TMP/ip" "$NST_TMP/n3"
	[ "$(cat "$NST_TMP/n4")" = lo ]
	# iproute2 skips a file with no counterpart in /etc with a warning: so do we
	[ "$(cat "$NST_TMP/err")" = "nsjoin: /etc/netns/blue/nothere: no /etc/nothere to bind it over: skipped" ]
	# turned off: our /sys and our /etc
	[ "$(tail -n 1 "$NST_TMP/off")" = "nameserver 192.0.2.1" ]
	[ "$(grep -c . "$NST_TMP/off")" -gt 2 ] || [ "$(head -n 1 "$NST_TMP/off")" != lo ]
	# the mounts and their options (a file system's own options are shared
	# with every mount namespace: suites beside this one may remount one)
	diff "$NST_TMP/before" "$NST_TMP/after"
	[ "${lines[0]}" = ro ]
}

@test "nsjoin -n NAME where sysfs cannot be mounted says so in one line and goes on" {
	setup_netns
	command -v strace >/dev/null || skip "no strace"
	# the second mount(2) is sysfs's (the first makes our mounts slaves)
	run in_own_run "
		ip netns add grey
		strace -f -o /dev/null -e trace=mount -e inject=mount:error=EPERM:when=2 \
			nsjoin -n grey readlink /proc/self/ns/net 2>&1
		readlink /run/netns/grey 2>/dev/null || stat -L -c 'net:[%i]' /run/netns/grey
		ip netns delete grey"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "nsjoin: cannot mount /sys for the network namespace: Operation not permitted" ]
	[ "${lines[1]}" = "${lines[2]}" ]
	[ "${#lines[@]}" -eq 3 ]
}

@test "the man pages' ip netns identify and ip -all netns exec compositions agree with iproute2" {
	setup_netns
	run in_own_run "
		nspin -n $HOLDER /run/netns/blue
		ip netns add white
		ip netns identify $HOLDER
		nsls -p $HOLDER -t net -rno NSFS | tr , '\\n' | sed -n 's|^/run/netns/||p'
		ip -all netns exec readlink /proc/self/ns/net 2>/dev/null | grep -v '^\$' | sort > '$NST_TMP/ip'
		for name in \$(ls /run/netns); do echo \"netns: \$name\"; nsjoin -n \"\$name\" readlink /proc/self/ns/net; done |
			sort > '$NST_TMP/ours'
		ip netns delete white
		nspin --release blue"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = blue ]
	[ "${lines[1]}" = blue ]
	cmp "$NST_TMP/ip" "$NST_TMP/ours"
	[ "$(grep -c '^netns: ' "$NST_TMP/ours")" -eq 2 ]
}
