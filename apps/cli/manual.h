/* SPDX-License-Identifier: MIT */
/* manual.h - the programs' manual pages (roff, man(7) macros) and their bash
 * completion, written from the same command tables as --help
 * (cli/command.h): an option added to a table appears in all three, so they
 * cannot drift apart. The build writes them (apps/CMakeLists.txt) with
 * `PROGRAM --man [COMMAND]` and `PROGRAM --completion bash`. */
#ifndef CS_CLI_MANUAL_H
#define CS_CLI_MANUAL_H

#include <stddef.h>
#include <stdio.h>

#include "circlesim/diag.h"
#include "cli/command.h"

/* A program as its pages describe it. */
typedef struct cs_program_doc {
    const char *program;               /* "circlesim", "circlesim-viz" */
    const char *version;
    const char *summary;               /* the NAME line of its own page */
    const cs_command *const *commands; /* its commands; or its own table alone (name NULL) */
    size_t ncommands;
    const char *about;                 /* its own page's description (indented paragraphs), or NULL */
    const char *files;                 /* its own page's FILES: "NAME\tmeaning\n" lines, or NULL */
    const char *const *others;         /* the family's other programs with a page, NULL-terminated */
} cs_program_doc;

/* The exit codes every program shares, as --help and the pages list them. */
typedef struct cs_exit_code_doc {
    const char *code, *meaning;
} cs_exit_code_doc;
extern const cs_exit_code_doc cs_exit_codes[];
extern const size_t cs_exit_code_count;

/* `PROGRAM --man [COMMAND]` and `PROGRAM --completion bash`, argv[0] being
 * the option: the program's page (circlesim(1); for a program without
 * commands, its only page), a command's page (circlesim-run(1)), or the
 * completion script, on standard output. Returns the exit code: 0, or
 * EXIT_USAGE (reported) for a command or shell it does not know, or
 * EXIT_RUNTIME (reported) when the tables contradict themselves (an example
 * naming an option its command does not take). */
int cs_manual_main(int argc, char **argv, const cs_program_doc *p, cs_diag *d);

#endif
