/* SPDX-License-Identifier: MIT */
/* test_scenario.c - the scenario language at library level: the parameter
 * table, loading, --set, cross-key validation, the resolved YAML and its
 * hash, and every error class of the scenario language with its exact position.
 *
 * Diagnostics are captured with open_memstream, so every assertion is about
 * the exact text a person would see.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <ftw.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "circlesim/diag.h"
#include "engine/engine.h"
#include "scenario/columns.h"
#include "scenario/lesson.h"
#include "scenario/scenario.h"
#include "engine/run_struct.h"
#include "data/error_cases.h"

/* ---- helpers ------------------------------------------------------------- */

/* Diagnostics written to memory. */
typedef struct capture {
    char *buf;
    size_t len;
    FILE *fp;
    cs_diag d;
} capture;

static void cap_open(capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->fp = open_memstream(&c->buf, &c->len);
    assert_non_null(c->fp);
    cs_diag_init(&c->d, c->fp);
}

/* Closes the stream; the text stays in c->buf (never NULL). */
static const char *cap_text(capture *c)
{
    if (c->fp) {
        fclose(c->fp);
        c->fp = NULL;
    }
    return c->buf ? c->buf : "";
}

static void cap_free(capture *c)
{
    cap_text(c);
    free(c->buf);
    c->buf = NULL;
}

static int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* Line i (0-based) of s, copied into out. */
static const char *nth_line(const char *s, int i, char *out, size_t cap)
{
    for (; i > 0 && s; i--) {
        s = strchr(s, '\n');
        if (s)
            s++;
    }
    if (!s) {
        out[0] = '\0';
        return out;
    }
    size_t n = strcspn(s, "\n");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Asserts that the first diagnostic line starts with prefix and contains
 * word, with a failure message that shows the whole line. */
static void expect_line(const char *what, const char *diag, int index, const char *prefix,
                        const char *word)
{
    char line[4096];
    nth_line(diag, index, line, sizeof line);
    if (strncmp(line, prefix, strlen(prefix)) != 0)
        fail_msg("%s: line %d should start with '%s', got '%s'", what, index + 1, prefix, line);
    if (word && !strstr(line, word))
        fail_msg("%s: line %d should contain '%s', got '%s'", what, index + 1, word, line);
}

/* Loads text as "bad.yaml" over the defaults; returns the code, diag text
 * in c (caller frees). */
static int load(cs_scenario *sc, capture *c, const char *text, size_t len, const char *base)
{
    assert_int_equal(cs_scenario_init(sc), 0);
    cap_open(c);
    int rc = cs_scenario_load_text(sc, "bad.yaml", text, len, base, &c->d);
    cap_text(c);
    return rc;
}

static int load_str(cs_scenario *sc, capture *c, const char *text)
{
    return load(sc, c, text, strlen(text), "/tmp");
}

/* Load, then validate; returns the first failing code. */
static int load_validate(cs_scenario *sc, capture *c, const char *text, const char *base)
{
    assert_int_equal(cs_scenario_init(sc), 0);
    cap_open(c);
    int rc = cs_scenario_load_text(sc, "bad.yaml", text, strlen(text), base, &c->d);
    if (rc == 0)
        rc = cs_scenario_validate(sc, &c->d);
    cap_text(c);
    return rc;
}

static int param(const char *key)
{
    int i = cs_param_find(key);
    if (i < 0)
        fail_msg("no parameter '%s'", key);
    return i;
}

/* A scratch folder per test that needs files. */
static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

static char *make_tmpdir(void)
{
    char *t = strdup("/tmp/cs-test-scenario-XXXXXX");
    assert_non_null(t);
    assert_non_null(mkdtemp(t));
    return t;
}

static void remove_tree(char *dir)
{
    nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    free(dir);
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

/* ---- the parameter table ------------------------------------------------- */

static void test_table_keys_unique_and_findable(void **state)
{
    (void)state;
    size_t n = cs_param_count();
    assert_true(n >= 20);
    assert_true(n <= CS_MAX_PARAMS);
    assert_null(cs_param_at(n));
    for (size_t i = 0; i < n; i++) {
        const cs_param *p = cs_param_at(i);
        assert_non_null(p);
        assert_non_null(p->key);
        assert_non_null(p->doc);
        assert_true(strlen(p->doc) > 0);
        assert_non_null(p->unit);
        /* cs_scenario_init parses every default: none may be missing. */
        assert_non_null(p->def);
        assert_true(p->models != 0 && (p->models & ~(unsigned)CS_M_ALL) == 0);
        assert_int_equal(cs_param_find(p->key), (int)i);
        for (size_t j = i + 1; j < n; j++)
            if (strcmp(p->key, cs_param_at(j)->key) == 0)
                fail_msg("key '%s' appears twice in the table (rows %zu and %zu)", p->key, i, j);
        /* Keys of one section stay together (the resolved YAML relies on it). */
        const char *dot = strchr(p->key, '.');
        if (dot && i > 0) {
            size_t sl = (size_t)(dot - p->key) + 1;
            for (size_t j = 0; j + 1 < i; j++)
                if (strncmp(cs_param_at(j)->key, p->key, sl) == 0 &&
                    strncmp(cs_param_at(i - 1)->key, p->key, sl) != 0)
                    fail_msg("section of '%s' is split in the table", p->key);
        }
    }
    assert_int_equal(cs_param_find("no.such.key"), -1);
    assert_int_equal(cs_param_find(""), -1);
    /* The keys the scenario language must have. */
    static const char *required[] = {"name", "info", "schema_version", "seed", "days", "model",
                                     "price", "population.size", "network.kind",
                                     "network.mean_degree", "network.m", "network.k",
                                     "network.beta", "network.blocks", "network.p_in",
                                     "network.p_out", "network.file", "bass.p", "bass.q",
                                     "cascade.seeds", "cascade.p"};
    for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
        if (cs_param_find(required[i]) < 0)
            fail_msg("the table lacks '%s'", required[i]);
}

static void test_table_defaults_valid(void **state)
{
    /* Interventions store a lever's value as a number: levers must be numbers. */
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        if ((p->flags & CS_P_LEVER) && p->type != CS_T_INT && p->type != CS_T_FLOAT && p->type != CS_T_BOOL)
            fail_msg("lever %s is not a number", p->key);
    }
    (void)state;
    cs_scenario sc;
    assert_int_equal(cs_scenario_init(&sc), 0);
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        void *f = (char *)&sc + p->offset;
        switch (p->type) {
        case CS_T_INT: {
            double v = (double)*(int64_t *)f;
            assert_true(p->min <= p->max);
            if (!(v >= p->min && v <= p->max))
                fail_msg("default of %s (%g) outside [%g, %g]", p->key, v, p->min, p->max);
            break;
        }
        case CS_T_FLOAT: {
            double v = *(double *)f;
            assert_true(p->min <= p->max);
            if (!(isfinite(v) && v >= p->min && v <= p->max))
                fail_msg("default of %s (%g) outside [%g, %g]", p->key, v, p->min, p->max);
            break;
        }
        case CS_T_INT_LIST: {
            const cs_int_list *l = f;
            for (size_t k = 0; k < l->n; k++)
                if (!((double)l->v[k] >= p->min && (double)l->v[k] <= p->max))
                    fail_msg("default item %zu of %s outside range", k, p->key);
            break;
        }
        case CS_T_ENUM: {
            assert_non_null(p->choices);
            /* The default's text must be one of the '|'-separated names,
             * and the stored index must name it. */
            int found = -1, idx = 0;
            const char *c = p->choices;
            for (;;) {
                size_t len = strcspn(c, "|");
                if (len == strlen(p->def) && strncmp(c, p->def, len) == 0)
                    found = idx;
                if (!c[len])
                    break;
                c += len + 1;
                idx++;
            }
            if (found < 0)
                fail_msg("default '%s' of %s is not among '%s'", p->def, p->key, p->choices);
            assert_int_equal(*(int *)f, found);
            break;
        }
        case CS_T_STRING:
        case CS_T_PATH:
            assert_non_null(*(char **)f);
            break;
        case CS_T_BOOL:
            assert_true(*(int *)f == 0 || *(int *)f == 1);
            break;
        }
        assert_int_equal(sc.origin[i].from, CS_FROM_DEFAULT);
    }
    /* The defaults also pass cross-key validation. */
    capture c;
    cap_open(&c);
    assert_int_equal(cs_scenario_validate(&sc, &c.d), 0);
    assert_string_equal(cap_text(&c), "");
    cap_free(&c);
    assert_string_equal(cs_model_name(CS_MODEL_BASS), "bass");
    assert_string_equal(cs_model_name(CS_MODEL_CASCADE), "cascade");
    assert_string_equal(cs_network_kind_name(CS_NET_WATTS_STROGATZ), "watts_strogatz");
    /* The enum's names are network.kind's choices, in the same order. */
    const char *choices = cs_param_at((size_t)cs_param_find("network.kind"))->choices;
    char all[256] = "";
    for (int k = 0; k <= CS_NET_HOMOPHILY; k++)
        snprintf(all + strlen(all), sizeof all - strlen(all), "%s%s", k ? "|" : "",
                 cs_network_kind_name(k));
    assert_string_equal(all, choices);
    cs_scenario_free(&sc);
}

