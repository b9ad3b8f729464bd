#!/usr/bin/env bats
# Translations move with the code: every string in the sources is translated.

load helpers

@test "zh_CN.po translates every message of the sources, none fuzzy" {
	command -v xgettext >/dev/null || skip "no gettext tools"
	local src=${NSTOOLS_SRCDIR:-.}
	grep -v '^#' "$src/po/POTFILES.in" > "$NST_TMP/files"
	xgettext --directory="$src" --files-from="$NST_TMP/files" --keyword=_ --keyword=N_ \
		--from-code=UTF-8 -o "$NST_TMP/nstools.pot"
	msgmerge --quiet --no-fuzzy-matching -o "$NST_TMP/merged.po" "$src/po/zh_CN.po" "$NST_TMP/nstools.pot"
	run msgfmt --check --statistics -o /dev/null "$NST_TMP/merged.po"
	echo "$output"
	[ "$status" -eq 0 ]
	[[ "$output" != *untranslated* ]]
	[[ "$output" != *fuzzy* ]]
}
