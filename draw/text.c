/* SPDX-License-Identifier: MIT */
/* text.c - fonts through fontconfig, glyph runs through SDL2_ttf. */
#include "draw/text.h"
#include "base/quote.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

static const int base_px[CS_TEXT_SIZES] = {12, 14, 19};

/* The file of the best font for pattern `name` that has character `need`,
 * or NULL. */
static char *find_font(FcConfig *cfg, const char *name, const char *lang, FcChar32 need,
                       long *index)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)name);
    if (!pat)
        return NULL;
    FcCharSet *cs = FcCharSetCreate();
    FcCharSetAddChar(cs, need);
    FcPatternAddCharSet(pat, FC_CHARSET, cs);
    if (lang)
        FcPatternAddString(pat, FC_LANG, (const FcChar8 *)lang);
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *font = FcFontMatch(cfg, pat, &res);
    char *path = NULL;
    FcChar8 *file;
    FcCharSet *has;
    int idx = 0;
    /* fontconfig answers with its nearest font even when none has the
     * character: check. */
    if (font && FcPatternGetString(font, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetCharSet(font, FC_CHARSET, 0, &has) == FcResultMatch &&
        FcCharSetHasChar(has, need)) {
        path = strdup((const char *)file);
        FcPatternGetInteger(font, FC_INDEX, 0, &idx);
    }
    *index = idx;
    if (font)
        FcPatternDestroy(font);
    FcCharSetDestroy(cs);
    FcPatternDestroy(pat);
    return path;
}

static void close_sizes(cs_fonts *f)
{
    for (int i = 0; i < CS_TEXT_SIZES; i++) {
        if (f->main[i])
            TTF_CloseFont(f->main[i]);
        if (f->cjk[i])
            TTF_CloseFont(f->cjk[i]);
        f->main[i] = f->cjk[i] = NULL;
    }
}

int cs_fonts_rescale(cs_fonts *f, float scale)
{
    close_sizes(f);
    f->scale = scale > 0 ? scale : 1;
    for (int i = 0; i < CS_TEXT_SIZES; i++) {
        int px = (int)(base_px[i] * f->scale + 0.5f);
        f->main[i] = TTF_OpenFontIndex(f->main_path, px, f->main_index);
        if (!f->main[i])
            return -1;
        if (f->cjk_path)
            f->cjk[i] = TTF_OpenFontIndex(f->cjk_path, px, f->cjk_index);
    }
    return 0;
}

int cs_fonts_open(cs_fonts *f, float scale, cs_diag *diag)
{
    memset(f, 0, sizeof *f);
    if (!TTF_WasInit() && TTF_Init() != 0) {
        cs_diag_error(diag, "cannot start SDL_ttf: %s", TTF_GetError());
        return -1;
    }
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    if (!cfg) {
        cs_diag_error(diag, "fontconfig could not load its configuration; install fontconfig "
                            "and fonts-dejavu-core");
        return -1;
    }
    f->main_path = find_font(cfg, "DejaVu Sans", NULL, 'A', &f->main_index);
    if (!f->main_path)
        f->main_path = find_font(cfg, "sans-serif", NULL, 'A', &f->main_index);
    /* 中, the commonest test of a Chinese font. */
    f->cjk_path = find_font(cfg, "sans-serif", "zh-cn", 0x4E2D, &f->cjk_index);
    FcConfigDestroy(cfg);
    if (!f->main_path) {
        cs_diag_error(diag, "no font found through fontconfig (fc-match sans-serif); install "
                            "fonts-dejavu-core");
        cs_fonts_close(f);
        return -1;
    }
    if (cs_fonts_rescale(f, scale) != 0) {
        cs_diag_error(diag, "cannot open font %s: %s", f->main_path, TTF_GetError());
        cs_fonts_close(f);
        return -1;
    }
    return 0;
}

void cs_fonts_close(cs_fonts *f)
{
    close_sizes(f);
    free(f->main_path);
    free(f->cjk_path);
    memset(f, 0, sizeof *f);
}

int cs_text_height(const cs_fonts *f, enum cs_text_size size)
{
    return TTF_FontLineSkip(f->main[size]);
}

/* Next code point of s[0..n) (advancing *i); what is not valid UTF-8
 * (cs_utf8_seq's judgement) comes out as U+FFFD, one byte at a time. */
static Uint32 next_cp(const char *s, size_t n, size_t *i)
{
    const unsigned char *u = (const unsigned char *)s + *i;
    size_t len = cs_utf8_seq(u, n - *i);
    if (len == 0) {
        (*i)++;
        return 0xFFFD;
    }
    Uint32 c = len == 1 ? u[0] : u[0] & (0x7Fu >> len);
    for (size_t k = 1; k < len; k++)
        c = (c << 6) | (u[k] & 0x3F);
    *i += len;
    return c;
}

/* The font for code point c: the main font when it has the glyph, else the
 * CJK font when it does, else the main font (a box). */
static TTF_Font *font_for(const cs_fonts *f, enum cs_text_size size, Uint32 c)
{
    if (c < 0x80 || !f->cjk[size] || TTF_GlyphIsProvided32(f->main[size], c))
        return f->main[size];
    return TTF_GlyphIsProvided32(f->cjk[size], c) ? f->cjk[size] : f->main[size];
}

