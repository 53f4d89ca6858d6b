#!/bin/sh
# SPDX-License-Identifier: MIT
# tests/report.sh CIRCLESIM - the reports (compare, sweep, optimize) in a real browser
# (Debian's chromium, headless): it opens from disk with no network, its
# picture decodes, it has its sections, and its numbers are compare.csv's.
# Exits 77 (skipped) where no chromium is installed; ./test.sh installs it.
set -eu
cli=$1
browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ]; then
    echo "skipped: no chromium (./test.sh installs Debian's)"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
printf 'name: none\ndays: 20\nwarmup_days: 10\npopulation: {size: 2000}\nbrand: {koc_seeds: 0}\n' >a.yaml
printf 'name: kocs\ndays: 20\nwarmup_days: 10\npopulation: {size: 2000}\nbrand: {koc_seeds: 20}\n' >b.yaml
"$cli" compare a.yaml b.yaml --replicates 3 --quiet --out c
test -s c/report.html

# The numbers are the CSV's: B's mean brand GMV, as the report writes yuan
# (rounded to the fen, whole yuan, thousands spaced).
want=$(awk -F, '$1 == "brand_gmv" {
    fen = $3 * 100; fen = fen < 0 ? -int(-fen + 0.5) : int(fen + 0.5)
    y = int(fen / 100); s = ""; sign = y < 0 ? "-" : ""; if (y < 0) y = -y
    while (y >= 1000) { s = sprintf(" %03d", y % 1000) s; y = int(y / 1000) }
    print sign y s }' c/compare.csv)
grep -q ">$want<" c/report.html || { echo "report.html lacks B's brand GMV '$want'"; exit 1; }
for section in Verdict "The brand" "Spend and return by channel" "Day by day" Caveats; do
    grep -q "<h2>$section</h2>" c/report.html || { echo "report.html lacks '$section'"; exit 1; }
done
# Self-contained: nothing fetched from anywhere.
if grep -Eq '(src|href)="(https?:|//|file:)' c/report.html; then
    echo "report.html refers to something outside itself"
    exit 1
fi

# The browser: every image decodes, and the page renders.
cp c/report.html probe.html
cat >>probe.html <<'JS'
<script>
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.images);
  var ok = imgs.length > 0 && imgs.every(function (i) { return i.complete && i.naturalWidth > 0; });
  document.body.setAttribute('data-images', ok ? 'ok' : 'broken');
});
</script>
JS
flags="--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
  --disable-background-networking --disable-component-update --disable-sync
  --user-data-dir=$tmp/profile --virtual-time-budget=5000"
# shellcheck disable=SC2086
"$browser" $flags --dump-dom "file://$tmp/probe.html" >dom.html 2>browser.log || {
    tail -5 browser.log
    exit 1
}
grep -q 'data-images="ok"' dom.html || { echo "an image of report.html does not decode"; exit 1; }
# shellcheck disable=SC2086
"$browser" $flags --window-size=1200,2400 --screenshot="$tmp/shot.png" "file://$tmp/c/report.html" \
    >/dev/null 2>>browser.log
test -s shot.png

# sweep's report: the variants ranked, the pictures inlined and decoding.
printf 'name: plans\ndays: 20\nwarmup_days: 10\npopulation: {size: 2000}\nexperiment:\n  replicates: 2\n  variants:\n    none: {}\n    kocs: {brand.koc_seeds: 20}\n' >v.yaml
"$cli" sweep v.yaml --quiet --out s
grep -q "Highest: <b>kocs</b>" s/report.html || { echo "sweep's report.html does not rank kocs first"; exit 1; }
cp s/report.html probe2.html
sed -n '/^<script>$/,$p' probe.html >>probe2.html
# shellcheck disable=SC2086
"$browser" $flags --dump-dom "file://$tmp/probe2.html" >dom2.html 2>>browser.log
grep -q 'data-images="ok"' dom2.html || { echo "an image of sweep's report.html does not decode"; exit 1; }
# compare --robust: its section and its picture decode too.
"$cli" compare a.yaml b.yaml --replicates 2 --robust 4 --quiet --out r
grep -q "<h2>Does it survive what the model assumes?</h2>" r/report.html ||
    { echo "compare --robust's report.html lacks its robustness section"; exit 1; }
cp r/report.html probe3.html
sed -n '/^<script>$/,$p' probe.html >>probe3.html
# shellcheck disable=SC2086
"$browser" $flags --dump-dom "file://$tmp/probe3.html" >dom3.html 2>>browser.log
grep -q 'data-images="ok"' dom3.html || { echo "an image of compare --robust's report does not decode"; exit 1; }
# It prints on two pages at most, its robustness section included.
# shellcheck disable=SC2086
"$browser" $flags --print-to-pdf="$tmp/r.pdf" "file://$tmp/r/report.html" >/dev/null 2>>browser.log
pages=$(grep -ao '/Type */Pages\?' r.pdf | grep -c 'Page$' || true)
[ "$pages" -ge 1 ] && [ "$pages" -le 2 ] ||
    { echo "compare --robust's report.html prints on $pages pages, not one or two"; exit 1; }

# optimize --budget's report: the best split, as allocation.csv's first row.
"$cli" optimize a.yaml --budget 3000 --channels koc,feed --replicates 2 --max-evals 4 --quiet --out o
koc=$(awk -F, 'NR == 2 { printf "%d", $3 + 0.5 }' o/allocation.csv)
grep -q "Best split: koc [0-9 ]*" o/report.html || { echo "optimize's report.html lacks its verdict"; exit 1; }
[ "$(sed -n 's/.*Best split: koc \([0-9 ]*\),.*/\1/p' o/report.html | tr -d ' ')" = "$koc" ] ||
    { echo "optimize's report.html does not show allocation.csv's best split ($koc on KOCs)"; exit 1; }
cp o/report.html probe4.html
sed -n '/^<script>$/,$p' probe.html >>probe4.html
# shellcheck disable=SC2086
"$browser" $flags --dump-dom "file://$tmp/probe4.html" >dom4.html 2>>browser.log
grep -q 'data-images="ok"' dom4.html || { echo "an image of optimize's report.html does not decode"; exit 1; }
echo "report.html: numbers as the CSV's, sections present, self-contained, pictures decode (compare, compare --robust, sweep, optimize)"