static void test_builtin_default_loads(void **state)
{
    (void)state;
    cs_scenario sc;
    capture c;
    assert_int_equal(cs_scenario_init(&sc), 0);
    cap_open(&c);
    assert_int_equal(cs_scenario_load(&sc, NULL, &c.d), 0);
    assert_int_equal(cs_scenario_validate(&sc, &c.d), 0);
    assert_string_equal(cap_text(&c), "");
    assert_true(cs_default_scenario_len > 0);
    assert_int_equal(strlen(cs_default_scenario), cs_default_scenario_len);
    /* The platform's default: 100 000 people over 365 days, circles mid-year. */
    assert_int_equal(sc.model, CS_MODEL_PLATFORM);
    assert_int_equal(sc.network_kind, CS_NET_HOMOPHILY);
    assert_int_equal(sc.population_size, 100000);
    assert_int_equal(sc.days, 365);
    assert_int_equal(sc.circles_launch_day, 180);
    cs_scenario_free(&sc);
    cap_free(&c);

    /* scenarios/default.yaml is the same text as the embedded one. */
    FILE *f = fopen(CS_SOURCE_DIR "/scenarios/default.yaml", "rb");
    assert_non_null(f);
    char *buf = malloc(cs_default_scenario_len + 2);
    assert_non_null(buf);
    size_t n = fread(buf, 1, cs_default_scenario_len + 1, f);
    fclose(f);
    assert_int_equal(n, cs_default_scenario_len);
    assert_memory_equal(buf, cs_default_scenario, n);
    free(buf);
}

/* ---- loading good scenarios ---------------------------------------------- */

static const char good_text[] =
    "# a comment\n"
    "schema_version: 1\n"
    "name: good one\n"
    "info: |\n"
    "  line one\n"
    "  line two\n"
    "seed: 42\n"
    "days: 30\n"
    "model: cascade\n"
    "price: 12.5\n"
    "population:\n"
    "  size: 500\n"
    "network:\n"
    "  kind: watts_strogatz\n"
    "  k: 4\n"
    "  beta: 0.25\n"
    "cascade:\n"
    "  seeds: [1, 2, 3]\n"
    "  p: 0.05\n"
    "bass: {p: 0.02, q: 0.3}\n";

/* Quoted text with many escapes: unescaped right (and, with libfyaml 0.7's
 * leak of such scalars suppressed in tests/lsan.supp, no leak of ours). */
static void test_escaped_strings(void **state)
{
    (void)state;
    /* 30 escaped quotes: past the 8 iterator chunks after which libfyaml
     * 0.7.12 leaks (seen without the suppression). */
    char text[512] = "name: '";
    char want[128] = "";
    for (int i = 0; i < 30; i++) {
        strcat(text, "''");
        strcat(want, "'");
    }
    strcat(text, "'\ninfo: \"a\\tb\\\"q\\\" \\u4e2d\\u6587\\n\"\n");
    cs_scenario sc;
    cs_diag d;
    cs_diag_init(&d, stderr);
    assert_int_equal(cs_scenario_init(&sc), 0);
    assert_int_equal(cs_scenario_load_text(&sc, "esc.yaml", text, strlen(text), "/", &d), 0);
    assert_string_equal(sc.name, want);
    assert_string_equal(sc.info, "a\tb\"q\" \xe4\xb8\xad\xe6\x96\x87\n");
    cs_scenario_free(&sc);
}

static void test_load_good(void **state)
{
    (void)state;
    cs_scenario sc;
    capture c;
    int rc = load_str(&sc, &c, good_text);
    assert_string_equal(c.buf ? c.buf : "", "");
    assert_int_equal(rc, 0);
    assert_string_equal(sc.name, "good one");
    assert_string_equal(sc.info, "line one\nline two\n");
    assert_int_equal(sc.seed, 42);
    assert_int_equal(sc.days, 30);
    assert_int_equal(sc.model, CS_MODEL_CASCADE);
    assert_true(sc.price == 12.5);
    assert_int_equal(sc.population_size, 500);
    assert_int_equal(sc.network_kind, CS_NET_WATTS_STROGATZ);
    assert_int_equal(sc.network_k, 4);
    assert_true(sc.network_beta == 0.25);
    assert_int_equal(sc.cascade_seeds.n, 3);
    assert_int_equal(sc.cascade_seeds.v[0], 1);
    assert_int_equal(sc.cascade_seeds.v[2], 3);
    assert_true(sc.cascade_p == 0.05);
    assert_true(sc.bass_p == 0.02);
    assert_true(sc.bass_q == 0.3);
    /* Untouched keys keep their defaults. */
    assert_int_equal(sc.network_m, 3);
    assert_int_equal(sc.origin[param("network.m")].from, CS_FROM_DEFAULT);
    /* Where values came from: the value's own position. */
    const cs_origin *o = &sc.origin[param("days")];
    assert_int_equal(o->from, CS_FROM_FILE);
    assert_int_equal(o->line, 8);
    assert_int_equal(o->col, 7);
    o = &sc.origin[param("network.k")];
    assert_int_equal(o->line, 15);
    assert_int_equal(o->col, 6);
    o = &sc.origin[param("bass.q")];
    assert_int_equal(o->line, 20);
    assert_int_equal(o->col, 20);
    assert_string_equal(sc.source, "bad.yaml");
    assert_int_equal(cs_scenario_validate(&sc, &c.d), 0);
    cs_scenario_free(&sc);
    cap_free(&c);
}

