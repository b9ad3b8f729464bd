#!/usr/bin/env bats
# mountprop: every assertion compares with what the kernel reports, through
# findmnt -o PROPAGATION and /proc/PID/mountinfo. Every mount is made inside a
# mount namespace of the test's own (start_mount_ns), never on the machine's.

load helpers
bats_require_minimum_version 1.5.0

setup_mounts() {
	require_root
	start_mount_ns
	M=$NST_TMP/m
	tmpfs_at "$M"
}

# --- setting each state -------------------------------------------------

@test "--make-shared: the mount joins a peer group of its own" {
	setup_mounts
	[ "$(propagation_at "$M")" = private ]
	run mountprop -N "$MNTNS" --make-shared "$M"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(propagation_at "$M")" = shared ]
	[[ "$(optional_fields "$M")" =~ ^shared:[0-9]+$ ]]
}

@test "--make-private: nothing is sent or received" {
	setup_mounts
	in_mount_ns mount --make-shared "$M"
	run mountprop -N "$MNTNS" --make-private "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = private ]
	[ -z "$(optional_fields "$M")" ]
}

@test "--make-slave: a slave of the peer group it was in (two peers)" {
	setup_mounts
	in_mount_ns mount --make-shared "$M"
	mkdir "$NST_TMP/peer"
	in_mount_ns mount --bind "$M" "$NST_TMP/peer"
	local group
	group=$(optional_fields "$NST_TMP/peer")
	[[ "$group" =~ ^shared:[0-9]+$ ]]
	run mountprop -N "$MNTNS" --make-slave "$M"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(propagation_at "$M")" = private,slave ]
	[ "$(optional_fields "$M")" = "master:${group#shared:}" ]
}

@test "--make-unbindable: private, and no bind mount of it" {
	setup_mounts
	run mountprop -N "$MNTNS" --make-unbindable "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = private,unbindable ]
	[ "$(optional_fields "$M")" = unbindable ]
}

@test "findmnt's letters read, never set: -u -T show, -s -S -p -w are usage errors" {
	setup_mounts
	in_mount_ns mount --make-shared "$M"
	in_mount_ns mkdir "$M/dir"
	local before
	before=$(optional_fields "$M")
	[[ "$before" =~ ^shared:[0-9]+$ ]]
	run mountprop -N "$MNTNS" -u "$M"
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "$M "*shared* ]]
	[ "$(optional_fields "$M")" = "$before" ]
	run mountprop -N "$MNTNS" -T "$M/dir"
	[ "$status" -eq 0 ]
	[[ "${lines[1]}" == "$M "*shared* ]]
	[ "$(propagation_at "$M")" = shared ]
	[ "$(optional_fields "$M")" = "$before" ]
	# and the other letters findmnt and mountprop share, as a script writes them
	for letter in -l -J -r -n -R -lu -ru -Ju -Rr -Rn; do
		run mountprop -N "$MNTNS" "$letter" "$M"
		[ "$status" -eq 0 ]
		[ "$(propagation_at "$M")" = shared ]
		[ "$(optional_fields "$M")" = "$before" ]
	done
	for letter in -s -S -p -w -m -k -F -t -O -v -x -f -D -i -c -e -M -P -A -b; do
		run mountprop -N "$MNTNS" "$letter" "$M"
		echo "$letter: $output"
		[ "$status" -eq 1 ]
		[ "${#lines[@]}" -eq 2 ]
		[[ "${lines[0]}" == "mountprop: "*"option"* ]]
		[ "${lines[1]}" = "Try 'mountprop --help' for more information." ]
		[ "$(propagation_at "$M")" = shared ]
		[ "$(optional_fields "$M")" = "$before" ]
	done
}

@test "-T PATH: the mount PATH is on, the one findmnt -T names" {
	setup_mounts
	tmpfs_at "$M/sub"
	in_mount_ns mkdir -p "$M/sub/a/b" "$M/dir"
	for path in "$M/sub/a/b" "$M/sub" "$M/dir" "$M" "$NST_TMP"; do
		run mountprop -N "$MNTNS" -n -o TARGET,ID -T "$path"
		[ "$status" -eq 0 ]
		[ "$(xargs echo <<< "$output")" = "$(in_mount_ns findmnt -n -o TARGET,ID -T "$path" | xargs echo)" ]
	done
	# --target, and with -R what is below that mount
	run mountprop -N "$MNTNS" -R -rn -o TARGET --target "$M/dir"
	[ "$status" -eq 0 ]
	[ "$output" = "$(printf '%s\n' "$M" "$M/sub")" ]
	# what a mount made there reaches: that mount alone, private
	run mountprop -N "$MNTNS" --peers -rn -o TARGET -T "$M/dir"
	[ "$status" -eq 0 ]
	[ "$output" = "$M" ]
	# through a symbolic link, as findmnt follows it
	in_mount_ns ln -s "$M/sub/a" "$NST_TMP/link"
	run mountprop -N "$MNTNS" -n -o TARGET -T "$NST_TMP/link"
	[ "$output" = "$M/sub" ]
}

