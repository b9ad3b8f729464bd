#!/usr/bin/env bats
# nsls: every assertion compares with what the kernel reports (stat -L of
# /proc/PID/ns/*, the nsfs ioctls, ip link) or with util-linux's lsns.

load helpers
bats_require_minimum_version 1.5.0

@test "NS, TYPE and NPROCS agree with stat -L and with lsns -J" {
	require_root
	start_holder -u -i -n
	local plain=$HOLDER
	start_holder -U -r -n -C
	local owned=$HOLDER
	nsls -J -o NS,TYPE,NPROCS | json_rows ns type nprocs | sort > "$NST_TMP/nsls"
	lsns -J -o NS,TYPE,NPROCS | json_rows ns type nprocs | sort > "$NST_TMP/lsns"
	for pair in "$plain uts" "$plain ipc" "$plain net" "$owned user" "$owned net" "$owned cgroup"; do
		set -- $pair
		grep -qx "$(ns_ino "$1" "$2") $2 1" "$NST_TMP/nsls"
		grep -qx "$(ns_ino "$1" "$2") $2 1" "$NST_TMP/lsns"
	done
}

@test "PNS and ONS agree with NS_GET_PARENT and NS_GET_USERNS" {
	require_root
	start_holder -U -r -p -u --fork
	nsls -J -l -o NS,PNS,ONS | json_rows ns pns ons > "$NST_TMP/nsls"
	for type in user pid uts; do
		local file=/proc/$HOLDER/ns/$type
		grep -qx "$(stat -L -c %i "$file") $(ns_relative "$file" parent) $(ns_relative "$file" owner)" "$NST_TMP/nsls"
	done
	# and lsns's own columns say the same
	lsns -J -l -o NS,PNS,ONS | json_rows ns pns ons > "$NST_TMP/lsns"
	grep -qx "$(ns_ino "$HOLDER" pid) .*" "$NST_TMP/lsns"
	[ "$(grep "^$(ns_ino "$HOLDER" pid) " "$NST_TMP/lsns")" = "$(grep "^$(ns_ino "$HOLDER" pid) " "$NST_TMP/nsls")" ]
	[ "$(grep "^$(ns_ino "$HOLDER" uts) " "$NST_TMP/lsns")" = "$(grep "^$(ns_ino "$HOLDER" uts) " "$NST_TMP/nsls")" ]
}

@test "nsls -p PID -rno NS -t net prints the one inode number stat -L reports" {
	require_root
	start_holder -n
	run nsls -p "$HOLDER" -rno NS -t net
	[ "$status" -eq 0 ]
	[ "$output" = "$(ns_ino "$HOLDER" net)" ]
	# the comparison idiom of the man page
	[ "$(nsls -p "$HOLDER" -rno NS -t net)" != "$(nsls -p $$ -rno NS -t net)" ]
	[ "$(nsls -p "$HOLDER" -rno NS -t uts)" = "$(nsls -p $$ -rno NS -t uts)" ]
}

@test "-t lists only the types named" {
	run nsls -t uts -t ipc -rn -o TYPE
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[@]}" | sort -u | tr '\n' ' ')" = "ipc uts " ]
}

@test "-p lists exactly the namespaces the process is in" {
	require_root
	start_holder -u -i
	run nsls -p "$HOLDER" -rn -o NS,TYPE
	[ "$status" -eq 0 ]
	# shellcheck disable=SC2010 # /proc/PID/ns holds plain names only
	[ "${#lines[@]}" -eq "$(ls /proc/$HOLDER/ns | grep -vc _for_children)" ]
	for type in mnt uts ipc net pid user cgroup time; do
		[[ " ${lines[*]} " == *" $(ns_ino "$HOLDER" $type) $type "* ]]
	done
}

