#!/bin/sh
# SPDX-License-Identifier: MIT
# self_contained.sh ROOT - the repository speaks of itself only: no file
# refers to a document kept outside it (the notes on the platform, the
# outside interface or the style guide its authors were given, or their
# shared folder), to a path of the machine it was written on, or to a
# numbered issue of a tracker, and none calls a document a contract
# (README.md and docs/ say what the project promises). Every source file names its licence (MIT, in LICENSE) in an
# SPDX line at its head. Lists every offending line and fails if there is
# one.
root=${1:?usage: self_contained.sh ROOT}
cd "$root" || exit 2
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    files=$(git ls-files)
else
    files=$(find . -type f -not -path './build*' -not -path './.git/*' | sed 's|^\./||')
fi
# Each name is spelt with a bracket, so this file does not match itself.
pattern='DOMAI[N][.]md|INTERFAC[E][.]md|STYL[E][.]md|[.][.]/share[d]|(^|[^A-Za-z0-9_.])/wor[k]/'
pattern="$pattern"'|[Ii]ssues? #?[0-9]+|[Tt]h[e] contract'
bad=$(printf '%s\n' $files | xargs grep -HnIE "$pattern" 2>/dev/null)
if [ -n "$bad" ]; then
    echo "self_contained: these lines refer outside the repository or to an issue:" >&2
    echo "$bad" >&2
    exit 1
fi
# And the licence: MIT, in LICENSE, and named in every source file's head.
grep -q '^MIT License' LICENSE || { echo "self_contained: LICENSE is not the MIT licence" >&2; exit 1; }
# JSON has no comments: a JSON Schema names it in its "$comment" key.
unnamed=$(printf '%s\n' $files | grep -E '\.(c|h|sh|js|py|html)$|\.schema\.json$|CMakeLists\.txt$' |
          grep -v '^tests/fuzz/corpus/' | while read -r f; do
              head -n 3 "$f" | grep -q 'SPDX-License-Identifier: MIT' || echo "$f"
          done)
if [ -n "$unnamed" ]; then
    echo "self_contained: these sources do not name their licence (SPDX-License-Identifier: MIT):" >&2
    echo "$unnamed" >&2
    exit 1
fi
echo "self_contained: $(printf '%s\n' $files | wc -l) files refer to nothing outside the repository; every source names the MIT licence"
