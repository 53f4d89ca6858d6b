/* SPDX-License-Identifier: MIT */
/* circlesim.h - the circlesim library: an agent-based simulator of an
 * interest-community platform (users, KOCs, KOLs, brands, circles and group
 * chats, from seeding to purchase) and of the textbook diffusion models.
 *
 * One header for everything a program needs: load a scenario, set its keys,
 * run it day by day, read its columns and facts, write its folder, and
 * compare two scenarios on paired seeds. Handles
 * are opaque; errors come back as enum cs_err and are reported through a
 * cs_diag as FILE:LINE:COL: error: lines.
 *
 * Installed, link the shared library with `pkg-config --cflags --libs
 * circlesim`, or in CMake find_package(circlesim) and the target
 * circlesim::engine; circlesim::engine_static is libcirclesim.a, which
 * also needs libfyaml, libcrypto, libm and OpenMP (pkg-config --static).
 * CS_VERSION_* say which version a program was compiled against,
 * cs_version() which it runs with.
 */
#ifndef CIRCLESIM_H
#define CIRCLESIM_H

#include "circlesim/version.h"
#include "circlesim/diag.h"
#include "circlesim/scenario.h"
#include "circlesim/run.h"
#include "circlesim/experiment.h"

#endif
