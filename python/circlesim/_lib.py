# SPDX-License-Identifier: MIT
"""The shared library libcirclesim, loaded with cffi, and the diagnostics
it reports: each call that can fail gets a cs_diag writing into memory, and
its lines become exceptions and warnings."""

import os
import re
import sys
import warnings

from cffi import FFI

# The public API (include/circlesim/*.h) as cffi reads it: the headers
# without their macros. tests/python/test_api.py checks that every function
# the headers mark CS_API is here with the same parameters.
CDEF = """
typedef struct _IO_FILE FILE;
FILE *open_memstream(char **ptr, size_t *sizeloc);
int fclose(FILE *stream);
void free(void *ptr);

enum cs_err { CS_OK = 0, CS_ERR_RUNTIME = -1, CS_ERR_INPUT = -2, CS_ERR_NOMEM = -3,
              CS_ERR_INTERRUPTED = -4 };
typedef struct cs_diag { FILE *out; int errors; int muted; const char *hint; } cs_diag;
void cs_diag_init(cs_diag *d, FILE *out);

const char *cs_version(void);
int cs_version_number(void);

typedef struct cs_scenario cs_scenario;
cs_scenario *cs_scenario_open(const char *path, cs_diag *diag);
cs_scenario *cs_scenario_open_text(const char *name, const char *text, size_t len,
                                   const char *base_dir, cs_diag *diag);
void cs_scenario_close(cs_scenario *sc);
int cs_scenario_set(cs_scenario *sc, const char *assignment, cs_diag *diag);
char *cs_scenario_get(const cs_scenario *sc, const char *key);
int cs_scenario_validate(cs_scenario *sc, cs_diag *diag);
int cs_scenario_warn_inapplicable(const cs_scenario *sc, cs_diag *diag);
char *cs_scenario_to_yaml(const cs_scenario *sc, int for_hash);
int cs_scenario_hash(const cs_scenario *sc, char out[72]);
size_t cs_param_count(void);
const char *cs_param_key(size_t i);
const char *cs_param_unit(size_t i);
const char *cs_param_doc(size_t i);
int cs_param_is_lever(size_t i);

typedef struct cs_run cs_run;
cs_run *cs_run_open(cs_scenario *sc, int threads, cs_diag *diag);
void cs_run_close(cs_run *r);
int cs_run_step(cs_run *r);
int64_t cs_run_day(const cs_run *r);
int64_t cs_run_days(const cs_run *r);
size_t cs_run_column_count(const cs_run *r);
const char *cs_run_column_name(const cs_run *r, size_t i);
size_t cs_run_row(const cs_run *r, int64_t day, double *values, size_t cap);
size_t cs_run_fact_count(const cs_run *r);
const char *cs_run_fact_name(const cs_run *r, size_t i);
double cs_run_fact(const cs_run *r, size_t i);
int cs_run_set_lever(cs_run *r, const char *key, double value, cs_diag *diag);
char *cs_run_summary(const cs_run *r);
char *cs_run_timeseries(const cs_run *r);
int cs_run_write(const cs_run *r, const char *dir, cs_diag *diag);

int64_t cs_replicate_seed(int64_t base, int64_t r);
typedef struct cs_compare_options {
    size_t replicates; int jobs; int threads; volatile int *stop;
} cs_compare_options;
typedef struct cs_comparison cs_comparison;
typedef struct cs_compared {
    double a_mean, b_mean, diff_mean, diff_lo, diff_hi, rel;
} cs_compared;
cs_comparison *cs_compare(const cs_scenario *a, const cs_scenario *b,
                          const cs_compare_options *opt, cs_diag *diag);
void cs_comparison_close(cs_comparison *c);
size_t cs_comparison_metric_count(const cs_comparison *c);
const char *cs_comparison_metric_name(const cs_comparison *c, size_t m);
size_t cs_comparison_replicates(const cs_comparison *c);
double cs_comparison_value(const cs_comparison *c, int side, size_t r, size_t m);
void cs_comparison_metric(const cs_comparison *c, size_t m, cs_compared *out);
void cs_comparison_relative(const cs_comparison *c, size_t m, double *rel, double *lo,
                            double *hi);
typedef struct cs_sweep_options {
    const char *design; size_t replicates; int jobs; int threads; volatile int *stop;
} cs_sweep_options;
typedef struct cs_sweep cs_sweep;
cs_sweep *cs_sweep_run(const cs_scenario *sc, const char *const *vary, size_t nvary,
                       const cs_sweep_options *opt, cs_diag *diag);
void cs_sweep_close(cs_sweep *s);
size_t cs_sweep_row_count(const cs_sweep *s);
size_t cs_sweep_column_count(const cs_sweep *s);
const char *cs_sweep_column_name(const cs_sweep *s, size_t c);
const char *cs_sweep_cell(const cs_sweep *s, size_t row, size_t c);
"""

SONAME = "libcirclesim.so.0"

ffi = FFI()
ffi.cdef(CDEF)


