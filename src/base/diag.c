/* SPDX-License-Identifier: MIT */
/* diag.c - formats problem reports, one line each (see diag.h). */
#include "circlesim/diag.h"
#include "base/quote.h"

#include <stdarg.h>
#include <string.h>

const char *cs_diag_program = "circlesim";

void cs_diag_init(cs_diag *d, FILE *out)
{
    d->out = out;
    d->errors = 0;
    d->muted = 0;
    d->hint = NULL;
}

void cs_diag_init_muted(cs_diag *d)
{
    cs_diag_init(d, NULL);
    d->muted = 1;
}

static FILE *sink(const cs_diag *d)
{
    return d->out ? d->out : stderr;
}

/* Messages are built whole and written with one call so that lines from
 * several processes on one terminal do not interleave mid-line. */
static void emit(cs_diag *d, const char *prefix, const char *kind, const char *fmt, va_list ap)
{
    if (d->muted)
        return;
    char msg[2048];
    vsnprintf(msg, sizeof msg, fmt, ap);
    /* A message is one line whatever its arguments held. */
    for (char *p = msg; *p; p++)
        if (*p == '\n' || *p == '\r')
            *p = ' ';
    fprintf(sink(d), "%s: %s: %s%s%s%s\n", prefix, kind, msg, d->hint ? " (" : "",
            d->hint ? d->hint : "", d->hint ? ")" : "");
    fflush(sink(d));
}

/* "FILE:LINE:COL" (or "FILE" when line is 0), the file's name quoted. */
static void position(char *prefix, size_t cap, const char *file, int line, int col)
{
    char qfile[1024];
    cs_diag_quote(qfile, sizeof qfile, file, strlen(file));
    if (line > 0)
        snprintf(prefix, cap, "%s:%d:%d", qfile, line, col > 0 ? col : 1);
    else
        snprintf(prefix, cap, "%s", qfile);
}

/* "<set> KEY", the key quoted. */
static void set_key(char *prefix, size_t cap, const char *key)
{
    char qkey[256];
    cs_diag_quote(qkey, sizeof qkey, key, strlen(key));
    snprintf(prefix, cap, "<set> %s", qkey);
}

void cs_diag_at(cs_diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    char prefix[1100];
    position(prefix, sizeof prefix, file, line, col);
    va_list ap;
    va_start(ap, fmt);
    emit(d, prefix, "error", fmt, ap);
    va_end(ap);
    d->errors++;
}

void cs_diag_set(cs_diag *d, const char *key, const char *fmt, ...)
{
    char prefix[300];
    set_key(prefix, sizeof prefix, key);
    va_list ap;
    va_start(ap, fmt);
    emit(d, prefix, "error", fmt, ap);
    va_end(ap);
    d->errors++;
}

void cs_diag_error(cs_diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, cs_diag_program, "error", fmt, ap);
    va_end(ap);
    d->errors++;
}

void cs_diag_warn_at(cs_diag *d, const char *file, int line, int col, const char *fmt, ...)
{
    char prefix[1100];
    position(prefix, sizeof prefix, file, line, col);
    va_list ap;
    va_start(ap, fmt);
    emit(d, prefix, "warning", fmt, ap);
    va_end(ap);
}

void cs_diag_warn_set(cs_diag *d, const char *key, const char *fmt, ...)
{
    char prefix[300];
    set_key(prefix, sizeof prefix, key);
    va_list ap;
    va_start(ap, fmt);
    emit(d, prefix, "warning", fmt, ap);
    va_end(ap);
}

void cs_diag_warn(cs_diag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit(d, cs_diag_program, "warning", fmt, ap);
    va_end(ap);
}

size_t cs_utf8_seq(const unsigned char *s, size_t n)
{
    if (s[0] < 0x80)
        return 1;
    size_t len;
    unsigned min;
    if ((s[0] & 0xe0) == 0xc0) { len = 2; min = 0x80; }
    else if ((s[0] & 0xf0) == 0xe0) { len = 3; min = 0x800; }
    else if ((s[0] & 0xf8) == 0xf0) { len = 4; min = 0x10000; }
    else return 0;
    if (len > n)
        return 0;
    unsigned cp = s[0] & (0x7f >> len);
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xc0) != 0x80)
            return 0;
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        return 0;
    return len;
}

void cs_diag_quote(char *out, size_t max_out, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0;
    if (max_out == 0)
        return;
    while (i < len) {
        size_t n = cs_utf8_seq(u + i, len - i);
        int esc = n == 0 || u[i] < 0x20 || u[i] == 0x7f;
        size_t need = esc ? 4 : n;
        if (o + need + 4 > max_out) { /* room for "..." and NUL */
            if (o + 4 <= max_out) {
                memcpy(out + o, "...", 3);
                o += 3;
            }
            break;
        }
        if (esc) {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[u[i] >> 4];
            out[o++] = hex[u[i] & 15];
            i++;
        } else {
            memcpy(out + o, u + i, n);
            o += n;
            i += n;
        }
    }
    out[o] = '\0';
}
