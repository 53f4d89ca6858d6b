# SPDX-License-Identifier: MIT
"""Scenario: a scenario file (or the built-in default) with keys changed,
as a notebook holds it. Every change is checked at once; a run works on a
copy, so the scenario can change again while a run is open."""

import json
import math
import numbers
import os

from ._lib import Diag, ffi, input_error, lib, take_string


class Yaml:
    """A value given as YAML text, for Scenario.set: Yaml("[0, 3]") is the
    list, where the str "[0, 3]" would be that text."""

    def __init__(self, text):
        self.text = str(text)

    def __repr__(self):
        return "Yaml(%r)" % self.text


def check_count(name, value, least):
    """An int argument at least `least`, or a ScenarioError naming it."""
    whole = (isinstance(value, numbers.Integral) and not isinstance(value, bool)) or (
        isinstance(value, float) and value.is_integer())
    if not whole or value < least:
        raise input_error("circlesim: error: %s must be a whole number of at least %d, "
                          "found %r" % (name, least, value))
    return int(value)


def yaml_value(value):
    """A Python value as the YAML text a key's value is read from."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise input_error("circlesim: error: a key's value must be finite, found %r" % value)
        return repr(value)
    if isinstance(value, Yaml):
        return value.text
    if isinstance(value, str):
        return json.dumps(value)  # a string, whatever it holds: JSON strings are YAML
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict)):
        return yaml_value(value.item())  # a numpy scalar
    return json.dumps(value)  # lists and mappings: JSON is YAML


_KEYS = []


def params_keys():
    """The scenario language's keys (cached)."""
    if not _KEYS:
        _KEYS.extend(ffi.string(lib.cs_param_key(i)).decode()
                     for i in range(lib.cs_param_count()))
    return _KEYS


def python_value(text):
    """A value's YAML text as Python: numbers, booleans, null, JSON-like
    lists; anything else stays text."""
    t = text.strip()
    if t in ("true", "false"):
        return t == "true"
    if t in ("null", "~", ""):
        return None
    try:
        return json.loads(t)
    except ValueError:
        return t


def shipped(name=""):
    """The path of a scenario shipped with circlesim ("whatif/koc-seeding-a.yaml",
    "classroom/word-of-mouth.yaml"; "" for the folder): inside an installed
    package, or the repository's scenarios/ folder."""
    here = os.path.dirname(os.path.abspath(__file__))
    for folder in (os.path.join(here, "scenarios"),
                   os.path.join(os.path.dirname(os.path.dirname(here)), "scenarios")):
        if os.path.isdir(folder):
            path = os.path.join(folder, name)
            if not os.path.exists(path):
                raise input_error("%s: error: no shipped scenario of that name (%s holds "
                                  "them)" % (name, folder))
            return path
    raise input_error("circlesim: error: this installation holds no shipped scenarios")