@test "-T of a missing path, -T with a PATH or a --make-*: one line, status 1, nothing changed" {
	setup_mounts
	run mountprop -N "$MNTNS" -T "$NST_TMP/missing"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[ "$output" = "mountprop: $NST_TMP/missing: No such file or directory" ]
	run mountprop -N "$MNTNS" --make-shared -T "$M"
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "mountprop: --make-shared and --target exclude each other" ]
	[ "$(propagation_at "$M")" = private ]
	run mountprop -N "$MNTNS" -T "$M" "$M"
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == "mountprop: --target "* ]]
}

@test "-u: no cell truncated, as findmnt -u (on a terminal of 20 columns)" {
	setup_mounts
	command -v script >/dev/null || skip "script(1) is needed"
	mkdir "$NST_TMP/b"
	# binfmt_misc: a type name longer than the FSTYPE column's width hint
	in_mount_ns mount -t binfmt_misc nst-a-source-name-longer-than-the-terminal "$NST_TMP/b" ||
		skip "no binfmt_misc to mount"
	local opts
	for opts in "" "-u"; do
		run in_mount_ns script -qec "stty cols 20; mountprop $opts -n -o FSTYPE,SOURCE $NST_TMP/b" /dev/null
		[ "$status" -eq 0 ]
		local ours=$output
		run in_mount_ns script -qec "stty cols 20; findmnt $opts -n -o FSTYPE,SOURCE $NST_TMP/b" /dev/null
		[ "$ours" = "$output" ]
		if [ -z "$opts" ]; then
			[[ "$ours" != *binfmt_misc* ]]
		else
			[[ "$ours" == *binfmt_misc* ]]
		fi
	done
}

@test "libsmartcols's environment works as for findmnt: LIBSMARTCOLS_JSON, LIBSMARTCOLS_DEBUG_PADDING" {
	setup_mounts
	local value
	# whatever this libsmartcols makes of LIBSMARTCOLS_JSON (2.38: nothing),
	# it makes the same of mountprop's JSON as of findmnt's
	for value in "" compact lines; do
		run env LIBSMARTCOLS_JSON="$value" mountprop -N "$MNTNS" -J -o TARGET,PROPAGATION,FSTYPE "$M"
		[ "$status" -eq 0 ]
		[ "$output" = "$(LIBSMARTCOLS_JSON="$value" in_mount_ns findmnt -J -o TARGET,PROPAGATION,FSTYPE "$M")" ]
	done
	run --separate-stderr env LIBSMARTCOLS_DEBUG_PADDING=on mountprop -N "$MNTNS" -o TARGET,PROPAGATION,FSTYPE "$M"
	[ "$status" -eq 0 ]
	[ "$output" = "$(LIBSMARTCOLS_DEBUG_PADDING=on in_mount_ns findmnt -o TARGET,PROPAGATION,FSTYPE "$M" 2>/dev/null)" ]
	[[ "$output" == *"private...."* ]]
}

@test "inside the namespace itself, composed with nsjoin -m, it works the same" {
	setup_mounts
	run nsjoin -m "$MNTNS" mountprop --make-shared "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = shared ]
	run nsjoin -m "$MNTNS" mountprop --make-private "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = private ]
}

@test "-R reaches the mounts below PATH; without it only PATH changes" {
	setup_mounts
	tmpfs_at "$M/sub"
	tmpfs_at "$M/sub/deeper"
	run mountprop -N "$MNTNS" --make-shared "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = shared ]
	[ "$(propagation_at "$M/sub")" = private ]
	[ "$(propagation_at "$M/sub/deeper")" = private ]

	run mountprop -N "$MNTNS" -R --make-unbindable "$M"
	[ "$status" -eq 0 ]
	for path in "$M" "$M/sub" "$M/sub/deeper"; do
		[ "$(propagation_at "$path")" = private,unbindable ]
		[ "$(optional_fields "$path")" = unbindable ]
	done
}

