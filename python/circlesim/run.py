# SPDX-License-Identifier: MIT
"""Run: one run of a scenario, stepped day by day or all at once, whose
timeseries is a pandas DataFrame and whose summary is a dict."""

import json
import os

from ._lib import CircleSimError, Diag, closed_error, ffi, input_error, kind_of, lib, take_string
from .scenario import check_count


class Run:
    """A run of a validated scenario. Iterating steps it one day at a time
    and yields the day just simulated:

        run = sc.start(seed=1)
        for day in run:
            if day == 30:
                run.set_lever("feed.ad_load", 0.3)
        run.timeseries.plot(x="day", y="gmv")
    """

    def __init__(self, scenario, threads=0):
        # The run's own copy, held while the run reads it and never
        # handed out: a change to it would change the open run's record.
        self._scenario = scenario
        with Diag() as d:
            h = lib.cs_run_open(scenario._handle, int(threads), d.d)
            if h != ffi.NULL:
                h = ffi.gc(h, lib.cs_run_close)
            d.check(h == ffi.NULL, CircleSimError)
        self._handle = h
        n = lib.cs_run_column_count(h)
        self.columns = [ffi.string(lib.cs_run_column_name(h, i)).decode() for i in range(n)]
        self._row = ffi.new("double[]", max(n, 1))

    @property
    def _h(self):
        # Every call goes through here: a closed run says so.
        if self._handle is None:
            raise closed_error("run")
        return self._handle

    @property
    def day(self):
        """Days simulated so far."""
        return int(lib.cs_run_day(self._h))

    @property
    def days(self):
        """Days the scenario runs."""
        return int(lib.cs_run_days(self._h))

    @property
    def done(self):
        return self.day >= self.days

    def step(self, days=1):
        """Simulates the next `days` days (fewer when the run ends first);
        returns the last day simulated."""
        for _ in range(check_count("days", days, 0)):
            if self.done:
                break
            rc = lib.cs_run_step(self._h)
            if rc != 0:
                raise (MemoryError if rc == lib.CS_ERR_NOMEM else CircleSimError)(
                    "circlesim: error: the run stopped on day %d (code %d)" % (self.day + 1, rc))
        return self.day

    def finish(self):
        """Simulates every day left; returns the run."""
        self.step(self.days - self.day)
        return self

    def __iter__(self):
        while not self.done:
            yield self.step()

    def row(self, day=None):
        """Day `day`'s row (default the last simulated) as {column: value},
        values as timeseries.csv shows them (NaN where it is empty)."""
        day = self.day if day is None else int(day)
        n = lib.cs_run_row(self._h, day, self._row, len(self.columns))
        if n == 0:
            raise IndexError("circlesim: day %d is not simulated (%s)" % (
                day, "no day is yet: step the run first" if self.day == 0 else
                "days 1 to %d are" % self.day))
        return {c: int(self._row[i]) if c == "day" else self._row[i]
                for i, c in enumerate(self.columns)}

    @property
    def timeseries_csv(self):
        """timeseries.csv's text so far: the bytes `circlesim run` writes."""
        return take_string(lib.cs_run_timeseries(self._h))

    @property
    def timeseries(self):
        """Days 1 .. day as a pandas DataFrame: exactly what pandas.read_csv
        reads from the CLI's timeseries.csv for the same scenario and seed."""
        import io
        import pandas as pd
        return pd.read_csv(io.StringIO(self.timeseries_csv))

    @property
    def facts(self):
        """The model's facts so far ({} for the textbook models)."""
        h = self._h
        return {ffi.string(lib.cs_run_fact_name(h, i)).decode(): lib.cs_run_fact(h, i)
                for i in range(lib.cs_run_fact_count(h))}

    @property
    def summary(self):
        """summary.json as a dict."""
        return json.loads(take_string(lib.cs_run_summary(self._h)))

    @property
    def scenario_yaml(self):
        """The run's scenario, resolved, as YAML (what write() puts in
        scenario.yaml, but for levers set during the run)."""
        return take_string(lib.cs_scenario_to_yaml(self._scenario._handle, 0))

    def set_lever(self, key, value):
        """Lever `key` takes `value` from the next day on (recorded as an
        intervention in the run's scenario.yaml)."""
        if isinstance(value, str) and value in ("true", "false"):
            value = value == "true"
        try:
            number = float(value)  # booleans as 1 and 0, as the levers take them
        except (TypeError, ValueError):
            raise input_error("<set> %s: error: a lever takes a number or true/false, "
                              "found %r" % (key, value)) from None
        with Diag() as d:
            rc = lib.cs_run_set_lever(self._h, key.encode("utf-8"), number, d.d)
            d.check(rc != 0, kind_of(rc))
        return self

    def write(self, folder):
        """Writes the run's folder as `circlesim run --out` does:
        scenario.yaml, timeseries.csv and summary.json. Returns the path."""
        folder = os.fspath(folder)
        with Diag() as d:
            rc = lib.cs_run_write(self._h, folder.encode("utf-8"), d.d)
            d.check(rc != 0, kind_of(rc))
        return folder

    def close(self):
        """Frees the run now rather than when it is collected."""
        if self._handle is not None:
            ffi.release(self._handle)
            self._handle = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def __repr__(self):
        return "<circlesim.Run day %d of %d>" % (self.day, self.days)
