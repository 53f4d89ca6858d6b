/* SPDX-License-Identifier: MIT */
/* edgelist.c - reading tie lists (SNAP, CSV-ish) and writing networks as edge
 * lists (graph_files.c writes the formats with users' attributes). */
#include "network/network.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/fileio.h"
#include "base/hash.h"
#include "base/quote.h"
#include "network/net_text.h"

#define MAX_ID 1999999999u
#define MAX_ERRORS 20
/* Whole-file read: one buffer, no per-line I/O. 10^8 ties (10^7 users with
 * 20 each) are about 2 GB of text; 16 GiB leaves room for that while a
 * mistaken path cannot take all of a 24 GiB machine. */
#define MAX_FILE_BYTES ((size_t)16 << 30)

typedef struct reader {
    const char *name;
    cs_diag *diag;
    int errors;
    int stopped;   /* error limit reached */
    long line;
    const char *ls; /* start of the current line */
} reader;

static int clamp_int(long x)
{
    return x > 2147483647L ? 2147483647 : (int)x;
}

/* Reports one problem on the current line, at the column of `at`; past the
 * limit it says so once and stops the reader. */
static void reader_error(reader *r, const char *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void reader_error(reader *r, const char *at, const char *fmt, ...)
{
    if (r->errors >= MAX_ERRORS) {
        cs_diag_at(r->diag, r->name, 0, 0, "too many errors (more than %d); giving up",
                   MAX_ERRORS);
        r->stopped = 1;
        return;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cs_diag_at(r->diag, r->name, clamp_int(r->line), clamp_int((long)(at - r->ls) + 1), "%s",
               msg);
    r->errors++;
}

static inline int is_blank(char c)
{
    return c == ' ' || c == '\t';
}

/* Characters that end a field. Everything else, including stray control
 * bytes, belongs to the field so that the message quotes it whole. */
static inline int ends_field(char c)
{
    return c == ' ' || c == '\t' || c == ',' || c == '#' || c == '%';
}

static inline int starts_comment(char c)
{
    return c == '#' || c == '%';
}

/* 0: ok; 1: not a non-negative integer; 2: too large. */
static int parse_id(const char *s, size_t len, uint32_t *out)
{
    if (len == 0)
        return 1;
    uint64_t v = 0;
    size_t digits = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d > 9)
            return 1;
        /* Only significant digits can overflow; leading zeros are harmless. */
        if (digits > 0 || d != 0)
            digits++;
        if (digits <= 10)
            v = v * 10 + d;
    }
    if (digits > 10 || v > MAX_ID)
        return 2;
    *out = (uint32_t)v;
    return 0;
}

/* A decimal number, optionally signed, with optional fraction and exponent.
 * The weight is ignored, so only its shape matters. */
static int is_number(const char *s, size_t len)
{
    size_t i = 0, mant = 0;
    if (i < len && (s[i] == '+' || s[i] == '-'))
        i++;
    while (i < len && s[i] >= '0' && s[i] <= '9')
        i++, mant++;
    if (i < len && s[i] == '.') {
        i++;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++, mant++;
    }
    if (mant == 0)
        return 0;
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            i++;
        size_t exp = 0;
        while (i < len && s[i] >= '0' && s[i] <= '9')
            i++, exp++;
        if (exp == 0)
            return 0;
    }
    return i == len;
}

/* "# Nodes: N ..." as SNAP writes it; p is just past the '#'. */
static void parse_header(reader *r, const char *p, const char *le, cs_edgelist_stats *st)
{
    while (p < le && is_blank(*p))
        p++;
    if (le - p < 6 || memcmp(p, "Nodes:", 6) != 0 || st->declared_nodes >= 0)
        return;
    p += 6;
    while (p < le && is_blank(*p))
        p++;
    const char *t = p;
    uint64_t v = 0;
    while (p < le && *p >= '0' && *p <= '9' && v <= (uint64_t)MAX_ID + 1)
        v = v * 10 + (uint64_t)(*p++ - '0');
    if (p == t)
        return; /* some other comment that happens to start "Nodes:" */
    if (v > (uint64_t)MAX_ID + 1 || (p < le && *p >= '0' && *p <= '9')) {
        while (p < le && !is_blank(*p))
            p++;
        char q[64];
        cs_diag_quote(q, sizeof q, t, (size_t)(p - t));
        reader_error(r, t, "expected a user count of at most %u in the Nodes header, found '%s'",
                     MAX_ID + 1, q);
        return;
    }
    st->declared_nodes = (int64_t)v;
}

