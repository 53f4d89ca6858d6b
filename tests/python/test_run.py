# SPDX-License-Identifier: MIT
"""Runs from Python against the circlesim command: the same scenario and
seed give the same bytes; stepping, levers and errors behave as a notebook
needs."""

import json
import os
import warnings

import pandas as pd
import pytest

from conftest import ROOT, scenario_path

import circlesim

# Small runs of each model, each with the CLI's own words for it.
CASES = {
    "platform": (None, {"population.size": 1500, "days": 40}),
    "brand": (scenario_path("whatif/koc-seeding-a.yaml"),
              {"population.size": 2000, "days": 30, "brand.koc_seeds": 80}),
    "bass": (scenario_path("validation/bass.yaml"), {"population.size": 3000, "days": 30}),
    "cascade": (scenario_path("validation/cascade-star.yaml"), {}),
}


def cli_args(path, sets, seed):
    args = ["run"] + ([path] if path else [])
    for k, v in sets.items():
        args += ["--set", "%s=%s" % (k, v)]
    return args + ["--seed", seed, "--quiet"]


def without_run_line(text):
    """summary.json without its "run" entry (wall time, host, memory)."""
    d = json.loads(text)
    d.pop("run")
    return d


@pytest.mark.parametrize("case", sorted(CASES))
def test_same_bytes_as_the_command(case, cli, tmp_path):
    path, sets = CASES[case]
    sc = circlesim.Scenario.load(path) if path else circlesim.Scenario.default()
    for k, v in sets.items():
        sc.set(k, v)
    run = sc.run(seed=5, threads=2)
    assert run.done and run.day == run.days
    run.write(tmp_path / "py")
    cli(*cli_args(path, sets, 5), "--out", tmp_path / "cli")
    for name in ("timeseries.csv", "scenario.yaml"):
        assert (tmp_path / "py" / name).read_bytes() == (tmp_path / "cli" / name).read_bytes(), name
    assert without_run_line((tmp_path / "py" / "summary.json").read_text()) == \
        without_run_line((tmp_path / "cli" / "summary.json").read_text())
    assert run.timeseries_csv == (tmp_path / "cli" / "timeseries.csv").read_text()
    pd.testing.assert_frame_equal(run.timeseries,
                                  pd.read_csv(tmp_path / "cli" / "timeseries.csv"))
    assert without_run_line(json.dumps(run.summary)) == \
        without_run_line((tmp_path / "cli" / "summary.json").read_text())
    # The library's summary is one the shipped schema accepts.
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.load(open(os.path.join(ROOT, "docs", "summary.schema.json")))
    jsonschema.Draft202012Validator(schema).validate(run.summary)


def test_threads_do_not_change_the_run():
    sc = circlesim.Scenario.default().set("population.size", 2000).set("days", 25)
    one = sc.run(seed=9, threads=1).timeseries_csv
    assert sc.run(seed=9, threads=2).timeseries_csv == one
    assert sc.run(seed=10, threads=2).timeseries_csv != one


def test_stepping_yields_each_day_and_rows_match_the_table():
    sc = circlesim.Scenario.default().set("population.size", 1200).set("days", 12)
    run = sc.start(seed=2)
    assert run.day == 0 and run.days == 12
    assert list(run) == list(range(1, 13))
    ts = run.timeseries
    for day in (1, 7, 12):
        row = run.row(day)
        assert row["day"] == day
        for col in ("dau", "gmv", "mean_trust"):
            assert row[col] == pytest.approx(ts.loc[day - 1, col], abs=0, rel=0)
    with pytest.raises(IndexError):
        run.row(13)
    assert run.step() == 12  # a finished run stays finished


