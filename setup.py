# SPDX-License-Identifier: MIT
"""Builds libcirclesim.so with CMake and bundles it in the Python package,
so that `pip install .` gives a package that needs no other install. The
version is the library's (include/circlesim/version.h)."""

import os
import re
import shutil
import subprocess

from setuptools import setup
from setuptools.command.build_py import build_py
from setuptools.dist import Distribution

ROOT = os.path.dirname(os.path.abspath(__file__))
SONAME = "libcirclesim.so.0"


def version():
    text = open(os.path.join(ROOT, "include", "circlesim", "version.h")).read()
    parts = [re.search(r"#define CS_VERSION_%s (\d+)" % p, text).group(1)
             for p in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(parts)


class BuildWithLibrary(build_py):
    def run(self):
        super().run()
        # CMake's tree in setuptools' own temporary folder, not the source.
        build = os.path.join(os.path.abspath(self.get_finalized_command("build").build_temp),
                             "circlesim-cmake")
        subprocess.check_call(["cmake", "-S", ROOT, "-B", build, "-DCMAKE_BUILD_TYPE=Release",
                               "-DBUILD_TESTING=OFF", "-DCIRCLESIM_DRAW=OFF"])
        subprocess.check_call(["cmake", "--build", build, "--target", "circlesim_shared",
                               "-j", str(os.cpu_count() or 1)])
        dest = os.path.join(self.build_lib, "circlesim")
        os.makedirs(dest, exist_ok=True)
        # The real file under the soname, the name the package loads.
        shutil.copyfile(os.path.join(build, "lib", SONAME), os.path.join(dest, SONAME))
        # The shipped scenarios (circlesim.shipped), with their input files.
        shutil.copytree(os.path.join(ROOT, "scenarios"), os.path.join(dest, "scenarios"),
                        dirs_exist_ok=True)


class WithNativeLibrary(Distribution):
    """The package carries a machine's library: its wheel is tagged for
    this platform and Python, never reused elsewhere as pure Python."""

    def has_ext_modules(self):
        return True


setup(version=version(), cmdclass={"build_py": BuildWithLibrary},
      distclass=WithNativeLibrary,
      package_data={"circlesim": [SONAME, "scenarios/*", "scenarios/*/*"]})