@test "--make-rshared and --make-rprivate are recursive too" {
	setup_mounts
	tmpfs_at "$M/sub"
	run mountprop -N "$MNTNS" --make-rshared "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = shared ]
	[ "$(propagation_at "$M/sub")" = shared ]
	run mountprop -N "$MNTNS" --make-rprivate "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = private ]
	[ "$(propagation_at "$M/sub")" = private ]
}

@test "several PATHs at once" {
	setup_mounts
	tmpfs_at "$NST_TMP/other"
	run mountprop -N "$MNTNS" --make-shared "$M" "$NST_TMP/other"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = shared ]
	[ "$(propagation_at "$NST_TMP/other")" = shared ]
}

@test "several --make-* apply in order, as mount(8) allows" {
	setup_mounts
	run mountprop -N "$MNTNS" --make-private --make-unbindable "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = private,unbindable ]

	# a slave that is also shared: it passes on what it receives
	in_mount_ns mount --make-shared "$M"
	mkdir "$NST_TMP/peer"
	in_mount_ns mount --bind "$M" "$NST_TMP/peer"
	local group
	group=$(optional_fields "$NST_TMP/peer")
	run mountprop -N "$MNTNS" --make-slave --make-shared "$M"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(propagation_at "$M")" = shared,slave ]
	[[ "$(optional_fields "$M")" =~ ^shared:[0-9]+\ master:${group#shared:}$ ]]
	[ "$(optional_fields "$M")" != "$group master:${group#shared:}" ]
}

@test "each PATH is looked up once, every change made through its descriptor (strace as witness)" {
	setup_mounts
	command -v strace >/dev/null || skip "strace is needed"
	in_mount_ns mkdir "$M/dir"
	in_mount_ns strace -f -qq -o "$NST_TMP/trace" mountprop --make-private --make-unbindable "$M"
	[ "$(propagation_at "$M")" = private,unbindable ]
	# the one call that names the path is the open; the two changes are of its descriptor
	[ "$(grep -vF execve "$NST_TMP/trace" | grep -cF "\"$M\"")" -eq 1 ]
	grep -F "\"$M\"" "$NST_TMP/trace" | grep -q 'openat(.*O_PATH'
	[ "$(grep -c 'mount_setattr([0-9]*, "", .*AT_EMPTY_PATH' "$NST_TMP/trace")" -eq 2 ]
	in_mount_ns strace -f -qq -o "$NST_TMP/trace-T" mountprop -n -o TARGET -T "$M/dir" > /dev/null
	[ "$(grep -vF execve "$NST_TMP/trace-T" | grep -cF "$M/dir")" -eq 1 ]
}

@test "recursive and plain --make-* mixed: each reaches as far as it says" {
	setup_mounts
	tmpfs_at "$M/sub"
	tmpfs_at "$M/sub/deeper"
	# all shared below, the top one kept out
	run mountprop -N "$MNTNS" --make-rshared --make-private "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = private ]
	[ "$(propagation_at "$M/sub")" = shared ]
	[ "$(propagation_at "$M/sub/deeper")" = shared ]
	# -R makes every one recursive
	run mountprop -N "$MNTNS" -R --make-private --make-unbindable "$M"
	[ "$status" -eq 0 ]
	for path in "$M" "$M/sub" "$M/sub/deeper"; do
		[ "$(propagation_at "$path")" = private,unbindable ]
	done
}

@test "slave asked of a mount with no peer: a warning, and the kernel makes it private" {
	setup_mounts
	run --separate-stderr mountprop -N "$MNTNS" --make-slave "$M"
	[ "$status" -eq 0 ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "mountprop: $M: now private, not a slave"* ]]
	[ "$(propagation_at "$M")" = private ]

	# shared, but alone in its group: private as well
	in_mount_ns mount --make-shared "$M"
	run --separate-stderr mountprop -N "$MNTNS" --make-slave "$M"
	[ "$status" -eq 0 ]
	[[ "$stderr" == *"not a slave"* ]]
	[ "$(propagation_at "$M")" = private ]

	# recursive: one line, counting
	tmpfs_at "$M/sub"
	run --separate-stderr mountprop -N "$MNTNS" --make-rslave "$M"
	[ "$status" -eq 0 ]
	[ "$stderr" = "mountprop: $M: 2 of its 2 mounts are now private, not slaves: a slave needs a peer group with another member to receive from" ]
}

# --- showing ------------------------------------------------------------

# A namespace with a mount in each state, and a slave that is shared too.
setup_every_state() {
	setup_mounts
	mkdir "$NST_TMP/peer" "$NST_TMP/slave" "$NST_TMP/both"
	in_mount_ns sh -c "mount --make-shared '$M' && mount --bind '$M' '$NST_TMP/peer' &&
		mount --bind '$M' '$NST_TMP/slave' && mount --make-slave '$NST_TMP/slave' &&
		mount --bind '$M' '$NST_TMP/both' && mount --make-slave '$NST_TMP/both' &&
		mount --make-shared '$NST_TMP/both'"
	tmpfs_at "$NST_TMP/unbindable"
	in_mount_ns mount --make-unbindable "$NST_TMP/unbindable"
	tmpfs_at "$M/sub"
}

@test "show: PROPAGATION agrees with findmnt's for every mount" {
	setup_every_state
	run mountprop -N "$MNTNS" -l -rn -o ID,PROPAGATION,TARGET
	[ "$status" -eq 0 ]
	[ "$(sort <<< "$output")" = "$(in_mount_ns findmnt -rn -o ID,PROPAGATION,TARGET | sort)" ]
	[[ "$output" == *" private,slave $NST_TMP/slave"* ]]
	[[ "$output" == *" shared,slave $NST_TMP/both"* ]]
	[[ "$output" == *" private,unbindable $NST_TMP/unbindable"* ]]
}

@test "show: ID, PARENT, PEER, MASTER and PROPAGATE_FROM agree with mountinfo" {
	setup_every_state
	run mountprop -N "$MNTNS" -rn -o ID,PARENT,PEER,MASTER,PROPAGATE_FROM
	[ "$status" -eq 0 ]
	local expected
	expected=$(awk '{ peer = master = from = ""
		for (i = 7; $i != "-"; i++) {
			split($i, f, ":")
			if (f[1] == "shared") peer = f[2]
			if (f[1] == "master") master = f[2]
			if (f[1] == "propagate_from") from = f[2]
		}
		print $1, $2, peer, master, from }' "/proc/$MNTNS/mountinfo")
	[ "$(sort <<< "$output")" = "$(sort <<< "$expected")" ]
}

@test "show: hundreds of mounts, shared out among threads, read as mountinfo lists them, in its order" {
	setup_mounts
	in_mount_ns sh -c 'for i in $(seq 600); do mkdir "$1/$i" && mount -t tmpfs "nst-$i" "$1/$i" || exit 1; done' sh "$M"
	local expected
	expected=$(awk '{ print $1, $2, $5 }' "/proc/$MNTNS/mountinfo")
	run mountprop -N "$MNTNS" -l -rn -o ID,PARENT,TARGET
	[ "$status" -eq 0 ]
	[ "$output" = "$expected" ]
	command -v strace >/dev/null || skip "no strace"
	# strace as witness of who read what: the tasks that made statmount calls
	# (strace 6.1 knows it by number only, 457 = 0x1c9)
	readers() { awk '/statmount\(|syscall_0x1c9\(/ { print $1 }' "$NST_TMP/trace" | sort -u | wc -l; }
	local threads=false
	if [ "$(nproc)" -gt 1 ] && [ "$(printf '%s\n' "$(uname -r)" 6.8 | sort -V | head -n 1)" = 6.8 ]; then
		threads=true
	fi
	run strace -f -o "$NST_TMP/trace" mountprop -N "$MNTNS" -l -rn -o ID,PARENT,TARGET
	[ "$status" -eq 0 ]
	[ "$output" = "$expected" ]
	if $threads; then [ "$(readers)" -ge 2 ]; fi
	# with no thread to be had, the one there is reads them all
	run strace -f -o "$NST_TMP/trace" -e inject=clone3:error=EAGAIN \
		mountprop -N "$MNTNS" -l -rn -o ID,PARENT,TARGET
	[ "$status" -eq 0 ]
	[ "$output" = "$expected" ]
	if $threads; then
		grep -q 'clone3(.*INJECTED' "$NST_TMP/trace"
		[ "$(readers)" -eq 1 ]
	fi
	# nor the number of CPUs we may use: one reader then
	run strace -f -o "$NST_TMP/trace" -e inject=sched_getaffinity:error=EPERM \
		mountprop -N "$MNTNS" -l -rn -o ID,PARENT,TARGET
	[ "$status" -eq 0 ]
	[ "$output" = "$expected" ]
	if $threads; then [ "$(readers)" -eq 1 ]; fi
}

@test "show: FSTYPE and SOURCE as findmnt writes them, a bind mount's directory too" {
	setup_mounts
	mkdir "$NST_TMP/bound"
	in_mount_ns mkdir "$M/dir"
	in_mount_ns mount --bind "$M/dir" "$NST_TMP/bound"
	run mountprop -N "$MNTNS" -l -rn -o ID,FSTYPE,SOURCE
	[ "$status" -eq 0 ]
	[ "$(sort <<< "$output")" = "$(in_mount_ns findmnt -rn -o ID,FSTYPE,SOURCE | sort)" ]
	[[ "$output" == *" tmpfs nst-m[/dir]"* ]]
}

@test "show: a tree by mount parent by default, -l a list, -r raw, -n no headings" {
	setup_mounts
	tmpfs_at "$M/sub"
	run mountprop -N "$MNTNS" -o TARGET,PROPAGATION "$M" -R
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "TARGET"*"PROPAGATION" ]]
	[[ "${lines[1]}" == "$M "*private ]]
	[[ "${lines[2]}" == *"─$M/sub "*private ]]

	run mountprop -N "$MNTNS" -l -o TARGET "$M" -R
	[ "${lines[2]}" = "$M/sub" ]
	run mountprop -N "$MNTNS" -rn -o TARGET,PROPAGATION,PEER "$M" -R
	[ "${lines[0]}" = "$M private " ]
	[ "${lines[1]}" = "$M/sub private " ]
}