@test "a namespace kept only by a pin is listed, with the pin, until it is released" {
	require_root
	start_pin_keeper
	start_holder -u
	local ns
	ns=$(ns_ino "$HOLDER" uts)
	keep_pin "$HOLDER" uts "$NST_TMP/uts"
	end_process "$HOLDER"

	# seen from the keeper's mount namespace, it is our pin
	run nsenter -t "$PIN_KEEPER" -m nsls -rn -o NS,TYPE,NPROCS,PATH,NSFS,HOLDERS "$ns"
	[ "$status" -eq 0 ]
	[ "$output" = "$ns uts 0 $NST_TMP/uts $NST_TMP/uts pin:$NST_TMP/uts" ]
	# seen from here, a pin in another mount namespace
	run nsls_holders "$ns"
	[ "$output" = "pin:mnt:$(ns_ino "$PIN_KEEPER" mnt):$NST_TMP/uts" ]

	release_pin "$NST_TMP/uts"
	nsls_forgets "$ns"
}

@test "a pin in this mount namespace is the NSFS column, as lsns shows it" {
	require_root
	start_holder -n
	bind_ns "$HOLDER" net "$NST_TMP/net"
	run nsls -rn -o NS,NSFS,HOLDERS -t net "$NST_TMP/net"
	[ "$status" -eq 0 ]
	[[ "$output" == "$(ns_ino "$HOLDER" net) $NST_TMP/net procs:1,pin:$NST_TMP/net"* ]]
	lsns -rn -o NS,NSFS -t net | grep -qx "$(ns_ino "$HOLDER" net) $NST_TMP/net"
}

@test "a namespace kept only by a descriptor is listed, with it, until it is closed" {
	require_root
	hold_by_descriptor ipc 5
	local ns=$NS
	end_process "$HOLDER"

	run nsls -rn -o NS,TYPE,NPROCS,PATH,HOLDERS "$ns"
	[ "$status" -eq 0 ]
	[ "$output" = "$ns ipc 0 /proc/$SPAWNED/fd/5 fd:$SPAWNED:5" ]
	run nsls -P -rn -o NS
	[[ " ${lines[*]} " == *" $ns "* ]]

	end_process "$SPAWNED"
	nsls_forgets "$ns"
}

@test "a network namespace kept only by a socket is listed, with it, until it is closed" {
	require_root
	# the socket is made in one network namespace, then its holder moves on
	spawn unshare -n bash -c "ip link set lo up && readlink /proc/self/ns/net > '$NST_TMP/socket-ns' &&
		exec 5<>/dev/udp/127.0.0.1/9 && exec unshare -n sleep infinity"
	wait_for_exec "$SPAWNED" sleep
	local ns
	ns=$(sed 's/net:\[\(.*\)\]/\1/' "$NST_TMP/socket-ns")
	[ "$ns" != "$(ns_ino "$SPAWNED" net)" ]

	listed_until_closed "$ns" net "socket:$SPAWNED:5"
}

# hold_by_pin_and_descriptor TYPE: a TYPE namespace whose process has gone,
# held by a pin at $NST_TMP/TYPE in the keeper's mount namespace and by
# descriptor 4, opened through that pin, of process $SPAWNED; its inode
# number in $NS.
hold_by_pin_and_descriptor() {
	start_pin_keeper
	start_holder "--$1"
	NS=$(ns_ino "$HOLDER" "$1")
	keep_pin "$HOLDER" "$1" "$NST_TMP/$1"
	spawn nsenter -t "$PIN_KEEPER" -m bash -c "exec 4<'$NST_TMP/$1'; exec sleep infinity"
	wait_for_exec "$SPAWNED" sleep
	end_process "$HOLDER"
	# the kernel's view: descriptor 4 is the namespace, though the text
	# of its link is the pin's path, not the namespace's name
	[ "$(stat -L -c %i "/proc/$SPAWNED/fd/4")" = "$NS" ]
	[[ "$(readlink "/proc/$SPAWNED/fd/4")" != "$1":* ]]
}

