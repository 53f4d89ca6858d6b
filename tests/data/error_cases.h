/* SPDX-License-Identifier: MIT */
/* error_cases.h - malformed scenario files and where circlesim must report
 * them, shared by test_scenario.c (library level) and test_cli.c (through
 * the command line), so the two test the same expectations.
 *
 * Every case is one scenario file's bytes, the 1-based line and column of
 * the first error line ("bad.yaml:LINE:COL: error: ") and a word the message
 * must contain. Columns count characters, not bytes. At least three cases
 * per error class of the scenario language.
 */
#ifndef CS_TEST_ERROR_CASES_H
#define CS_TEST_ERROR_CASES_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct error_case {
    const char *cls;              /* error class, for failure messages */
    const char *text;             /* the file's bytes; NULL: built by make */
    size_t len;
    char *(*make)(size_t *len);   /* malloc'ed bytes of a generated file */
    int line, col;                /* expected position of the first error */
    const char *word;             /* the message names this */
} error_case;

/* A literal's bytes, NUL bytes inside included. */
#define LIT(s) (s), sizeof(s) - 1, NULL

/* ---- generated files ---------------------------------------------------- */

static char *ec_repeat(const char *head, const char *unit, size_t times, const char *tail,
                       size_t *len)
{
    size_t hl = strlen(head), ul = strlen(unit), tl = strlen(tail);
    *len = hl + ul * times + tl;
    char *b = malloc(*len + 1);
    if (!b)
        abort();
    memcpy(b, head, hl);
    for (size_t i = 0; i < times; i++)
        memcpy(b + hl + i * ul, unit, ul);
    memcpy(b + hl + ul * times, tail, tl);
    b[*len] = '\0';
    return b;
}

/* xorshift32: fixed seed, so the "random" file is the same on every run. */
static char *ec_random(uint32_t x, size_t *len)
{
    *len = 4096;
    char *b = malloc(*len);
    if (!b)
        abort();
    for (size_t i = 0; i < *len; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        b[i] = (char)(x >> 24);
    }
    return b;
}

/* Starts 0xe1 0x8b 0x64: a three-byte sequence cut short by 'd'. */
static char *make_random_a(size_t *len) { return ec_random(0x2545F491u, len); }
/* Starts 0x1f: a control character. */
static char *make_random_b(size_t *len) { return ec_random(2024u, len); }

/* Just over the 1 MiB limit: a long comment, then a valid key. */
static char *make_huge_file(size_t *len)
{
    return ec_repeat("# ", "x", (size_t)1 << 20, "\ndays: 1\n", len);
}

static char *make_long_int(size_t *len) { return ec_repeat("days: ", "9", 400, "\n", len); }

static char *make_long_int_item(size_t *len)
{
    return ec_repeat("cascade:\n  seeds: [", "9", 400, "]\n", len);
}

/* 150 000 list items: more values than a scenario may hold (100 000 nodes:
 * the root mapping, two keys, the inner mapping and the list come first, so
 * item 99 995 (0-based) is the one refused, at column 11 + 2 x 99 995). */
static char *make_many_items(size_t *len)
{
    return ec_repeat("cascade:\n  seeds: [", "0,", 150000, "0]\n", len);
}

/* 600 distinct keys in one mapping: "k0: 1", "k1: 1", ... */
static char *make_many_keys(size_t *len)
{
    char *b = malloc(600 * 16);
    if (!b)
        abort();
    size_t n = 0;
    for (int i = 0; i < 600; i++)
        n += (size_t)snprintf(b + n, 16, "k%d: 1\n", i);
    *len = n;
    return b;
}

static char *make_deep_seq(size_t *len)
{
    size_t a, b;
    char *open = ec_repeat("a: ", "[", 1000, "", &a);
    char *all = ec_repeat(open, "]", 1000, "\n", &b);
    free(open);
    *len = b;
    return all;
}

