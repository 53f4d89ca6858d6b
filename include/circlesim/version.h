/* SPDX-License-Identifier: MIT */
/* version.h - circlesim's version. CMakeLists.txt reads the three numbers
 * from here, so the library, the programs and their files agree. */
#ifndef CIRCLESIM_VERSION_H
#define CIRCLESIM_VERSION_H

#include "circlesim/api.h"

#define CS_VERSION_MAJOR 0
#define CS_VERSION_MINOR 1
#define CS_VERSION_PATCH 0
/* One number that grows with every release: 10000 * major + 100 * minor + patch. */
#define CS_VERSION_NUMBER (CS_VERSION_MAJOR * 10000 + CS_VERSION_MINOR * 100 + CS_VERSION_PATCH)

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the library a program runs against ("0.1.0"), which may
 * differ from the CS_VERSION_* it was compiled with. */
CS_API const char *cs_version(void);
CS_API int cs_version_number(void);

#ifdef __cplusplus
}
#endif

#endif