@test "show PATH: that mount only; with -R the mounts below it as well" {
	setup_mounts
	tmpfs_at "$M/sub"
	run mountprop -N "$MNTNS" -rn -o ID,TARGET "$M"
	[ "$status" -eq 0 ]
	[ "$output" = "$(mount_id "$M") $M" ]
	run mountprop -N "$MNTNS" -rn -o ID,TARGET -R "$M"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[1]}" = "$(mount_id "$M/sub") $M/sub" ]
}

@test "-J: JSON, children nested under their parent, numbers as numbers" {
	setup_mounts
	tmpfs_at "$M/sub"
	in_mount_ns mount --make-shared "$M"
	run mountprop -N "$MNTNS" -J -o TARGET,ID,PEER,MASTER "$M" -R
	[ "$status" -eq 0 ]
	local peer
	peer=$(optional_fields "$M")
	run perl -MJSON::PP -e 'my $j = decode_json(join "", <STDIN>); my $m = $j->{filesystems}[0];
		print join(" ", $m->{target}, $m->{id}, $m->{peer}, defined $m->{master} ? "x" : "null",
			   $m->{children}[0]{target}), "\n"' <<< "$output"
	[ "$status" -eq 0 ]
	[ "$output" = "$M $(mount_id "$M") ${peer#shared:} null $M/sub" ]
}