static char *make_deep_flow_map(size_t *len)
{
    size_t a, b;
    char *open = ec_repeat("a: ", "{b: ", 1000, "1", &a);
    char *all = ec_repeat(open, "}", 1000, "\n", &b);
    free(open);
    *len = b;
    return all;
}

/* k0:\n k1:\n  k2:\n ... each key one column deeper than the last. */
static char *make_deep_block_map(size_t *len)
{
    size_t cap = 1000 * 1010, n = 0;
    char *b = malloc(cap);
    if (!b)
        abort();
    for (int i = 0; i < 1000; i++) {
        memset(b + n, ' ', (size_t)i);
        n += (size_t)i;
        n += (size_t)snprintf(b + n, cap - n, "k%d:\n", i);
    }
    *len = n;
    return b;
}

static char *make_deep_bare(size_t *len) { return ec_repeat("", "[", 1000, "", len); }

/* ---- the table ---------------------------------------------------------- */

static const error_case error_cases[] = {
    /* unknown keys */
    {"unknown key", LIT("days: 10\nfoo: 1\n"), 2, 1, "unknown key 'foo'"},
    {"unknown key", LIT("network:\n  kind: complete\n  bogus: 3\n"), 3, 3,
     "unknown key 'network.bogus'"},
    {"unknown key", LIT("bass:\n  qq: 0.3\n"), 2, 3, "did you mean 'bass.q'?"},
    {"unknown key", LIT("popultion:\n  size: 10\n"), 1, 1, "did you mean 'population'?"},

    /* wrong types */
    {"wrong type", LIT("days: ten\n"), 1, 7, "expected a whole number"},
    {"wrong type", LIT("bass:\n  p: [0.1, 0.2]\n"), 2, 6, "found a list"},
    {"wrong type", LIT("days:\n  a: 1\n"), 2, 3, "found a mapping"},
    {"wrong type", LIT("days: \"5\"\n"), 1, 7, "quoted string"},
    {"wrong type", LIT("seed: 9007199254740991.4\n"), 1, 7, "expected a whole number"},
    {"wrong type", LIT("population:\n  size: 123e-1\n"), 2, 9, "expected a whole number"},
    {"wrong type", LIT("model: [bass]\n"), 1, 8, "expected one of bass, cascade"},
    {"wrong type", LIT("cascade:\n  seeds: 3\n"), 2, 10, "expected a list"},
    {"wrong type", LIT("name:\n  first: x\n"), 2, 3, "expected text"},

    /* out of range */
    {"out of range", LIT("days: -5\n"), 1, 7, "between 1 and 36500"},
    {"out of range", LIT("bass:\n  p: 1.5\n"), 2, 6, "between 0 and 1"},
    {"out of range", LIT("population:\n  size: 99999999999\n"), 2, 9,
     "between 1 and 2000000000"},
    {"out of range", LIT("cascade:\n  seeds: [0, -1]\n"), 2, 14, "cascade.seeds[1]"},

    /* malformed YAML */
    {"malformed YAML", LIT("cascade:\n  seeds: [0, 1\n"), 3, 1, "closing bracket"},
    {"malformed YAML", LIT("network:\n    kind: complete\n  m: 3\n"), 3, 3, "indentation"},
    {"malformed YAML", LIT("network:\n\tkind: complete\n"), 2, 1, "tab"},
    {"malformed YAML", LIT("name: \"abc\n"), 1, 8, "closing quote"},
    {"malformed YAML", LIT("days: 10\nbass: {p: 0.1\n"), 3, 1, "malformed YAML"},

    /* duplicate keys */
    {"duplicate key", LIT("days: 1\ndays: 2\n"), 2, 1, "duplicate key 'days'"},
    {"duplicate key", LIT("bass:\n  p: 0.1\n  p: 0.2\n"), 3, 3, "duplicate key 'p'"},
    {"duplicate key", LIT("bass: {p: 0.1, p: 0.2}\n"), 1, 16, "duplicate key 'p'"},
    {"duplicate key", LIT("\"days\": 1\ndays: 2\n"), 2, 1, "first given at line 1"},
    {"duplicate key", LIT("bass:\n  p: 0.1\nbass.p: 0.2\n"), 3, 1, "duplicate key 'bass.p'"},

    /* empty files */
    {"empty file", LIT(""), 1, 1, "empty"},
    {"empty file", LIT("# only\n# comments\n"), 1, 1, "empty"},
    {"empty file", LIT("   \n\n   \n"), 1, 1, "empty"},
    {"empty file", LIT("---\n"), 1, 1, "empty"},

    /* binary garbage */
    {"binary garbage", NULL, 0, make_random_a, 1, 1, "invalid UTF-8 byte 0xe1"},
    {"binary garbage", NULL, 0, make_random_b, 1, 1, "control character 0x1f"},
    {"binary garbage", LIT("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), 1, 1, "invalid UTF-8 byte 0x89"},
    {"binary garbage", LIT("\x7f" "ELF\x02\x01\x01\0\0\0\0\0"), 1, 1,
     "control character 0x7f"},

    /* invalid UTF-8 */
    {"invalid UTF-8", LIT("name: ab\x80" "c\n"), 1, 9, "invalid UTF-8 byte 0x80"},
    {"invalid UTF-8", LIT("days: 10\nname: \xc0\xaf\n"), 2, 7, "invalid UTF-8 byte 0xc0"},
    {"invalid UTF-8", LIT("name: \xed\xa0\x80\n"), 1, 7, "invalid UTF-8 byte 0xed"},
    {"invalid UTF-8", LIT("name: \xc3\xa9\x80\n"), 1, 8, "invalid UTF-8 byte 0x80"},
    {"invalid UTF-8", LIT("name: caf\xc3"), 1, 10, "invalid UTF-8 byte 0xc3"},

    /* NUL bytes */
    {"NUL byte", LIT("days: 1\0" "0\n"), 1, 8, "NUL"},
    {"NUL byte", LIT("\0"), 1, 1, "NUL"},
    {"NUL byte", LIT("name: x\nin\0fo: y\n"), 2, 3, "NUL"},

    /* control characters */
    {"control character", LIT("name: a\x01" "b\n"), 1, 8, "control character 0x01"},
    {"control character", LIT("days: 10\nname: \x1b[31mred\n"), 2, 7, "control character 0x1b"},
    {"control character", LIT("name: a\x7f\n"), 1, 8, "control character 0x7f"},
    {"control character", LIT("info: a\x0c" "b\n"), 1, 8, "control character 0x0c"},

    /* absurd sizes */
    {"absurd size", NULL, 0, make_huge_file, 1, 1, "too large"},
    {"absurd size", NULL, 0, make_long_int, 1, 7, "between 1 and 36500"},
    {"absurd size", NULL, 0, make_long_int_item, 2, 11, "cascade.seeds[0]"},
    {"absurd size", NULL, 0, make_many_items, 2, 200001, "too many values"},
    {"absurd size", NULL, 0, make_many_keys, 513, 1, "too many keys"},

    /* absurd nesting: the 16th '[' or '{' after the root mapping is refused */
    {"absurd nesting", NULL, 0, make_deep_seq, 1, 19, "nesting too deep"},
    {"absurd nesting", NULL, 0, make_deep_flow_map, 1, 64, "nesting too deep"},
    {"absurd nesting", NULL, 0, make_deep_block_map, 17, 17, "nesting too deep"},
    {"absurd nesting", NULL, 0, make_deep_bare, 1, 17, "nesting too deep"},
};

#define N_ERROR_CASES (sizeof error_cases / sizeof error_cases[0])

/* The case's bytes: *owned is set when they must be freed. */
static const char *error_case_bytes(const error_case *c, size_t *len, char **owned)
{
    *owned = NULL;
    if (c->text) {
        *len = c->len;
        return c->text;
    }
    *owned = c->make(len);
    return *owned;
}

#endif
