#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""progress_log.py CIRCLESIM SOURCE_DIR WORK_DIR - what a batch log (stderr
not a terminal) shows: a sweep's plain progress lines (no carriage
return, no escape), one line saying what was written, and nothing of either
with --quiet; the files the commands write are named; stdout is the same
with and without the log's lines. CIRCLESIM_PROGRESS_SECONDS=0 (README:
"Progress in a log") gives a line at every 5% step, so a short sweep of 20
runs shows them without waiting 30 s."""
import os
import re
import shutil
import subprocess
import sys
import time

cli, src, work = sys.argv[1:4]
failures = []
LINE = re.compile(r"^circlesim: sweep: (\d+)/20 runs \((\d+)%\), (\d+h\d\dm|\d+m\d\ds|\d+s) "
                  r"elapsed(, about (\d+h\d\dm|\d+m\d\ds|\d+s) left)?$")


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(args, env_extra=None):
    env = dict(os.environ)
    env.pop("CIRCLESIM_PROGRESS_SECONDS", None)
    env.update(env_extra or {})
    t0 = time.monotonic()
    p = subprocess.run([cli, *args], capture_output=True, text=True, env=env, cwd=work)
    return p, time.monotonic() - t0


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
bass = os.path.join(src, "scenarios", "validation", "bass.yaml")
# 10 points x 2 replicates = 20 runs, a run each 5%.
sweep = ["sweep", bass, "--vary", "population.size=100:1000:100", "--replicates", "2",
         "--set", "days=20"]

p, _ = run(sweep + ["--out", "s1"], {"CIRCLESIM_PROGRESS_SECONDS": "0"})
if p.returncode != 0:
    fail("sweep: exit %d: %s" % (p.returncode, p.stderr))
lines = p.stderr.splitlines()
progress = [l for l in lines if l.startswith("circlesim: sweep: ")]
if not progress:
    fail("no progress line in the log:\n" + p.stderr)
for l in progress:
    m = LINE.match(l)
    if not m:
        fail("progress line not as documented: %r" % l)
    elif int(m.group(2)) != int(m.group(1)) * 100 // 20:
        fail("percentage does not match the count: %r" % l)
if "\r" in p.stderr or "\033" in p.stderr:
    fail("a log holds a carriage return or an escape sequence")
wrote = [l for l in lines if l.startswith("circlesim: wrote ")]
if len(wrote) != 1 or not re.match(r"^circlesim: wrote s1 \(experiment\.yaml, runs\.csv, "
                                   r"summary\.csv(, [^,]+)*\)$", wrote[0]):
    fail("the sweep's last line should say what it wrote, found %r" % wrote)
elif lines[-1] != wrote[0]:
    fail("the 'wrote' line is not the last: %r" % lines[-1])
stdout_loud = p.stdout

p, _ = run(sweep + ["--out", "s2", "--quiet"], {"CIRCLESIM_PROGRESS_SECONDS": "0"})
if p.returncode != 0 or p.stderr:
    fail("sweep --quiet: exit %d, stderr %r (should be empty)" % (p.returncode, p.stderr))
with open(os.path.join(work, "s1", "runs.csv")) as a, open(os.path.join(work, "s2", "runs.csv")) as b:
    if a.read() != b.read():
        fail("runs.csv differs with and without --quiet")

# By default short work says nothing: lines come at most every 3 s.
p, took = run(sweep + ["--out", "s3"])
progress = [l for l in p.stderr.splitlines() if l.startswith("circlesim: sweep: ")]
if took < 2.5 and progress:
    fail("a sweep of %.1f s printed progress lines by default: %r" % (took, progress))
if p.stdout.replace("s3/", "s1/") != stdout_loud:
    fail("sweep's stdout changed with the log's pace")

# Every command that writes a file says where, once, last; --quiet not.
graph = os.path.join(work, "g.gexf")
for args, expect in [
    (["run", bass, "--days", "5", "--out", "r1"],
     "circlesim: wrote r1 (scenario.yaml, timeseries.csv, summary.json)"),
    (["graph", bass, "--set", "population.size=50", "--format", "gexf", "--out", "g.gexf"],
     "circlesim: wrote g.gexf"),
]:
    p, _ = run(args)
    last = p.stderr.splitlines()[-1] if p.stderr else ""
    if p.returncode != 0 or last != expect:
        fail("%s: exit %d, last stderr line %r, expected %r" % (args[0], p.returncode, last,
                                                               expect))
    p, _ = run(args + ["--quiet"])
    if p.returncode != 0 or "wrote" in p.stderr:
        fail("%s --quiet: exit %d, stderr %r" % (args[0], p.returncode, p.stderr))
if not os.path.exists(graph):
    fail("graph wrote no file")

if failures:
    print("progress_log: %d failure(s)" % len(failures))
    sys.exit(1)
print("progress_log: a log shows progress lines and what was written; --quiet neither")
