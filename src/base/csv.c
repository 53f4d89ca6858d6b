/* SPDX-License-Identifier: MIT */
/* csv.c - RFC 4180 CSV: a field written safely (cs_csv_field), and records
 * read with quotes: records end at a line end outside quotes,
 * fields at a comma outside quotes, and a quoted field's "" is one quote
 * (what R's write.csv, pandas and spreadsheets write). */
#include "base/csv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

size_t cs_csv_record_end(const char *text, size_t len, size_t pos)
{
    int quoted = 0;
    for (size_t i = pos; i < len; i++) {
        if (text[i] == '"')
            quoted = !quoted; /* "" inside quotes toggles twice: no change */
        else if (text[i] == '\n' && !quoted)
            return i;
    }
    return len;
}

int cs_csv_record(char *text, size_t len, size_t *pos, cs_csv_value *f, int max, int *n,
                  size_t *bad, int *lines)
{
    size_t i = *pos, start = i;
    int count = 0, rc = 0;
    *lines = 0;
    for (;;) {
        /* One field from i. */
        cs_csv_value fld = {text + i, 0, i - start, 0};
        if (i < len && text[i] == '"') {
            /* Quoted: unescaped in place, "" to ". */
            size_t open = i, out = i + 1;
            fld.quoted = 1;
            fld.s = text + out;
            i++;
            for (;;) {
                if (i >= len) {
                    *bad = open - start;
                    rc = -1;
                    break;
                }
                if (text[i] == '"') {
                    if (i + 1 < len && text[i + 1] == '"') {
                        text[out++] = '"';
                        i += 2;
                        continue;
                    }
                    i++;
                    break;
                }
                *lines += text[i] == '\n'; /* counted before the copy overwrites */
                text[out++] = text[i++];
            }
            fld.len = (size_t)(text + out - fld.s);
            /* Anything between the closing quote and the comma belongs to
             * the field as written (a malformed field the caller sees). */
            while (rc == 0 && i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                text[out++] = text[i++], fld.len++;
        } else {
            while (i < len && text[i] != ',' && text[i] != '\n' && text[i] != '\r')
                i++;
            fld.len = (size_t)(text + i - fld.s);
        }
        if (count < max)
            f[count] = fld;
        count++;
        if (rc || i >= len || text[i] == '\n' || (text[i] == '\r' && (i + 1 >= len || text[i + 1] == '\n')))
            break;
        if (text[i] == '\r') { /* a carriage return inside a line */
            *bad = i - start;
            rc = -2;
            break;
        }
        i++; /* the comma */
    }
    /* A CR before the line end is the line end's (CRLF). */
    if (rc == 0 && i < len && text[i] == '\r')
        i++;
    /* After a carriage return inside a line, the next line starts afresh
     * (a stray quote in a bad line must not swallow the file). */
    size_t end = i;
    if (rc == -2)
        while (end < len && text[end] != '\n')
            end++;
    if (rc == -1)
        end = len;
    *lines += end < len; /* the line end that closes the record */
    *pos = end < len ? end + 1 : len;
    *n = count;
    return rc;
}

void cs_csv_field(FILE *o, const char *s)
{
    /* Text a spreadsheet would run as a formula (=, +, -, @; a tab or a
     * carriage return first hides one) gets an apostrophe in front, which
     * spreadsheets show as text; numbers such as -0.5 stay numbers. */
    /* A number: a plain decimal (strtod alone would also take inf, nan
     * and hexadecimal, which a spreadsheet reads as text or a formula). */
    char *end;
    int number = *s && strspn(s, "0123456789+-.eE") == strlen(s) &&
                 isfinite(strtod(s, &end)) && *end == '\0';
    int formula = !number && strchr("=+-@\t\r", *s) && *s;
    if (!formula && !strpbrk(s, ",\"\n\r")) {
        fputs(s, o);
        return;
    }
    fputc('"', o);
    if (formula)
        fputc('\'', o);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', o);
        fputc(*s, o);
    }
    fputc('"', o);
}