/* Calls fn for every run of one font in utf8 (a line without breaks). */
typedef void (*run_fn)(void *ctx, TTF_Font *font, const char *run);

static void each_run(const cs_fonts *f, enum cs_text_size size, const char *utf8, run_fn fn,
                     void *ctx)
{
    size_t n = strlen(utf8), i = 0;
    char *buf = malloc(n + 1);
    if (!buf)
        return;
    while (i < n) {
        size_t start = i;
        TTF_Font *font = font_for(f, size, next_cp(utf8, n, &i));
        size_t end = i;
        while (end < n) {
            size_t j = end;
            if (font_for(f, size, next_cp(utf8, n, &j)) != font)
                break;
            end = j;
        }
        i = end;
        memcpy(buf, utf8 + start, end - start);
        buf[end - start] = '\0';
        fn(ctx, font, buf);
    }
    free(buf);
}

static void add_width(void *ctx, TTF_Font *font, const char *run)
{
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font, run, &w, &h) == 0)
        *(int *)ctx += w;
}

int cs_text_width(const cs_fonts *f, enum cs_text_size size, const char *utf8)
{
    int w = 0;
    each_run(f, size, utf8, add_width, &w);
    return w;
}

typedef struct draw_ctx {
    SDL_Renderer *r;
    const cs_fonts *f;
    enum cs_text_size size;
    float x, y;
    SDL_Color c;
} draw_ctx;

static void draw_run(void *ctx, TTF_Font *font, const char *run)
{
    draw_ctx *d = ctx;
    SDL_Surface *s = TTF_RenderUTF8_Blended(font, run, d->c);
    if (!s)
        return;
    SDL_Texture *t = SDL_CreateTextureFromSurface(d->r, s);
    if (t) {
        /* Runs in different fonts share the main font's baseline. */
        float dy = (float)(TTF_FontAscent(d->f->main[d->size]) - TTF_FontAscent(font));
        SDL_FRect dst = {d->x, d->y + dy, (float)s->w, (float)s->h};
        SDL_RenderCopyF(d->r, t, NULL, &dst);
        SDL_DestroyTexture(t);
    }
    d->x += (float)s->w;
    SDL_FreeSurface(s);
}

int cs_text_draw(SDL_Renderer *r, const cs_fonts *f, enum cs_text_size size, float x, float y,
                 enum cs_align align, SDL_Color c, const char *utf8)
{
    if (!utf8 || !*utf8)
        return 0;
    if (align != CS_ALIGN_LEFT) {
        int w = cs_text_width(f, size, utf8);
        x -= align == CS_ALIGN_CENTER ? (float)w / 2 : (float)w;
    }
    draw_ctx d = {r, f, size, x, y, c};
    each_run(f, size, utf8, draw_run, &d);
    return (int)(d.x - x + 0.5f);
}

/* Chinese and Japanese punctuation that closes: never at a line's start. */
static int closing(Uint32 c)
{
    static const Uint32 marks[] = {0x3001, 0x3002, 0xFF0C, 0xFF1B, 0xFF1A, 0xFF1F, 0xFF01,
                                   0xFF09, 0x300D, 0x300F, 0x300B, 0x3009, 0x3011, 0x201D};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (c == marks[i])
            return 1;
    return 0;
}

/* Whether a line may break before code point c, or after p. */
static int breakable(Uint32 p, Uint32 c)
{
    if (closing(c))
        return 0;
    return c == ' ' || (c >= 0x2E80 && p != ' ') || (p >= 0x2E80 && c != ' ');
}

int cs_text_wrap(SDL_Renderer *r, const cs_fonts *f, enum cs_text_size size, float x, float y,
                 float width, SDL_Color c, const char *utf8)
{
    const int lh = cs_text_height(f, size);
    size_t n = strlen(utf8);
    char *line = malloc(n + 1);
    if (!line)
        return 0;
    float top = y;
    size_t pos = 0;
    while (pos < n) {
        /* One line: as far as it fits, back to the last break. */
        size_t end = pos, last_break = 0, i = pos;
        Uint32 prev = 0;
        while (i < n && utf8[i] != '\n') {
            size_t j = i;
            Uint32 cp = next_cp(utf8, n, &j);
            if (i > pos && breakable(prev, cp))
                last_break = i;
            memcpy(line, utf8 + pos, j - pos);
            line[j - pos] = '\0';
            if (i > pos && (float)cs_text_width(f, size, line) > width)
                break;
            prev = cp;
            i = j;
            end = j;
        }
        if (i < n && utf8[i] != '\n' && last_break > pos)
            end = last_break;
        memcpy(line, utf8 + pos, end - pos);
        line[end - pos] = '\0';
        if (r)
            cs_text_draw(r, f, size, x, y, CS_ALIGN_LEFT, c, line);
        y += (float)lh;
        pos = end;
        while (pos < n && utf8[pos] == ' ')
            pos++;
        if (pos < n && utf8[pos] == '\n')
            pos++;
    }
    free(line);
    return (int)(y - top);
}
