/* SPDX-License-Identifier: MIT */
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
    const char *robust;    /* --robust's lines, as printed; NULL: not assessed */
    const char *robust_picture; /* its PNG, NULL for none */
    const char *hinges;    /* the assumptions the verdicts hinge on, NULL or "" for none */
} cs_compare_report;

/* Writes report.html into the folder taken (atomically). Returns 0 or an
 * error (reported). */
int cs_write_compare_report(const cs_compare_report *r, cs_diag *d);

/* The pieces every report is made of, for the other commands' reports. */
#include <stdio.h>
/* Text as HTML (&, <, >, quotes escaped). */
void cs_html_text(FILE *o, const char *s);
/* The page's head and style, and its heading (both escaped). */
void cs_html_begin(FILE *o, const char *title);
/* A page in memory (*text, freed by cs_html_finish) begun with title: the
 * stream to write it to, or NULL (reported) when out of memory. The stream
 * writes *text and *len until it is closed, so both must outlive it. */
FILE *cs_html_open(char **text, size_t *len, const char *title, cs_diag *d);
/* A number as the reports write it: yuan whole with spaced thousands
 * (money), whole numbers and anything from 1 000 up whole and spaced,
 * other numbers to three digits, a dash for none (HTML). */
void cs_html_number(char *buf, size_t cap, double v, int money);
/* It in a table cell. */
void cs_html_cell(FILE *o, double v, int money);
/* The PNG name in the folder taken, inlined as an image (nothing when it
 * cannot be read). */
void cs_html_image(FILE *o, const char *name, const char *alt);
/* The footer with the command line, the end of the page, and the file
 * written into the folder taken as report.html. Takes text (from the
 * memstream o wrote into, closed here). Returns 0 or EXIT_RUNTIME. */
int cs_html_finish(FILE *o, char **text, const char *command, cs_diag *d);

#endif