@test "a namespace kept only by a descriptor opened through a pin since unmounted is listed, with it" {
	require_root
	hold_by_pin_and_descriptor net
	local ns=$NS
	release_pin "$NST_TMP/net"
	[ "$(readlink "/proc/$SPAWNED/fd/4")" = / ]

	listed_until_closed "$ns" net "fd:$SPAWNED:4"
}

@test "a namespace held by a pin and by a descriptor of that pin is one row with both holders" {
	require_root
	hold_by_pin_and_descriptor uts
	local ns=$NS

	run nsls -rn -o NS,TYPE,NPROCS,HOLDERS "$ns"
	[ "$status" -eq 0 ]
	[ "$output" = "$ns uts 0 pin:mnt:$(ns_ino "$PIN_KEEPER" mnt):$NST_TMP/uts,fd:$SPAWNED:4" ]
	[ "$(nsls -rn -o NS | grep -cx "$ns")" -eq 1 ]
}

@test "a pid namespace kept only as a parent is listed, with its child, until that goes" {
	require_root
	start_pin_keeper
	spawn unshare -p --fork unshare -p --fork sleep infinity
	local outer inner
	outer=$(child_of "$SPAWNED")
	inner=$(child_of "$outer")
	wait_for_exec "$inner" sleep
	local parent child
	parent=$(ns_ino "$outer" pid)
	child=$(ns_ino "$inner" pid)
	keep_pin "$inner" pid "$NST_TMP/pid"
	kill -KILL -- "-$SPAWNED"
	end_process "$inner"
	end_process "$outer"

	run nsls -rn -o NS,NPROCS,PNS,HOLDERS "$parent"
	[ "$status" -eq 0 ]
	[[ "$output" == "$parent 0 $(ns_ino self pid) children:pid:1" ]]
	run nsls -rn -o NS,NPROCS,PNS "$child"
	[ "$output" = "$child 0 $parent" ]

	release_pin "$NST_TMP/pid"
	nsls_forgets "$child"
	nsls_forgets "$parent"
}

@test "a pid namespace kept only as pid_for_children is listed, with its process" {
	require_root
	# its init ran and exited; the kernel hides one whose init has not started
	spawn unshare -p sh -c '/bin/true; exec sleep infinity'
	wait_for_exec "$SPAWNED" sleep
	local ns
	ns=$(stat -L -c %i "/proc/$SPAWNED/ns/pid_for_children")
	[ "$ns" != "$(ns_ino "$SPAWNED" pid)" ]

	run nsls -rn -o NS,TYPE,NPROCS,PATH,HOLDERS "$ns"
	[ "$status" -eq 0 ]
	[ "$output" = "$ns pid 0 /proc/$SPAWNED/ns/pid_for_children pid_for_children:$SPAWNED" ]

	end_process "$SPAWNED"
	nsls_forgets "$ns"
}

@test "a user namespace kept only as an owner is listed, with what it owns" {
	require_root
	start_pin_keeper
	start_holder -U -r -u
	local user uts
	user=$(ns_ino "$HOLDER" user)
	uts=$(ns_ino "$HOLDER" uts)
	keep_pin "$HOLDER" uts "$NST_TMP/uts"
	end_process "$HOLDER"

	run nsls -rn -o NS,TYPE,NPROCS,HOLDERS "$user"
	[ "$status" -eq 0 ]
	[ "$output" = "$user user 0 owns:1" ]
	run nsls -rn -o ONS "$uts"
	[ "$output" = "$user" ]

	release_pin "$NST_TMP/uts"
	nsls_forgets "$user"
}

@test "HOLDERS counts processes, child namespaces and owned namespaces" {
	require_root
	start_holder -U -r -p -u --fork
	local user
	user=$(ns_ino "$HOLDER" user)
	run nsls -rn -o HOLDERS "$user"
	[ "$status" -eq 0 ]
	# the holder and unshare --fork's parent; the pid and uts namespaces it owns
	echo "$output"
	[ "$output" = "procs:2,owns:2" ]
	run nsls -rn -o HOLDERS "$(ns_ino self user)"
	[[ "$output" == procs:*,children:user:*,owns:* ]]
}