def test_a_lever_set_midway_is_replayed_by_the_written_scenario(cli, tmp_path):
    sc = circlesim.Scenario.default().set("population.size", 1500).set("days", 30)
    plain = sc.run(seed=4).timeseries
    run = sc.start(seed=4)
    run.step(15)
    run.set_lever("feed.ad_load", 0.6)
    run.finish()
    ts = run.timeseries
    # The days before the change are untouched; the days after differ.
    pd.testing.assert_frame_equal(ts.iloc[:15], plain.iloc[:15])
    assert not ts.iloc[15:].equals(plain.iloc[15:])
    run.write(tmp_path / "py")
    written = (tmp_path / "py" / "scenario.yaml").read_text()
    assert "feed.ad_load" in written and "day: 16" in written
    cli("run", tmp_path / "py" / "scenario.yaml", "--quiet", "--out", tmp_path / "again")
    assert (tmp_path / "again" / "timeseries.csv").read_bytes() == \
        (tmp_path / "py" / "timeseries.csv").read_bytes()


def test_a_scenario_changes_while_its_run_is_open():
    sc = circlesim.Scenario.default().set("population.size", 1000).set("days", 5)
    run = sc.start(seed=1)
    sc.set("days", 9)  # the open run keeps its copy
    assert run.finish().day == 5
    assert sc.run(seed=1).day == 9
    assert sc.get("days") == 9 and sc["population.size"] == 1000