static void test_load_number_forms(void **state)
{
    (void)state;
    cs_scenario sc;
    capture c;
    /* Whole numbers written as 1e4 are integers; a BOM and CRLF are fine. */
    int rc = load_str(&sc, &c,
                      "\xef\xbb\xbfpopulation:\r\n  size: 1e4\r\nbass:\r\n  p: 1e-3\r\n"
                      "price: 0.1\r\nseed: 9007199254740991\r\n");
    assert_string_equal(c.buf ? c.buf : "", "");
    assert_int_equal(rc, 0);
    assert_int_equal(sc.population_size, 10000);
    assert_true(sc.bass_p == 1e-3);
    assert_true(sc.price == 0.1);
    /* Exact, although above what a double holds exactly in general. */
    assert_int_equal(sc.seed, INT64_C(9007199254740991));
    cs_scenario_free(&sc);
    cap_free(&c);

    /* Not numbers, however strtod would read them. */
    static const char *bad[] = {"days: 0x10\n", "days: inf\n", "days: nan\n", "days: 1_000\n",
                                "days: 2.5\n", "days: true\n"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rc = load_str(&sc, &c, bad[i]);
        assert_int_equal(rc, CS_ERR_INPUT);
        expect_line(bad[i], c.buf, 0, "bad.yaml:1:7: error: days: expected a whole number",
                    NULL);
        assert_int_equal(sc.days, 100); /* unchanged */
        cs_scenario_free(&sc);
        cap_free(&c);
    }
}

/* ---- --set ----------------------------------------------------------------- */

static int set(cs_scenario *sc, capture *c, const char *assignment)
{
    cap_open(c);
    int rc = cs_scenario_set(sc, assignment, &c->d);
    cap_text(c);
    return rc;
}

static void test_set_values(void **state)
{
    (void)state;
    cs_scenario sc;
    capture c;
    assert_int_equal(cs_scenario_init(&sc), 0);

    assert_int_equal(set(&sc, &c, "cascade.seeds=[0,3]"), 0);
    assert_string_equal(c.buf, "");
    cap_free(&c);
    assert_int_equal(sc.cascade_seeds.n, 2);
    assert_int_equal(sc.cascade_seeds.v[0], 0);
    assert_int_equal(sc.cascade_seeds.v[1], 3);
    assert_int_equal(sc.origin[param("cascade.seeds")].from, CS_FROM_SET);

    assert_int_equal(set(&sc, &c, "network.kind=watts_strogatz"), 0);
    cap_free(&c);
    assert_int_equal(sc.network_kind, CS_NET_WATTS_STROGATZ);
    assert_int_equal(set(&sc, &c, "model=cascade"), 0);
    cap_free(&c);
    assert_int_equal(sc.model, CS_MODEL_CASCADE);
    assert_int_equal(set(&sc, &c, "bass.q=0.25"), 0);
    cap_free(&c);
    assert_true(sc.bass_q == 0.25);
    assert_int_equal(set(&sc, &c, "population.size=1e5"), 0);
    cap_free(&c);
    assert_int_equal(sc.population_size, 100000);
    /* VALUE is everything after the first '='. */
    assert_int_equal(set(&sc, &c, "name=a=b c"), 0);
    cap_free(&c);
    assert_string_equal(sc.name, "a=b c");
    assert_int_equal(set(&sc, &c, "network.blocks=[10, 20, 30]"), 0);
    cap_free(&c);
    assert_int_equal(sc.network_blocks.n, 3);
    assert_int_equal(sc.network_blocks.v[2], 30);
    /* A whole section as a flow mapping. */
    assert_int_equal(set(&sc, &c, "bass={p: 0.011, q: 0.12}"), 0);
    cap_free(&c);
    assert_true(sc.bass_p == 0.011);
    assert_true(sc.bass_q == 0.12);

    /* A cross-key problem with a --set value is reported at the --set. */
    assert_int_equal(set(&sc, &c, "network.k=5"), 0);
    cap_free(&c);
    assert_int_equal(set(&sc, &c, "population.size=100"), 0);
    cap_free(&c);
    cap_open(&c);
    assert_int_equal(cs_scenario_validate(&sc, &c.d), CS_ERR_INPUT);
    cap_text(&c);
    expect_line("validate after --set", c.buf, 0, "<set> network.k: error: ", "even");
    cap_free(&c);
    cs_scenario_free(&sc);
}

static void test_set_errors(void **state)
{
    (void)state;
    static const struct {
        const char *assignment, *prefix, *word;
    } cases[] = {
        {"bogus=1", "<set> bogus: error: ", "unknown key 'bogus'"},
        {"bass.qq=0.3", "<set> bass.qq: error: ", "did you mean 'bass.q'?"},
        {"netwrk.kind=complete", "<set> netwrk.kind: error: ", "did you mean 'network.kind'?"},
        {"days=abc", "<set> days: error: ", "expected a whole number, found 'abc'"},
        {"days=[1, 2]", "<set> days: error: ", "found a list"},
        {"bass.p=\"0.5\"", "<set> bass.p: error: ", "quoted string"},
        {"days=-1", "<set> days: error: ", "between 1 and 36500"},
        {"bass.q=1.01", "<set> bass.q: error: ", "between 0 and 1"},
        {"cascade.seeds=[0, -3]", "<set> cascade.seeds: error: ", "cascade.seeds[1]"},
        {"days=[1", "<set> days: error: ", "malformed YAML"},
        {"name=\"abc", "<set> name: error: ", "malformed YAML"},
        {"days={a: 1, a: 2}", "<set> days: error: ", "duplicate key"},
        {"days=\x01", "<set> days: error: ", "control character"},
        {"noequals", "<set> noequals: error: ", "expected KEY=VALUE"},
        {"=5", "<set> =5: error: ", "expected KEY=VALUE"},
        {"network.kind=ring", "<set> network.kind: error: ", "expected one of complete"},
        {"network=3", "<set> network: error: ", "expected a mapping of network.* keys"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cs_scenario sc;
        capture c;
        assert_int_equal(cs_scenario_init(&sc), 0);
        int rc = set(&sc, &c, cases[i].assignment);
        if (rc != CS_ERR_INPUT)
            fail_msg("--set %s: expected CS_ERR_INPUT, got %d", cases[i].assignment, rc);
        assert_int_equal(count_lines(c.buf), 1);
        expect_line(cases[i].assignment, c.buf, 0, cases[i].prefix, cases[i].word);
        /* A refused value changes nothing. */
        assert_int_equal(sc.days, 100);
        assert_true(sc.bass_p == 0.03);
        assert_int_equal(sc.network_kind, CS_NET_HOMOPHILY);
        cap_free(&c);
        cs_scenario_free(&sc);
    }
}

/* ---- resolved YAML and hash -------------------------------------------- */

static char *reload_yaml(const char *yaml, cs_scenario *out)
{
    capture c;
    int rc = load(out, &c, yaml, strlen(yaml), "/");
    if (rc != 0)
        fail_msg("resolved YAML does not load back: %s\n---\n%s", c.buf, yaml);
    cap_free(&c);
    return cs_scenario_to_yaml(out, 0);
}

static void test_yaml_round_trip(void **state)
{
    (void)state;
    static const char *texts[] = {
        good_text,
        "schema_version: 1\n", /* all defaults */
        "name: \"quote \\\" backslash \\\\ tab \\t caf\xc3\xa9 \\u0001 end\"\n"
        "info: \"two\\nlines: with # and : and [brackets]\"\n"
        "price: 0.1\nbass:\n  p: 1e-7\n  q: 0.3333333333333333\n"
        "network:\n  kind: sbm\n  blocks: [100, 200]\n  p_in: 0.123456789\n"
        "population:\n  size: 300\nseed: 9007199254740991\n",
        "days: 50\ninterventions:\n  - day: 30\n    set: {bass.q: 0.1, price: 79.9}\n"
        "  - day: 2\n    set:\n      bass.p: 1e-4\n",
    };
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        cs_scenario a, b, c2;
        capture c;
        assert_int_equal(load_str(&a, &c, texts[t]), 0);
        cap_free(&c);
        char *y1 = cs_scenario_to_yaml(&a, 0);
        assert_non_null(y1);
        /* Every key appears, defaults included. */
        for (size_t i = 0; i < cs_param_count(); i++) {
            const char *key = cs_param_at(i)->key;
            const char *leaf = strrchr(key, '.') ? strrchr(key, '.') + 1 : key;
            char needle[80];
            snprintf(needle, sizeof needle, "%s%s: ", strchr(key, '.') ? "\n  " : "\n", leaf);
            if (!strstr(y1, needle))
                fail_msg("resolved YAML lacks %s:\n%s", key, y1);
        }
        char *y2 = reload_yaml(y1, &b);
        assert_string_equal(y1, y2);
        char *y3 = reload_yaml(y2, &c2);
        assert_string_equal(y2, y3);
        char h1[72], h2[72];
        assert_int_equal(cs_scenario_hash(&a, h1), 0);
        assert_int_equal(cs_scenario_hash(&b, h2), 0);
        assert_string_equal(h1, h2);
        assert_int_equal(strlen(h1), 7 + 64);
        assert_memory_equal(h1, "sha256:", 7);
        for (int i = 7; i < 71; i++)
            assert_non_null(strchr("0123456789abcdef", h1[i]));
        /* The values survive exactly, not just the text. */
        assert_string_equal(a.name, b.name);
        assert_string_equal(a.info, b.info);
        assert_true(a.bass_q == b.bass_q);
        assert_true(a.network_p_in == b.network_p_in);
        assert_int_equal(a.seed, b.seed);
        free(y1);
        free(y2);
        free(y3);
        cs_scenario_free(&a);
        cs_scenario_free(&b);
        cs_scenario_free(&c2);
    }
}

