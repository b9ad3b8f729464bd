# --- shared by the five nstools completion files, the same in each: make
# writes completions/shared.bash into each, as bash-completion loads only the
# file named after the command and nothing beside it. ---

# _nstools_init: cur and prev. bash splits --opt=ARG at the = (it is in
# COMP_WORDBREAKS): then prev is "--opt=", so an option whose argument is
# optional (it must be attached) is told from one whose next word is its own.
# Unsplit, the same, and eqprefix is put back in front of each completion.
_nstools_init()
{
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	eqprefix=
	if [[ $cur == = ]]; then
		prev=$prev=
		cur=
	elif [[ $prev == = ]] && (( COMP_CWORD >= 2 )); then
		prev=${COMP_WORDS[COMP_CWORD-2]}=
	elif [[ $cur == --*=* ]]; then
		prev=${cur%%=*}=
		eqprefix=$prev
		cur=${cur#*=}
	fi
}

# _nstools_done: put an unsplit --opt= back in front of each completion.
_nstools_done()
{
	if [[ -n $eqprefix ]] && (( ${#COMPREPLY[@]} )); then
		COMPREPLY=( "${COMPREPLY[@]/#/$eqprefix}" )
	fi
	return 0
}

# _nstools_add WORD...: offer the WORDs that start with $cur.
_nstools_add()
{
	local word
	for word; do
		[[ $word == "$cur"* ]] && COMPREPLY+=( "$word" )
	done
	return 0
}

# _nstools_files f|d: files (or directories only) named from $cur; bash quotes them.
_nstools_files()
{
	local IFS=$'\n'
	compopt -o filenames 2>/dev/null
	# shellcheck disable=SC2207 # one file a line: IFS is a newline
	COMPREPLY+=( $(compgen -"$1" -- "$cur") )
	return 0
}

# _nstools_wants_arg WORD SHORT LONG: whether option WORD takes the next word
# as its argument; SHORT: the letters that do, LONG: the long options that do
# (separated by blanks or newlines). A cluster (-en) ends with its last
# letter's option.
# The option, short form for a cluster, is left in _nstools_opt.
_nstools_wants_arg()
{
	local word=$1 short=$2 long=" ${3//[[:space:]]/ } " j letter

	_nstools_opt=
	case $word in
	-- | --*=*) return 1 ;;
	--*) [[ $long == *" $word "* ]] && _nstools_opt=$word ;;
	-?*)
		for (( j = 1; j < ${#word}; j++ )); do
			letter=${word:j:1}
			[[ $short == *"$letter"* ]] || continue
			(( j == ${#word} - 1 )) && _nstools_opt=-$letter
			break
		done
		;;
	esac
	[[ -n $_nstools_opt ]]
}

# _nstools_operands SHORT LONG: the words before the cursor that are neither
# options nor their arguments, into the array operands; their indexes into
# operand_at. After --, every word is one.
_nstools_operands()
{
	local i _nstools_opt

	operands=()
	operand_at=()
	for (( i = 1; i < COMP_CWORD; i++ )); do
		case ${COMP_WORDS[i]} in
		--)
			for (( i++; i < COMP_CWORD; i++ )); do
				operands+=( "${COMP_WORDS[i]}" )
				operand_at+=( "$i" )
			done
			;;
		-?*)
			if [[ ${COMP_WORDS[i+1]} == = ]]; then
				(( i += 2 ))
			elif _nstools_wants_arg "${COMP_WORDS[i]}" "$1" "$2"; then
				(( i++ ))
			fi
			;;
		*)
			operands+=( "${COMP_WORDS[i]}" )
			operand_at+=( "$i" )
			;;
		esac
	done
}

# The pin root, as the tools find it ($NSTOOLS_PIN_ROOT, else the configured
# one): nspin --help says which.
_nstools_pin_root()
{
	local root

	# shellcheck disable=SC2016 # the $ is nspin's own words
	root=$(LC_ALL=C command nspin --help 2>/dev/null |
		sed -n 's/^The pin root is \(.*\) (\$NSTOOLS_PIN_ROOT overrides it)\.$/\1/p')
	printf '%s\n' "${root:-${NSTOOLS_PIN_ROOT:-/run/nstools}}"
}

_nstools_pids()
{
	local pids=( /proc/[0-9]* )

	_nstools_add "${pids[@]#/proc/}"
}

# _nstools_names [TYPE]: the NAMEs every tool takes for a namespace of TYPE
# (any, without one): the entries of the pin root, and for the network type
# iproute2's /run/netns.
_nstools_names()
{
	local root entry

	root=$(_nstools_pin_root)
	for entry in "$root"/*; do
		[[ -e $entry ]] && _nstools_add "${entry##*/}"
	done
	if [[ -z ${1:-} || $1 == net ]]; then
		for entry in /run/netns/*; do
			[[ -e $entry ]] && _nstools_add "${entry##*/}"
		done
	fi
	return 0
}

# _nstools_spec [TYPE]: a SPEC naming a namespace of TYPE (any, without one):
# a PID; a /proc/PID/ns file; a NAME; a pin under the pin root, or in a pin
# directory there; any other file.
_nstools_spec()
{
	local type=${1:-*} root entry

	[[ $cur =~ ^[0-9]*$ ]] && _nstools_pids
	[[ $cur == [0-9]* ]] && return 0
	if [[ $cur == /proc/* ]]; then
		# shellcheck disable=SC2086 # TYPE is a glob: * for any
		_nstools_add /proc/[0-9]*/ns/$type
		return 0
	fi
	[[ $cur != */* ]] && _nstools_names "${1:-}"
	root=$(_nstools_pin_root)
	# shellcheck disable=SC2231 # TYPE is a glob: * for any
	for entry in "$root"/* "$root"/*/$type; do
		[[ -e $entry && ! -d $entry ]] && _nstools_add "$entry"
	done
	[[ -n $cur ]] && _nstools_files f
	return 0
}

# _nstools_target: a PID, a NAME, or a pin directory: under the pin root, or
# any directory.
_nstools_target()
{
	local root entry

	[[ $cur =~ ^[0-9]*$ ]] && _nstools_pids
	[[ $cur == [0-9]* ]] && return 0
	[[ $cur != */* ]] && _nstools_names
	root=$(_nstools_pin_root)
	for entry in "$root"/*; do
		[[ -d $entry ]] && _nstools_add "$entry"
	done
	[[ -n $cur ]] && _nstools_files d
	return 0
}

# _nstools_pin_path: where a pin is made or released: a word without a slash
# is a NAME under the pin root, so only names are offered there, paths once
# there is a slash.
_nstools_pin_path()
{
	if [[ $cur == */* ]]; then
		_nstools_files f
		return 0
	fi
	_nstools_names
}

# _nstools_columns COLUMN...: a comma-separated list of them (after -o's
# leading +, which adds to the default), each column offered once.
_nstools_columns()
{
	local plus=${cur%%[!+]*} list last given column

	list=${cur#"$plus"}
	last=${list##*,}
	given=${list%"$last"}
	compopt -o nospace 2>/dev/null
	for column; do
		[[ ,$given == *,"$column",* ]] && continue
		[[ $column == "$last"* ]] && COMPREPLY+=( "$plus$given$column" )
	done
	return 0
}

# The namespace types as the tools' one table has them, three words each:
# TYPE LETTER NAME, for the options -LETTER and --NAME (a test checks each
# tool's completion against its --help).
_nstools_types=( mnt m mount uts u uts ipc i ipc net n net pid p pid user U user
	cgroup C cgroup time T time )

# _nstools_type_options: the types into the array type_names, their options
# into the array type_options (-m --mount ...), their letters into
# type_letters (muinpUCT) and their long options into type_longs.
_nstools_type_options()
{
	local i

	type_names=()
	type_options=()
	type_letters=
	type_longs=
	for (( i = 0; i < ${#_nstools_types[@]}; i += 3 )); do
		type_names+=( "${_nstools_types[i]}" )
		type_options+=( "-${_nstools_types[i+1]}" "--${_nstools_types[i+2]}" )
		type_letters+=${_nstools_types[i+1]}
		type_longs+=" --${_nstools_types[i+2]}"
	done
}

# _nstools_type_of WORD: whether WORD is a type option (-n, --net or --net=),
# its type into _nstools_type.
_nstools_type_of()
{
	local i

	_nstools_type=
	for (( i = 0; i < ${#_nstools_types[@]}; i += 3 )); do
		case $1 in
		-"${_nstools_types[i+1]}" | --"${_nstools_types[i+2]}" | --"${_nstools_types[i+2]}"=)
			_nstools_type=${_nstools_types[i]}
			return 0
			;;
		esac
	done
	return 1
}

# _nstools_command INDEX: nsjoin's or nsclone's COMMAND, which starts at word
# INDEX, and its arguments: the command's own completion where bash-completion
# is loaded; without it, a command from PATH, then files.
_nstools_command()
{
	if declare -F _command_offset >/dev/null; then
		_command_offset "$1"
	elif (( $1 == COMP_CWORD )); then
		# shellcheck disable=SC2207 # one command a line
		COMPREPLY=( $(compgen -c -- "$cur") )
	else
		_nstools_files f
	fi
	return 0
}

# --- end of the shared part ---
