#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# tests/web_test.sh CIRCLESIM [WEB_DIR] - the browser page (docs/BROWSER.md)
# gives the native program's bytes. Builds the page into WEB_DIR (default
# build/web; an unchanged tree is not rebuilt), then, in headless chromium:
#
#   - every shipped lesson (scenarios/classroom/*.yaml) run to its end in the
#     page: its timeseries.csv must be byte for byte CIRCLESIM run's;
#   - a lever set as a slider sets it (brand.koc_seeds=20 on word-of-mouth):
#     the same as `run --set`, and not the run without it;
#   - a step's caption filled in the page must be the words `circlesim
#     lesson --handout` writes for it (cs_lesson_fill on the same rows): a
#     Chinese one with so-far totals, and one after a restart and a lever
#     moved by a step.
#
# The page is read once it says it is done (body data-done="ok"): its test
# modes run synchronously as the page loads (the engine is compiled
# synchronously), so chromium's dump of the page holds the result; a page
# that says nothing fails at once. No retries.
set -euo pipefail
CS_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
[ $# -ge 1 ] || { echo "usage: tests/web_test.sh CIRCLESIM [WEB_DIR]" >&2; exit 2; }
cs=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -x "$cs" ] || { echo "web_test: $1 is not an executable circlesim" >&2; exit 2; }
web=${2:-$CS_ROOT/build/web}
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "web_test: $chromium not found (package chromium)" >&2; exit 2; }
command -v python3 >/dev/null 2>&1 || { echo "web_test: python3 not found" >&2; exit 2; }

"$CS_ROOT/scripts/build-web.sh" "$web"
web=$(cd "$web" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0

fail() {
    echo "FAIL $*" >&2
    fails=$((fails + 1))
}

# The handouts take longest (pictures and replicates): started first, read last.
lessons="$CS_ROOT/scenarios/classroom"
"$cs" lesson "$lessons/word-of-mouth.yaml" --handout "$work/handout-zh" --lang zh \
    --replicates 2 --threads 1 --quiet >"$work/handout-zh.log" 2>&1 &
handout_zh=$!
"$cs" lesson "$lessons/over-commercialization.yaml" --handout "$work/handout-en" \
    --replicates 2 --threads 1 --quiet >"$work/handout-en.log" 2>&1 &
handout_en=$!

sandbox=()
[ "$(id -u)" -ne 0 ] || sandbox=(--no-sandbox)   # chromium refuses root with its sandbox

# page QUERY NAME: the page's answer to index.html?QUERY in $work/NAME.html,
# its #csv in NAME.csv and its #words in NAME.words; 1 if it did not finish.
page() {
    local query=$1 name=$2
    timeout 600 "$chromium" --headless "${sandbox[@]}" --disable-gpu --no-first-run \
        --user-data-dir="$work/profile" --dump-dom "file://$web/index.html?$query" \
        >"$work/$name.html" 2>"$work/$name.chromium.log" || true
    python3 - "$work/$name" <<'EOF'
import html, re, sys
base = sys.argv[1]
dom = open(base + ".html", encoding="utf-8").read()
def element(tag, id):
    m = re.search(r'<%s id="%s"[^>]*>(.*?)</%s>' % (tag, id, tag), dom, re.S)
    return html.unescape(m.group(1)) if m else ""
for id in ("csv", "words"):
    with open("%s.%s" % (base, id), "w", encoding="utf-8", newline="") as f:
        f.write(element("pre", id))
done = re.search(r'<body[^>]*data-done="([a-z]+)"', dom)
msgs = element("div", "msgs").strip()
if not done or done.group(1) != "ok":
    print("the page did not finish%s" % (": " + msgs if msgs else
          " (it never set data-done; chromium's last words below)"), file=sys.stderr)
    sys.exit(1)
EOF
    local rc=$?
    [ $rc -eq 0 ] || tail -n 5 "$work/$name.chromium.log" >&2
    return $rc
}

# same NAME NATIVE PAGE: byte for byte, or the first difference shown.
same() {
    if cmp -s "$2" "$3"; then
        echo "ok   $1: $(wc -l <"$2") lines, $(wc -c <"$2") bytes identical"
    else
        fail "$1: the page's bytes differ from the native ones: $(cmp "$2" "$3" 2>&1 | head -n 1)"
        diff <(head -c 4000 "$2") <(head -c 4000 "$3") | head -n 4 | cut -c 1-160 >&2 || true
    fi
}

for s in "$lessons"/*.yaml; do
    n=$(basename "$s" .yaml)
    if ! "$cs" run "$s" --out "$work/native-$n" --quiet >"$work/native-$n.log" 2>&1; then
        fail "$n: native run failed: $(tail -n 3 "$work/native-$n.log")"
        continue
    fi
    if page "test=run&lesson=$n" "page-$n"; then
        same "$n timeseries.csv" "$work/native-$n/timeseries.csv" "$work/page-$n.csv"
    else
        fail "$n: the page did not give its run"
    fi
done

# A slider's value before the run is --set's.
"$cs" run "$lessons/word-of-mouth.yaml" --set brand.koc_seeds=20 --out "$work/native-koc20" \
    --quiet >/dev/null
if page "test=run&lesson=word-of-mouth&brand.koc_seeds=20" page-koc20; then
    same "word-of-mouth with brand.koc_seeds=20" "$work/native-koc20/timeseries.csv" \
        "$work/page-koc20.csv"
    ! cmp -s "$work/page-koc20.csv" "$work/page-word-of-mouth.csv" ||
        fail "brand.koc_seeds=20 changed nothing in the page's run"
else
    fail "word-of-mouth with brand.koc_seeds=20: the page did not give its run"
fi

# handout_words DIR K: step K's caption as the handout writes it, the
# paragraph after the step's picture.
handout_words() {
    python3 - "$1/handout.md" "$2" <<'EOF'
import sys
md, k = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2])
mark = "](step-%02d.png)\n\n" % k
at = md.find(mark)
if at < 0:
    sys.exit("no picture of step %d in %s" % (k, sys.argv[1]))
sys.stdout.write(md[at + len(mark):].split("\n\n", 1)[0].rstrip("\n"))
EOF
}

# caption NAME PID HANDOUT LESSON STEP LANG
caption() {
    local name=$1 pid=$2 dir=$3 lesson=$4 step=$5 lang=$6
    if ! wait "$pid"; then
        fail "$name: circlesim lesson --handout failed: $(tail -n 3 "$dir.log")"
        return
    fi
    handout_words "$dir" "$step" >"$work/$name.handout" || { fail "$name: no words in the handout"; return; }
    if page "test=step&lesson=$lesson&step=$step&lang=$lang" "$name"; then
        if [ ! -s "$work/$name.words" ]; then
            fail "$name: the page gave no words"
        elif cmp -s "$work/$name.handout" "$work/$name.words"; then
            echo "ok   $lesson step $step ($lang): \"$(cat "$work/$name.words")\" as the handout"
        else
            fail "$lesson step $step ($lang): the page says \"$(cat "$work/$name.words")\"," \
                "the handout \"$(cat "$work/$name.handout")\""
        fi
    else
        fail "$lesson step $step: the page did not play the steps"
    fi
}
caption caption-zh "$handout_zh" "$work/handout-zh" word-of-mouth 3 zh
caption caption-en "$handout_en" "$work/handout-en" over-commercialization 5 en

if [ "$fails" -ne 0 ]; then
    echo "web_test: $fails check(s) failed (above)" >&2
    exit 1
fi
echo "web_test: the page gives the native bytes ($web)"