static void test_hash_changes_with_values(void **state)
{
    (void)state;
    cs_scenario sc;
    capture c;
    assert_int_equal(load_str(&sc, &c, good_text), 0);
    cap_free(&c);
    char base[72], h[72];
    assert_int_equal(cs_scenario_hash(&sc, base), 0);
    /* The same value again: the same hash (no hidden state). */
    assert_int_equal(set(&sc, &c, "days=30"), 0);
    cap_free(&c);
    assert_int_equal(cs_scenario_hash(&sc, h), 0);
    assert_string_equal(base, h);
    static const char *changes[] = {"days=31", "seed=43", "bass.q=0.30000000000000004",
                                    "cascade.seeds=[1, 2, 4]", "name=good two",
                                    "network.kind=complete", "info=other"};
    for (size_t i = 0; i < sizeof changes / sizeof changes[0]; i++) {
        cs_scenario s2;
        assert_int_equal(load_str(&s2, &c, good_text), 0);
        cap_free(&c);
        assert_int_equal(set(&s2, &c, changes[i]), 0);
        cap_free(&c);
        assert_int_equal(cs_scenario_hash(&s2, h), 0);
        if (strcmp(h, base) == 0)
            fail_msg("--set %s did not change the hash", changes[i]);
        cs_scenario_free(&s2);
    }
    cs_scenario_free(&sc);
}

/* Loads an edge-list scenario whose network.file is relative to dir. */
static void load_edgelist(cs_scenario *sc, const char *dir, const char *file)
{
    char text[512];
    snprintf(text, sizeof text, "model: cascade\nnetwork:\n  kind: edgelist\n  file: %s\n", file);
    capture c;
    assert_int_equal(cs_scenario_init(sc), 0);
    cap_open(&c);
    int rc = cs_scenario_load_text(sc, "el.yaml", text, strlen(text), dir, &c.d);
    if (rc == 0)
        rc = cs_scenario_validate(sc, &c.d);
    /* The content hash is taken from the bytes the reader parses. */
    cs_edge_buf pairs = {0};
    if (rc == 0)
        rc = cs_scenario_read_edgelist(sc, &pairs, NULL, 2, &c.d);
    cs_edge_buf_free(&pairs);
    cap_text(&c);
    if (rc != 0)
        fail_msg("edge-list scenario in %s: %s", dir, c.buf);
    cap_free(&c);
}

static void test_hash_edgelist_content_not_path(void **state)
{
    (void)state;
    char *tmp = make_tmpdir();
    char d1[PATH_MAX], d2[PATH_MAX], d3[PATH_MAX], p[PATH_MAX + 32];
    snprintf(d1, sizeof d1, "%s/one", tmp);
    snprintf(d2, sizeof d2, "%s/two/deeper", tmp);
    snprintf(d3, sizeof d3, "%s/three", tmp);
    assert_int_equal(mkdir(d1, 0777), 0);
    snprintf(p, sizeof p, "%s/two", tmp);
    assert_int_equal(mkdir(p, 0777), 0);
    assert_int_equal(mkdir(d2, 0777), 0);
    assert_int_equal(mkdir(d3, 0777), 0);
    const char *edges = "# a star\n0 1\n0 2\n0 3\n";
    snprintf(p, sizeof p, "%s/edges.txt", d1);
    write_file(p, edges);
    snprintf(p, sizeof p, "%s/ties.txt", d2);
    write_file(p, edges);
    snprintf(p, sizeof p, "%s/edges.txt", d3);
    write_file(p, "# a star\n0 1\n0 2\n1 3\n");

    cs_scenario a, b, c;
    load_edgelist(&a, d1, "edges.txt");
    load_edgelist(&b, d2, "ties.txt");
    load_edgelist(&c, d3, "edges.txt");
    /* Resolved to absolute paths... */
    assert_int_equal(a.network_file[0], '/');
    assert_non_null(strstr(a.network_file, "/one/edges.txt"));
    assert_non_null(strstr(b.network_file, "/two/deeper/ties.txt"));
    char *ya = cs_scenario_to_yaml(&a, 0), *yb = cs_scenario_to_yaml(&b, 0);
    assert_non_null(strstr(ya, a.network_file));
    assert_string_not_equal(ya, yb);
    free(ya);
    free(yb);
    /* ...but the hash covers the content only. */
    char ha[72], hb[72], hc[72];
    assert_int_equal(cs_scenario_hash(&a, ha), 0);
    assert_int_equal(cs_scenario_hash(&b, hb), 0);
    assert_int_equal(cs_scenario_hash(&c, hc), 0);
    assert_string_equal(ha, hb);
    assert_string_not_equal(ha, hc);
    assert_memory_equal(a.network_file_hash, "sha256:", 7);
    assert_string_equal(a.network_file_hash, b.network_file_hash);
    char *fa = cs_scenario_to_yaml(&a, 1);
    assert_null(strstr(fa, "/one/"));
    assert_non_null(strstr(fa, a.network_file_hash));
    free(fa);
    cs_scenario_free(&a);
    cs_scenario_free(&b);
    cs_scenario_free(&c);
    remove_tree(tmp);
}