/* Parses one line [p, le) without its newline; pushes a pair when valid. */
static int parse_line(reader *r, const char *p, const char *le, cs_edge_buf *out,
                      cs_edgelist_stats *st)
{
    const char *q = p;
    while (q < le && is_blank(*q))
        q++;
    if (q == le)
        return 0;
    if (starts_comment(*q)) {
        if (*q == '#')
            parse_header(r, q + 1, le, st);
        return 0;
    }

    const char *tok[4];
    size_t tlen[4];
    int nf = 0;
    char qa[64], qb[64];
    for (;;) {
        if (*q == ',') {
            cs_diag_quote(qa, sizeof qa, q, 1);
            reader_error(r, q, "expected a field, found '%s' (empty field)", qa);
            return 0;
        }
        const char *t = q;
        while (q < le && !ends_field(*q))
            q++;
        tok[nf] = t;
        tlen[nf] = (size_t)(q - t);
        if (++nf == 4)
            break;
        while (q < le && is_blank(*q))
            q++;
        int comma = q < le && *q == ',';
        if (comma) {
            q++;
            while (q < le && is_blank(*q))
                q++;
        }
        if (q == le || starts_comment(*q)) {
            if (comma) {
                reader_error(r, q, "expected a field after ',', found %s",
                             q == le ? "end of line" : "a comment");
                return 0;
            }
            break;
        }
    }

    if (nf == 4) {
        cs_diag_quote(qa, sizeof qa, tok[3], tlen[3]);
        reader_error(r, tok[3],
                     "expected 'u v' or 'u v weight', found a fourth field '%s'", qa);
        return 0;
    }
    uint32_t id[2];
    for (int i = 0; i < 2 && i < nf; i++) {
        int bad = parse_id(tok[i], tlen[i], &id[i]);
        if (bad) {
            cs_diag_quote(qa, sizeof qa, tok[i], tlen[i]);
            if (bad == 2)
                reader_error(r, tok[i], "expected a user id of at most %u, found '%s'", MAX_ID,
                             qa);
            else
                reader_error(r, tok[i], "expected a user id (a non-negative integer), found '%s'",
                             qa);
            return 0;
        }
    }
    if (nf == 1) {
        cs_diag_quote(qa, sizeof qa, tok[0], tlen[0]);
        reader_error(r, tok[0] + tlen[0], "expected a second user id after '%s', found %s", qa,
                     q == le ? "end of line" : "a comment");
        return 0;
    }
    if (nf == 3 && !is_number(tok[2], tlen[2])) {
        cs_diag_quote(qb, sizeof qb, tok[2], tlen[2]);
        reader_error(r, tok[2], "expected a number for the weight, found '%s'", qb);
        return 0;
    }
    if (cs_edge_buf_push(out, id[0], id[1]))
        return CS_ERR_NOMEM;
    st->pairs++;
    uint32_t hi = id[0] > id[1] ? id[0] : id[1];
    if ((int64_t)hi > st->max_id)
        st->max_id = hi;
    return 0;
}

/* The common line, "digits blank digits newline", parsed in one pass with
 * no tokenising; anything else (comments, commas, weights, errors, the last
 * line without a newline) returns NULL and goes through parse_line. Relies
 * on the buffer's terminating NUL to stop the digit loops. */