@test "-o picks columns, +LIST adds to the default, --output-all shows all" {
	setup_mounts
	run mountprop -N "$MNTNS" -o PROPAGATION,TARGET "$M"
	[[ "${lines[0]}" == "PROPAGATION"*"TARGET" ]]
	run mountprop -N "$MNTNS" -o +ID "$M"
	[[ "${lines[0]}" == "TARGET"*"PROPAGATION"*"ID" ]]
	run mountprop -N "$MNTNS" --output-all "$M"
	[ "$status" -eq 0 ]
	for column in TARGET ID PARENT PROPAGATION PEER MASTER PROPAGATE_FROM FSTYPE SOURCE NS PID; do
		[[ "${lines[0]}" == *"$column"* ]]
	done
	run mountprop -o TARGET,NOSUCH
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "mountprop: unknown column: NOSUCH" ]
}

# --- propagation between namespaces, as the kernel does it ----------------

@test "shared propagates both ways between two mount namespaces" {
	setup_mounts
	mountprop -N "$MNTNS" --make-shared "$M"
	second_mount_ns --propagation unchanged
	[ "$(optional_fields "$M" "$MNTNS2")" = "$(optional_fields "$M")" ]
	in_mount_ns mkdir "$M/from1" "$M/from2"
	in_mount_ns mount -t tmpfs one "$M/from1"
	nsenter -t "$MNTNS2" -m mount -t tmpfs two "$M/from2"
	mounted_in "$MNTNS2" "$M/from1"
	mounted_in "$MNTNS" "$M/from2"
}

@test "slave propagates one way only" {
	setup_mounts
	mountprop -N "$MNTNS" --make-shared "$M"
	second_mount_ns --propagation unchanged
	run mountprop -N "$MNTNS2" --make-slave "$M"
	[ "$status" -eq 0 ]
	[ -z "$output" ]
	[ "$(propagation_at "$M" "$MNTNS2")" = private,slave ]
	in_mount_ns mkdir "$M/from1" "$M/from2"
	in_mount_ns mount -t tmpfs one "$M/from1"
	nsenter -t "$MNTNS2" -m mount -t tmpfs two "$M/from2"
	mounted_in "$MNTNS2" "$M/from1"
	run ! mounted_in "$MNTNS" "$M/from2"
}