@test "--why says in words what keeps a namespace alive" {
	require_root
	hold_by_descriptor ipc 7
	local ns=$NS
	run env LC_ALL=C nsls --why "$ns"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "ipc namespace $ns is kept alive by:" ]
	[[ "${lines[1]}" == "  processes in it: 1, the lowest PID $HOLDER (sleep infinity)"* ]]
	[[ "${lines[2]}" == "  descriptor 7 of process $SPAWNED: "* ]]
	[ "${#lines[@]}" -eq 3 ]
}

@test "-T owner hangs namespaces from their owning user namespace" {
	require_root
	start_holder -U -r -u -n
	local user uts net
	user=$(ns_ino "$HOLDER" user)
	uts=$(ns_ino "$HOLDER" uts)
	net=$(ns_ino "$HOLDER" net)
	nsls -J -T -o NS,TYPE | python3 -c '
import json, sys
user, uts, net = map(int, sys.argv[1:])
def find(rows):
    for row in rows:
        if row["ns"] == user:
            return row
        found = find(row.get("children", []))
        if found:
            return found
children = {row["ns"] for row in find(json.load(sys.stdin)["namespaces"])["children"]}
assert {uts, net} <= children, children
' "$user" "$uts" "$net"
	# the tree is drawn in the NS column
	nsls -T -o NS,TYPE | grep -q "[└├]─$uts "
}

@test "--tree=parent hangs pid namespaces from their parents" {
	require_root
	spawn unshare -p --fork unshare -p --fork sleep infinity
	local outer inner
	outer=$(child_of "$SPAWNED")
	inner=$(child_of "$outer")
	wait_for_exec "$inner" sleep
	nsls -J --tree=parent -t pid -o NS | python3 -c '
import json, sys
top, outer, inner = map(int, sys.argv[1:])
rows = json.load(sys.stdin)["namespaces"]
root = next(row for row in rows if row["ns"] == top)
middle = next(row for row in root["children"] if row["ns"] == outer)
assert [row["ns"] for row in middle["children"]] == [inner], middle
' "$(ns_ino self pid)" "$(ns_ino "$outer" pid)" "$(ns_ino "$inner" pid)"
}

@test "the default tree follows processes, as lsns draws it" {
	require_root
	spawn unshare -u sh -c 'unshare -i sleep infinity; :'
	local child
	child=$(child_of "$SPAWNED")
	wait_for_exec "$child" sleep
	local uts ipc
	uts=$(ns_ino "$SPAWNED" uts)
	ipc=$(ns_ino "$child" ipc)
	# the sleep's ipc row hangs under its parent's uts row, in both
	for tool in nsls lsns; do
		$tool -J | python3 -c '
import json, sys
uts, ipc = map(int, sys.argv[1:])
def find(rows, ns):
    for row in rows:
        if row["ns"] == ns:
            return row
        found = find(row.get("children", []), ns)
        if found:
            return found
parent = find(json.load(sys.stdin)["namespaces"], uts)
assert ipc in [row["ns"] for row in parent.get("children", [])], parent
' "$uts" "$ipc"
	done
	# -l and -r list without a tree
	nsls -l -o NS,COMMAND | grep -qx " *$ipc sleep infinity"
}

@test "-P lists only namespaces that no process is in" {
	require_root
	start_pin_keeper
	start_holder -u
	local kept gone
	gone=$(ns_ino "$HOLDER" uts)
	start_holder -u
	kept=$(ns_ino "$HOLDER" uts)
	keep_pin "$HOLDER" uts "$NST_TMP/uts"
	end_process "$HOLDER"
	run nsls -P -rn -o NS,NPROCS
	[ "$status" -eq 0 ]
	[[ " ${lines[*]} " == *" $kept 0 "* ]]
	[[ " ${lines[*]} " != *" $gone "* ]]
	for line in "${lines[@]}"; do
		[ "${line#* }" = 0 ]
	done
}