static inline const char *parse_plain_line(const char *p, uint32_t *a, uint32_t *b)
{
    const char *s = p;
    uint64_t x = 0, y = 0;
    while ((unsigned)((unsigned char)*p - '0') <= 9)
        x = x * 10 + (uint64_t)(*p++ - '0');
    if (p == s || p - s > 10 || x > MAX_ID || !is_blank(*p))
        return NULL;
    do
        p++;
    while (is_blank(*p));
    s = p;
    while ((unsigned)((unsigned char)*p - '0') <= 9)
        y = y * 10 + (uint64_t)(*p++ - '0');
    if (p == s || p - s > 10 || y > MAX_ID)
        return NULL;
    if (*p == '\r')
        p++;
    if (*p != '\n')
        return NULL;
    *a = (uint32_t)x;
    *b = (uint32_t)y;
    return p + 1;
}

/* Lines [p, end) in order, each through parse_plain_line or, failing that,
 * parse_line; r->line counts them. Room for one pair per line is reserved. */
static int parse_lines(reader *r, const char *p, const char *end, cs_edge_buf *out,
                       cs_edgelist_stats *stats)
{
    /* One memchr finds NUL bytes (binary input) far faster than testing
     * every character while parsing. */
    const char *nul = memchr(p, '\0', (size_t)(end - p));
    while (p < end && !r->stopped) {
        uint32_t a, b;
        const char *fast = parse_plain_line(p, &a, &b);
        if (fast) {
            /* A plain line holds no NUL, so `nul` stays ahead of p. */
            if (out->len < out->cap) {
                out->uv[2 * out->len] = a;
                out->uv[2 * out->len + 1] = b;
                out->len++;
            } else if (cs_edge_buf_push(out, a, b)) {
                return CS_ERR_NOMEM;
            }
            r->line++;
            stats->pairs++;
            uint32_t hi = a > b ? a : b;
            if ((int64_t)hi > stats->max_id)
                stats->max_id = hi;
            p = fast;
            continue;
        }
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        const char *next = nl ? nl + 1 : end;
        r->line++;
        r->ls = p;
        if (nul && nul < next) {
            reader_error(r, nul, "expected text, found a NUL byte (is this a binary file?)");
            nul = memchr(next, '\0', (size_t)(end - next));
            p = next;
            continue;
        }
        if (le > p && le[-1] == '\r')
            le--;
        if (parse_line(r, p, le, out, stats))
            return CS_ERR_NOMEM;
        p = next;
    }
    return 0;
}

