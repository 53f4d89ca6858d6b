# SPDX-License-Identifier: MIT
"""Experiments over many runs, run by the library's own experiment code
(the runs of `circlesim sweep` and `circlesim compare`, on paired seeds),
returned as pandas DataFrames."""

import threading

from ._lib import CircleSimError, Diag, ffi, lib
from .scenario import Scenario, check_count, yaml_value


def _interruptible(call):
    """call(stop) in a thread of its own while this one waits: Ctrl-C (a
    notebook's interrupt) sets *stop, the library's runs stop at the end of
    their day, and KeyboardInterrupt is raised once they have."""
    stop = ffi.new("volatile int *")
    box = {}

    def work():
        try:
            box["result"] = call(stop)
        except BaseException as e:  # handed to the waiting thread
            box["error"] = e

    worker = threading.Thread(target=work, name="circlesim", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.1)
    except KeyboardInterrupt:
        stop[0] = 1
        worker.join()
        raise
    if "error" in box:
        raise box["error"]
    return box["result"]


def _scenario(s):
    return s if isinstance(s, Scenario) else Scenario.load(s)


def _table(sw):
    """A cs_sweep's runs.csv as a DataFrame, numbers as numbers."""
    import pandas as pd
    ncol, nrow = lib.cs_sweep_column_count(sw), lib.cs_sweep_row_count(sw)
    names = [ffi.string(lib.cs_sweep_column_name(sw, c)).decode() for c in range(ncol)]
    data = {n: [ffi.string(lib.cs_sweep_cell(sw, r, c)).decode() for r in range(nrow)]
            for c, n in enumerate(names)}
    df = pd.DataFrame(data, columns=names)
    for n in names:
        if len(df) and df[n].isin(["true", "false"]).all():
            df[n] = df[n] == "true"  # a varied switch, as get() reads it
            continue
        try:
            df[n] = pd.to_numeric(df[n])
        except (ValueError, TypeError):
            pass  # text: a varied key's value such as a network kind
    return df


def _vary_texts(vary):
    """{key: values} (or "KEY=VALUES" strings) as `--vary` takes them."""
    if isinstance(vary, str):
        return [vary]
    if isinstance(vary, dict):
        out = []
        for key, values in vary.items():
            if isinstance(values, str):  # "LO:HI:STEP", "LO:HI" or "a,b"
                out.append("%s=%s" % (key, values))
            else:
                # --vary's values are words (a network kind) or numbers.
                out.append("%s=%s" % (key, ",".join(v if isinstance(v, str) else yaml_value(v)
                                                    for v in values)))
        return out
    return list(vary)


def sweep(scenario, vary, design=None, replicates=10, seed=None, jobs=0, threads=1):
    """Runs scenario over a design of the varied keys, `replicates` runs a
    point on paired seeds, and returns runs.csv's table: a row a run with
    run, point, replicate, seed, each varied key and the metrics.

        sweep(sc, {"feed.ad_load": [0.05, 0.1, 0.2]}, replicates=5)
        sweep(sc, {"feed.ad_load": "0.05:0.3"}, design="lhs:20")

    design: "factorial" (default), "lhs:N" or "morris:R". jobs: runs at once
    (0: every core); threads: each run's threads."""
    replicates = check_count("replicates", replicates, 1)
    jobs, threads = check_count("jobs", jobs, 0), check_count("threads", threads, 0)
    sc = _scenario(scenario).for_run(seed)
    texts = [t.encode("utf-8") for t in _vary_texts(vary)]
    # The strings must outlive the call: cffi frees an array's items with
    # the Python objects, not with the array.
    strings = [ffi.new("char[]", t) for t in texts]
    arr = ffi.new("const char *[]", strings or [ffi.NULL])
    design_c = ffi.new("char[]", design.encode()) if design else ffi.NULL

    def call(stop):
        opt = ffi.new("cs_sweep_options *", {"design": design_c, "replicates": replicates,
                                              "jobs": jobs, "threads": threads, "stop": stop})
        with Diag() as d:
            sw = lib.cs_sweep_run(sc._handle, arr, len(texts), opt, d.d)
            if sw != ffi.NULL:
                sw = ffi.gc(sw, lib.cs_sweep_close)
            d.check(sw == ffi.NULL)
        return sw

    sw = _interruptible(call)
    del strings
    return _table(sw)


