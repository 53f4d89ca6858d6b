/* SPDX-License-Identifier: MIT */
/* config.h - what libfyaml's ./configure would write for emscripten, for
 * the WebAssembly build only (scripts/build-web.sh compiles libfyaml's
 * files with -DHAVE_CONFIG_H and this folder first).
 *
 * Why: libfyaml's sources come from Debian's source package at build time
 * and are compiled file by file with emcc; running its autotools under
 * emconfigure would need autoconf's tools and guess less reliably than
 * these few lines, all of which hold for emscripten's musl libc. */
#define HAVE_DECL_ENVIRON 1
#define HAVE_INTTYPES_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define HAVE_SSIZE_T 1
#define STDC_HEADERS 1
/* emscripten's musl has no qsort_r; the page parses on one thread, which
 * libfyaml's fallback needs. */
#define HAVE_QSORT_R 0
#define PACKAGE "libfyaml"
#define PACKAGE_NAME "libfyaml"
#define PACKAGE_VERSION CS_FYAML_VERSION
#define PACKAGE_STRING "libfyaml " CS_FYAML_VERSION
#define VERSION CS_FYAML_VERSION
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
