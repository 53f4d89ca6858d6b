/* SPDX-License-Identifier: MIT */
/* nodes.c - `network.nodes`: per-user attributes of a real network, a CSV
 * read beside an edge list. A header row names the columns; `user` (0-based
 * id) is required, the others optional and in any order:
 *   tier         first | new_first_second | third_fourth | county, or 0-3
 *   post95       1 or 0 (true or false): born after 1995
 *   interests    population.interests distinct tag ids in [0, population.tags),
 *                separated by ';'
 *   sociability  a positive number (1e-30 to 1e30): who the KOCs and KOLs are
 * Users not listed, and empty fields, keep the attributes drawn for them. '#' lines are comments;
 * a byte-order mark and CRLF line ends are accepted. Fields may be quoted as
 * RFC 4180 says ("a, b", "" for a quote), and a first column with an empty
 * name holds row names and is skipped, and an unquoted NA is an empty
 * field: what R's write.csv writes. Every malformed field is
 * reported with its line, column and column name (at most 50 per file). */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "circlesim/diag.h"
#include "base/fileio.h"
#include "network/population.h"
#include "base/csv.h"
#include "base/hash.h"
#include "base/quote.h"

#define MAX_NODES_BYTES ((size_t)4 << 30)
#define MAX_ERRORS 50

enum col { C_USER, C_TIER, C_POST95, C_INTERESTS, C_SOCIABILITY, C_COUNT, C_UNKNOWN, C_ROWNAME };
static const char *const col_names[C_COUNT] = {"user", "tier", "post95", "interests",
                                               "sociability"};

typedef struct reader {
    const char *name;
    cs_diag *diag;
    int errors;
    int line;     /* being read (lines past INT_MAX are reported as INT_MAX) */
    int user_col; /* column of this row's user field */
} reader;