@test "-s counts namespaces by type, against the limits in /proc/sys/user" {
	require_root
	start_holder -u -i -n
	run nsls -s -rn "$(ns_ino "$HOLDER" uts)" "$(ns_ino "$HOLDER" ipc)" "$(ns_ino "$HOLDER" net)"
	[ "$status" -eq 0 ]
	for line in "${lines[@]}"; do
		set -- $line
		[ "$3" = "$(cat "/proc/sys/user/max_$1_namespaces")" ]
		case $1 in
		uts | ipc | net) [ "$2" = 1 ] ;;
		*) [ "$2" = 0 ] ;;
		esac
	done
	# shellcheck disable=SC2010 # /proc/PID/ns holds plain names only
	[ "${#lines[@]}" -eq "$(ls /proc/self/ns | grep -vc _for_children)" ]
	# all of them: as many as nsls lists, at least as many as lsns finds
	run nsls -s -J
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | json_rows type | head -1)" = mnt ]
	echo "$output" | json_rows count | while read -r count; do [ "$count" -ge 1 ]; done
}

@test "-J is JSON, with numbers as numbers and HOLDERS as an array" {
	require_root
	start_holder -n -u
	nsls -J --output-all | python3 -c '
import json, sys
def walk(rows):
    for row in rows:
        yield row
        yield from walk(row.get("children", []))
rows = list(walk(json.load(sys.stdin)["namespaces"]))
assert rows
for row in rows:
    assert isinstance(row["ns"], int) and isinstance(row["nprocs"], int), row
    assert row["pid"] is None or isinstance(row["pid"], int), row
    assert row["pns"] is None or isinstance(row["pns"], int), row
    assert isinstance(row["holders"], list) and all(isinstance(h, str) for h in row["holders"]), row
    assert row["type"] in "mnt uts ipc net pid user cgroup time".split(), row
mine = [row for row in rows if row["ns"] == int(sys.argv[1])]
assert mine and mine[0]["holders"] == ["procs:1"] and mine[0]["netnsid"] is None, mine
' "$(ns_ino "$HOLDER" uts)"
}

@test "NETNSID is the ID the kernel gave the network namespace here" {
	require_root
	start_holder -n
	local ns link=nsls$$
	ns=$(ns_ino "$HOLDER" net)
	run nsls -rn -o NETNSID "$ns"
	[ "$output" = unassigned ]
	# a veth pair across namespaces makes the kernel assign one
	ip link add "$link" type veth peer name eth0 netns "$HOLDER"
	local id
	id=$(ip -j link show dev "$link" | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["link_netnsid"])')
	run nsls -rn -o NETNSID "$ns"
	ip link del "$link"
	[ "$output" = "$id" ]
}

@test "an NS argument may be a namespace file" {
	require_root
	start_holder -u
	run nsls -rn -o NS,TYPE "/proc/$HOLDER/ns/uts"
	[ "$status" -eq 0 ]
	[ "$output" = "$(ns_ino "$HOLDER" uts) uts" ]
	run nsls /etc/passwd
	assert_nsls_error
	[[ "$output" == *"/etc/passwd: not a namespace file"* ]]
}

@test "processes it may not inspect are skipped without a word" {
	require_root
	local nsls
	nsls=$(unprivileged_copy nsls)
	start_holder -u
	run --separate-stderr as_nobody "$nsls" -rn -o NS,NPROCS
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	# its own namespaces, with only itself seen in them, and not root's holder's
	[[ " ${lines[*]} " == *" $(ns_ino self net) 1 "* ]]
	[[ " ${lines[*]} " != *" $(ns_ino "$HOLDER" uts) "* ]]
}