@test "private propagates neither way" {
	setup_mounts
	mountprop -N "$MNTNS" --make-shared "$M"
	second_mount_ns --propagation unchanged
	mountprop -N "$MNTNS2" --make-private "$M"
	in_mount_ns mkdir "$M/from1" "$M/from2"
	in_mount_ns mount -t tmpfs one "$M/from1"
	nsenter -t "$MNTNS2" -m mount -t tmpfs two "$M/from2"
	run ! mounted_in "$MNTNS2" "$M/from1"
	run ! mounted_in "$MNTNS" "$M/from2"
}

@test "unbindable refuses mount --bind" {
	setup_mounts
	mkdir "$NST_TMP/copy"
	mountprop -N "$MNTNS" --make-unbindable "$M"
	run in_mount_ns mount --bind "$M" "$NST_TMP/copy"
	[ "$status" -ne 0 ]
	run ! mounted_in "$MNTNS" "$NST_TMP/copy"
	mountprop -N "$MNTNS" --make-private "$M"
	in_mount_ns mount --bind "$M" "$NST_TMP/copy"
	mounted_in "$MNTNS" "$NST_TMP/copy"
}

@test "--make-rslave / in a new namespace: mounts arrive from outside, none leak out" {
	setup_mounts
	mountprop -N "$MNTNS" --make-shared "$M"
	second_mount_ns --propagation unchanged
	run --separate-stderr mountprop -N "$MNTNS2" --make-rslave /
	[ "$status" -eq 0 ]
	# the namespace's other mounts were private: they stay so, and are counted
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "$stderr" == "mountprop: /: "*" mounts are now private, not slaves"* ]]
	[ "$(propagation_at "$M" "$MNTNS2")" = private,slave ]
	in_mount_ns mkdir "$M/in" "$M/out"
	in_mount_ns mount -t tmpfs in "$M/in"
	nsenter -t "$MNTNS2" -m mount -t tmpfs out "$M/out"
	mounted_in "$MNTNS2" "$M/in"
	run ! mounted_in "$MNTNS" "$M/out"
}

# --- --peers, -N, -a, --dot -----------------------------------------------

@test "--peers -a lists the receiving mounts in the other namespaces, with their PIDs" {
	setup_mounts
	mountprop -N "$MNTNS" --make-shared "$M"
	second_mount_ns --propagation unchanged
	local peer=$MNTNS2
	second_mount_ns --propagation slave
	local slave=$MNTNS2
	run mountprop -N "$MNTNS" --peers -a -rn -o ID,PID,PROPAGATION "$M"
	echo "$output"
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	[ "${lines[0]}" = "$(mount_id "$M") $MNTNS shared" ]
	[[ "$output" == *"$(mount_id "$M" "$peer") $peer shared"* ]]
	[[ "$output" == *"$(mount_id "$M" "$slave") $slave private,slave"* ]]
	# and the kernel agrees: a mount made under PATH shows up in both
	in_mount_ns mkdir "$M/new"
	in_mount_ns mount -t tmpfs new "$M/new"
	mounted_in "$peer" "$M/new"
	mounted_in "$slave" "$M/new"
}

@test "--peers without -a stays in our mount namespace" {
	setup_mounts
	mountprop -N "$MNTNS" --make-shared "$M"
	second_mount_ns --propagation unchanged
	mkdir "$NST_TMP/peer"
	in_mount_ns mount --bind "$M" "$NST_TMP/peer"
	run mountprop -N "$MNTNS" --peers -rn -o TARGET,PROPAGATION "$M"
	[ "$status" -eq 0 ]
	[ "$output" = "$M shared
$NST_TMP/peer shared" ]
}

@test "--peers follows a slave that is shared on to its own slaves" {
	setup_mounts
	mkdir "$NST_TMP/relay"
	# M (group G) -> relay, a slave of G and shared in a group of its own (H)
	in_mount_ns sh -c "mount --make-shared '$M' && mount --bind '$M' '$NST_TMP/relay' &&
		mount --make-slave '$NST_TMP/relay' && mount --make-shared '$NST_TMP/relay'"
	[ "$(propagation_at "$NST_TMP/relay")" = shared,slave ]
	# a namespace whose copy of relay is a slave of H only
	second_mount_ns --propagation slave
	[[ "$(optional_fields "$NST_TMP/relay" "$MNTNS2")" == master:* ]]
	[ "$(optional_fields "$NST_TMP/relay" "$MNTNS2")" != "master:$(optional_fields "$M" | cut -d: -f2)" ]
	run mountprop -N "$MNTNS" --peers -a -rn -o ID,PID "$M"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *"$(mount_id "$NST_TMP/relay" "$MNTNS2") $MNTNS2"* ]]
	# the kernel agrees
	in_mount_ns mkdir "$M/new"
	in_mount_ns mount -t tmpfs new "$M/new"
	mounted_in "$MNTNS2" "$NST_TMP/relay/new"
}