/* Lines that start in [p, end). */
static uint64_t count_lines(const char *p, const char *end)
{
    uint64_t n = end > p && end[-1] != '\n';
    for (; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
        n++;
    return n;
}

/* Reading in parallel: the text is cut into chunks at line ends. Each
 * chunk's plain lines ("digits blank digits newline", nearly all of a
 * machine-written file) are parsed on a thread, line i's pair into the
 * chunk's slot i; the rest (headers, comments, weights, errors) are only
 * noted. Then, in file order, the plain pairs move down into place and the
 * noted lines go through parse_line, so the pairs, the counts and every
 * message come out exactly as a one-pass read gives them. */
#define MAX_ODD 1024 /* noted lines per chunk; beyond, the chunk is read in one pass */

typedef struct chunk {
    const char *begin, *end;
    uint64_t first_line; /* lines before the chunk */
    uint64_t lines;
    int64_t max_id;      /* of its plain lines */
    uint32_t nodd;       /* MAX_ODD + 1: too many, read it in one pass */
    uint64_t odd[MAX_ODD];
} chunk;

static void parse_chunk_plain(chunk *c, uint32_t *uv)
{
    const char *p = c->begin;
    for (uint64_t i = 0; p < c->end; i++) {
        uint32_t a, b;
        const char *fast = parse_plain_line(p, &a, &b);
        if (fast) {
            uv[2 * i] = a;
            uv[2 * i + 1] = b;
            uint32_t hi = a > b ? a : b;
            if ((int64_t)hi > c->max_id)
                c->max_id = hi;
            p = fast;
            continue;
        }
        if (c->nodd == MAX_ODD) {
            c->nodd = MAX_ODD + 1;
            return;
        }
        c->odd[c->nodd++] = i;
        const char *nl = memchr(p, '\n', (size_t)(c->end - p));
        p = nl ? nl + 1 : c->end;
    }
}

/* Moves the plain pairs of lines [from, to) of chunk c, in slots from
 * `slot`, to the end of out. */
static void move_plain(cs_edge_buf *out, uint64_t slot, uint64_t from, uint64_t to,
                       cs_edgelist_stats *stats, reader *r)
{
    if (to <= from)
        return;
    memmove(out->uv + 2 * out->len, out->uv + 2 * (slot + from),
            (size_t)(to - from) * 2 * sizeof *out->uv);
    out->len += to - from;
    stats->pairs += to - from;
    r->line += (long)(to - from);
}

/* Start of line `index` of c, found by counting line ends. */
static const char *line_start(const chunk *c, const char *from, uint64_t from_index,
                              uint64_t index)
{
    for (; from_index < index; from_index++)
        from = (const char *)memchr(from, '\n', (size_t)(c->end - from)) + 1;
    return from;
}

static int parse_parallel(reader *r, const char *p, const char *end, cs_edge_buf *out,
                          cs_edgelist_stats *stats, int threads)
{
    chunk *c = calloc((size_t)threads, sizeof *c);
    if (!c)
        return CS_ERR_NOMEM;
    size_t len = (size_t)(end - p);
    const char *at = p;
    for (int k = 0; k < threads; k++) {
        c[k].begin = at;
        if (k == threads - 1) {
            at = end;
        } else {
            const char *cut = p + len / (size_t)threads * (size_t)(k + 1);
            if (cut < at)
                cut = at;
            const char *nl = cut < end ? memchr(cut, '\n', (size_t)(end - cut)) : NULL;
            at = nl ? nl + 1 : end;
        }
        c[k].end = at;
        c[k].max_id = -1;
    }
#pragma omp parallel for schedule(static, 1) num_threads(threads)
    for (int k = 0; k < threads; k++)
        c[k].lines = count_lines(c[k].begin, c[k].end);
    uint64_t total = 0;
    for (int k = 0; k < threads; k++) {
        c[k].first_line = total;
        total += c[k].lines;
    }
    /* A slot per line, after the pairs already held. Nothing to read, or a
     * text of mostly empty lines (far more slots than pairs): one pass. */
    if (total == 0 || total > len / 4 + 1) {
        free(c);
        return parse_lines(r, p, end, out, stats);
    }
    const uint64_t base = out->len;
    int rc = cs_edge_buf_reserve(out, base + total);
    if (rc) {
        free(c);
        return rc;
    }
#pragma omp parallel for schedule(static, 1) num_threads(threads)
    for (int k = 0; k < threads; k++)
        parse_chunk_plain(&c[k], out->uv + 2 * (base + c[k].first_line));

    /* In file order. Pairs so far never pass the current chunk's slots:
     * a line gives at most one pair. */
    for (int k = 0; k < threads && !rc && !r->stopped; k++) {
        uint64_t slot = base + c[k].first_line;
        if (c[k].nodd > MAX_ODD) {
            rc = parse_lines(r, c[k].begin, c[k].end, out, stats);
            continue;
        }
        uint64_t done = 0, held = out->len;
        const char *ls = c[k].begin;
        for (uint32_t i = 0; i < c[k].nodd && !rc && !r->stopped; i++) {
            uint64_t line = c[k].odd[i];
            move_plain(out, slot, done, line, stats, r);
            ls = line_start(&c[k], ls, done, line);
            const char *nl = memchr(ls, '\n', (size_t)(c[k].end - ls));
            const char *next = nl ? nl + 1 : c[k].end;
            rc = parse_lines(r, ls, next, out, stats);
            done = line + 1;
            ls = next;
        }
        if (!rc && !r->stopped) {
            move_plain(out, slot, done, c[k].lines, stats, r);
            if (c[k].max_id > stats->max_id)
                stats->max_id = c[k].max_id;
        } else {
            /* Stopped inside the chunk: only the pairs taken before the
             * stop count toward the largest id, as in one pass. */
            for (uint64_t e = 2 * held; e < 2 * out->len; e++)
                if ((int64_t)out->uv[e] > stats->max_id)
                    stats->max_id = out->uv[e];
        }
    }
    free(c);
    return rc;
}

int cs_edgelist_read(const char *path, const char *display_name, cs_edge_buf *out,
                     cs_edgelist_stats *stats, cs_diag *diag)
{
    return cs_edgelist_read_threads(path, display_name, out, stats, 1, diag);
}

int cs_edgelist_read_threads(const char *path, const char *display_name, cs_edge_buf *out,
                             cs_edgelist_stats *stats, int threads, cs_diag *diag)
{
    const char *name = display_name ? display_name : path;
    memset(stats, 0, sizeof *stats);
    stats->max_id = -1;
    stats->declared_nodes = -1;

    /* Devices and pipes may never end (/dev/zero): an edge list is a file. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        cs_diag_at(diag, name, 0, 0, "cannot read: not a regular file");
        return CS_ERR_INPUT;
    }
    char *buf;
    size_t len;
    const char *why = NULL;
    int rc = cs_read_file(path, MAX_FILE_BYTES, &buf, &len, &why);
    if (rc == CS_ERR_NOMEM) {
        cs_diag_at(diag, name, 0, 0, "cannot read: out of memory");
        return CS_ERR_NOMEM;
    }
    if (rc) {
        cs_diag_at(diag, name, 0, 0, "cannot read: %s", why ? why : "unknown error");
        return CS_ERR_INPUT;
    }

    /* Hashed from the very bytes parsed, so the scenario hash describes the
     * network that ran even if the file changes meanwhile. */
    if (cs_sha256_text(buf, len, stats->sha256) != 0) {
        free(buf);
        cs_diag_at(diag, name, 0, 0, "cannot hash the file's content");
        return CS_ERR_RUNTIME;
    }
    reader r = {.name = name, .diag = diag};
    const char *p = buf, *end = buf + len;
    /* Files saved by Windows tools often start with a UTF-8 byte-order mark. */
    if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
        p += 3;
    if (threads > 1) {
        rc = parse_parallel(&r, p, end, out, stats, threads);
    } else {
        /* A pair per line at most: room for them all up front spares the
         * copies of a growing buffer (a tenth of the reading time). */
        uint64_t lines = count_lines(buf, end);
        if (lines > len / 4 + 1) /* the shortest pair line, "0 1\n", has 4 bytes */
            lines = len / 4 + 1;
        rc = cs_edge_buf_reserve(out, out->len + lines);
        if (!rc)
            rc = parse_lines(&r, p, end, out, stats);
    }
    stats->lines = (uint64_t)r.line;
    free(buf);
    if (rc == CS_ERR_NOMEM) {
        cs_diag_at(diag, name, 0, 0, "cannot read: out of memory");
        return CS_ERR_NOMEM;
    }
    return r.errors ? CS_ERR_INPUT : 0;
}

static void edgelist_tie(cs_text_out *w, uint64_t index, uint32_t u, uint32_t v)
{
    (void)index;
    cs_out_u64(w, u);
    cs_out_str(w, " ");
    cs_out_u64(w, v);
    cs_out_str(w, "\n");
}

int cs_network_write_edgelist(const cs_network *net, const char *path, cs_diag *diag)
{
    return cs_network_write_edgelist_in(net, -1, path, diag);
}

int cs_network_write_edgelist_in(const cs_network *net, int dirfd, const char *path,
                                 cs_diag *diag)
{
    cs_atomic_file f;
    cs_text_out *w = cs_text_out_open(&f, dirfd, path, diag);
    if (!w)
        return CS_ERR_RUNTIME;
    cs_out_str(w, "# circlesim network\n# Nodes: ");
    cs_out_u64(w, net->n);
    cs_out_str(w, " Edges: ");
    cs_out_u64(w, net->edges);
    cs_out_str(w, "\n");
    cs_network_each_tie(net, w, edgelist_tie);
    return cs_text_out_commit(w, &f, diag);
}

uint64_t cs_network_edgelist_bytes(const cs_network *net)
{
    /* The header, then "u v\n" a tie. */
    return 38 + cs_digits(net->n) + cs_digits(net->edges) + cs_ties_text_bytes(net, 2, 0);
}
