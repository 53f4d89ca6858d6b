/* SPDX-License-Identifier: MIT */
/* handout_pdf.c - a lesson's handout on A4 pages (handout_pdf.h). Pages
 * are drawn at 150 dots an inch, 1240 x 1754 pixels, with the drawing
 * library's fonts (so Chinese prints as on screen), each saved as a PNG
 * and placed on its PDF page by pdf.c. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* open_memstream */
#endif
#include "draw/handout_pdf.h"

#include <SDL_image.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "draw/canvas.h"
#include "draw/draw.h"
#include "draw/pdf.h"
#include "draw/text.h"

enum {
    PAGE_W = 1240, PAGE_H = 1754, /* A4 at 150 dots an inch */
    MARGIN = 110,
    CONTENT_W = PAGE_W - 2 * MARGIN,
    GAP = 18,
    MAX_CELLS = 8,
};
static const double A4_W = 595.28, A4_H = 841.89; /* points */
static const SDL_Color INK = {20, 20, 24, 255}, GREY = {110, 110, 118, 255},
                       RULE = {200, 200, 206, 255}, WHITE = {255, 255, 255, 255};

typedef struct pager {
    cs_fonts fonts;
    cs_pdf *pdf;
    cs_canvas page;
    int open, number;
    float y;
    int rc;
    cs_diag *d;
} pager;

/* The page drawn so far, numbered at its foot, into the PDF. */
static void finish_page(pager *p)
{
    if (!p->open)
        return;
    p->open = 0;
    char num[16];
    snprintf(num, sizeof num, "%d", p->number);
    cs_text_draw(p->page.renderer, &p->fonts, CS_TEXT_SMALL, PAGE_W / 2.0f, PAGE_H - MARGIN / 2.0f,
                 CS_ALIGN_CENTER, GREY, num);
    SDL_RenderPresent(p->page.renderer);
    /* 8-bit RGB, the PNG pdf.c places as it is. */
    SDL_Surface *rgb = SDL_ConvertSurfaceFormat(p->page.surface, SDL_PIXELFORMAT_RGB24, 0);
    char *png = NULL;
    size_t len = 0;
    FILE *mem = rgb ? open_memstream(&png, &len) : NULL;
    SDL_RWops *rw = mem ? SDL_RWFromFP(mem, SDL_FALSE) : NULL;
    int ok = rw && IMG_SavePNG_RW(rgb, rw, 1) == 0;
    if (mem)
        fclose(mem);
    ok = ok && cs_pdf_page(p->pdf, (const uint8_t *)png, len, A4_W, A4_H) == 0;
    if (!ok && p->rc == 0) {
        cs_diag_error(p->d, "cannot set the handout's page %d: %s", p->number, SDL_GetError());
        p->rc = CS_ERR_RUNTIME;
    }
    free(png);
    SDL_FreeSurface(rgb);
    cs_canvas_destroy(&p->page);
}

/* Room for h more pixels: on this page, or on a new one. */
static int room(pager *p, float h)
{
    if (p->rc)
        return -1;
    if (p->open && p->y + h > PAGE_H - MARGIN && p->y > MARGIN)
        finish_page(p);
    if (!p->open) {
        if (cs_canvas_create(&p->page, PAGE_W, PAGE_H) != 0) {
            cs_diag_error(p->d, "cannot make a page: %s", SDL_GetError());
            p->rc = CS_ERR_RUNTIME;
            return -1;
        }
        cs_canvas_clear(&p->page, WHITE);
        p->open = 1;
        p->number++;
        p->y = MARGIN;
    }
    return 0;
}

/* s without Markdown's ** and ` marks. */
static void plain(const char *s, size_t n, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < n && o + 1 < cap; i++) {
        if (s[i] == '`' || (s[i] == '*' && i + 1 < n && s[i + 1] == '*')) {
            i += s[i] == '*';
            continue;
        }
        out[o++] = s[i];
    }
    out[o] = '\0';
}

