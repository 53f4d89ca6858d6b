/* SPDX-License-Identifier: MIT */
/* test_canvas.c - the drawing library renders offscreen (no display) and
 * writes PNGs that read back pixel for pixel. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <SDL_image.h>
#include <stdio.h>
#include <unistd.h>

#include "draw/canvas.h"

static Uint32 pixel_at(SDL_Surface *s, int x, int y)
{
    SDL_Surface *argb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    assert_non_null(argb);
    Uint32 v = ((Uint32 *)((Uint8 *)argb->pixels + y * argb->pitch))[x];
    SDL_FreeSurface(argb);
    return v;
}

static void test_offscreen_png_round_trip(void **state)
{
    (void)state;
    cs_canvas c;
    assert_int_equal(cs_canvas_create(&c, 64, 48), 0);
    cs_canvas_clear(&c, (SDL_Color){255, 255, 255, 255});
    SDL_SetRenderDrawColor(c.renderer, 200, 30, 40, 255);
    SDL_Rect r = {10, 10, 20, 10};
    SDL_RenderFillRect(c.renderer, &r);

    char path[] = "/tmp/cs-canvas-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_canvas_save_png(&c, path, &d), 0);
    assert_int_equal(d.errors, 0);
    cs_canvas_destroy(&c);

    SDL_Surface *back = IMG_Load(path);
    assert_non_null(back);
    assert_int_equal(back->w, 64);
    assert_int_equal(back->h, 48);
    assert_int_equal(pixel_at(back, 15, 15), 0xffc81e28u); /* inside the rectangle */
    assert_int_equal(pixel_at(back, 2, 2), 0xffffffffu);   /* background */
    SDL_FreeSurface(back);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_offscreen_png_round_trip),
    };
    return cmocka_run_group_tests_name("canvas", tests, NULL, NULL);
}
