#!/usr/bin/env bats
# The bash completions in completions/: each completes what its tool takes,
# and offers exactly the options, types and columns its --help lists, so the
# two never drift apart.

load helpers

TOOLS="nsclone nsjoin nspin nsls mountprop"

# complete TOOL WORD...: what bash completion offers for the command line
# "TOOL WORD...", the cursor at the end of the last WORD ("" for after a
# blank), one completion a line, sorted, in $output. Words are as bash splits
# them: "--net=X" is three, --net, = and X. It runs in a bash of its own, with
# bash-completion loaded first where it is installed (as an interactive shell
# has it) and all five files, so a command after nsjoin finds its completion.
# $COMPLETE_IN, if set, is a command to run that bash under (nsenter ...);
# with $BARE set, bash-completion is not loaded.
complete_words() {
	local src=${NSTOOLS_SRCDIR:-.}

	# shellcheck disable=SC2016 # the script is for that bash
	run ${COMPLETE_IN:-} bash --norc --noprofile -c '
		src=$1
		shift
		if [ -z "${BARE:-}" ] && [ -f /usr/share/bash-completion/bash_completion ]; then
			. /usr/share/bash-completion/bash_completion
		fi
		for file in nsclone nsjoin nspin nsls mountprop; do
			. "$src/completions/$file"
		done
		# outside a real completion compopt only complains
		compopt() { :; }
		COMP_WORDS=( "$@" )
		COMP_CWORD=$(( $# - 1 ))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		func=$(complete -p "$1" | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
		"$func" "$1" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}" | sed "/^$/d" | sort -u
	' complete "$src" "$@"
	[ "$status" -eq 0 ] || { echo "$output" >&2; return 1; }
}

# offered WORD: the last completion offered WORD.
offered() {
	grep -qxF -- "$1" <<< "$output" || { printf 'not offered: %s; offered:\n%s\n' "$1" "$output" >&2; return 1; }
}

not_offered() {
	! grep -qxF -- "$1" <<< "$output" || { printf 'offered, but should not be: %s\n' "$1" >&2; return 1; }
}

# exactly WORD...: the last completion offered these WORDs and nothing else.
exactly() {
	local want
	want=$(printf '%s\n' "$@" | sort -u)
	[ "$output" = "$want" ] || { printf 'offered:\n%s\nexpected:\n%s\n' "$output" "$want" >&2; return 1; }
}

# help_options TOOL: every option TOOL --help lists, short and long, one a line.
help_options() {
	LC_ALL=C "$1" --help | grep -E '^ +-' | grep -oE -- '(^ +-[a-zA-Z]\b|--[a-z][a-z-]*[a-z])' |
		sed 's/^ *//' | sort -u
}

# help_columns TOOL: the columns of TOOL --help's "Available output columns".
help_columns() {
	LC_ALL=C "$1" --help | sed -n '/^Available output columns:/,/^$/p' | awk 'NR > 1 && NF { print $1 }' | sort
}

@test "every option of every --help is offered, and no other" {
	local tool
	for tool in $TOOLS; do
		complete_words "$tool" -
		[ "$output" = "$(help_options "$tool")" ] || {
			echo "$tool: the completion and --help disagree:"
			diff <(echo "$output") <(help_options "$tool")
			return 1
		}
		# a long option once -- is typed, and only long ones
		complete_words "$tool" --
		[ "$output" = "$(help_options "$tool" | grep -- '^--')" ]
	done
}

@test "options complete from a prefix" {
	complete_words nsjoin --ne
	exactly --net --net-socket --netns-exec
	complete_words mountprop --make-r
	exactly --make-rshared --make-rslave --make-rprivate --make-runbindable
	complete_words nsclone --map-
	exactly --map-root-user --map-user --map-group --map-users --map-groups
}

@test "nsls -t offers the namespace types of nsls --help, with either spelling" {
	local types
	types=$(LC_ALL=C nsls --help | grep -A1 -- '--type=TYPE' | tail -n 1 | tr -s ' ' '\n' | sed '/^$/d' | sort)
	[ "$(wc -l <<< "$types")" -eq 8 ]
	complete_words nsls -t ""
	[ "$output" = "$types" ]
	complete_words nsls --type = n
	exactly net
	complete_words nsls --type=u
	exactly --type=user --type=uts
}

@test "nsls -o and mountprop -o offer the columns of their --help, once each" {
	local tool
	for tool in nsls mountprop; do
		complete_words "$tool" -o ""
		[ "$output" = "$(help_columns "$tool")" ] || {
			diff <(echo "$output") <(help_columns "$tool")
			return 1
		}
	done
	complete_words nsls -o NS,TY
	exactly NS,TYPE
	# a column already in the list is not offered again; -o +LIST keeps its +
	complete_words nsls --output +NS,N
	exactly +NS,NETNSID +NS,NPROCS +NS,NSFS
	complete_words mountprop --output = PROP
	exactly PROPAGATION PROPAGATE_FROM
}

@test "a PID argument offers the PIDs of /proc" {
	start_holder -n
	complete_words nsls -p ""
	offered 1
	offered "$HOLDER"
	local prefix=${HOLDER:0:${#HOLDER}-1}
	complete_words nsls --task "$prefix"
	offered "$HOLDER"
	[[ 1 == "$prefix"* ]] || not_offered 1
	# and a SPEC or a TARGET may be a PID too
	complete_words nsjoin -n "$HOLDER"
	offered "$HOLDER"
	complete_words nsjoin --target "$HOLDER"
	offered "$HOLDER"
}

@test "a SPEC offers the /proc/PID/ns files of its type; -F any type" {
	start_holder -n
	complete_words nsjoin -n "/proc/$HOLDER/"
	exactly "/proc/$HOLDER/ns/net"
	complete_words nsjoin --user = "/proc/$HOLDER/ns/"
	exactly "/proc/$HOLDER/ns/user"
	complete_words nsjoin --net="/proc/$HOLDER/n"
	exactly "--net=/proc/$HOLDER/ns/net"
	complete_words mountprop -N "/proc/$HOLDER/ns/m"
	exactly "/proc/$HOLDER/ns/mnt"
	complete_words nsjoin -F "/proc/$HOLDER/ns/"
	exactly "$(cd "/proc/$HOLDER/ns" && printf "/proc/$HOLDER/ns/%s\n" *)"
	# nspin's SPEC: the type option given first narrows it
	complete_words nspin -u "/proc/$HOLDER/ns/"
	exactly "/proc/$HOLDER/ns/uts"
	complete_words nspin "/proc/$HOLDER/ns/p"
	exactly "/proc/$HOLDER/ns/pid" "/proc/$HOLDER/ns/pid_for_children"
}

@test "pins under \$NSTOOLS_PIN_ROOT: names for nspin, paths for a SPEC or a TARGET" {
	require_root
	export NSTOOLS_PIN_ROOT=$NST_TMP/pins
	start_holder -u -n
	nspin -u "$HOLDER" web
	# by path: a net pin made by NAME would be /run/netns/box too
	nspin -t "$HOLDER" "$NSTOOLS_PIN_ROOT/box"
	[ -d "$NSTOOLS_PIN_ROOT/box" ]

	# where a pin is made or released, a PATH without a slash is a NAME
	complete_words nspin --release ""
	exactly box web
	complete_words nspin -r w
	exactly web
	complete_words nspin "/proc/$HOLDER/ns/uts" ""
	exactly box web
	complete_words nspin -t "$HOLDER" b
	exactly box
	complete_words nsclone -n --pin = w
	exactly web
	# a SPEC: the pin, and the pin of that type in a pin directory
	complete_words nsjoin -u "$NSTOOLS_PIN_ROOT/"
	offered "$NSTOOLS_PIN_ROOT/web"
	offered "$NSTOOLS_PIN_ROOT/box/uts"
	not_offered "$NSTOOLS_PIN_ROOT/box/net"
	complete_words nsjoin -u ""
	offered "$NSTOOLS_PIN_ROOT/web"
	offered "$NSTOOLS_PIN_ROOT/box/uts"
	offered "$HOLDER"
	# a TARGET: the pin directory
	complete_words nsjoin -t ""
	offered "$NSTOOLS_PIN_ROOT/box"
	not_offered "$NSTOOLS_PIN_ROOT/web"
	# a NAME wherever a SPEC or a TARGET is taken, of the type asked
	complete_words nsjoin -u w
	offered web
	complete_words nsjoin -t b
	offered box
	complete_words mountprop -N w
	offered web
	nspin --release web box
}

@test "NAMEs complete from the pin root and from /run/netns, there for the network type only" {
	require_root
	export NSTOOLS_PIN_ROOT=$NST_TMP/pins
	mkdir -p "$NSTOOLS_PIN_ROOT/web"
	# a /run of its own, where ip netns add would have made nst-blue
	cat > "$NST_TMP/own-run" <<-'EOF'
	#!/bin/sh
	exec unshare -m --propagation private sh -c 'mount -t tmpfs nst-run /run && mkdir /run/netns &&
		: > /run/netns/nst-blue && exec "$@"' sh "$@"
	EOF
	chmod +x "$NST_TMP/own-run"
	COMPLETE_IN=$NST_TMP/own-run complete_words nsjoin -n ""
	offered nst-blue
	offered web
	COMPLETE_IN=$NST_TMP/own-run complete_words nsjoin -u ""
	not_offered nst-blue
	offered web
	COMPLETE_IN=$NST_TMP/own-run complete_words nspin --release n
	exactly nst-blue
	COMPLETE_IN=$NST_TMP/own-run complete_words nsls n
	offered nst-blue
	# nsclone --net=FILE: a NAME, as for --pin
	COMPLETE_IN=$NST_TMP/own-run complete_words nsclone --net = n
	exactly nst-blue
	complete_words nsclone --uts = w
	exactly web
}

@test "mountprop offers the mount points of its mount namespace, blanks and all" {
	require_root
	start_mount_ns
	tmpfs_at "$NST_TMP/a b"
	tmpfs_at "$NST_TMP/ab"
	COMPLETE_IN="nsenter -t $MNTNS -m"
	complete_words mountprop --make-private "$NST_TMP/a"
	exactly "$NST_TMP/a b" "$NST_TMP/ab"
	complete_words mountprop -R "$NST_TMP/a "
	exactly "$NST_TMP/a b"
	complete_words mountprop /pro
	offered /proc
	# outside that namespace there is no such mount
	COMPLETE_IN=
	complete_words mountprop --peers "$NST_TMP/"
	exactly
}

@test "mountprop -T offers any path, not only mount points, as findmnt -T takes" {
	mkdir -p "$NST_TMP/plain dir/deeper"
	complete_words mountprop -T "$NST_TMP/pla"
	exactly "$NST_TMP/plain dir"
	complete_words mountprop --target "$NST_TMP/plain dir/"
	exactly "$NST_TMP/plain dir/deeper"
}

@test "nsls NS offers the inode numbers of namespaces; a path, namespace files" {
	complete_words nsls ""
	offered "$(stat -L -c %i /proc/$$/ns/net)"
	offered "$(stat -L -c %i /proc/$$/ns/user)"
	complete_words nsls "/proc/$$/ns/ne"
	exactly "/proc/$$/ns/net"
}

@test "nsjoin -N offers the sockets of the process -t names" {
	spawn python3 -c 'import socket, time; s = socket.socket(); time.sleep(100)'
	local fd sockets=()
	# python3 runs at once; its socket comes a moment later
	for _ in $(seq 100); do
		for fd in /proc/"$SPAWNED"/fd/*; do
			[[ $(readlink "$fd" 2>/dev/null) == socket:* ]] && sockets+=("${fd##*/}")
		done
		[ "${#sockets[@]}" -ge 1 ] && break
		sleep 0.05
	done
	[ "${#sockets[@]}" -ge 1 ]
	complete_words nsjoin -t "$SPAWNED" -N ""
	exactly "${sockets[@]}"
}

@test "option arguments: fixed words, and nothing for numbers and names" {
	complete_words nsclone -U --setgroups ""
	exactly allow deny
	complete_words nsclone -m --propagation = s
	exactly shared slave
	complete_words nsls --tree = p
	exactly parent process
	complete_words nsclone --kill-child = TE
	exactly TERM
	complete_words nsclone -u --hostname ""
	exactly
	complete_words nsjoin -S ""
	exactly
}

@test "after nsjoin's and nsclone's options comes a command, completed as itself" {
	[ -f /usr/share/bash-completion/bash_completion ] || skip "bash-completion is not installed"
	complete_words nsjoin -t 1 nsl
	offered nsls
	complete_words nsclone -n nsl
	offered nsls
	# the command's own completion, not nsjoin's options
	complete_words nsjoin -n /proc/1/ns/net nsls --ty
	exactly --type
	complete_words nsjoin -t 1 --wd = / nsls -t n
	exactly net
	complete_words nsclone -n -u --hostname box -- nsls -o NP
	exactly NPROCS
	complete_words nsjoin -t 1 mountprop --n
	exactly --noheadings --notruncate --ns
}

@test "without bash-completion the files work alone, as util-linux's do" {
	export BARE=1
	complete_words nsjoin --ne
	exactly --net --net-socket --netns-exec
	complete_words nsls -t c
	exactly cgroup
	# the command: its name from PATH, then files
	complete_words nsjoin -t 1 nsl
	offered nsls
	complete_words nsclone -n nsls /proc/self/ns/ne
	exactly /proc/self/ns/net
}

@test "the part the five files share is the same in each" {
	local src=${NSTOOLS_SRCDIR:-.} tool first
	first=$(sed -n '/^# --- shared by the five/,/^# --- end of the shared part/p' "$src/completions/nsjoin")
	[ "$(wc -l <<< "$first")" -gt 50 ]
	for tool in $TOOLS; do
		[ "$(sed -n '/^# --- shared by the five/,/^# --- end of the shared part/p' "$src/completions/$tool")" = "$first" ] ||
			{ echo "completions/$tool differs from completions/nsjoin in the shared part"; return 1; }
	done
}
