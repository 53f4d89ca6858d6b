/* SPDX-License-Identifier: MIT */
/* pdf.c - a PDF of whole-page pictures (pdf.h). Objects: 1 the catalog,
 * 2 the page tree (written last, when the pages are known), then per page
 * its image, its content stream and the page itself. */
#include "draw/pdf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct cs_pdf {
    FILE *out;
    long pos;           /* bytes written so far */
    long *offset;       /* each object's position, by number (1-based) */
    int nobj, cap;
    int *pages;         /* the page objects */
    int npages, pages_cap;
    int failed;
};

static void out(cs_pdf *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    const int n = vfprintf(p->out, fmt, ap);
    va_end(ap);
    if (n < 0)
        p->failed = 1;
    else
        p->pos += n;
}

static void bytes(cs_pdf *p, const void *b, size_t n)
{
    if (fwrite(b, 1, n, p->out) != n)
        p->failed = 1;
    p->pos += (long)n;
}

/* Begins object number `num`, which must be the next one or an earlier
 * one reserved (the page tree). */
static int begin_obj(cs_pdf *p, int num)
{
    if (num > p->cap) {
        const int cap = num * 2;
        long *o = realloc(p->offset, (size_t)(cap + 1) * sizeof *o);
        if (!o)
            return -1;
        memset(o + p->cap + 1, 0, (size_t)(cap - p->cap) * sizeof *o);
        p->offset = o;
        p->cap = cap;
    }
    if (num > p->nobj)
        p->nobj = num;
    p->offset[num] = p->pos;
    out(p, "%d 0 obj\n", num);
    return 0;
}

cs_pdf *cs_pdf_begin(FILE *o)
{
    cs_pdf *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->out = o;
    /* The binary comment tells transfer programs the file is binary. */
    out(p, "%%PDF-1.4\n%%\xe2\xe3\xcf\xd3\n");
    if (begin_obj(p, 1)) {
        free(p);
        return NULL;
    }
    out(p, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    p->nobj = 2; /* 2 is the page tree's, written at the end */
    return p;
}

static uint32_t be32(const uint8_t *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* The PNG's size and its IDAT chunks' data, joined, into *data (malloc'd);
 * -1 unless 8-bit RGB, not interlaced. */
static int png_parts(const uint8_t *png, size_t len, uint32_t *w, uint32_t *h, uint8_t **data,
                     size_t *n)
{
    static const uint8_t sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (len < 33 || memcmp(png, sig, 8) != 0 || memcmp(png + 12, "IHDR", 4) != 0)
        return -1;
    *w = be32(png + 16);
    *h = be32(png + 20);
    if (png[24] != 8 || png[25] != 2 || png[28] != 0 || *w == 0 || *h == 0)
        return -1;
    *n = 0;
    *data = malloc(len);
    if (!*data)
        return -1;
    for (size_t at = 8; at + 12 <= len;) {
        const uint32_t clen = be32(png + at);
        if (clen > len - at - 12) {
            free(*data);
            return -1;
        }
        if (memcmp(png + at + 4, "IDAT", 4) == 0) {
            memcpy(*data + *n, png + at + 8, clen);
            *n += clen;
        }
        if (memcmp(png + at + 4, "IEND", 4) == 0)
            break;
        at += 12 + clen;
    }
    if (*n == 0) {
        free(*data);
        return -1;
    }
    return 0;
}

int cs_pdf_page(cs_pdf *p, const uint8_t *png, size_t len, double width, double height)
{
    uint32_t w, h;
    uint8_t *data;
    size_t n;
    if (png_parts(png, len, &w, &h, &data, &n))
        return -1;
    if (p->npages == p->pages_cap) {
        const int cap = p->pages_cap ? 2 * p->pages_cap : 8;
        int *pg = realloc(p->pages, (size_t)cap * sizeof *pg);
        if (!pg) {
            free(data);
            return -1;
        }
        p->pages = pg;
        p->pages_cap = cap;
    }
    const int image = p->nobj + 1, content = image + 1, page = image + 2;
    char draw[128];
    const int dn = snprintf(draw, sizeof draw, "q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q\n", width, height);
    if (begin_obj(p, image)) {
        free(data);
        return -1;
    }
    out(p,
        "<< /Type /XObject /Subtype /Image /Width %u /Height %u /ColorSpace /DeviceRGB "
        "/BitsPerComponent 8 /Filter /FlateDecode /DecodeParms << /Predictor 15 /Colors 3 "
        "/BitsPerComponent 8 /Columns %u >> /Length %zu >>\nstream\n",
        w, h, w, n);
    bytes(p, data, n);
    free(data);
    out(p, "\nendstream\nendobj\n");
    if (begin_obj(p, content))
        return -1;
    out(p, "<< /Length %d >>\nstream\n%sendstream\nendobj\n", dn, draw);
    if (begin_obj(p, page))
        return -1;
    out(p,
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 "
        "%d 0 R >> >> /Contents %d 0 R >>\nendobj\n",
        width, height, image, content);
    p->pages[p->npages++] = page;
    return 0;
}

int cs_pdf_end(cs_pdf *p)
{
    if (!p)
        return -1;
    int rc = begin_obj(p, 2);
    if (rc == 0) {
        out(p, "<< /Type /Pages /Count %d /Kids [", p->npages);
        for (int i = 0; i < p->npages; i++)
            out(p, "%s%d 0 R", i ? " " : "", p->pages[i]);
        out(p, "] >>\nendobj\n");
        /* Each entry exactly 20 bytes, as the format asks. */
        const long xref = p->pos;
        out(p, "xref\n0 %d\n0000000000 65535 f \n", p->nobj + 1);
        for (int i = 1; i <= p->nobj; i++)
            out(p, "%010ld 00000 n \n", p->offset[i]);
        out(p, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%ld\n%%%%EOF\n", p->nobj + 1,
            xref);
    }
    rc = rc || p->failed || ferror(p->out) ? -1 : 0;
    free(p->offset);
    free(p->pages);
    free(p);
    return rc;
}
