#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""summary_schema.py CIRCLESIM SOURCE_DIR WORK_DIR - docs/summary.schema.json
describes every summary.json circlesim writes: a Bass run, a cascade run, a
small platform run, a platform run with a brand campaign, one with
interventions, a run stopped between checkpoints and the same run resumed.
The schema is itself checked against the draft's metaschema, and summaries
broken on purpose (a key removed, a value of the wrong type, a key added, a
platform section in a Bass run) must fail, so the schema is not vacuous.
Exits 77 (skipped) without python3-jsonschema."""
import copy
import json
import os
import shutil
import signal
import subprocess
import sys
import time

try:
    import jsonschema
except ImportError:
    print("summary_schema: python3-jsonschema is not installed; skipped")
    sys.exit(77)

cli, src, work = sys.argv[1:4]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(name, *args):
    """circlesim run ARGS --out WORK/name --quiet; the folder's summary."""
    out = os.path.join(work, name)
    cmd = [cli, "run", *args, "--out", out, "--quiet"]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        fail("%s: exit %d: %s" % (" ".join(cmd), p.returncode, p.stderr.strip()))
        return None
    with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
        return json.load(f)


def errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def expect_valid(validator, name, doc):
    if doc is None:
        return
    errs = errors(validator, doc)
    for e in errs[:10]:
        fail("%s: %s: %s" % (name, e.json_path, e.message))
    if not errs:
        print("ok: %s (%s model) is valid" % (name, doc["scenario"]["model"]))


def expect_invalid(validator, name, doc):
    if not errors(validator, doc):
        fail("broken summary accepted: " + name)
    else:
        print("ok: refused " + name)


shutil.rmtree(work, ignore_errors=True)
os.makedirs(work)
with open(os.path.join(src, "docs", "summary.schema.json"), encoding="utf-8") as f:
    schema = json.load(f)
cls = jsonschema.validators.validator_for(schema)
if cls is not jsonschema.Draft202012Validator:
    fail("the schema does not declare draft 2020-12")
jsonschema.Draft202012Validator.check_schema(schema)  # raises if malformed
v = jsonschema.Draft202012Validator(schema)

scen = lambda *p: os.path.join(src, "scenarios", *p)
small = ["--set", "population.size=400", "--days", "10"]
docs = {
    "bass": run("bass", scen("validation", "bass.yaml")),
    "cascade": run("cascade", scen("validation", "cascade-star.yaml")),
    "platform": run("platform", scen("default.yaml"), *small),
    # A campaign with spend: brand.koc_seeds, and a budget that runs out
    # (budget_spent_day a number rather than null).
    "brand": run("brand", scen("whatif", "koc-seeding-a.yaml"), "--set", "population.size=2000",
                 "--days", "10"),
    "brand_budget": run("brand_budget", scen("whatif", "kol-posts-b.yaml"),
                        "--set", "population.size=2000", "--days", "10",
                        "--set", "brand.budget=5000"),
    # The intervention (feed.ad_load on day 60) falls inside the run.
    "interventions": run("interventions", scen("classroom", "over-commercialization.yaml"),
                         "--set", "population.size=400", "--days", "70"),
}
for name, doc in docs.items():
    expect_valid(v, name, doc)

# Each side of the model switch was really exercised.
if docs["brand"] and docs["brand"]["brands"]["brand"]["total"]["spend"] <= 0:
    fail("the brand run spent nothing: it does not exercise a campaign")
if docs["brand_budget"] and docs["brand_budget"]["brands"]["brand"]["budget_spent_day"] is None:
    fail("brand.budget=5000 was never reached: budget_spent_day is not exercised")

# A run stopped by SIGTERM between checkpoints (complete: false), then
# resumed (resumed_from_day > 0). Timing decides whether the signal comes
# before the end; when it comes too late the run is simply complete.
out = os.path.join(work, "stopped")
p = subprocess.Popen([cli, "run", scen("default.yaml"), "--set", "population.size=3000",
                      "--days", "300", "--checkpoint-every", "25", "--out", out, "--quiet"],
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
ckpt = os.path.join(out, "checkpoint", "run.ckpt")
deadline = time.monotonic() + 120
while not os.path.exists(ckpt) and p.poll() is None and time.monotonic() < deadline:
    time.sleep(0.02)
if p.poll() is None:
    p.send_signal(signal.SIGTERM)
p.communicate()
with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
    stopped = json.load(f)
expect_valid(v, "stopped", stopped)
if not stopped["complete"]:
    r = subprocess.run([cli, "resume", out, "--quiet"], capture_output=True, text=True)
    if r.returncode != 0:
        fail("resume: exit %d: %s" % (r.returncode, r.stderr.strip()))
    else:
        with open(os.path.join(out, "summary.json"), encoding="utf-8") as f:
            resumed = json.load(f)
        expect_valid(v, "resumed", resumed)
        if resumed["run"]["resumed_from_day"] <= 0 or not resumed["complete"]:
            fail("the resumed run's summary does not say it was resumed and complete")
else:
    print("note: the run ended before the signal; resume not exercised")

# Broken on purpose: each must fail.
pf, bass = docs["platform"], docs["bass"]
if pf and bass:
    def broken(base, change):
        d = copy.deepcopy(base)
        change(d)
        return d
    cases = {
        "no totals": broken(pf, lambda d: d.pop("totals")),
        "no final.gmv": broken(pf, lambda d: d["final"].pop("gmv")),
        "no brands (platform)": broken(pf, lambda d: d.pop("brands")),
        "seed as text": broken(pf, lambda d: d["scenario"].__setitem__("seed", "1")),
        "complete as 1": broken(pf, lambda d: d.__setitem__("complete", 1)),
        "users fractional": broken(pf, lambda d: d["network"].__setitem__("users", 1.5)),
        "gmv null": broken(pf, lambda d: d["totals"].__setitem__("gmv", None)),
        "unknown model": broken(pf, lambda d: d["scenario"].__setitem__("model", "sir")),
        "extra top-level key": broken(pf, lambda d: d.__setitem__("extra", 0)),
        "extra brand channel": broken(pf, lambda d: d["brands"]["brand"].__setitem__(
            "tv", d["brands"]["brand"]["feed"])),
        "bad hash": broken(pf, lambda d: d["scenario"].__setitem__("hash", "abc")),
        "bass with brands": broken(bass, lambda d: d.__setitem__("brands", pf["brands"])),
        "bass with a platform column": broken(bass, lambda d: d["final"].__setitem__("mau", 1)),
        "bass with facts": broken(bass, lambda d: d.__setitem__("stylized_facts",
                                                                pf["stylized_facts"])),
        "bass with totals.spend": broken(bass, lambda d: d["totals"].__setitem__("spend", 0)),
        "platform without totals.spend": broken(pf, lambda d: d["totals"].pop("spend")),
    }
    for name, doc in cases.items():
        expect_invalid(v, name, doc)

if failures:
    print("summary_schema: %d failure(s)" % len(failures))
    sys.exit(1)
print("summary_schema: every summary matches docs/summary.schema.json")