static void text_block(pager *p, enum cs_text_size size, float indent, const char *s, size_t n,
                       float after)
{
    char t[4096];
    plain(s, n, t, sizeof t);
    const float w = CONTENT_W - indent;
    const float h = (float)cs_text_wrap(NULL, &p->fonts, size, 0, 0, w, INK, t);
    if (room(p, h + after))
        return;
    cs_text_wrap(p->page.renderer, &p->fonts, size, MARGIN + indent, p->y, w, INK, t);
    p->y += h + after;
}

/* src scaled down (or up) to w x h by averaging the pixels each covers: a
 * picture with type in it stays legible at two thirds of its size. */
static SDL_Surface *resample(SDL_Surface *src, int w, int h)
{
    SDL_Surface *s = SDL_ConvertSurfaceFormat(src, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_Surface *d = s ? SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888) : NULL;
    if (!d) {
        SDL_FreeSurface(s);
        return NULL;
    }
    const double fx = (double)s->w / w, fy = (double)s->h / h;
    for (int y = 0; y < h; y++) {
        const int y0 = (int)(y * fy), y1 = (int)((y + 1) * fy) > y0 ? (int)((y + 1) * fy) : y0 + 1;
        uint32_t *out = (uint32_t *)((char *)d->pixels + (size_t)y * (size_t)d->pitch);
        for (int x = 0; x < w; x++) {
            const int x0 = (int)(x * fx), x1 = (int)((x + 1) * fx) > x0 ? (int)((x + 1) * fx) : x0 + 1;
            uint32_t r = 0, g = 0, b = 0, n = 0;
            for (int yy = y0; yy < y1 && yy < s->h; yy++) {
                const uint32_t *row = (const uint32_t *)((const char *)s->pixels + (size_t)yy * (size_t)s->pitch);
                for (int xx = x0; xx < x1 && xx < s->w; xx++, n++) {
                    r += (row[xx] >> 16) & 255;
                    g += (row[xx] >> 8) & 255;
                    b += row[xx] & 255;
                }
            }
            n = n ? n : 1;
            out[x] = 0xFF000000u | (r / n) << 16 | (g / n) << 8 | (b / n);
        }
    }
    SDL_FreeSurface(s);
    return d;
}

/* The height the picture on the Markdown line at line takes on the page
 * ("![...](FILE)" with FILE a PNG in the handout's folder, read from its
 * header), or 0 when the line holds none. */
static float picture_height(int dirfd, const char *line)
{
    const size_t n = strcspn(line, "\n");
    const char *open = memchr(line, '(', n);
    if (n < 5 || strncmp(line, "![", 2) || line[n - 1] != ')' || !open)
        return 0;
    char name[256];
    const size_t len = (size_t)(line + n - 1 - open - 1);
    if (len >= sizeof name)
        return 0;
    memcpy(name, open + 1, len);
    name[len] = '\0';
    unsigned char head[24];
    const int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    const ssize_t got = fd >= 0 ? read(fd, head, sizeof head) : -1;
    if (fd >= 0)
        close(fd);
    if (got != (ssize_t)sizeof head || memcmp(head + 12, "IHDR", 4))
        return 0;
    const double w = (double)((uint32_t)head[16] << 24 | head[17] << 16 | head[18] << 8 | head[19]),
                 h = (double)((uint32_t)head[20] << 24 | head[21] << 16 | head[22] << 8 | head[23]);
    if (w <= 0)
        return 0;
    const double fit = h * CONTENT_W / w;
    return (float)(fit < PAGE_H - 2 * MARGIN ? fit : PAGE_H - 2 * MARGIN);
}