/* ---- every error class ----------------------------------------------------- */

static void test_error_classes(void **state)
{
    (void)state;
    size_t per_class = 0;
    const char *cls = NULL;
    for (size_t i = 0; i < N_ERROR_CASES; i++) {
        const error_case *ec = &error_cases[i];
        if (!cls || strcmp(cls, ec->cls) != 0) {
            if (cls && per_class < 3)
                fail_msg("class '%s' has only %zu cases", cls, per_class);
            cls = ec->cls;
            per_class = 0;
        }
        per_class++;
        size_t len;
        char *owned;
        const char *bytes = error_case_bytes(ec, &len, &owned);
        cs_scenario sc;
        capture c;
        double t0 = now_seconds();
        int rc = load(&sc, &c, bytes, len, "/tmp");
        double dt = now_seconds() - t0;
        char what[96], prefix[96];
        snprintf(what, sizeof what, "%s case %zu", ec->cls, i);
        if (rc != CS_ERR_INPUT)
            fail_msg("%s: expected CS_ERR_INPUT, got %d (%s)", what, rc, c.buf);
        snprintf(prefix, sizeof prefix, "bad.yaml:%d:%d: error: ", ec->line, ec->col);
        expect_line(what, c.buf, 0, prefix, ec->word);
        /* Malformed input ends the pass with its first problem. */
        assert_int_equal(count_lines(c.buf), 1);
        /* Short, printable, one line: a hostile file cannot flood the terminal. */
        assert_true(strlen(c.buf) < 600);
        for (const char *s = c.buf; *s; s++)
            if ((unsigned char)*s < 0x20 && *s != '\n')
                fail_msg("%s: control byte 0x%02x in the message", what, (unsigned char)*s);
        if (dt > 5.0)
            fail_msg("%s took %.1f s", what, dt);
        cap_free(&c);
        cs_scenario_free(&sc);
        free(owned);
    }
    if (per_class < 3)
        fail_msg("class '%s' has only %zu cases", cls, per_class);
}

/* The same through cs_scenario_load, which reads the file itself (and whose
 * size limit applies before any parsing). */
static void test_error_files(void **state)
{
    (void)state;
    char *tmp = make_tmpdir();
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/bad.yaml", tmp);
    char *cwd = getcwd(NULL, 0);
    assert_int_equal(chdir(tmp), 0);
    for (size_t i = 0; i < N_ERROR_CASES; i++) {
        const error_case *ec = &error_cases[i];
        size_t len;
        char *owned;
        const char *bytes = error_case_bytes(ec, &len, &owned);
        FILE *f = fopen("bad.yaml", "wb");
        assert_non_null(f);
        assert_int_equal(fwrite(bytes, 1, len, f), len);
        assert_int_equal(fclose(f), 0);
        cs_scenario sc;
        capture c;
        assert_int_equal(cs_scenario_init(&sc), 0);
        cap_open(&c);
        int rc = cs_scenario_load(&sc, "bad.yaml", &c.d);
        cap_text(&c);
        char what[96], prefix[96];
        snprintf(what, sizeof what, "%s case %zu (file)", ec->cls, i);
        if (rc != CS_ERR_INPUT)
            fail_msg("%s: expected CS_ERR_INPUT, got %d (%s)", what, rc, c.buf);
        snprintf(prefix, sizeof prefix, "bad.yaml:%d:%d: error: ", ec->line, ec->col);
        expect_line(what, c.buf, 0, prefix, ec->word);
        cap_free(&c);
        cs_scenario_free(&sc);
        free(owned);
    }
    /* A missing file is named. */
    cs_scenario sc;
    capture c;
    assert_int_equal(cs_scenario_init(&sc), 0);
    cap_open(&c);
    assert_int_equal(cs_scenario_load(&sc, "no-such.yaml", &c.d), CS_ERR_INPUT);
    cap_text(&c);
    expect_line("missing file", c.buf, 0, "no-such.yaml: error: ", "No such file");
    cap_free(&c);
    cs_scenario_free(&sc);
    /* A folder is not a scenario. */
    assert_int_equal(cs_scenario_init(&sc), 0);
    cap_open(&c);
    assert_int_equal(cs_scenario_load(&sc, ".", &c.d), CS_ERR_INPUT);
    cap_text(&c);
    expect_line("folder", c.buf, 0, ".: error: ", "directory");
    cap_free(&c);
    cs_scenario_free(&sc);
    assert_int_equal(chdir(cwd), 0);
    free(cwd);
    remove_tree(tmp);
}

/* Other malformed documents that are not of one simple class. */
static void test_error_misc(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, col;
        const char *word;
    } cases[] = {
        {"just a string\n", 1, 1, "expected a mapping of scenario keys"},
        {"- days\n- 3\n", 1, 1, "expected a mapping of scenario keys"},
        {"days: &a 3\nseed: *a\n", 2, 7, "aliases"},
        {"days: !!int 3\n", 1, 7, "tags"},
        {"days: 3\n---\nseed: 1\n", 2, 1, "second"},
        {"[days]: 3\n", 1, 1, "a key must be a plain name"},
        {"network: 3\n", 1, 10, "expected a mapping of network.* keys"},
        {"network:\n", 1, 1, "expected a mapping of network.* keys"},
        {"name: \"a\\0b\"\n", 1, 7, "NUL"},
        /* Nothing after the colon is a null, reported at its key. */
        {"days:\n", 1, 1, "days: expected a whole number, found nothing (null)"},
        {"bass:\n  p:\n  q: 0.1\n", 2, 3, "bass.p: expected a number, found nothing (null)"},
        {"cascade:\n  seeds:\n", 2, 3, "expected a list of whole numbers"},
        {": 3\n", 1, 1, "unknown key ''"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cs_scenario sc;
        capture c;
        int rc = load_str(&sc, &c, cases[i].text);
        if (rc != CS_ERR_INPUT)
            fail_msg("'%s': expected CS_ERR_INPUT, got %d", cases[i].text, rc);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "bad.yaml:%d:%d: error: ", cases[i].line, cases[i].col);
        expect_line(cases[i].text, c.buf, 0, prefix, cases[i].word);
        cap_free(&c);
        cs_scenario_free(&sc);
    }
}

static void test_all_semantic_errors_in_one_pass(void **state)
{
    (void)state;
    cs_scenario sc;
    capture c;
    int rc = load_str(&sc, &c,
                      "days: 0\n"
                      "name: fine\n"
                      "colour: blue\n"
                      "bass:\n"
                      "  p: 0.1\n"
                      "  q: lots\n");
    assert_int_equal(rc, CS_ERR_INPUT);
    assert_int_equal(count_lines(c.buf), 3);
    expect_line("one pass", c.buf, 0, "bad.yaml:1:7: error: ", "days must be between");
    expect_line("one pass", c.buf, 1, "bad.yaml:3:1: error: ", "unknown key 'colour'");
    expect_line("one pass", c.buf, 2, "bad.yaml:6:6: error: ", "bass.q: expected a number");
    /* The good values around them were still read. */
    assert_string_equal(sc.name, "fine");
    assert_true(sc.bass_p == 0.1);
    cap_free(&c);
    cs_scenario_free(&sc);

    /* List items: each bad one is reported. */
    rc = load_str(&sc, &c, "cascade:\n  seeds: [x, 1, -2, 3.5]\n");
    assert_int_equal(rc, CS_ERR_INPUT);
    assert_int_equal(count_lines(c.buf), 3);
    expect_line("items", c.buf, 0, "bad.yaml:2:11: error: ", "cascade.seeds[0]");
    expect_line("items", c.buf, 1, "bad.yaml:2:17: error: ", "cascade.seeds[2]");
    expect_line("items", c.buf, 2, "bad.yaml:2:21: error: ", "cascade.seeds[3]");
    cap_free(&c);
    cs_scenario_free(&sc);

    /* A syntax error ends the pass at the first one: the semantic errors
     * before it are not reported. */
    rc = load_str(&sc, &c, "days: 0\nfoo: 1\nbass: [\n");
    assert_int_equal(rc, CS_ERR_INPUT);
    assert_int_equal(count_lines(c.buf), 1);
    expect_line("syntax", c.buf, 0, "bad.yaml:4:1: error: ", "malformed YAML");
    cap_free(&c);
    cs_scenario_free(&sc);
}

