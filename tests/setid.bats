#!/usr/bin/env bats
# No tool runs set-user-ID or set-group-ID: with real and effective IDs that
# differ, each says so in one line and fails before it reads an option.

load helpers

TOOLS="nsclone nsjoin nspin nsls mountprop"

# An unprivileged ID of these tests' own, not nobody: nsls.bats counts the
# processes nobody has, and make -j check runs the two side by side.
ID=65532

as_id() {
	LC_ALL=C setpriv --reuid="$ID" --regid="$ID" --clear-groups "$@"
}

# failure_status TOOL: what TOOL exits with when it fails itself.
failure_status() {
	case $1 in
	nsclone | nsjoin) echo 125 ;;
	*) echo 1 ;;
	esac
}

# setid_copy TOOL OWNER MODE: a copy of TOOL that anyone can run, owned by
# OWNER (user:group) with MODE; its path in $COPY. Skips where set-ID bits
# would mean nothing: on a nosuid mount the kernel ignores them.
setid_copy() {
	require_root
	COPY=$(unprivileged_copy "$1")
	if findmnt -n -o OPTIONS -T "$COPY" | tr ',' '\n' | grep -qx nosuid; then
		skip "$(findmnt -n -o TARGET -T "$COPY") is mounted nosuid: set-ID bits are ignored there"
	fi
	chown "$2" "$COPY"
	chmod "$3" "$COPY"
}

# assert_refused TOOL: the run failed with TOOL's failure status and one line.
assert_refused() {
	echo "$output"
	[ "$status" -eq "$(failure_status "$1")" ]
	assert_one_line_error
	[ "$output" = "$1: refusing to run set-user-ID or set-group-ID" ]
}

@test "set-user-ID root, run by another user: every tool refuses, in one line, with its failure status" {
	local tool
	for tool in $TOOLS; do
		setid_copy "$tool" root:root 4755
		run as_id "$COPY" --version
		assert_refused "$tool"
	done
}

@test "set-group-ID root, run by another user: every tool refuses, in one line, with its failure status" {
	local tool
	# LeakSanitizer checks at exit by tracing the process, which the kernel
	# refuses for an undumpable set-group-ID one, and in secure mode it reads
	# no ASAN_OPTIONS that could turn it off (set-user-ID root can trace itself)
	[ -z "${NSTOOLS_SANITIZER_DIR:-}" ] || skip "a sanitizer build cannot run set-group-ID"
	for tool in $TOOLS; do
		setid_copy "$tool" root:root 2755
		run as_id "$COPY" --version
		assert_refused "$tool"
	done
}

@test "the refusal comes before the options are read: even --help is refused" {
	setid_copy nsls root:root 4755
	run as_id "$COPY" --help
	assert_refused nsls
}

@test "the refusal is translated" {
	local src=${NSTOOLS_SRCDIR:-.}
	grep -q '^msgid "refusing to run set-user-ID or set-group-ID"$' "$src/po/zh_CN.po"
	run grep -A1 '^msgid "refusing to run set-user-ID or set-group-ID"$' "$src/po/zh_CN.po"
	[[ "${lines[1]}" == 'msgstr "'?* ]]
}

@test "a set-ID copy run by its own owner and group, and a plain copy, still work" {
	local tool
	for tool in $TOOLS; do
		# the set-ID bits name the IDs we already have: nothing differs
		setid_copy "$tool" $ID:$ID 6755
		run as_id "$COPY" --version
		echo "$output"
		[ "$status" -eq 0 ]
		[[ "$output" == "$tool (nstools) "* ]]
		chmod 755 "$COPY"
		run as_id "$COPY" --version
		[ "$status" -eq 0 ]
	done
	# and a real run, not only --version
	setid_copy nsls $ID:$ID 755
	run as_id sh -c 'exec "$1" -rn -o TYPE -p $$' sh "$COPY"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *net* ]]
}