class Scenario:
    """A scenario loaded from a file, from text or the built-in default.

        sc = Scenario.load("scenarios/whatif/koc-seeding-a.yaml")
        sc.set("feed.ad_load", 0.2)
        run = sc.run(seed=3)
    """

    def __init__(self, path=None, text=None, name=None, base_dir=None):
        self._path = os.fspath(path) if path is not None else None
        self._text = text
        self._name = name
        self._base_dir = os.path.abspath(base_dir) if base_dir else os.getcwd()
        self._sets = []
        if self._path is not None:
            # The file as it is now, read once: copies and runs use this
            # text, so a later edit of the file or a change of working
            # folder cannot make them differ from the scenario shown.
            try:
                with open(self._path, "rb") as f:
                    self._text = f.read()
            except OSError as e:
                raise input_error("%s: error: cannot read scenario: %s"
                                  % (self._path, e.strerror)) from None
            self._name = self._path
            self._base_dir = os.path.dirname(os.path.abspath(self._path))
        self._handle = self._open()

    @classmethod
    def load(cls, path):
        """The scenario file at path (its keys over the defaults)."""
        return cls(path=path)

    @classmethod
    def default(cls):
        """The built-in default scenario."""
        return cls()

    @classmethod
    def from_text(cls, text, name="<text>", base_dir=None):
        """A scenario from YAML text; messages call it `name`, relative
        paths in it resolve against base_dir (None: the working folder)."""
        return cls(text=text, name=name, base_dir=base_dir)

    def _open(self):
        with Diag() as d:
            if self._text is not None:
                raw = self._text if isinstance(self._text, bytes) else self._text.encode("utf-8")
                h = lib.cs_scenario_open_text(self._name.encode("utf-8"), raw, len(raw),
                                              self._base_dir.encode("utf-8"), d.d)
            else:
                h = lib.cs_scenario_open(ffi.NULL, d.d)  # the built-in default
            if h != ffi.NULL:
                h = ffi.gc(h, lib.cs_scenario_close)
            d.check(h == ffi.NULL)
        for assignment in self._sets:
            self._apply(h, assignment)
        return h

    @staticmethod
    def _apply(handle, assignment):
        with Diag() as d:
            d.check(lib.cs_scenario_set(handle, assignment.encode("utf-8"), d.d) != 0)

    @property
    def path(self):
        """The file the scenario was loaded from (None: default or text)."""
        return self._path

    def set(self, key, value):
        """Gives key (a dotted path, as `circlesim params` lists them) a
        value: a number, bool, str, list or dict, or circlesim.Yaml("...")
        for YAML text. Refused at once with a ScenarioError naming the key.
        Returns the scenario, so calls chain."""
        assignment = "%s=%s" % (key, yaml_value(value))
        self._apply(self._handle, assignment)
        self._sets.append(assignment)
        return self

    def get(self, key):
        """Key's value (numbers, booleans, lists as Python; text as str).
        Keys are the leaves `circlesim params` lists; a section (feed) or
        the interventions list is read whole from to_yaml()."""
        p = lib.cs_scenario_get(self._handle, key.encode("utf-8"))
        if p == ffi.NULL:
            near = [k for k in params_keys() if k.startswith(key + ".")]
            hint = ("; it is a section: get one of its keys (%s, ...)" % near[0] if near else
                    "; circlesim.params() lists every key")
            raise input_error("<get> %s: error: no key '%s' to read%s" % (key, key, hint))
        return python_value(take_string(p))

    def __getitem__(self, key):
        return self.get(key)

    def __setitem__(self, key, value):
        self.set(key, value)

    def copy(self):
        """An independent copy with the same changes (of the file as it was
        when loaded)."""
        c = Scenario.__new__(Scenario)
        c._path, c._text, c._name, c._base_dir = self._path, self._text, self._name, self._base_dir
        c._sets = list(self._sets)
        c._handle = c._open()
        return c

    def validate(self):
        """Checks across keys and input files; raises ScenarioError with
        every problem. Keys that change nothing (one the model does not read,
        more KOCs seeded than the world holds) are warned about as
        CircleSimWarning, as `circlesim check` does. Returns the scenario."""
        with Diag() as d:
            failed = lib.cs_scenario_validate(self._handle, d.d) != 0
            if not failed:
                lib.cs_scenario_warn_inapplicable(self._handle, d.d)
            d.check(failed)
        return self

    def to_yaml(self):
        """The resolved scenario, every key, as YAML."""
        return take_string(lib.cs_scenario_to_yaml(self._handle, 0))

    def hash(self):
        """"sha256:..." of the resolved scenario: equal hashes run the same."""
        out = ffi.new("char[72]")
        if lib.cs_scenario_hash(self._handle, out) != 0:
            raise MemoryError("circlesim: out of memory")
        return ffi.string(out).decode("ascii")

    def for_run(self, seed=None):
        """A validated copy holding its own handle, for a run or an arm of
        an experiment (seed replaces the scenario's when given)."""
        c = self.copy()
        if seed is not None:
            c.set("seed", int(seed))
        c.validate()
        return c

    def start(self, seed=None, threads=0):
        """A run of a copy of this scenario, built (network, world, warm-up)
        and at day 0: step it, or iterate over it day by day."""
        from .run import Run
        check_count("threads", threads, 0)
        return Run(self.for_run(seed), threads)

    def run(self, seed=None, threads=0):
        """Runs every day and returns the finished Run. threads 0 takes
        every core; the result is the same whatever the count."""
        r = self.start(seed, threads)
        r.finish()
        return r

    def __repr__(self):
        where = self._path or self._name or "the default scenario"
        return "<circlesim.Scenario %s%s>" % (where,
                                             "".join(" " + s for s in self._sets))