/* ---- cross-key validation -------------------------------------------------- */

static void test_validate(void **state)
{
    (void)state;
    static const struct {
        const char *text;
        int line, col;
        const char *word;
    } cases[] = {
        {"network:\n  kind: watts_strogatz\n  k: 5\npopulation:\n  size: 100\n", 3, 6,
         "network.k must be even"},
        {"network:\n  kind: watts_strogatz\n  k: 200\npopulation:\n  size: 100\n", 3, 6,
         "network.k must be at most half of population.size"},
        {"network:\n  kind: watts_strogatz\n  k: 52\npopulation:\n  size: 100\n", 3, 6,
         "network.k must be at most half of population.size"},
        {"network:\n  kind: barabasi_albert\n  m: 100\npopulation:\n  size: 100\n", 3, 6,
         "network.m must be less than population.size"},
        {"population:\n  size: 50\nnetwork:\n  kind: barabasi_albert\n  m: 70\n", 5, 6,
         "network.m"},
        {"network:\n  kind: sbm\n  blocks: [10, 20]\npopulation:\n  size: 100\n", 5, 9,
         "sum of network.blocks"},
        /* A default in conflict is reported at the key that was given. */
        {"network:\n  kind: sbm\n", 2, 9, "network.blocks must list"},
        {"network:\n  kind: erdos_renyi\npopulation:\n  size: 5\n", 4, 9,
         "network.mean_degree must be at most population.size - 1 = 4"},
        {"network:\n  kind: barabasi_albert\npopulation:\n  size: 3\n", 4, 9,
         "network.m must be less than population.size (3)"},
        {"network:\n  kind: watts_strogatz\npopulation:\n  size: 8\n", 4, 9,
         "network.k must be at most half of population.size (8)"},
        {"network:\n  kind: erdos_renyi\n  mean_degree: 50\npopulation:\n  size: 10\n", 3, 16,
         "network.mean_degree must be at most"},
        {"population:\n  tier_first: 0.5\n", 2, 15, "tier_* shares must sum to 1"},
        {"interventions:\n  - day: 5\n    set: {network.m: 3}\n", 3, 11,
         "'network.m' is not a lever"},
        {"interventions:\n  - day: 0\n    set: {bass.p: 0.1}\n", 2, 10, "expected a day number"},
        {"days: 10\ninterventions:\n  - day: 11\n    set: {bass.p: 0.1}\n", 3, 10,
         "day 11 is after the last day (10)"},
        {"interventions:\n  - day: 99999999999999999999\n    set: {bass.p: 0.1}\n", 2, 10,
         "found '99999999999999999999'"},
        {"interventions: ~\nbass:\n  p: 2\n", 3, 6, "between 0 and 1"},
        {"interventions: {day: 3}\n", 1, 16, "expected a list"},
        {"interventions:\n  - day: 3\n    at: noon\n    set: {bass.p: 0.1}\n", 3, 5,
         "unknown field 'at'"},
        {"interventions:\n  - day: 3\n    set: {bass.p: 0.1}\n  - day: 3\n    set: {bass.p: 0.2}\n",
         5, 11, "set twice on day 3"},
        {"interventions:\n  - day: 3\n    set: {bass.q: 1.5}\n", 3, 19, "between 0 and 1"},
        {"interventions:\n  - day: 3\n    set: {price: 9.999}\n", 3, 18, "whole number of fen"},
        {"population:\n  tags: 4\n  interests: 3\n", 3, 14,
         "population.interests (3) must be at most half"},
        {"network:\n  kind: homophily\n  mean_degree: 20\npopulation:\n  size: 10\n", 3, 16,
         "network.mean_degree must be at most"},
        {"model: cascade\npopulation:\n  size: 100\ncascade:\n  seeds: [0, 100]\n", 5, 10,
         "cascade.seeds[1] = 100 is not a user"},
        {"model: cascade\ncascade:\n  seeds: [3, 1, 3]\n", 3, 10,
         "cascade.seeds lists user 3 more than once"},
        {"model: cascade\ncascade:\n  seeds: []\n", 3, 10, "at least one user"},
        {"network:\n  kind: edgelist\n", 2, 9, "network.file is not given"},
        {"network:\n  kind: edgelist\n  file: missing-edges.txt\n", 3, 9,
         "network.file: cannot read"},
        {"network:\n  kind: edgelist\n  file: \"\"\n", 2, 9, "network.file is not given"},
    };
    char *tmp = make_tmpdir();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cs_scenario sc;
        capture c;
        int rc = load_validate(&sc, &c, cases[i].text, tmp);
        if (rc != CS_ERR_INPUT)
            fail_msg("'%s': expected CS_ERR_INPUT, got %d", cases[i].text, rc);
        char prefix[64];
        snprintf(prefix, sizeof prefix, "bad.yaml:%d:%d: error: ", cases[i].line, cases[i].col);
        expect_line(cases[i].text, c.buf, 0, prefix, cases[i].word);
        cap_free(&c);
        cs_scenario_free(&sc);
    }

    /* The missing file is named by its resolved path. */
    cs_scenario sc;
    capture c;
    assert_int_equal(load_validate(&sc, &c,
                                   "network:\n  kind: edgelist\n  file: missing-edges.txt\n", tmp),
                     CS_ERR_INPUT);
    char want[PATH_MAX + 32];
    snprintf(want, sizeof want, "%s/missing-edges.txt", tmp);
    assert_non_null(strstr(c.buf, want));
    cap_free(&c);
    cs_scenario_free(&sc);

    /* Every cross-key problem in one pass. */
    int rc = load_validate(&sc, &c,
                           "model: cascade\n"
                           "population:\n  size: 10\n"
                           "network:\n  kind: watts_strogatz\n  k: 3\n"
                           "cascade:\n  seeds: [10, 2, 2]\n",
                           tmp);
    assert_int_equal(rc, CS_ERR_INPUT);
    assert_int_equal(count_lines(c.buf), 3);
    expect_line("validate pass", c.buf, 0, "bad.yaml:6:6: error: ", "even");
    expect_line("validate pass", c.buf, 1, "bad.yaml:8:10: error: ", "cascade.seeds[0] = 10");
    expect_line("validate pass", c.buf, 2, "bad.yaml:8:10: error: ", "more than once");
    cap_free(&c);
    cs_scenario_free(&sc);

    /* Valid cross-key cases pass, and SBM derives population.size. */
    rc = load_validate(&sc, &c, "network:\n  kind: sbm\n  blocks: [10, 20]\n", tmp);
    assert_string_equal(c.buf, "");
    assert_int_equal(rc, 0);
    assert_int_equal(sc.population_size, 30);
    cap_free(&c);
    cs_scenario_free(&sc);
    rc = load_validate(&sc, &c,
                       "network:\n  kind: watts_strogatz\n  k: 4\npopulation:\n  size: 8\n", tmp);
    assert_string_equal(c.buf, "");
    assert_int_equal(rc, 0);
    cap_free(&c);
    cs_scenario_free(&sc);
    remove_tree(tmp);
}