@test "a churn of short-lived processes never makes nsls fail or complain" {
	require_root
	# about 200 processes a second, a quarter of them in new namespaces
	spawn bash -c 'while :; do
		for i in 1 2 3 4 5 6; do
			unshare -u -n sleep 0.0$((RANDOM % 9 + 1)) & sleep 0.0$((RANDOM % 9 + 1)) &
			sleep 0.0$((RANDOM % 9 + 1)) & sleep 0.0$((RANDOM % 9 + 1)) &
		done
		sleep 0.1
	done'
	local end=$((SECONDS + 10)) runs=0 rc
	while [ "$SECONDS" -lt "$end" ]; do
		for args in "" "-J --output-all" "-W -P" "-s" "-T -o NS,TYPE,HOLDERS"; do
			rc=0
			nsls $args > /dev/null 2>> "$NST_TMP/stderr" || rc=$?
			[ "$rc" -eq 0 ] || { echo "nsls $args: status $rc" >&2; return 1; }
			runs=$((runs + 1))
		done
	done
	echo "$runs runs"
	[ ! -s "$NST_TMP/stderr" ] || { cat "$NST_TMP/stderr" >&2; return 1; }
	[ "$runs" -ge 10 ]
}

@test "bad input is one line and status 1" {
	run nsls -t bogus
	assert_nsls_error
	[[ "${lines[0]}" == *bogus* ]]
	run nsls -p 0
	assert_nsls_error
	run nsls -p abc
	assert_nsls_error
	[[ "${lines[0]}" == *abc* ]]
	run nsls -p 2147483647
	assert_nsls_error
	[[ "${lines[0]}" == *"no such process"* ]]
	run nsls xyz
	assert_nsls_error
	[[ "${lines[0]}" == *xyz* ]]
	run nsls -o BOGUS
	assert_nsls_error
	[[ "${lines[0]}" == *BOGUS* ]]
	run nsls 18446744073709551615
	assert_nsls_error
	run nsls --tree=sideways
	assert_nsls_error
	run nsls -W -J
	assert_nsls_error
	[[ "${lines[0]}" == *"exclude each other"* ]]
}

@test "a write error on stdout fails loudly" {
	run nsls -o NS,TYPE
	[ "$status" -eq 0 ]
	run bash -c 'nsls > /dev/full'
	[ "$status" -eq 1 ]
	[[ "$output" == "nsls: write error"* ]]
}

@test "--help lists every column, --version names the package" {
	run nsls --help
	[ "$status" -eq 0 ]
	for column in NS TYPE PATH NPROCS PID PPID COMMAND UID USER NETNSID NSFS PNS ONS HOLDERS; do
		[[ "$output" == *" $column  "* ]]
	done
	run nsls --version
	[ "$status" -eq 0 ]
	[[ "$output" == "nsls (nstools) "* ]]
}

# ---- what scripts written for lsns expect ----

@test "the headings of nsls, nsls -t net and nsls -t user are lsns's" {
	for args in "" "-t net" "-t user" "-t net -t uts"; do
		# shellcheck disable=SC2086 # the words of args
		[ "$(nsls -r $args | head -1)" = "$(lsns -r $args | head -1)" ]
	done
	[ "$(nsls -r -t net | head -1)" = "NS TYPE NPROCS PID USER NETNSID NSFS COMMAND" ]
	# -o +LIST adds to the defaults of the types asked, as in lsns
	[ "$(nsls -r -t net -o +PNS | head -1)" = "$(lsns -r -t net -o +PNS | head -1)" ]
}

