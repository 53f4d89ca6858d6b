/* SPDX-License-Identifier: MIT */
/* pdf.h - a PDF of whole-page pictures: a handout that prints the same
 * everywhere, Chinese included, with no font to embed (the text is drawn
 * into the pictures by the drawing library's own fonts).
 *
 * Each page is one PNG (8-bit RGB, not interlaced) placed to fill it. Its
 * compressed data go into the PDF as they are: PDF's Flate filter with the
 * PNG predictors reads a PNG's IDAT stream directly (PDF 1.4, 7.4.4.4), so
 * nothing is compressed twice and no compression library is needed. No
 * SDL here: PNG bytes in, PDF bytes out.
 */
#ifndef CS_PDF_H
#define CS_PDF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct cs_pdf cs_pdf;

/* Starts a PDF on out (positions are counted as written, so out need not
 * seek). NULL when out of memory. */
cs_pdf *cs_pdf_begin(FILE *out);
/* A page of width x height points (A4: 595 x 842) filled by the picture
 * `png` (len bytes). Returns 0, or -1 when png is not an 8-bit RGB PNG
 * without interlacing, or memory runs out. */
int cs_pdf_page(cs_pdf *p, const uint8_t *png, size_t len, double width, double height);
/* Writes the page tree, the cross-reference table and the trailer, and
 * frees p. Returns 0, or -1 when a write failed on the way. */
int cs_pdf_end(cs_pdf *p);

#endif