/* Every assumed row has a plausible range (or says why it is not varied);
 * every range is inside what the table accepts, holds the default, and is
 * narrower than the accepted range; the sources' order of pulls survives
 * every draw. */
static void test_plausible_ranges(void **state)
{
    (void)state;
    cs_scenario *def = cs_scenario_new();
    assert_non_null(def);
    for (size_t i = 0; i < cs_param_count(); i++) {
        const cs_param *p = cs_param_at(i);
        if (strstr(p->doc, "[A") && !cs_plausible_find(p->key))
            fail_msg("%s is marked [A] but has no row in plausible.c", p->key);
    }
    for (size_t k = 0; k < cs_plausible_count(); k++) {
        const cs_plausible *pl = cs_plausible_at(k);
        const int i = cs_param_find(pl->key);
        if (i < 0)
            fail_msg("plausible.c names %s, which is no key", pl->key);
        assert_true(pl->reason && strlen(pl->reason) > 10);
        for (size_t j = 0; j < k; j++)
            assert_string_not_equal(cs_plausible_at(j)->key, pl->key);
        if (isnan(pl->lo) && isnan(pl->hi))
            continue;
        const cs_param *p = cs_param_at((size_t)i);
        const double v = cs_scenario_number(def, i);
        if (!(p->type == CS_T_INT || p->type == CS_T_FLOAT) || !(pl->lo < pl->hi) ||
            pl->lo < p->min || pl->hi > p->max || !(v >= pl->lo && v <= pl->hi) ||
            (pl->hi - pl->lo) >= (p->max - p->min))
            fail_msg("%s: plausible %g to %g does not fit (default %g, accepted %g to %g)",
                     pl->key, pl->lo, pl->hi, v, p->min, p->max);
    }
    const cs_plausible *koc = cs_plausible_find("cred.koc"), *kol = cs_plausible_find("cred.kol"),
                       *ad = cs_plausible_find("cred.ad"), *fr = cs_plausible_find("cred.friend");
    assert_true(koc->lo > fr->hi && fr->lo > kol->hi && kol->lo > ad->hi);
    cs_scenario_close(def);
}

/* The lesson: block: read whole (texts in two languages, a plain string
 * as English), checked against the scenario with every problem at its
 * line and column, and ignored by the run (the scenario's hash is the
 * same without it). */
