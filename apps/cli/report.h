/* report.h - report.html: a one-page decision report beside an
 * experiment's files, self-contained (inline style, the picture inlined),
 * readable from disk in any browser and printable on one or two pages. */
#ifndef CS_CLI_REPORT_H
#define CS_CLI_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "circlesim/diag.h"
#include "circlesim/experiment.h"

/* What compare knows when it has run. */
typedef struct cs_compare_report {
    const char *label[2];  /* "A: name", "B: name" */
    const char *question;  /* the keys that differ, with both values; NULL: none */
    const char *heading;   /* what the verdict is on */
    const char *verdicts;  /* the verdict's lines, as printed */
    const cs_comparison *cmp;
    size_t replicates;
    int identical;         /* every pair gave the same runs */
    const char *command;   /* the command line */
    const char *picture;   /* the PNG in the folder to inline, NULL for none */
} cs_compare_report;

/* Writes report.html into the folder taken (atomically). Returns 0 or an
 * error (reported). */
int cs_write_compare_report(const cs_compare_report *r, cs_diag *d);

#endif