/* The picture `name` from the handout's folder, as wide as the text. */
static void picture(pager *p, int dirfd, const char *name)
{
    const int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    SDL_RWops *rw = f ? SDL_RWFromFP(f, SDL_TRUE) : NULL;
    SDL_Surface *img = rw ? IMG_Load_RW(rw, 1) : NULL;
    if (!rw && f)
        fclose(f);
    else if (!f && fd >= 0)
        close(fd);
    if (!img) {
        cs_diag_error(p->d, "cannot read the handout's picture %s: %s", name, SDL_GetError());
        p->rc = CS_ERR_RUNTIME;
        return;
    }
    int w = CONTENT_W, h = (int)((double)img->h * CONTENT_W / img->w);
    if (h > PAGE_H - 2 * MARGIN) {
        h = PAGE_H - 2 * MARGIN;
        w = (int)((double)img->w * h / img->h);
    }
    SDL_Surface *small = resample(img, w, h);
    SDL_FreeSurface(img);
    if (!small || room(p, (float)h + GAP)) {
        SDL_FreeSurface(small);
        if (!small && p->rc == 0) {
            cs_diag_error(p->d, "out of memory");
            p->rc = CS_ERR_RUNTIME;
        }
        return;
    }
    SDL_Rect at = {MARGIN, (int)p->y, w, h};
    SDL_BlitSurface(small, NULL, p->page.surface, &at);
    SDL_FreeSurface(small);
    p->y += (float)h + GAP;
}

/* A table's rows (lines "| a | b |", the "|---|" line left out), the
 * first as its header: the widest column takes what the others leave. */
static void table(pager *p, const char **lines, const size_t *lens, int nrows)
{
    char cell[64][MAX_CELLS][512];
    int ncols = 0;
    if (nrows > 64)
        nrows = 64;
    for (int r = 0; r < nrows; r++) {
        const char *s = lines[r], *end = s + lens[r];
        int c = 0;
        for (const char *q = s + 1; q < end && c < MAX_CELLS;) {
            const char *bar = memchr(q, '|', (size_t)(end - q));
            if (!bar)
                break;
            const char *a = q, *b = bar;
            while (a < b && *a == ' ')
                a++;
            while (b > a && b[-1] == ' ')
                b--;
            plain(a, (size_t)(b - a), cell[r][c++], sizeof cell[r][0]);
            q = bar + 1;
        }
        for (int k = c; k < MAX_CELLS; k++)
            cell[r][k][0] = '\0';
        ncols = c > ncols ? c : ncols;
    }
    float colw[MAX_CELLS] = {0}, rest = CONTENT_W;
    const float pad = 14;
    int widest = 0;
    for (int c = 0; c < ncols; c++) {
        for (int r = 0; r < nrows; r++) {
            const float w = (float)cs_text_width(&p->fonts, CS_TEXT_SMALL, cell[r][c]) + pad;
            colw[c] = w > colw[c] ? w : colw[c];
        }
        widest = colw[c] > colw[widest] ? c : widest;
    }
    for (int c = 0; c < ncols; c++)
        if (c != widest) {
            colw[c] = colw[c] < CONTENT_W * 0.3f ? colw[c] : CONTENT_W * 0.3f;
            rest -= colw[c];
        }
    colw[widest] = rest > CONTENT_W / 3.0f ? rest : CONTENT_W / 3.0f;
    for (int r = 0; r < nrows; r++) {
        float h = 0;
        for (int c = 0; c < ncols; c++) {
            const float ch = (float)cs_text_wrap(NULL, &p->fonts, CS_TEXT_SMALL, 0, 0, colw[c] - pad,
                                                 INK, cell[r][c]);
            h = ch > h ? ch : h;
        }
        if (room(p, h + 8))
            return;
        float x = MARGIN;
        for (int c = 0; c < ncols; c++) {
            cs_text_wrap(p->page.renderer, &p->fonts, CS_TEXT_SMALL, x, p->y, colw[c] - pad,
                         r == 0 ? GREY : INK, cell[r][c]);
            x += colw[c];
        }
        p->y += h + 4;
        cs_draw_rect(p->page.renderer, (SDL_FRect){MARGIN, p->y, CONTENT_W, r == 0 ? 2.0f : 1.0f},
                     RULE);
        p->y += 4;
    }
    p->y += GAP;
}

