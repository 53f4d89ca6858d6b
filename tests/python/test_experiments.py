# SPDX-License-Identifier: MIT
"""run_many, sweep and compare from Python against `circlesim sweep` and
`circlesim compare` on the same scenarios and seeds."""

import numpy as np
import pandas as pd
import pytest

from conftest import scenario_path

import circlesim

SETS = {"population.size": 1500, "days": 25, "brand.koc_seeds": 60}


def small(name):
    sc = circlesim.Scenario.load(scenario_path(name))
    for k, v in SETS.items():
        sc.set(k, v)
    return sc


def set_args():
    return [a for k, v in SETS.items() for a in ("--set", "%s=%s" % (k, v))]


def test_sweep_is_the_commands_runs_csv(cli, tmp_path):
    sc = small("whatif/koc-seeding-a.yaml")
    df = circlesim.sweep(sc, {"feed.ad_load": [0.05, 0.2]}, replicates=3, jobs=2)
    cli("sweep", scenario_path("whatif/koc-seeding-a.yaml"), *set_args(),
        "--vary", "feed.ad_load=0.05,0.2", "--replicates", 3, "--quiet", "--out", tmp_path)
    pd.testing.assert_frame_equal(df, pd.read_csv(tmp_path / "runs.csv"))
    assert len(df) == 6 and sorted(df["feed.ad_load"].unique()) == [0.05, 0.2]


def test_a_swept_switch_reads_as_booleans():
    sc = small("whatif/koc-seeding-a.yaml").set("days", 5)
    df = circlesim.sweep(sc, {"circles.invite_only": [True, False]}, replicates=1)
    assert df["circles.invite_only"].dtype == bool
    assert list(df["circles.invite_only"]) == [True, False]


def test_run_many_uses_the_experiments_seeds():
    sc = small("whatif/koc-seeding-a.yaml")
    df = circlesim.run_many(sc, replicates=3, seed=11, jobs=2)
    assert list(df["replicate"]) == [0, 1, 2]
    assert df["seed"].iloc[0] == 11 and df["seed"].nunique() == 3
    # Each row is the run a single Run gives on that seed.
    one = sc.run(seed=int(df["seed"].iloc[2]))
    assert df["total_orders"].iloc[2] == one.summary["totals"]["orders"]


def test_compare_is_the_commands_compare_csv(cli, tmp_path):
    a, b = small("whatif/koc-seeding-a.yaml"), small("whatif/kol-posts-b.yaml")
    df = circlesim.compare(a, b, replicates=4, jobs=2)
    cli("compare", scenario_path("whatif/koc-seeding-a.yaml"),
        scenario_path("whatif/kol-posts-b.yaml"), *set_args(), "--replicates", 4,
        "--quiet", "--out", tmp_path)
    ref = pd.read_csv(tmp_path / "compare.csv").set_index("metric")
    # The command adds the campaign-against-none rows (incremental_*) when
    # one arm runs no campaign; every other row is the library's.
    ref = ref.loc[[m for m in ref.index if not m.startswith("incremental_")]]
    assert list(ref.index) == list(df.index)
    for col in ("a_mean", "b_mean", "diff_mean", "diff_ci_lo", "diff_ci_hi", "rel_change"):
        got, want = df.loc[ref.index, col].to_numpy(float), ref[col].to_numpy(float)
        # compare.csv holds ten significant digits.
        assert np.allclose(got, want, rtol=1e-9, atol=1e-9, equal_nan=True), col
    runs = df.attrs["runs"]
    assert len(runs) == 8 and set(runs["side"]) == {"A", "B"}
    brand = df.loc["brand_gmv"]
    assert brand["diff_ci_lo"] <= brand["diff_mean"] <= brand["diff_ci_hi"]


def test_bad_experiments_are_refused():
    sc = small("whatif/koc-seeding-a.yaml")
    with pytest.raises(circlesim.ScenarioError, match="replicates"):
        circlesim.run_many(sc, replicates=0)
    with pytest.raises(circlesim.ScenarioError, match="replicates"):
        circlesim.compare(sc, sc, replicates=1)
    with pytest.raises(circlesim.ScenarioError):
        circlesim.sweep(sc, {"feed.no_such_key": [1, 2]}, replicates=2)
    with pytest.raises(circlesim.ScenarioError):
        circlesim.sweep(sc, {"feed.ad_load": "0.1:0.3"}, design="lhs:0", replicates=2)
    with pytest.raises(circlesim.ScenarioError):
        circlesim.compare(sc, circlesim.Scenario.load(scenario_path("validation/bass.yaml")),
                          replicates=2)


def test_an_interrupt_stops_a_sweep_soon():
    import _thread
    import threading
    import time
    # Minutes of runs on any machine; the interrupt comes after 1 s.
    sc = circlesim.Scenario.default().set("population.size", 20000).set("days", 200)
    timer = threading.Timer(1.0, _thread.interrupt_main)
    timer.start()
    t = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        circlesim.run_many(sc, replicates=300, jobs=2)
    timer.cancel()
    assert time.monotonic() - t < 15, "the runs went on after the interrupt"
    # The library is usable again at once.
    assert circlesim.run_many(small("whatif/koc-seeding-a.yaml"), replicates=2).shape[0] == 2


def test_params_lists_levers():
    p = circlesim.params()
    assert {"key", "unit", "meaning", "lever"} <= set(p.columns)
    row = p.set_index("key").loc["feed.ad_load"]
    assert bool(row["lever"]) and not bool(p.set_index("key").loc["population.size", "lever"])
