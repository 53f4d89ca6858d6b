/* SPDX-License-Identifier: MIT */
/* gif.h - an animated GIF (GIF89a) written frame by frame: a run as a
 * video a slide or a web page plays without a player.
 *
 * One palette of 256 colours serves every frame: the colours two sample
 * frames use most (panels, lines, type), then a 4 x 4 x 4 cube for
 * anything else. Each pixel takes
 * the nearest palette colour; no dithering, so flat panels stay flat and
 * files small. No SDL here: frames are 32-bit pixels, 0xAARRGGBB.
 */
#ifndef CS_GIF_H
#define CS_GIF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct cs_gif cs_gif;

/* Starts a GIF of w x h pixels on out, looping forever, its palette taken
 * from the frames a and b (w x h pixels, `pitch` bytes a row; b may be
 * NULL): the first and the last, say, so that what only appears late (a
 * highlight, a line) has its own colour. NULL when out of memory. */
cs_gif *cs_gif_begin(FILE *out, int w, int h, const uint32_t *a, const uint32_t *b,
                     size_t pitch);
/* Adds a frame shown for delay_cs hundredths of a second. Returns 0 (its
 * memory was taken at the start). */
int cs_gif_frame(cs_gif *g, const uint32_t *pixels, size_t pitch, int delay_cs);
/* Writes the trailer and frees g (out stays open). Returns 0, or -1 when
 * a write failed on the way (out's error flag). */
int cs_gif_end(cs_gif *g);

#endif
