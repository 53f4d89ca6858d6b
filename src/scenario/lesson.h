/* SPDX-License-Identifier: MIT */
/* lesson.h - a scenario's `lesson:` block: what a classroom lesson shows
 * and how it guides the class. Its views (the measures the charts draw,
 * titled in the lesson's words), highlights (who is drawn apart), sliders
 * (which levers, over which range, in plain words) and steps (run to a
 * day, pause with a caption, ask, move a slider, restart with compare on),
 * each text in the languages the lesson provides. A run ignores it; the
 * visualizer and `circlesim lesson` read it.
 *
 * docs/SCENARIOS.md describes the block; `check` reports every problem at
 * its line and column.
 */
#ifndef CS_SCENARIO_LESSON_H
#define CS_SCENARIO_LESSON_H

#include <stddef.h>
#include <stdint.h>

#include "circlesim/diag.h"

/* A text in several languages: lang[i] ("en", "zh", "zh-Hant") and its
 * text[i]. A plain string in the file is English. */
typedef struct cs_ltext {
    size_t n;
    char **lang, **text;
    int line, col;
} cs_ltext;

enum { CS_LESSON_MAX_VIEWS = 4, CS_LESSON_MAX_LINES = 4, CS_LESSON_MAX_ITEMS = 64 };

/* A chart: one line per measure, each a timeseries column of the
 * scenario's model, named in the legend when there are several. */
typedef struct cs_lesson_view {
    char *measure[CS_LESSON_MAX_LINES];
    cs_ltext legend[CS_LESSON_MAX_LINES]; /* empty for a single line */
    size_t nmeasures;
    int so_far;          /* draw each line's total from day 1, not the day's value */
    cs_ltext title;
    int line[CS_LESSON_MAX_LINES], col[CS_LESSON_MAX_LINES]; /* of each measure */
} cs_lesson_view;

/* Who a highlight draws apart. */
enum cs_lesson_who {
    CS_WHO_SEEDED_KOCS,  /* the KOCs the brand seeded */
    CS_WHO_KOCS,         /* every KOC */
    CS_WHO_KOLS,
    CS_WHO_CIRCLE_OWNERS,
    CS_WHO_CIRCLE_MEMBERS,
    CS_WHO_GROUP_OWNERS,
    CS_WHO_GROUP_MEMBERS,
    CS_WHO_BRAND_BUYERS, /* users who bought the brand's product */
    CS_WHO_COUNT
};
extern const char *const cs_lesson_who_names[CS_WHO_COUNT];

typedef struct cs_lesson_highlight {
    int who;             /* enum cs_lesson_who */
    cs_ltext label;
} cs_lesson_highlight;

typedef struct cs_lesson_slider {
    int param;           /* a lever of the parameter table */
    double min, max, step;
    cs_ltext label;
    int line, col;       /* of the key */
} cs_lesson_slider;

typedef struct cs_lesson_step {
    int64_t day;         /* run to this day, then pause (0: no run, a caption only) */
    cs_ltext caption, question;
    int *set_param;      /* levers set when the step is reached */
    double *set_value;
    size_t nset;
    int restart;         /* start the run again (with compare on: the run before stays drawn) */
    int line, col;       /* of the step */
    int day_line, day_col;
} cs_lesson_step;

typedef struct cs_lesson {
    int given;           /* the scenario has a lesson: block */
    cs_ltext title;
    cs_ltext about;      /* what the lesson shows, for the class (empty: none) */
    int keep;            /* runs compare keeps drawn, 1 .. 4 (0: not given, 1) */
    cs_lesson_view views[CS_LESSON_MAX_VIEWS];
    size_t nviews;
    cs_lesson_highlight *highlights;
    size_t nhighlights;
    cs_lesson_slider *sliders;
    size_t nsliders;
    cs_lesson_step *steps;
    size_t nsteps;
} cs_lesson;

/* t's text in lang, else in English, else its first; NULL when empty. */
const char *cs_ltext_get(const cs_ltext *t, const char *lang);

/* A lesson's text with its numbers filled in from the run: {measure} is
 * the measure's value on the run's last row, {measure:so_far} its total
 * from day 1 (rows[0 .. n-1] of a model's timeseries; money in whole
 * yuan, counts whole, ratios to two decimals, with spaces between
 * thousands). A placeholder the rows cannot fill (no rows yet, an unknown
 * name) is left as "…". Writes at most cap bytes with its end. */
struct cs_day_row;
void cs_lesson_fill(const char *text, int model, const struct cs_day_row *rows, int64_t n,
                    char *out, size_t cap);

#endif