def test_errors_carry_file_line_and_column(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("days: 10\nfeed:\n  ad_lod: 0.1\n")
    with pytest.raises(circlesim.ScenarioError) as e:
        circlesim.Scenario.load(bad)
    assert (e.value.file, e.value.line, e.value.col) == (str(bad), 3, 3)
    assert "feed.ad_lod" in str(e.value) and "did you mean 'feed.ad_load'" in str(e.value)
    assert isinstance(e.value, ValueError)

    with pytest.raises(circlesim.ScenarioError) as e:
        circlesim.Scenario.load(tmp_path / "missing.yaml")
    assert "missing.yaml" in str(e.value)

    sc = circlesim.Scenario.default()
    with pytest.raises(circlesim.ScenarioError) as e:
        sc.set("feed.ad_load", 7)
    assert e.value.key == "feed.ad_load" and "between 0 and 0.9" in e.value.message
    assert sc.get("feed.ad_load") != 7  # refused: nothing changed
    with pytest.raises(circlesim.ScenarioError):
        sc.get("feed.no_such_key")
    with pytest.raises(circlesim.ScenarioError) as e:
        sc.set("days", float("nan"))

    run = sc.set("population.size", 800).set("days", 3).start(seed=1)
    with pytest.raises(circlesim.ScenarioError) as e:
        run.set_lever("population.size", 10)  # not a lever
    assert "population.size" in str(e.value)


def test_validate_warns_as_check_does(cli, tmp_path):
    text = "model: platform\npopulation:\n  size: 3000\nbass:\n  p: 0.05\n" \
           "brand:\n  koc_seeds: 400\n"
    path = tmp_path / "w.yaml"
    path.write_text(text)
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        circlesim.Scenario.load(path).validate()
    got = sorted(str(w.message) for w in seen if w.category is circlesim.CircleSimWarning)
    want = sorted(line for line in cli("check", path).stderr.splitlines() if "warning" in line)
    assert len(want) == 2 and got == want


def test_a_closed_run_says_so():
    run = circlesim.Scenario.default().set("population.size", 500).set("days", 3).start(seed=1)
    with run:
        run.step(2)
    for use in (lambda: run.day, lambda: run.step(), lambda: run.timeseries,
                lambda: run.summary, lambda: run.row(1), lambda: list(run)):
        with pytest.raises(circlesim.CircleSimError, match="the run is closed"):
            use()


def test_arguments_are_checked():
    sc = circlesim.Scenario.default().set("population.size", 500).set("days", 3)
    for bad in (-1, 1.5, "2", True):
        with pytest.raises(circlesim.ScenarioError):
            sc.start(seed=1, threads=bad)
    run = sc.start(seed=1)
    with pytest.raises(circlesim.ScenarioError):
        run.step(-1)
    with pytest.raises(IndexError, match="step the run first"):
        run.row()
    for bad in ([1], "much", None):
        with pytest.raises(circlesim.ScenarioError) as e:
            run.set_lever("feed.ad_load", bad)
        assert e.value.key == "feed.ad_load"
    run.set_lever("circles.invite_only", "false")  # a switch takes true/false
    with pytest.raises(circlesim.ScenarioError) as e:
        sc.get("feed")
    assert e.value.key == "feed" and "section" in e.value.message
    with pytest.raises(circlesim.ScenarioError) as e:
        circlesim.Scenario.load("/nonexistent/none.yaml")
    assert e.value.file == "/nonexistent/none.yaml"
    assert circlesim.Scenario.from_text(b"days: 3\n").get("days") == 3


def test_an_unread_key_warns():
    sc = circlesim.Scenario.load(scenario_path("validation/bass.yaml"))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        r = sc.set("days", 3).start(seed=1)
        r.set_lever("feed.ad_load", 0.2)  # the Bass model reads no feed
    assert any(issubclass(w.category, circlesim.CircleSimWarning) and
               "feed.ad_load" in str(w.message) for w in seen)


def test_a_run_keeps_the_scenario_it_was_given(tmp_path, monkeypatch):
    path = tmp_path / "s.yaml"
    path.write_text("days: 3\npopulation:\n  size: 600\n")
    sc = circlesim.Scenario.load(os.path.relpath(path))
    path.write_text("days: 5\npopulation:\n  size: 600\n")  # edited after loading
    monkeypatch.chdir("/")                                      # and another folder
    run = sc.run(seed=1)
    assert run.days == 3 == sc.get("days")
    assert not hasattr(run, "scenario")  # the open run's copy is not handed out
    assert "days: 3" in run.scenario_yaml


def test_strings_are_strings_and_yaml_is_marked():
    sc = circlesim.Scenario.default()
    sc.set("name", "x # not a comment: [1")
    assert sc.get("name") == "x # not a comment: [1"
    cas = circlesim.Scenario.load(scenario_path("validation/cascade-star.yaml"))
    cas.set("cascade.seeds", circlesim.Yaml("[0, 3]"))
    assert cas.get("cascade.seeds") == [0, 3]
    cas.set("cascade.seeds", [1, 2])
    assert cas.get("cascade.seeds") == [1, 2]


def test_a_run_too_big_for_memory_is_refused_before_it_starts():
    sc = circlesim.Scenario.default().set("population.size", 2000000000)
    with pytest.raises(circlesim.CircleSimError, match="memory|GiB|TiB"):
        sc.run(seed=1)


def test_shipped_scenarios(root):
    assert circlesim.shipped("whatif/koc-seeding-a.yaml") == \
        os.path.join(root, "scenarios", "whatif", "koc-seeding-a.yaml")
    with pytest.raises(circlesim.ScenarioError, match="no shipped scenario"):
        circlesim.shipped("whatif/nothing.yaml")


def test_copy_hash_and_yaml():
    a = circlesim.Scenario.default().set("days", 20)
    b = a.copy()
    assert a.hash() == b.hash() and a.hash().startswith("sha256:")
    b.set("feed.ad_load", 0.25)
    assert a.hash() != b.hash()
    assert "ad_load: 0.25" in b.to_yaml()
    text = circlesim.Scenario.from_text("days: 7\nmodel: bass\nnetwork:\n  kind: complete\n"
                                        "population:\n  size: 100\n")
    assert text.run(seed=1).day == 7


def test_write_refuses_a_folder_of_other_files(tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    run = circlesim.Scenario.default().set("population.size", 500).set("days", 2).run(seed=1)
    with pytest.raises(circlesim.ScenarioError):
        run.write(tmp_path)
    assert os.listdir(tmp_path) == ["notes.txt"]