static void bad(reader *rd, int col, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static void bad(reader *rd, int col, const char *fmt, ...)
{
    if (rd->errors++ >= MAX_ERRORS)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    cs_diag_at(rd->diag, rd->name, rd->line, col, "%s", msg);
}

/* What was found, quoted for a message: 'text', or nothing. */
static const char *quoted(char q[72], const char *s, size_t len)
{
    if (!len)
        return "nothing";
    q[0] = '\'';
    cs_diag_quote(q + 1, 72 - 2, s, len);
    strcat(q, "'");
    return q;
}

static int parse_uint(const char *s, size_t len, uint64_t max, uint64_t *out)
{
    if (len == 0 || len > 19)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (uint64_t)(s[i] - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

static void trim(const char **s, size_t *len)
{
    while (*len && (**s == ' ' || **s == '\t')) {
        (*s)++;
        (*len)--;
    }
    while (*len && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t'))
        (*len)--;
}

static int grow(cs_nodes *nd, uint32_t k)
{
    size_t cap = nd->cap ? 2 * (size_t)nd->cap : 256;
    uint32_t *user = realloc(nd->user, cap * sizeof *user);
    if (user)
        nd->user = user;
    int8_t *tier = realloc(nd->tier, cap);
    if (tier)
        nd->tier = tier;
    int8_t *post95 = realloc(nd->post95, cap);
    if (post95)
        nd->post95 = post95;
    uint16_t *in = realloc(nd->interest, cap * k * sizeof *in);
    if (in)
        nd->interest = in;
    float *soc = realloc(nd->sociability, cap * sizeof *soc);
    if (soc)
        nd->sociability = soc;
    if (!user || !tier || !post95 || !in || !soc)
        return CS_ERR_NOMEM;
    nd->cap = (uint32_t)cap;
    return 0;
}

/* One field of a data row. */
static void field(reader *rd, cs_nodes *nd, enum col c, const char *s, size_t len, int col,
                  uint32_t n, uint32_t tags, uint32_t k, uint32_t row)
{
    char q[72];
    trim(&s, &len);
    if (len == 0 && c != C_USER)
        return; /* an empty field leaves the drawn attribute */
    switch (c) {
    case C_USER: {
        uint64_t v;
        rd->user_col = col;
        if (parse_uint(s, len, UINT32_MAX, &v) != 0 || v >= n)
            bad(rd, col, "user: expected a user id from 0 to %u (the population size - 1), found %s",
                n ? n - 1 : 0, quoted(q, s, len));
        else
            nd->user[row] = (uint32_t)v;
        break;
    }
    case C_TIER: {
        int t = -1;
        for (int i = 0; i < CS_TIER_COUNT; i++)
            if (len == strlen(cs_tier_names[i]) && memcmp(s, cs_tier_names[i], len) == 0)
                t = i;
        if (len == 1 && s[0] >= '0' && s[0] <= '3')
            t = s[0] - '0';
        if (t < 0)
            bad(rd, col, "tier: expected first, new_first_second, third_fourth, county or 0-3, "
                         "found %s",
                quoted(q, s, len));
        nd->tier[row] = (int8_t)t;
        break;
    }
    case C_POST95: {
        int v = -1;
        if ((len == 1 && s[0] == '1') || (len == 4 && memcmp(s, "true", 4) == 0))
            v = 1;
        if ((len == 1 && s[0] == '0') || (len == 5 && memcmp(s, "false", 5) == 0))
            v = 0;
        if (v < 0)
            bad(rd, col, "post95: expected 1 or 0 (true or false), found %s", quoted(q, s, len));
        nd->post95[row] = (int8_t)v;
        break;
    }
    case C_INTERESTS: {
        uint16_t *in = &nd->interest[(size_t)row * k];
        uint32_t got = 0;
        size_t i = 0;
        int ok = 1;
        while (ok && i <= len) {
            size_t j = i;
            while (j < len && s[j] != ';')
                j++;
            const char *t = s + i;
            size_t tl = j - i;
            trim(&t, &tl);
            uint64_t v;
            if (parse_uint(t, tl, UINT16_MAX, &v) != 0 || v >= tags || got >= k) {
                ok = 0;
                break;
            }
            for (uint32_t m = 0; m < got; m++)
                ok &= in[m] != v;
            in[got++] = (uint16_t)v;
            i = j + 1;
        }
        if (!ok || got != k) {
            bad(rd, col, "interests: expected %u distinct tag ids from 0 to %u separated by ';', "
                         "found %s",
                k, tags - 1, quoted(q, s, len));
            nd->interest[(size_t)row * k] = UINT16_MAX;
            break;
        }
        /* Stored increasing, as drawn interests are. */
        for (uint32_t a = 1; a < k; a++)
            for (uint32_t b = a; b > 0 && in[b - 1] > in[b]; b--) {
                uint16_t tmp = in[b];
                in[b] = in[b - 1];
                in[b - 1] = tmp;
            }
        break;
    }
    case C_SOCIABILITY: {
        /* Decimal notation only (strtod alone would take hex, inf and nan),
         * in a range a float holds without rounding to 0 or infinity. */
        char buf[64];
        char *end = NULL;
        double v = NAN;
        int decimal = len > 0 && len < sizeof buf && strspn(s, "0123456789.eE+-") >= len;
        if (decimal) {
            memcpy(buf, s, len);
            buf[len] = '\0';
            v = strtod(buf, &end);
        }
        if (!end || *end != '\0' || !(v >= 1e-30 && v <= 1e30)) {
            bad(rd, col, "sociability: expected a positive number from 1e-30 to 1e30, found %s",
                quoted(q, s, len));
            v = NAN;
        }
        nd->sociability[row] = (float)v;
        break;
    }
    default:
        break;
    }
}

int cs_nodes_read(const char *path, const char *display_name, uint32_t n, uint32_t tags,
                  uint32_t interests, cs_nodes *nd, cs_diag *diag)
{
    memset(nd, 0, sizeof *nd);
    nd->interests = interests;
    reader rd = {display_name ? display_name : path, diag, 0, 0, 1};
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        cs_diag_at(diag, rd.name, 0, 0, "cannot read: not a regular file");
        return CS_ERR_INPUT;
    }
    char *buf;
    size_t len;
    const char *why = NULL;
    int rc = cs_read_file(path, MAX_NODES_BYTES, &buf, &len, &why);
    if (rc) {
        cs_diag_at(diag, rd.name, 0, 0, "cannot read: %s", why ? why : "out of memory");
        return rc == CS_ERR_NOMEM ? CS_ERR_NOMEM : CS_ERR_INPUT;
    }
    if (cs_sha256_text(buf, len, nd->sha256) != 0) {
        free(buf);
        return CS_ERR_NOMEM;
    }
    size_t pos = 0;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    enum col cols[64];
    int ncols = 0, have_header = 0, seen[C_COUNT] = {0};
    uint8_t *listed = calloc(n ? n : 1, 1);
    if (!listed) {
        free(buf);
        return CS_ERR_NOMEM;
    }
    int64_t line = 1; /* of the record being read */
    rc = 0;
    char q[72];
    cs_csv_value f[65];
    while (pos < len && rc == 0 && rd.errors < MAX_ERRORS) {
        rd.line = line < INT_MAX ? (int)line : INT_MAX;
        rd.user_col = 1;
        /* Blank lines and '#' comments, whatever quotes they hold. */
        size_t eol = pos;
        while (eol < len && buf[eol] != '\n')
            eol++;
        const char *probe = buf + pos;
        size_t pl = eol - pos;
        trim(&probe, &pl);
        if (pl > 0 && probe[pl - 1] == '\r') /* a blank CRLF line */
            pl--;
        if (pl == 0 || probe[0] == '#') {
            pos = eol + 1;
            line++;
            continue;
        }
        size_t start = pos, badat = 0;
        int c = 0, lines = 0;
        int split = cs_csv_record(buf, len, &pos, f, 65, &c, &badat, &lines);
        const char *ls = buf + start;
        line += lines;
        const char *nul = memchr(ls, '\0', (pos < len ? pos : len) - start);
        if (nul) {
            bad(&rd, (int)(nul - ls) + 1, "network.nodes: a NUL byte: not a text file?");
            continue;
        }
        if (split == -2) {
            bad(&rd, (int)badat + 1,
                "network.nodes: a carriage return inside a line: lines must end in \\n or "
                "\\r\\n (a file saved with old Mac line ends?)");
            continue;
        }
        if (split == -1) {
            bad(&rd, (int)badat + 1, "network.nodes: a quote opened here is never closed");
            break;
        }
        uint32_t row = nd->n;
        if (have_header) {
            if (nd->n == nd->cap && (rc = grow(nd, interests)) != 0)
                break;
            nd->user[row] = UINT32_MAX;
            nd->tier[row] = -1;
            nd->post95[row] = -1;
            nd->interest[(size_t)row * interests] = UINT16_MAX;
            nd->sociability[row] = NAN;
        }
        for (int i = 0; i < c && i < 65; i++) {
            const char *fs = f[i].s;
            size_t fl = f[i].len;
            int col = (int)f[i].at + 1;
            if (!have_header) {
                trim(&fs, &fl);
                enum col k = C_UNKNOWN;
                for (int j = 0; j < C_COUNT; j++)
                    if (fl == strlen(col_names[j]) && memcmp(fs, col_names[j], fl) == 0)
                        k = (enum col)j;
                if (k == C_UNKNOWN && i == 0 && fl == 0)
                    k = C_ROWNAME; /* R's write.csv: a first column of row names, unnamed */
                else if (k == C_UNKNOWN)
                    bad(&rd, col,
                        "network.nodes: unknown column %s (columns: user, tier, post95, "
                        "interests, sociability)",
                        quoted(q, fs, fl));
                else if (seen[k]++)
                    bad(&rd, col, "network.nodes: column %s given twice", quoted(q, fs, fl));
                if (i < 64)
                    cols[i] = k;
            } else if (i < ncols && cols[i] != C_ROWNAME) {
                if (!f[i].quoted && fl == 2 && !memcmp(fs, "NA", 2))
                    fl = 0; /* R's missing value: the attribute drawn */
                field(&rd, nd, cols[i], fs, fl, col, n, tags, interests, row);
            }
        }
        if (!have_header) {
            have_header = 1;
            ncols = c < 64 ? c : 64;
            if (c > 64)
                bad(&rd, 1, "network.nodes: more than 64 columns (found %d)", c);
            if (!seen[C_USER])
                bad(&rd, 1, "network.nodes: the header has no 'user' column");
            continue;
        }
        if (c != ncols) {
            bad(&rd, 1, "network.nodes: expected %d fields as in the header, found %d", ncols, c);
            continue;
        }
        uint32_t u = nd->user[row];
        if (u != UINT32_MAX) {
            if (listed[u])
                bad(&rd, rd.user_col, "user: user %u is listed twice", u);
            listed[u] = 1;
        }
        nd->n++;
    }
    free(listed);
    free(buf);
    if (rc)
        return rc;
    if (!have_header && rd.errors == 0) {
        cs_diag_at(diag, rd.name, 0, 0, "network.nodes: empty file: expected a header row "
                                        "naming the columns (user, tier, ...)");
        return CS_ERR_INPUT;
    }
    return rd.errors ? CS_ERR_INPUT : 0;
}

void cs_nodes_apply(const cs_nodes *nd, cs_population *pop)
{
    const uint32_t k = pop->interests;
    for (uint32_t i = 0; i < nd->n; i++) {
        uint32_t u = nd->user[i];
        if (u >= pop->n)
            continue;
        if (nd->tier[i] >= 0)
            pop->tier[u] = (uint8_t)nd->tier[i];
        if (nd->post95[i] >= 0)
            pop->post95[u] = (uint8_t)nd->post95[i];
        if (nd->interest[(size_t)i * k] != UINT16_MAX && nd->interests == k)
            memcpy(&pop->interest[(size_t)u * k], &nd->interest[(size_t)i * k],
                   k * sizeof *pop->interest);
        if (isfinite(nd->sociability[i]))
            pop->sociability[u] = nd->sociability[i];
    }
}

void cs_nodes_free(cs_nodes *nd)
{
    free(nd->user);
    free(nd->tier);
    free(nd->post95);
    free(nd->interest);
    free(nd->sociability);
    memset(nd, 0, sizeof *nd);
}
