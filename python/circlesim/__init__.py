# SPDX-License-Identifier: MIT
"""circlesim from Python: load a scenario, change its keys, run it (whole
or day by day) and read its timeseries as a pandas DataFrame; run many
seeds, sweeps and paired comparisons with the library's experiment code.

    import circlesim
    sc = circlesim.Scenario.load("scenarios/whatif/koc-seeding-a.yaml")
    sc.set("feed.ad_load", 0.2)
    run = sc.run(seed=3)
    run.timeseries.plot(x="day", y="gmv")

docs/PYTHON.md tells more.
"""

from ._lib import (LIBRARY_PATH, CircleSimError, CircleSimWarning, Diagnostic,
                   ScenarioError, ffi, lib)
from .experiments import compare, params, run_many, sweep
from .run import Run
from .scenario import Scenario, Yaml, shipped


def version():
    """The version of the library loaded ("0.1.0")."""
    return ffi.string(lib.cs_version()).decode()


__version__ = version()

__all__ = ["Scenario", "Run", "Yaml", "shipped", "compare", "sweep", "run_many", "params", "version",
           "CircleSimError", "ScenarioError", "CircleSimWarning", "Diagnostic",
           "LIBRARY_PATH"]