@test "a namespace no process is in shows the creator of its user namespace as USER and UID" {
	require_root
	start_pin_keeper
	spawn setpriv --reuid=65534 --regid=65534 --clear-groups unshare -U -n sleep infinity
	wait_for_exec "$SPAWNED" sleep
	local user net
	user=$(ns_ino "$SPAWNED" user)
	net=$(ns_ino "$SPAWNED" net)
	# the kernel's view: the creator, as the owner of /proc/PID
	[ "$(stat -c %u "/proc/$SPAWNED")" = 65534 ]
	keep_pin "$SPAWNED" user "$NST_TMP/user"
	keep_pin "$SPAWNED" net "$NST_TMP/net"
	end_process "$SPAWNED"

	run nsls -rn -o NS,TYPE,NPROCS,USER,UID "$user" "$net"
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "$user user 0 $(id -nu 65534) 65534" ]
	[ "${lines[1]}" = "$net net 0 $(id -nu 65534) 65534" ]
	# in the default columns too, and with -t net
	nsls -rn | grep -qx "$net net 0  $(id -nu 65534) "
	nsls -rn -t net | grep -q "^$net net 0  $(id -nu 65534) "
}

@test "a descriptor nsls was started with holds its namespace; those it opens do not" {
	require_root
	start_holder -i
	local ns
	ns=$(ns_ino "$HOLDER" ipc)
	# the shell that starts nsls becomes it: only nsls holds descriptor 7
	run bash -c "exec 7</proc/$HOLDER/ns/ipc; kill -KILL $HOLDER; for _ in \$(seq 200); do [ -e /proc/$HOLDER/ns/ipc ] || break; sleep 0.05; done
		echo \$\$; exec nsls -rn -o NS,TYPE,NPROCS,HOLDERS"
	[ "$status" -eq 0 ]
	[[ " ${lines[*]} " == *" $ns ipc 0 fd:${lines[0]}:7 "* ]]
	# named by that descriptor, it is the one holder, not nsls's own look
	start_holder -i
	ns=$(ns_ino "$HOLDER" ipc)
	run bash -c "exec 7</proc/$HOLDER/ns/ipc; kill -KILL $HOLDER; for _ in \$(seq 200); do [ -e /proc/$HOLDER/ns/ipc ] || break; sleep 0.05; done
		echo \$\$; exec nsls -rn -o NS,HOLDERS /proc/self/fd/7"
	[ "$status" -eq 0 ]
	[ "${lines[1]}" = "$ns fd:${lines[0]}:7" ]
}

@test "-W, --nowrap keeps each cell on one line, as lsns -W" {
	require_root
	hold_by_descriptor ipc 5
	local ns=$NS
	run nsls -n -o NS,HOLDERS "$ns"
	[ "${#lines[@]}" -eq 2 ]
	run nsls -n -W -o NS,HOLDERS "$ns"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 1 ]
	[ "${lines[0]}" = "$ns procs:1,fd:$SPAWNED:5" ]
	run nsls --nowrap -n -o NS "$ns"
	[ "$output" = "$ns" ]
}

@test "-H, --list-columns lists every column with its type, as lsns -H" {
	run nsls -H -r
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 14 ]
	[ "${lines[0]}" = 'NS <integer> namespace\x20identifier\x20(inode\x20number)' ]
	[[ "${lines[13]}" == "HOLDERS <string> "* ]]
	# the columns --help lists, in its order
	[ "$(nsls -H -r | cut -d' ' -f1 | tr '\n' ' ')" = \
	  "$(nsls --help | sed -n '/^Available output columns:/,/^$/p' | awk 'NR > 1 && NF > 1 { print $1 }' | tr '\n' ' ')" ]
	nsls --list-columns -J | python3 -c 'import json, sys
columns = json.load(sys.stdin)["nsls-columns"]
assert [c["holder"] for c in columns][:3] == ["NS", "TYPE", "PATH"], columns
assert all(set(c) == {"holder", "type", "description"} for c in columns)'
	# a listing of columns, not of namespaces: nothing else is asked
	for args in "-o NS" "-t net" "-l" "--why" "4026531837"; do
		# shellcheck disable=SC2086 # the words of args
		run nsls -H $args
		assert_nsls_error
	done
}