def _candidates():
    """Where the library may be, in the order tried."""
    env = os.environ.get("CIRCLESIM_LIBRARY")
    if env:
        # Named on purpose: no other is tried, so a wrong path is an error.
        return [env]
    here = os.path.dirname(os.path.abspath(__file__))
    found = [os.path.join(here, SONAME)]  # bundled by pip install
    # Used from the repository (PYTHONPATH=python): the build ./run.sh
    # makes, then the other unsanitized builds test.sh makes.
    root = os.path.dirname(os.path.dirname(here))
    for build in ("release", "valgrind", "nodraw"):
        found.append(os.path.join(root, "build", build, "lib", SONAME))
    found.append(SONAME)  # installed: the dynamic loader's own search
    return found


def _load():
    tried = []
    for path in _candidates():
        if os.sep in path and not os.path.exists(path):
            tried.append(path)
            continue
        try:
            return ffi.dlopen(path), path
        except OSError as e:
            tried.append("%s (%s)" % (path, e))
    raise ImportError(
        "circlesim: cannot find libcirclesim (build it with ./run.sh or "
        "cmake, install it, or name it in CIRCLESIM_LIBRARY); tried: " + "; ".join(tried))


lib, LIBRARY_PATH = _load()
libc = ffi.dlopen(None)


class CircleSimError(Exception):
    """A problem circlesim reported. `diagnostics` holds every line as a
    Diagnostic (file, line, col, key, message); the first error's place is
    also on the exception itself."""

    def __init__(self, text, diagnostics=()):
        super().__init__(text)
        self.diagnostics = list(diagnostics)
        first = next((d for d in self.diagnostics if d.severity == "error"), None)
        self.file = first.file if first else None
        self.line = first.line if first else None
        self.col = first.col if first else None
        self.key = first.key if first else None
        self.message = first.message if first else text


class ScenarioError(CircleSimError, ValueError):
    """A scenario, a key's value or an argument that circlesim refuses
    (the command line's exit 2)."""


class CircleSimWarning(UserWarning):
    """A warning circlesim reported: the run goes on."""


class Diagnostic:
    """One line of circlesim's diagnostics, taken apart."""

    _AT = re.compile(r"^(.*?):(\d+):(\d+): (error|warning): (.*)$")
    _SET = re.compile(r"^<[gs]et> (\S+): (error|warning): (.*)$")
    _BARE = re.compile(r"^(\S+): (error|warning): (.*)$")

    def __init__(self, text):
        self.text = text
        self.file = self.line = self.col = self.key = None
        self.severity, self.message = "error", text
        m = self._AT.match(text)
        if m:
            self.file, self.line, self.col = m.group(1), int(m.group(2)), int(m.group(3))
            self.severity, self.message = m.group(4), m.group(5)
            return
        m = self._SET.match(text)
        if m:
            self.key, self.severity, self.message = m.group(1), m.group(2), m.group(3)
            return
        m = self._BARE.match(text)
        if m:
            self.severity, self.message = m.group(2), m.group(3)
            if m.group(1) != "circlesim":
                self.file = m.group(1)  # a file named without a place

    def __repr__(self):
        return "Diagnostic(%r)" % self.text


class Diag:
    """A cs_diag whose lines are kept in memory: `with Diag() as d:` then
    d.check(rc) raises or warns from what the call reported."""

    def __enter__(self):
        self._buf = ffi.new("char **")
        self._len = ffi.new("size_t *")
        self._fp = libc.open_memstream(self._buf, self._len)
        if self._fp == ffi.NULL:
            raise MemoryError("circlesim: cannot open a memory stream")
        self.d = ffi.new("cs_diag *")
        lib.cs_diag_init(self.d, self._fp)
        return self

    def __exit__(self, *exc):
        self._close()
        return False

    def _close(self):
        if self._fp is None:
            return getattr(self, "_text", "")
        libc.fclose(self._fp)
        self._fp = None
        self._text = ffi.string(self._buf[0], self._len[0]).decode("utf-8", "replace")
        libc.free(self._buf[0])
        return self._text

    def lines(self):
        return [Diagnostic(t) for t in self._close().splitlines() if t.strip()]

    def check(self, failed, kind=ScenarioError):
        """Warnings go to Python's warnings; on failure (or any error line)
        raises `kind` carrying every line."""
        lines = self.lines()
        for line in lines:
            if line.severity == "warning":
                warnings.warn(line.text, CircleSimWarning, stacklevel=_caller_level())
        errors = [line for line in lines if line.severity == "error"]
        if failed or errors:
            text = "\n".join(line.text for line in errors) or "circlesim: the call failed"
            raise kind(text, lines)


def _caller_level():
    """warnings.warn's stacklevel of the first frame outside this package,
    so that a warning names the user's line, not ours."""
    here = os.path.dirname(os.path.abspath(__file__))
    f, level = sys._getframe(1), 1
    while f is not None and os.path.dirname(os.path.abspath(f.f_code.co_filename)) == here:
        f, level = f.f_back, level + 1
    return level


def take_string(p):
    """A malloc'ed C string as str, freed."""
    if p == ffi.NULL:
        raise MemoryError("circlesim: out of memory")
    try:
        return ffi.string(p).decode("utf-8")
    finally:
        libc.free(p)


def input_error(line):
    """A ScenarioError of one line of circlesim's form, taken apart."""
    return ScenarioError(line, [Diagnostic(line)])


def closed_error(what):
    return CircleSimError("circlesim: error: the %s is closed" % what)


def kind_of(rc):
    """The exception class of an error code."""
    return ScenarioError if rc == lib.CS_ERR_INPUT else CircleSimError