int cs_handout_pdf(const char *md, int dirfd, FILE *out, cs_diag *d)
{
    pager p = {.d = d};
    /* Type at about 11 points on the page: the window's sizes, enlarged. */
    if (cs_fonts_open(&p.fonts, 1.5f, d) != 0)
        return CS_ERR_RUNTIME;
    if (!(p.pdf = cs_pdf_begin(out))) {
        cs_fonts_close(&p.fonts);
        cs_diag_error(d, "out of memory");
        return CS_ERR_RUNTIME;
    }
    const char *rows[64];
    size_t lens[64];
    int nrows = 0;
    for (const char *s = md; *s && p.rc == 0;) {
        const size_t n = strcspn(s, "\n");
        const char *next = s + n + (s[n] == '\n');
        const int is_row = n > 1 && s[0] == '|';
        if (!is_row && nrows) {
            table(&p, rows, lens, nrows);
            nrows = 0;
        }
        if (is_row) {
            const int rule_line = strspn(s, "|-: ") == n && memchr(s, '-', n);
            if (!rule_line && nrows < 64) { /* the |---| line is no row */
                rows[nrows] = s;
                lens[nrows++] = n;
            }
        } else if (n > 2 && !strncmp(s, "# ", 2)) {
            text_block(&p, CS_TEXT_LARGE, 0, s + 2, n - 2, GAP);
        } else if (n > 3 && !strncmp(s, "## ", 3)) {
            if (p.open && p.y > MARGIN)
                p.y += GAP;
            /* A heading stays with what follows it: the picture under it
             * whole, else a third of a page. */
            float keep = (PAGE_H - 2 * MARGIN) / 3.0f;
            const char *after = next;
            while (*after == '\n')
                after++;
            const float pic = picture_height(dirfd, after);
            keep = pic > 0 ? pic + 3 * (float)cs_text_height(&p.fonts, CS_TEXT_LARGE) : keep;
            if (p.open && p.y + keep > PAGE_H - MARGIN)
                finish_page(&p);
            text_block(&p, CS_TEXT_LARGE, 0, s + 3, n - 3, GAP / 2.0f);
        } else if (n > 4 && !strncmp(s, "![", 2) && s[n - 1] == ')') {
            const char *open = memchr(s, '(', n);
            char name[256];
            if (open && (size_t)(s + n - 1 - open - 1) < sizeof name) {
                memcpy(name, open + 1, (size_t)(s + n - 1 - open - 1));
                name[s + n - 1 - open - 1] = '\0';
                picture(&p, dirfd, name);
            }
        } else if (n == 3 && !strncmp(s, "---", 3)) {
            if (room(&p, GAP) == 0) {
                cs_draw_rect(p.page.renderer, (SDL_FRect){MARGIN, p.y, CONTENT_W, 1}, RULE);
                p.y += GAP;
            }
        } else if (n > 2 && !strncmp(s, "- ", 2)) {
            char item[4096];
            snprintf(item, sizeof item, "\xe2\x80\xa2 %.*s", (int)(n - 2), s + 2);
            text_block(&p, CS_TEXT_NORMAL, 16, item, strlen(item), 4);
        } else if (n > 0) {
            text_block(&p, CS_TEXT_NORMAL, 0, s, n, 8);
        }
        s = next;
    }
    if (nrows && p.rc == 0)
        table(&p, rows, lens, nrows);
    finish_page(&p);
    const int rc = cs_pdf_end(p.pdf) != 0 && p.rc == 0 ? CS_ERR_RUNTIME : p.rc;
    if (rc && !p.rc)
        cs_diag_error(d, "cannot write the handout's PDF");
    cs_fonts_close(&p.fonts);
    return rc;
}
