#!/bin/bash
# SPDX-License-Identifier: MIT
# tests/completion.sh COMPLETION_DIR CIRCLESIM [CIRCLESIM-VIZ] - the bash
# completion the build wrote (apps/CMakeLists.txt), loaded as
# bash-completion loads it and called as bash calls it (the line split at
# COMP_WORDBREAKS, '=' and ':' words of their own): commands, each
# command's options exactly as its --help lists them, option values from a
# fixed set, scenario files and folders, and scenario keys (as many as
# `circlesim params --format keys` lists) with their values. Skipped (77)
# where bash-completion is not installed.
set -u
dir=$1 circlesim=$2 viz=${3-}
framework=${BASH_COMPLETION:-/usr/share/bash-completion/bash_completion}
[ -r "$framework" ] || { echo "completion: no bash-completion ($framework): skipped"; exit 77; }
# bash-completion reads its settings from an interactive shell's state;
# loaded here only for its functions.
# shellcheck disable=SC1090
source "$framework" >/dev/null 2>&1
source "$dir/circlesim" || { echo "completion: $dir/circlesim does not load" >&2; exit 1; }
if [ -n "$viz" ]; then
    source "$dir/circlesim-viz" || { echo "completion: $dir/circlesim-viz does not load" >&2; exit 1; }
fi
# compopt works only while bash completes: here, it records what it was asked.
nospace=0
compopt() { [[ $* == *nospace* ]] && nospace=1; return 0; }

fails=0
fail() {
    printf 'completion: %s\n' "$*" >&2
    fails=$((fails + 1))
}

# complete FUNCTION LINE: COMPREPLY for the cursor at LINE's end, the words
# split as readline splits them (spaces, then each run of COMP_WORDBREAKS
# characters a word of its own).
complete_line() {
    local fn=$1 line=$2 word="" ch i breaks='=:'
    COMP_LINE=$line
    COMP_POINT=${#line}
    COMP_WORDS=()
    local kind=space
    for ((i = 0; i < ${#line}; i++)); do
        ch=${line:i:1}
        if [[ $ch == " " ]]; then
            [[ -n $word ]] && COMP_WORDS+=("$word")
            word="" kind=space
        elif [[ $breaks == *"$ch"* ]]; then
            [[ $kind == word && -n $word ]] && { COMP_WORDS+=("$word"); word=""; }
            word+=$ch kind=break
        else
            [[ $kind == break && -n $word ]] && { COMP_WORDS+=("$word"); word=""; }
            word+=$ch kind=word
        fi
    done
    COMP_WORDS+=("$word")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMPREPLY=()
    nospace=0
    "$fn" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]:-}"
}

# expect LINE WORD...: the completions of LINE include every WORD.
expect() {
    local line=$1 w
    shift
    complete_line _circlesim "$line"
    for w in "$@"; do
        [[ " ${COMPREPLY[*]} " == *" $w "* ]] ||
            fail "'$line<TAB>' does not offer '$w' (offers: ${COMPREPLY[*]:-nothing})"
    done
}

# exactly LINE WORDS: the completions of LINE are WORDS (in any order).
exactly() {
    local line=$1 want got
    want=$(tr ' ' '\n' <<<"$2" | sed '/^$/d' | sort | tr '\n' ' ')
    complete_line "${FN:-_circlesim}" "$line"
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort | tr '\n' ' ')
    [[ $got == "$want" ]] || fail "'$line<TAB>' offers '$got', not '$want'"
}

exactly "circlesim sw" "sweep"
expect "circlesim sweep --re" --replicates --resume
expect "circlesim run --set feed.ad_" feed.ad_load=
[[ $nospace == 1 ]] || fail "a key's '=' is followed by a space"
exactly "circlesim sweep --vary circles.invite_o" "circles.invite_only="
exactly "circlesim run --set circles.invite_only=" "true false"
exactly "circlesim run --set network.kind=wa" "watts_strogatz"
exactly "circlesim params --format " "text markdown json keys"
exactly "circlesim graph --format " "edgelist gexf graphml"
exactly "circlesim sweep --design lhs" "lhs:"
[[ $nospace == 1 ]] || fail "--design lhs: is followed by a space"
exactly "circlesim optimize --objective brand_" "brand_gmv brand_profit"
exactly "circlesim run --seed " ""
exactly "circlesim --man sw" "sweep"
exactly "circlesim --completion " "bash"
expect "circlesim compare --pin feed.ad_" feed.ad_load

# Every command, and each command's options: those of its --help.
commands=$("$circlesim" --help | sed -n '/^commands:$/,/^$/s/^  \([a-z][a-z]*\) .*/\1/p')
[ -n "$commands" ] || fail "circlesim --help lists no commands"
expect "circlesim " $commands --help --version
n=0
for c in $commands; do
    options=$("$circlesim" "$c" --help | sed -n '/^options:$/,$s/^  \(--[a-z][a-z0-9-]*\).*/\1/p')
    exactly "circlesim $c --" "$(echo $options --help)"
    n=$((n + 1))
done

# The keys: every one of the parameter table's, with '=' after it.
keys=$("$circlesim" params --format keys | wc -l)
complete_line _circlesim "circlesim run --set "
[[ ${#COMPREPLY[@]} == "$keys" && $keys -gt 50 ]] ||
    fail "--set offers ${#COMPREPLY[@]} keys, params --format keys lists $keys"
[[ " ${COMPREPLY[*]} " == *" population.size= "* ]] || fail "--set does not offer population.size="

# Files: scenarios for a scenario operand, folders for --out DIR and resume.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/runs"
touch "$tmp/a.yaml" "$tmp/notes.txt"
cd "$tmp" || exit 1
exactly "circlesim run " "a.yaml runs"
exactly "circlesim check a" "a.yaml"
exactly "circlesim run --out " "runs"
exactly "circlesim resume " "runs"
exactly "circlesim graph --out n" "notes.txt"
exactly "circlesim optimize --pool " "kocs all a.yaml notes.txt runs"
exactly "circlesim run --set network.file=no" "notes.txt"
cd - >/dev/null || exit 1

if [ -n "$viz" ]; then
    options=$("$viz" --help | sed -n '/^options:$/,$s/^  \(--[a-z][a-z0-9-]*\).*/\1/p')
    FN=_circlesim_viz exactly "circlesim-viz --" "$(echo $options --help)"
    FN=_circlesim_viz exactly "circlesim-viz --pro" "--projector"
    complete_line _circlesim_viz "circlesim-viz --set bass."
    [[ " ${COMPREPLY[*]} " == *" bass.p= "* ]] || fail "circlesim-viz --set does not offer bass.p="
fi

[ "$fails" = 0 ] || { echo "completion: $fails problems" >&2; exit 1; }
echo "completion: the commands, the options of $n commands, their values and $keys keys complete"
