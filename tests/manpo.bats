#!/usr/bin/env bats
# Translations of the man pages move with the pages, and the programs speak
# the translation they ship: zh_CN.

load helpers

# A PO with no untranslated and no fuzzy message: msgfmt's statistics say so.
assert_po_complete() {
	run msgfmt --check --statistics -o /dev/null "$1"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" == *" translated message"* ]]
	[[ "$output" != *untranslated* ]]
	[[ "$output" != *fuzzy* ]]
}

# fresh_man_pot: the POT po4a extracts from the English pages now, in $NST_TMP.
fresh_man_pot() {
	local src=${NSTOOLS_SRCDIR:-.}

	command -v po4a >/dev/null || { echo "po4a is needed (quickstart.sh installs it)" >&2; return 1; }
	mkdir -p "$NST_TMP/src/man/po"
	cp "$src"/man/*.[17] "$NST_TMP/src/man/"
	cp "$src/man/po/po4a.cfg" "$src/man/po/zh_CN.po" "$NST_TMP/src/man/po/"
	(cd "$NST_TMP/src" && po4a --no-translations man/po/po4a.cfg >/dev/null)
}

# msgids PO: its messages, in order, without locations or the header's dates.
msgids() {
	msgcat --no-location --no-wrap --sort-output "$1" | grep -v -e '^"POT-Creation-Date:' -e '^"PO-Revision-Date:'
}

@test "man/po/zh_CN.po translates every message of the man pages, none fuzzy" {
	assert_po_complete "${NSTOOLS_SRCDIR:-.}/man/po/zh_CN.po"
}

@test "man/po/nstools-man.pot has the messages of the English man pages as they are now" {
	fresh_man_pot
	msgids "${NSTOOLS_SRCDIR:-.}/man/po/nstools-man.pot" > "$NST_TMP/shipped"
	msgids "$NST_TMP/src/man/po/nstools-man.pot" > "$NST_TMP/fresh"
	diff -u "$NST_TMP/shipped" "$NST_TMP/fresh"
}

@test "man/po/zh_CN.po translates every message the English man pages have now" {
	fresh_man_pot
	msgmerge --quiet --no-fuzzy-matching -o "$NST_TMP/merged.po" \
		"${NSTOOLS_SRCDIR:-.}/man/po/zh_CN.po" "$NST_TMP/src/man/po/nstools-man.pot"
	assert_po_complete "$NST_TMP/merged.po"
}

@test "the zh_CN man pages are built, in Chinese, and mandoc finds nothing to warn about" {
	local page built
	for page in mountprop.1 nsclone.1 nsjoin.1 nsls.1 nspin.1 nstools.7; do
		built=${NSTOOLS_BUILDDIR:-.}/man/zh_CN/$page
		[ -f "$built" ] || built=${NSTOOLS_SRCDIR:-.}/man/zh_CN/$page
		grep -q '^\.SH 名称$' "$built"
		if command -v mandoc >/dev/null; then
			run mandoc -Tlint -W warning "$built"
			echo "$output"
			[ "$status" -eq 0 ] && [ -z "$output" ]
		fi
	done
}

# in_zh_CN CMD...: CMD in a zh_CN locale, reading the catalog the build made.
# The programs bind their text domain to the LOCALEDIR they were compiled
# with, and nothing in the environment can move it (rightly: a catalog holds
# format strings). So the test gives the real binaries what an installation
# would: in a mount namespace of its own, a tmpfs at that LOCALEDIR (or at its
# nearest existing parent) holding the build tree's zh_CN.gmo as nstools.mo.
# LANGUAGE selects the catalog; C.UTF-8 is a locale every glibc system has,
# and gettext honours LANGUAGE in any locale but plain C.
in_zh_CN() {
	local localedir=${NSTOOLS_LOCALEDIR:?} top catalog userns=

	catalog=${NSTOOLS_BUILDDIR:-.}/po/zh_CN.gmo
	[ -f "$catalog" ] || catalog=${NSTOOLS_SRCDIR:-.}/po/zh_CN.gmo
	top=$localedir
	while [ ! -d "$top" ]; do top=$(dirname "$top"); done
	case $top in
	/ | /usr) skip "no place to put a catalog at $localedir without hiding $top" ;;
	esac
	[ "$(id -u)" -eq 0 ] || userns="-U -r"
	# shellcheck disable=SC2086 # userns is options or nothing
	unshare $userns -m --propagation private sh -c '
		mount -t tmpfs nst-locale "$1" &&
		mkdir -p "$2/zh_CN/LC_MESSAGES" &&
		cp "$3" "$2/zh_CN/LC_MESSAGES/nstools.mo" || exit 99
		shift 3
		exec env LC_ALL=C.UTF-8 LANGUAGE=zh_CN "$@"' sh "$top" "$localedir" "$catalog" "$@"
}

@test "every tool's --help is in Chinese under a zh_CN locale" {
	local tool
	for tool in nsclone nsjoin nspin nsls mountprop; do
		run in_zh_CN "$tool" --help
		echo "$tool: $output"
		[ "$status" -eq 0 ]
		[ "${lines[0]}" = "用法：" ]
	done
}

@test "every tool's errors are in Chinese under a zh_CN locale" {
	run in_zh_CN nsjoin -n /etc/hostname true
	[ "$status" -eq 125 ]
	[ "$output" = "nsjoin: /etc/hostname: 不是命名空间文件" ]

	run in_zh_CN nsclone --init true
	[ "$status" -eq 125 ]
	[ "${lines[0]}" = "nsclone: --init 需要 -p" ]
	[ "${lines[1]}" = '请尝试执行“nsclone --help”了解更多信息。' ]

	run in_zh_CN nspin /etc/hostname "$NST_TMP/pin"
	[ "$status" -eq 1 ]
	[ "$output" = "nspin: /etc/hostname: 不是命名空间文件" ]
	[ ! -e "$NST_TMP/pin" ]

	run in_zh_CN nsls -t bogus
	[ "$status" -eq 1 ]
	[ "${lines[0]}" = "nsls: 未知的命名空间类型：bogus" ]
	[ "${lines[1]}" = '请尝试执行“nsls --help”了解更多信息。' ]

	run in_zh_CN mountprop --no-such-option
	[ "$status" -eq 1 ]
	[ "${lines[-1]}" = '请尝试执行“mountprop --help”了解更多信息。' ]
}