def run_many(scenario, replicates=10, seed=None, jobs=0, threads=1):
    """`replicates` runs of scenario on the seeds an experiment uses (the
    scenario's seed, or `seed`, then seeds derived from it), as many at once
    as fit: a row a run with its seed and summary metrics (final_*,
    total_*), as a sweep's runs.csv holds them."""
    return sweep(scenario, [], None, replicates, seed, jobs, threads)


def compare(a, b, replicates=10, seed=None, jobs=0, threads=1):
    """Runs a and b on paired seeds (replicate r of both with the same
    seed) and returns a row a metric, in compare.csv's words: each side's
    mean (a_mean, b_mean), the paired difference B - A with its 95%
    interval (diff_mean, diff_ci_lo, diff_ci_hi), and the relative change
    (rel_change) with its interval by the delta method (rel_ci_lo,
    rel_ci_hi). `df.attrs["runs"]` holds every run's metrics (side,
    replicate, then the metrics)."""
    import pandas as pd
    replicates = check_count("replicates", replicates, 2)
    jobs, threads = check_count("jobs", jobs, 0), check_count("threads", threads, 0)
    sa = _scenario(a).for_run(seed)
    sb = _scenario(b).for_run(seed if seed is not None else sa.get("seed"))
    def call(stop):
        opt = ffi.new("cs_compare_options *", {"replicates": replicates, "jobs": jobs,
                                                "threads": threads, "stop": stop})
        with Diag() as d:
            c = lib.cs_compare(sa._handle, sb._handle, opt, d.d)
            if c != ffi.NULL:
                c = ffi.gc(c, lib.cs_comparison_close)
            d.check(c == ffi.NULL)
        return c

    c = _interruptible(call)
    names = [ffi.string(lib.cs_comparison_metric_name(c, m)).decode()
             for m in range(lib.cs_comparison_metric_count(c))]
    st = ffi.new("cs_compared *")
    rel = ffi.new("double[3]")
    rows = []
    for m in range(len(names)):
        lib.cs_comparison_metric(c, m, st)
        lib.cs_comparison_relative(c, m, rel, rel + 1, rel + 2)
        rows.append({"a_mean": st.a_mean, "b_mean": st.b_mean,
                     "diff_mean": st.diff_mean, "diff_ci_lo": st.diff_lo,
                     "diff_ci_hi": st.diff_hi, "rel_change": st.rel,
                     "rel_ci_lo": rel[1], "rel_ci_hi": rel[2]})
    df = pd.DataFrame(rows, index=pd.Index(names, name="metric"))
    R = lib.cs_comparison_replicates(c)
    runs = [dict({"side": "AB"[side], "replicate": r},
                 **{n: lib.cs_comparison_value(c, side, r, m) for m, n in enumerate(names)})
            for side in (0, 1) for r in range(R)]
    df.attrs["runs"] = pd.DataFrame(runs)
    df.attrs["replicates"] = R
    return df


def params():
    """The scenario language's keys: key, unit, meaning, and whether it is
    a lever (may change during a run)."""
    import pandas as pd
    rows = []
    for i in range(lib.cs_param_count()):
        unit = lib.cs_param_unit(i)
        rows.append({"key": ffi.string(lib.cs_param_key(i)).decode(),
                     "unit": ffi.string(unit).decode() if unit != ffi.NULL else "",
                     "meaning": ffi.string(lib.cs_param_doc(i)).decode(),
                     "lever": bool(lib.cs_param_is_lever(i))})
    return pd.DataFrame(rows)


__all__ = ["sweep", "run_many", "compare", "params", "CircleSimError"]
