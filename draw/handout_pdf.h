/* SPDX-License-Identifier: MIT */
/* handout_pdf.h - a lesson's handout (the Markdown `circlesim lesson`
 * writes) set on A4 pages and written as a PDF: the same words and
 * pictures, to print for a class.
 *
 * It reads the handout's own Markdown, nothing more: "# " and "## "
 * headings, paragraphs, "- " items, "![...](FILE)" pictures (FILE in the
 * handout's folder), tables ("| a | b |" rows, the "|---|" line under the
 * header) and "---" rules; ** and ` marks are dropped.
 */
#ifndef CS_HANDOUT_PDF_H
#define CS_HANDOUT_PDF_H

#include <stdio.h>

#include "circlesim/diag.h"

/* Sets markdown on pages and writes the PDF on out, the pictures read from
 * the folder open as dirfd. Returns 0, or CS_ERR_RUNTIME (a picture that
 * cannot be read, no font, out of memory; reported). */
int cs_handout_pdf(const char *markdown, int dirfd, FILE *out, cs_diag *d);

#endif
