/* SPDX-License-Identifier: MIT */
/* text.h - text through SDL2_ttf, with fonts found through fontconfig:
 * DejaVu Sans (or the system's sans-serif) first, and a CJK font for the
 * glyphs it lacks (scenario names and info text may be Chinese), chosen per
 * run of glyphs. */
#ifndef CS_TEXT_H
#define CS_TEXT_H

#include <SDL.h>
#include <SDL_ttf.h>

#include "circlesim/diag.h"

enum cs_text_size { CS_TEXT_SMALL, CS_TEXT_NORMAL, CS_TEXT_LARGE, CS_TEXT_SIZES };
enum cs_align { CS_ALIGN_LEFT, CS_ALIGN_CENTER, CS_ALIGN_RIGHT };

typedef struct cs_fonts {
    char *main_path, *cjk_path; /* cjk_path NULL when none is installed */
    long main_index, cjk_index;
    TTF_Font *main[CS_TEXT_SIZES], *cjk[CS_TEXT_SIZES];
    float scale;                /* the pixel sizes' multiplier (DPI, projector) */
} cs_fonts;

/* Finds and opens the fonts at sizes 12, 14 and 19 px times scale. Returns 0,
 * or -1 with a message through diag (no usable font: fontconfig's answer and
 * what to install). */
int cs_fonts_open(cs_fonts *f, float scale, cs_diag *diag);
/* Reopens at another scale (window DPI change, projector mode). */
int cs_fonts_rescale(cs_fonts *f, float scale);
void cs_fonts_close(cs_fonts *f);
int cs_text_height(const cs_fonts *f, enum cs_text_size size);

/* Width in pixels of utf8 at size. */
int cs_text_width(const cs_fonts *f, enum cs_text_size size, const char *utf8);
/* Draws utf8 with its top at y, aligned on x; returns its width. */
int cs_text_draw(SDL_Renderer *r, const cs_fonts *f, enum cs_text_size size, float x, float y,
                 enum cs_align align, SDL_Color c, const char *utf8);
/* Draws utf8 wrapped to width (breaking at spaces, or anywhere between CJK
 * characters), keeping explicit line breaks; returns the height used. With
 * r NULL only measures. */
int cs_text_wrap(SDL_Renderer *r, const cs_fonts *f, enum cs_text_size size, float x, float y,
                 float width, SDL_Color c, const char *utf8);

#endif
