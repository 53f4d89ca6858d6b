/* SPDX-License-Identifier: MIT */
/* csv.h - RFC 4180 CSV: a field written so that every reader (and every
 * spreadsheet) reads it back as text, and records read with quotes. */
#ifndef CS_CSV_H
#define CS_CSV_H

#include <stddef.h>
#include <stdio.h>

/* s as one CSV field: quoted when it holds a comma, a quote or a line end;
 * text a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage
 * return first) gets an apostrophe in front; numbers stay numbers. */
void cs_csv_field(FILE *o, const char *s);

typedef struct cs_csv_value {
    const char *s; /* the field's text, quotes removed and "" made " */
    size_t len;
    size_t at;     /* its offset from the record's start (for messages) */
    int quoted;
} cs_csv_value;

/* Where the record starting at text[pos] ends: the offset of its line end
 * outside quotes, or len. */
size_t cs_csv_record_end(const char *text, size_t len, size_t pos);

/* Splits the record starting at text[*pos] into fields (the first max in
 * f; *n counts all), unquoting quoted ones in place, and moves *pos past
 * its line end (\n or \r\n). Returns 0; -1 when a quote is never closed
 * (the record runs to the end of the text), or -2 for a carriage return
 * inside a line outside quotes: *bad is then the offset of the opening
 * quote or the carriage return from the record's start, and *pos is past
 * the record as far as it can be told. *lines counts the line ends it
 * consumed (those inside quotes and the one closing it). */
int cs_csv_record(char *text, size_t len, size_t *pos, cs_csv_value *f, int max, int *n,
                  size_t *bad, int *lines);

#endif
