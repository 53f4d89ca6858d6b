/* SPDX-License-Identifier: MIT */
/* command.h - what a command of circlesim is: its name, one line of what
 * it does, its synopsis, the options it takes (with their help), the
 * paragraphs that explain it, and the function that runs it. `--help`, the
 * option parser (getopt_long, cs_parse_options) and the usage summary all
 * read these tables, so an option is declared once. */
#ifndef CS_CLI_COMMAND_H
#define CS_CLI_COMMAND_H

#include <stdio.h>

#include "circlesim/diag.h"

/* An option as one command uses it: its name without the dashes; its
 * value's name and help, where they differ from the common table's
 * (options.c), NULL otherwise. */
typedef struct cs_option_use {
    const char *name;
    const char *value;
    const char *help;
} cs_option_use;

/* Options that many commands share, as their tables list them: the
 * scenario's (--seed, --days, --set), a batch of runs' (each run's
 * threads, --quiet, --max-memory), and the end of a table. */
#define CS_OPTIONS_SCENARIO {"seed", NULL, NULL}, {"days", NULL, NULL}, {"set", NULL, NULL}
#define CS_OPTIONS_BATCH                                                                   \
    {"threads", NULL, "threads of each run (default 1)"}, {"quiet", NULL, NULL},            \
        {"max-memory", NULL, NULL}
#define CS_OPTIONS_END {NULL, NULL, NULL}

typedef struct cs_command {
    const char *program;         /* "circlesim", "circlesim-viz" */
    const char *name;            /* NULL: the program itself (circlesim-viz) */
    const char *summary;         /* one line, for the program's usage */
    const char *forms;           /* the synopsis, after "usage: " (lines '\n'-separated) */
    const cs_option_use *options; /* ends with {NULL} */
    const char *text;            /* what it does, indented paragraphs ending in '\n' */
    int (*run)(int argc, char **argv, cs_diag *d);
} cs_command;

/* The command's help: synopsis, text, then its options one per line. */
void cs_command_help(FILE *o, const cs_command *c);
/* Option u as its command shows it: its value's name (NULL for a flag) and
 * help, the command's own where it gives them, else the common table's
 * (options.c). Returns whether it takes a value. The help, the manual pages
 * and the completion script all read options through this. */
int cs_option_describe(const cs_option_use *u, const char **value, const char **help);

#endif