@test "-N shows the other namespace's table, equal to its /proc/PID/mountinfo" {
	setup_mounts
	tmpfs_at "$M/sub"
	run mountprop -N "$MNTNS" -rn -o ID,PARENT,TARGET
	[ "$status" -eq 0 ]
	[ "$(sort <<< "$output")" = "$(awk '{ print $1, $2, $5 }' "/proc/$MNTNS/mountinfo" | sort)" ]
	[ "$output" != "$(mountprop -rn -o ID,PARENT,TARGET)" ]
	run mountprop -N "/proc/$MNTNS/ns/mnt" -rn -o ID,PARENT,TARGET
	[ "$(sort <<< "$output")" = "$(awk '{ print $1, $2, $5 }' "/proc/$MNTNS/mountinfo" | sort)" ]
}

@test "-a: every mount namespace a process is in, each read once" {
	setup_mounts
	second_mount_ns --propagation unchanged
	run mountprop -a -l -rn -o NS,PID,ID,TARGET
	[ "$status" -eq 0 ]
	[[ "$output" == *"$(stat -L -c %i "/proc/$MNTNS/ns/mnt") $MNTNS $(mount_id "$M") $M"* ]]
	[[ "$output" == *"$(stat -L -c %i "/proc/$MNTNS2/ns/mnt") $MNTNS2 $(mount_id "$M" "$MNTNS2") $M"* ]]
	# one PID per namespace
	[ "$(cut -d' ' -f1,2 <<< "$output" | sort -u | cut -d' ' -f1 | uniq -d)" = "" ]
}

@test "-a as an ordinary user passes over what it may not read, quietly" {
	require_root
	local mountprop
	mountprop=$(unprivileged_copy mountprop)
	run --separate-stderr as_nobody "$mountprop" -a -rn -o NS,PID
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
	[ -n "$output" ]
}

@test "--dot: a graph dot accepts, namespaces as clusters, master to slave edges" {
	command -v dot >/dev/null || skip "no graphviz (dot)"
	setup_mounts
	mountprop -N "$MNTNS" --make-shared "$M"
	second_mount_ns --propagation slave
	run mountprop -N "$MNTNS" --dot -a --peers "$M"
	[ "$status" -eq 0 ]
	[[ "$output" == "digraph propagation {"* ]]
	[[ "$output" == *"cluster_mnt_$(stat -L -c %i "/proc/$MNTNS2/ns/mnt")"* ]]
	[[ "$output" == *"\"m$(mount_id "$M" "$MNTNS2")\" [style=dashed"* ]]
	dot -Tsvg -o "$NST_TMP/graph.svg" <<< "$output"
	grep -q '<svg' "$NST_TMP/graph.svg"
	mountprop -N "$MNTNS" --dot | dot -Tsvg > /dev/null
}

@test "statmount and listmount read the table where the kernel has them (strace as witness)" {
	command -v strace >/dev/null || skip "no strace"
	[ "$(printf '%s\n' "$(uname -r)" 6.8 | sort -V | head -n 1)" = 6.8 ] || skip "Linux before 6.8"
	setup_mounts
	run strace -f -o "$NST_TMP/trace" mountprop -N "$MNTNS" -o TARGET,PROPAGATION
	[ "$status" -eq 0 ]
	# strace 6.1 knows them by number only: listmount is 458 (0x1ca), statmount 457 (0x1c9)
	grep -Eq 'listmount\(|syscall_0x1ca\(' "$NST_TMP/trace"
	grep -Eq 'statmount\(|syscall_0x1c9\(' "$NST_TMP/trace"
	run ! grep -q mountinfo "$NST_TMP/trace"
}

# --- bad input: one line, status 1, nothing changed -----------------------

@test "missing PATH: a usage error, status 1" {
	run mountprop --make-shared
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "mountprop: --make-shared needs a PATH" ]
	[ "${lines[1]}" = "Try 'mountprop --help' for more information." ]
	run mountprop -R --make-unbindable
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "mountprop: --make-unbindable needs a PATH" ]
	run mountprop --peers
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "mountprop: --peers takes one PATH" ]
}