static void test_lesson_block(void **state)
{
    (void)state;
    static const char base[] = "days: 60\npopulation: {size: 2000}\nbrand: {koc_seeds: 20}\n";
    static const char good[] =
        "lesson:\n"
        "  title: {en: Trust beats reach, zh: 信任胜过触达}\n"
        "  views:\n"
        "    - {measure: brand_gmv, title: {en: The brand's sales, zh: 品牌销售额}}\n"
        "    - {measure: gmv_koc, title: {en: Via KOCs, zh: 经由KOC}}\n"
        "    - measure: [brand_gmv_koc, brand_gmv_feed]\n"
        "      so_far: true\n"
        "      title: {en: Sales so far, zh: 累计销售额}\n"
        "      legend: [{en: KOC notes, zh: KOC笔记}, {en: Ads, zh: 广告}]\n"
        "  highlights:\n"
        "    - {who: seeded_kocs, label: {en: Seeded KOCs, zh: 种草的KOC}}\n"
        "  sliders:\n"
        "    - {key: brand.koc_seeds, min: 0, max: 80, label: {en: KOCs seeded, zh: 种草KOC数}}\n"
        "    - {key: feed.ad_load, min: 0, max: 0.4, step: 0.02, label: {en: Ads, zh: 广告}}\n"
        "  steps:\n"
        "    - {caption: {en: Look at the network, zh: 看网络}}\n"
        "    - {day: 30, caption: {en: Notice, zh: 注意}, question: {en: Why?, zh: 为什么？}}\n"
        "    - {day: 10, restart: true, set: {brand.koc_seeds: 40},\n"
        "       caption: {en: Again with more, zh: 再来}}\n";
    char text[4096];
    snprintf(text, sizeof text, "%s%s", base, good);
    cs_scenario sc;
    capture c;
    assert_int_equal(load_validate(&sc, &c, text, "/tmp"), 0);
    cap_free(&c);
    const cs_lesson *l = cs_scenario_lesson(&sc);
    assert_non_null(l);
    assert_int_equal(l->nviews, 3);
    assert_int_equal(l->views[2].nmeasures, 2);
    assert_true(l->views[2].so_far && !l->views[0].so_far);
    assert_string_equal(l->views[2].measure[1], "brand_gmv_feed");
    assert_string_equal(cs_ltext_get(&l->views[2].legend[1], "zh"), "广告");
    assert_int_equal(l->nhighlights, 1);
    assert_int_equal(l->nsliders, 2);
    assert_int_equal(l->nsteps, 3);
    assert_string_equal(cs_ltext_get(&l->title, "zh"), "信任胜过触达");
    assert_string_equal(cs_ltext_get(&l->title, "fr"), "Trust beats reach"); /* English */
    assert_true(l->sliders[0].step == 1 && l->sliders[0].max == 80);
    assert_true(fabs(l->sliders[1].step - 0.02) < 1e-12);
    assert_true(l->steps[2].restart && l->steps[2].nset == 1 && l->steps[2].set_value[0] == 40);
    cap_open(&c);
    assert_int_equal(cs_scenario_check_lesson(&sc, &c.d), 0);
    cap_free(&c);
    char with[72], without[72];
    assert_int_equal(cs_scenario_hash(&sc, with), 0);
    cs_scenario_free(&sc);
    assert_int_equal(load_validate(&sc, &c, base, "/tmp"), 0);
    cap_free(&c);
    assert_null(cs_scenario_lesson(&sc));
    assert_int_equal(cs_scenario_hash(&sc, without), 0);
    assert_string_equal(with, without);
    cs_scenario_free(&sc);

    /* What the reader refuses, each at its place. */
    static const struct {
        const char *block, *where, *what;
    } bad[] = {
        {"lesson: {views: []}\n", "bad.yaml:4:9: error: ", "lesson: needs a title"},
        {"lesson: {title: T, tempo: fast}\n", "bad.yaml:4:20: error: ",
         "lesson: unknown field 'tempo'"},
        {"lesson: {title: {english: T}}\n", "bad.yaml:4:18: error: ",
         "'english' is not a language code"},
        {"lesson: {title: T, highlights: [{who: everyone, label: x}]}\n", "bad.yaml:4:39: error: ",
         "lesson.highlights[1]: needs who"},
        {"lesson: {title: T, sliders: [{key: feed.ad_loud, min: 0, max: 1, label: x}]}\n",
         "bad.yaml:4:36: error: ", "'feed.ad_loud' is not a lever"},
        {"lesson: {title: T, sliders: [{key: feed.ad_load, min: 0.3, max: 0.1, label: x}]}\n",
         "bad.yaml:4:", "max (0.1) must be above min (0.3)"},
        {"lesson: {title: T, sliders: [{key: circles.invite_only, min: 0, max: 1, label: x}]}\n",
         "bad.yaml:4:36: error: ", "a switch takes none of them"},
        {"lesson: {title: T, steps: [{day: 5}]}\n", "bad.yaml:4:28: error: ",
         "lesson.steps[1]: needs a caption"},
        {"lesson: {title: T, steps: [{day: 5, caption: x, restart: yes}]}\n", "bad.yaml:4:",
         "restart: expected true or false"},
        {"lesson: {title: T, views: [{measure: [gmv, dau], title: x}]}\n", "bad.yaml:4:38: error: ",
         "lesson.views[1].legend: expected a list of 2 texts, one per measure"},
        {"lesson: {title: T, views: [{measure: gmv, title: x, legend: [a]}]}\n",
         "bad.yaml:4:61: error: ", "a single measure takes no legend"},
        {"lesson: {title: T, views: [{measure: [a, b, c, d, e], title: x}]}\n",
         "bad.yaml:4:38: error: ", "a list of 1 to 4 of them"},
        {"lesson: {title: T, views: [{measure: gmv, title: x, so_far: 1}]}\n",
         "bad.yaml:4:", "so_far: expected true or false"},
        {"lesson: {title: T, about: [x]}\n", "bad.yaml:4:27: error: ",
         "lesson.about: expected a text"},
        {"lesson: {title: T, views: [{measure: gmv, title: x, so_far: [1]}]}\n", "bad.yaml:4:",
         "so_far: expected true or false"},
        {"lesson: {title: T, steps: [{caption: x, restart: {a: 1}}]}\n", "bad.yaml:4:",
         "restart: expected true or false"},
        {"lesson: {title: T, keep: 9}\n", "bad.yaml:4:26: error: ", "lesson.keep: expected how many"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        snprintf(text, sizeof text, "%s%s", base, bad[i].block);
        assert_int_not_equal(load_str(&sc, &c, text), 0);
        expect_line(bad[i].what, c.buf, 0, bad[i].where, bad[i].what);
        cap_free(&c);
        cs_scenario_free(&sc);
    }
    /* What only the whole scenario tells: all of it in one pass. */
    snprintf(text, sizeof text, "%s%s", base,
             "lesson:\n"
             "  title: {en: T, zh: 题}\n"
             "  about: {en: 'Sold {gmv:so_far}, {buyers:so_far} buyers, {nope}', zh: '卖{gvm}'}\n"
             "  views: [{measure: gmv_kocc, title: {en: x, zh: 叉}},\n"
             "          {measure: [gmv, buyers], so_far: true, title: {en: y, zh: 乙},\n"
             "           legend: [{en: m, zh: 钱}, {en: b}]}]\n"
             "  sliders: [{key: brand.koc_seeds, min: 0, max: 500, label: {en: K}}]\n"
             "  steps:\n"
             "    - {day: 30, caption: {en: a, zh: 甲}}\n"
             "    - {day: 20, caption: {en: b, zh: 乙}}\n"
             "    - {day: 90, restart: true, caption: {en: c, zh: 丙}}\n");
    assert_int_equal(load_validate(&sc, &c, text, "/tmp"), 0);
    cap_free(&c);
    cap_open(&c);
    assert_int_equal(cs_scenario_check_lesson(&sc, &c.d), 10);
    cap_text(&c);
    expect_line("about so_far", c.buf, 0, "bad.yaml:6:10: error: ",
                "lesson.about: {buyers:so_far}: 'buyers' is not counted afresh each day");
    expect_line("about name", c.buf, 1, "bad.yaml:6:10: error: ",
                "lesson.about: '{nope}' is no number the run gives");
    expect_line("about typo", c.buf, 2, "bad.yaml:6:10: error: ",
                "lesson.about: '{gvm}' is no number the run gives (did you mean 'gmv'?)");
    expect_line("measure", c.buf, 3, "bad.yaml:7:21: error: ", "did you mean 'gmv_koc'?");
    expect_line("so_far", c.buf, 4, "bad.yaml:8:27: error: ", "'buyers' is not counted afresh");
    expect_line("legend", c.buf, 5, "bad.yaml:9:37: error: ", "legend[2]: no 'zh' text");
    expect_line("world", c.buf, 6, "bad.yaml:10:19: error: ", "holds about 100 KOCs");
    expect_line("language", c.buf, 7, "bad.yaml:10:61: error: ", "no 'zh' text");
    expect_line("order", c.buf, 8, "bad.yaml:13:13: error: ", "comes before the step above's");
    expect_line("last day", c.buf, 9, "bad.yaml:14:13: error: ", "day 90 is after the last day");
    cap_free(&c);
    cs_scenario_free(&sc);
}

/* A lesson's numbers come from the rows: a day's value, a total from day
 * 1, grouped by thousands with no-break spaces; what cannot be filled is
 * an ellipsis. */
static void test_lesson_fill(void **state)
{
    (void)state;
    cs_day_row rows[3];
    memset(rows, 0, sizeof rows);
    for (int d = 0; d < 3; d++) {
        rows[d].day = d + 1;
        rows[d].buyers = 1000 * (d + 1);
        rows[d].gmv_fen = 123456789; /* 1 234 567.89 yuan a day */
        rows[d].mean_trust = 0.25 * (d + 1);
    }
    const int m = CS_MODEL_PLATFORM;
    char out[256];
    cs_lesson_fill("{buyers} bought, {gmv:so_far} yuan, trust {mean_trust}.", m, rows, 3, out,
                   sizeof out);
    assert_string_equal(out, "3\xc2\xa0" "000 bought, 3\xc2\xa0" "703\xc2\xa0" "704 yuan, trust 0.75.");
    cs_lesson_fill("day one: {buyers}", m, rows, 1, out, sizeof out);
    assert_string_equal(out, "day one: 1\xc2\xa0" "000");
    cs_lesson_fill("{buyers} and {nope} and {gmv", m, rows, 0, out, sizeof out);
    assert_string_equal(out, "\u2026 and \u2026 and {gmv");
    cs_lesson_fill("{buyers}", m, rows, 3, out, 3); /* cut, never past cap */
    assert_int_equal(strlen(out), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table_keys_unique_and_findable),
        cmocka_unit_test(test_table_defaults_valid),
        cmocka_unit_test(test_builtin_default_loads),
        cmocka_unit_test(test_load_good),
        cmocka_unit_test(test_escaped_strings),
        cmocka_unit_test(test_load_number_forms),
        cmocka_unit_test(test_set_values),
        cmocka_unit_test(test_set_errors),
        cmocka_unit_test(test_yaml_round_trip),
        cmocka_unit_test(test_hash_changes_with_values),
        cmocka_unit_test(test_hash_edgelist_content_not_path),
        cmocka_unit_test(test_error_classes),
        cmocka_unit_test(test_error_files),
        cmocka_unit_test(test_error_misc),
        cmocka_unit_test(test_all_semantic_errors_in_one_pass),
        cmocka_unit_test(test_validate),
        cmocka_unit_test(test_plausible_ranges),
        cmocka_unit_test(test_lesson_block),
        cmocka_unit_test(test_lesson_fill),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
