# SPDX-License-Identifier: MIT
"""docs/PYTHON.md's examples and README.md's "Use from Python" run as
written, in order, from a folder that holds the repository's scenarios."""

import os
import re

import pytest

from conftest import ROOT


PROMISED = {
    "docs/PYTHON.md": ["mine.yaml 3 3",
                       "mine.yaml:3:3: error: unknown key 'feed.ad_lod'; did you mean "
                       "'feed.ad_load'?",
                       "feed.ad_load - feed.ad_load must be between 0 and 0.9, found '7'"],
}


def blocks(path, section=None):
    text = open(os.path.join(ROOT, path)).read()
    if section:
        start = text.index(section)
        end = text.find("\n## ", start + 1)
        text = text[start:end if end > 0 else len(text)]
    return re.findall(r"```python\n(.*?)```", text, re.S)


@pytest.mark.parametrize("path,section", [("docs/PYTHON.md", None),
                                          ("README.md", "## Use from Python")])
def test_examples_run(path, section, tmp_path, monkeypatch, capsys):
    found = blocks(path, section)
    assert found, "no python example in %s" % path
    os.symlink(os.path.join(ROOT, "scenarios"), tmp_path / "scenarios")
    monkeypatch.chdir(tmp_path)
    names = {}
    for i, code in enumerate(found):
        exec(compile(code, "%s example %d" % (path, i + 1), "exec"), names)
    out = capsys.readouterr().out
    assert out.strip(), "the examples printed nothing"
    # What the examples' comments say they print, they print.
    for promised in PROMISED.get(path, []):
        assert promised in out, "%s: the example's output lacks %r" % (path, promised)