@test "a PATH that is not a mount point: says so, suggests mountprop -T, changes nothing" {
	setup_mounts
	tmpfs_at "$NST_TMP/other"
	in_mount_ns mkdir "$M/dir"
	run mountprop -N "$MNTNS" --make-shared "$NST_TMP/other" "$M/dir"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[ "$output" = "mountprop: $M/dir: not a mount point (mountprop -T $M/dir shows the mount it is on)" ]
	[ "$(propagation_at "$NST_TMP/other")" = private ]
	[ "$(propagation_at "$M")" = private ]
	run mountprop -N "$MNTNS" "$M/dir"
	[ "$status" -eq 1 ]
	[[ "$output" == *"mountprop -T $M/dir"* ]]
	run mountprop -N "$MNTNS" --make-private "$NST_TMP/missing"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[ "$output" = "mountprop: $NST_TMP/missing: No such file or directory" ]
}

@test "a --make-* that undoes an earlier one: one line naming both, status 1, nothing set" {
	setup_mounts
	tmpfs_at "$NST_TMP/other"
	in_mount_ns mount --make-shared "$NST_TMP/other"
	local pair first second
	for pair in "--make-private --make-shared" "--make-shared --make-private" \
		"--make-shared --make-slave" "--make-slave --make-private" "--make-slave --make-runbindable" \
		"--make-unbindable --make-shared" "--make-unbindable --make-rprivate" \
		"--make-shared --make-runbindable" "--make-private --make-rshared"; do
		read -r first second <<< "$pair"
		# each pair alone would change one of the two mounts: neither is
		# shellcheck disable=SC2086 # two options
		run mountprop -N "$MNTNS" $pair "$NST_TMP/other" "$M"
		echo "$pair: $output"
		[ "$status" -eq 1 ]
		[ "${lines[0]}" = "mountprop: $second undoes the $first before it" ]
		[ "${lines[1]}" = "Try 'mountprop --help' for more information." ]
		[ "$(propagation_at "$M")" = private ]
		[ "$(propagation_at "$NST_TMP/other")" = shared ]
	done
	# the same state twice is no contradiction
	run mountprop -N "$MNTNS" --make-shared --make-shared "$M"
	[ "$status" -eq 0 ]
	[ "$(propagation_at "$M")" = shared ]
}

@test "options that exclude each other" {
	for args in "--make-shared --json /" "--make-private --peers /" "--make-shared -u /" "--dot -o TARGET" "-J -r" "--peers -R /"; do
		# shellcheck disable=SC2086 # several words
		run mountprop $args
		echo "$args: $output"
		[ "$status" -eq 1 ]
		[[ "${lines[0]}" == *"exclude each other" ]]
	done
	run mountprop -a /
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == *"--peers"* ]]
}

@test "-N with a namespace that is not a mount namespace" {
	require_root
	start_holder -n
	run mountprop -N "/proc/$HOLDER/ns/net"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[ "$output" = "mountprop: /proc/$HOLDER/ns/net is a net namespace, not mnt" ]
	echo data > "$NST_TMP/regular"
	run mountprop -N "$NST_TMP/regular" --make-shared /
	[ "$status" -eq 1 ]
	[ "$output" = "mountprop: $NST_TMP/regular: not a namespace file" ]
}

@test "an unprivileged caller: one line, status 1, nothing changed" {
	setup_mounts
	local mountprop
	mountprop=$(unprivileged_copy mountprop)
	run in_mount_ns setpriv --reuid=65534 --regid=65534 --clear-groups "$mountprop" --make-shared "$M"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[[ "$output" == "mountprop: $M: cannot make it shared: Operation not permitted"* ]]
	[ "$(propagation_at "$M")" = private ]

	run as_nobody "$mountprop" -N "$MNTNS" --make-shared "$M"
	[ "$status" -eq 1 ]
	assert_one_line_error
	[[ "$output" == "mountprop: "*"$MNTNS"* ]]
	[ "$(propagation_at "$M")" = private ]
}

@test "--help lists the options and columns; --version" {
	run mountprop --help
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "Usage:" ]]
	for word in --make-shared --make-slave --make-private --make-unbindable --peers --dot \
		--all-namespaces --ns=SPEC --target=PATH --notruncate PROPAGATE_FROM MASTER PEER; do
		[[ "$output" == *"$word"* ]]
	done
	run mountprop -V
	[ "$status" -eq 0 ]
	[[ "$output" == "mountprop (nstools) "* ]]
	run sh -c 'mountprop > /dev/full'
	[ "$status" -eq 1 ]
}