@test "-Q, --filter: libsmartcols's filter where it has one, one line saying so where not" {
	run nsls -Q 'TYPE == "net"' -rn -o TYPE
	if [[ "$output" == *"has no filter"* ]]; then
		assert_nsls_error
		[ "${#lines[@]}" -eq 1 ]
		[[ "${lines[0]}" == "nsls: --filter: "* ]]
		# the compositions the man page shows for such a build: our own
		# network namespace, with more than one process, is among the rows
		run bash -c "nsls -rn -o NS,TYPE,NPROCS | awk '\$2 == \"net\" && \$3 > 1'"
		[ "$status" -eq 0 ]
		[[ " ${lines[*]} " == *" $(ns_ino self net) net "* ]]
		[ -z "$(printf '%s\n' "${lines[@]}" | awk '$2 != "net" || $3 <= 1')" ]
		nsls -J -l -o NS,TYPE,NPROCS | python3 -c 'import json, sys
rows = [n for n in json.load(sys.stdin)["namespaces"] if n["type"] == "net" and n["nprocs"] > 1]
assert any(n["ns"] == int(sys.argv[1]) for n in rows), rows' "$(ns_ino self net)"
		return
	fi
	[ "$status" -eq 0 ]
	[ "$(printf '%s\n' "${lines[@]}" | sort -u)" = net ]
	[ "${#lines[@]}" -eq "$(nsls -rn -o TYPE -t net | wc -l)" ]
	# a column the filter names is read even where it is not shown
	[ "$(nsls -Q 'NPROCS == 0' -rn -o NS | wc -l)" -eq "$(nsls -P -rn -o NS | wc -l)" ]
	run nsls -Q 'TYPE =='
	assert_nsls_error
	run nsls -Q 'BOGUS == 1'
	assert_nsls_error
	[[ "$output" == *BOGUS* ]]
}

@test "libsmartcols's environment works as for lsns: LIBSMARTCOLS_JSON, LIBSMARTCOLS_DEBUG_PADDING" {
	require_root
	start_holder -u
	local value
	# whatever this libsmartcols makes of LIBSMARTCOLS_JSON (2.38: nothing),
	# it makes the same of nsls's JSON as of lsns's
	for value in "" compact lines; do
		run env LIBSMARTCOLS_JSON="$value" nsls -J -p "$HOLDER" -o NS,TYPE
		[ "$status" -eq 0 ]
		[ "$output" = "$(LIBSMARTCOLS_JSON="$value" lsns -J -p "$HOLDER" -o NS,TYPE)" ]
	done
	run --separate-stderr env LIBSMARTCOLS_DEBUG_PADDING=on nsls -p "$HOLDER" -o NS,TYPE
	[ "$status" -eq 0 ]
	[ "$output" = "$(LIBSMARTCOLS_DEBUG_PADDING=on lsns -p "$HOLDER" -o NS,TYPE 2>/dev/null)" ]
	[[ "$output" == *"........NS"* ]]
}

@test "nsls NS lists the processes in NS as lsns NS does, every one, as a tree; with -o, the namespace" {
	require_root
	spawn unshare -u sh -c 'sleep infinity & sleep infinity & wait'
	local parent=$SPAWNED ns
	for _ in $(seq 100); do
		[ "$(wc -w < "/proc/$parent/task/$parent/children")" -eq 2 ] && break
		sleep 0.05
	done
	ns=$(ns_ino "$parent" uts)
	run nsls -J "$ns"
	[ "$status" -eq 0 ]
	[ "$(json_rows pid ppid user <<< "$output")" = "$(lsns -J "$ns" | json_rows pid ppid user)" ]
	[ "$(json_rows pid <<< "$output" | wc -l)" -eq 3 ]
	run nsls "$ns"
	[ "${lines[0]}" = "$(lsns "$ns" | head -n 1)" ]
	[[ "${lines[2]}" == *"├─sleep infinity" ]]
	[[ "${lines[3]}" == *"└─sleep infinity" ]]
	# a table asked for is of the namespace, as before
	[ "$(nsls -rn -o NS,TYPE,NPROCS "$ns")" = "$ns uts 3" ]
}
