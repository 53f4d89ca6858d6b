#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/man_pages.sh MAN_DIR CIRCLESIM [CIRCLESIM-VIZ] [CIRCLESIM-MPI] - the
# manual pages the build wrote (apps/CMakeLists.txt): one for circlesim and
# one for each command `circlesim --help` lists (and for each other program
# given), each the program's current `--man` output, rendered by man(1)
# without a single groff warning, its NAME the summary --help gives, every
# hyphen of its source escaped (an option copied from the page must be an
# ASCII minus), and every option of the command's --help among its OPTIONS.
# Skipped (77) where man-db is missing.
set -u
dir=$1
shift
command -v man >/dev/null 2>&1 || { echo "man_pages: no man(1) here: skipped"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() {
    printf "man_pages: %s\n" "$*" >&2
    fails=$((fails + 1))
}

# check PAGE PROGRAM [COMMAND]: PAGE against `PROGRAM [COMMAND] --help`.
check() {
    page=$1 prog=$2 cmd=${3-}
    name=$(basename "$page" .1)
    [ -f "$page" ] || { fail "$name: no page $page"; return; }
    # Current: what the program says now (the build rewrites it when the
    # program changes).
    "$prog" --man $cmd >"$tmp/now" 2>"$tmp/err" || fail "$name: $prog --man $cmd failed: $(cat "$tmp/err")"
    cmp -s "$tmp/now" "$page" || fail "$name: differs from $prog --man $cmd (stale)"
    # Rendered without warnings: man's own (macros) and groff's, all kinds.
    MANWIDTH=80 man --warnings=all -l "$page" >"$tmp/text" 2>"$tmp/warn" ||
        fail "$name: man -l failed"
    if [ -s "$tmp/warn" ]; then
        fail "$name: groff warns:"
        sed 's/^/    /' "$tmp/warn" >&2
    fi
    grep -q '^OPTIONS' "$tmp/text" || fail "$name: no OPTIONS section"
    grep -q '^EXIT STATUS' "$tmp/text" || fail "$name: no EXIT STATUS section"
    # Every hyphen escaped (\-) outside comments: a bare one renders as a
    # typographic hyphen, which a shell does not take for a minus.
    bare=$(grep -v '^\.\\"' "$page" | grep -n '\(^\|[^\\]\)-' | head -3)
    [ -z "$bare" ] || fail "$name: unescaped hyphens: $bare"
    # The options of --help, each a heading of OPTIONS (the 7-column indent
    # of a .TP tag), as --NAME alone or followed by its value.
    "$prog" $cmd --help >"$tmp/help" 2>/dev/null || fail "$name: $prog $cmd --help failed"
    sed -n '/^options:$/,$p' "$tmp/help" | sed -n 's/^  \(--[a-z][a-z0-9-]*\).*/\1/p' >"$tmp/options"
    n=0
    while read -r opt; do
        n=$((n + 1))
        grep -Eq "^       $opt( |,|\$)" "$tmp/text" || fail "$name: option $opt of --help is not in OPTIONS"
    done <"$tmp/options"
    # And no option the command does not take (circlesim's own page lists
    # the program's options, which its command list does not).
    [ "$name" = circlesim ] || sed -n '/^OPTIONS$/,/^[A-Z]/p' "$tmp/text" | sed -n 's/^       \(--[a-z][a-z0-9-]*\).*/\1/p' |
        grep -vx -e '--help' | sort >"$tmp/listed"
    [ "$name" = circlesim ] || sort "$tmp/options" | cmp -s - "$tmp/listed" ||
        fail "$name: OPTIONS lists $(tr '\n' ' ' <"$tmp/listed"), --help $(tr '\n' ' ' <"$tmp/options")"
    # NAME: the summary of the program's command list, or the help's line.
    if [ -n "$cmd" ]; then
        summary=$("$prog" --help | sed -n "s/^  $cmd  *//p")
        sed -n '/^NAME$/,/^$/p' "$tmp/text" | tr -s ' \n' '  ' | sed 's/‐ //g' |
            grep -qF -- "$summary" || fail "$name: NAME does not say '$summary'"
    fi
    pages=$((pages + 1))
    options=$((options + n))
}

pages=0 options=0
circlesim=$1
shift
commands=$("$circlesim" --help | sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
[ -n "$commands" ] || fail "circlesim --help lists no commands"
check "$dir/circlesim.1" "$circlesim"
for c in $commands; do
    check "$dir/circlesim-$c.1" "$circlesim" "$c"
    grep -q "circlesim\\\\-$c\\\\fR(1)" "$dir/circlesim.1" || fail "circlesim(1) does not refer to circlesim-$c(1)"
done
for prog in "$@"; do
    check "$dir/$(basename "$prog").1" "$prog"
done
# Nothing else: a page of a command that is gone would be installed too.
for page in "$dir"/*.1; do
    name=$(basename "$page" .1)
    case " circlesim $(echo $commands | sed 's/\([^ ]*\)/circlesim-\1/g') $(for p in "$@"; do basename "$p"; done | tr '\n' ' ') " in
    *" $name "*) ;;
    *) fail "$name: a page of no program or command" ;;
    esac
done
[ "$fails" = 0 ] || { echo "man_pages: $fails problems" >&2; exit 1; }
echo "man_pages: $pages pages render without warnings and name all $options options of their --help"
