/* SPDX-License-Identifier: MIT */
/* yaml_tree.c - bounded YAML reading through libfyaml's event parser. */
#include "scenario/yaml_tree.h"
#include "base/quote.h"

#include <libfyaml.h>
#include <stdlib.h>
#include <string.h>

int cs_yaml_check_text(const char *name, const char *buf, size_t len, cs_diag *diag)
{
    const unsigned char *u = (const unsigned char *)buf;
    int line = 1, col = 1;
    size_t i = 0;
    if (len >= 3 && u[0] == 0xef && u[1] == 0xbb && u[2] == 0xbf)
        i = 3; /* a UTF-8 byte-order mark is harmless */
    while (i < len) {
        unsigned char c = u[i];
        if (c == '\n') {
            line++;
            col = 1;
            i++;
            continue;
        }
        if (c == 0) {
            cs_diag_at(diag, name, line, col, "NUL byte in text: is this a binary file?");
            return CS_ERR_INPUT;
        }
        if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
            cs_diag_at(diag, name, line, col, "control character 0x%02x is not allowed", c);
            return CS_ERR_INPUT;
        }
        size_t n = cs_utf8_seq(u + i, len - i);
        if (n == 0) {
            cs_diag_at(diag, name, line, col, "invalid UTF-8 byte 0x%02x", c);
            return CS_ERR_INPUT;
        }
        i += n;
        col++;
    }
    return 0;
}

void cs_ynode_free(cs_ynode *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < n->nkids; i++)
        cs_ynode_free(n->kids[i]);
    free(n->kids);
    free(n->text);
    free(n);
}

typedef struct builder {
    const char *name;
    cs_diag *diag;
    cs_ynode *stack[CS_YAML_MAX_DEPTH + 1];
    size_t caps[CS_YAML_MAX_DEPTH + 1];
    int depth;
    size_t nodes;
    cs_ynode *root;
    int docs;
} builder;

static int add_child(builder *b, cs_ynode *node)
{
    if (b->depth == 0) {
        b->root = node;
        return 0;
    }
    cs_ynode *parent = b->stack[b->depth - 1];
    size_t *cap = &b->caps[b->depth - 1];
    if (parent->nkids == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        cs_ynode **nk = realloc(parent->kids, ncap * sizeof *nk);
        if (!nk)
            return CS_ERR_NOMEM;
        parent->kids = nk;
        *cap = ncap;
    }
    /* An empty node has no mark of its own. A person looks for an empty
     * value at its key, and for an empty key or item at its mapping or list. */
    if (node->line == 0) {
        int is_value = parent->type == CS_Y_MAP && parent->nkids % 2 == 1;
        const cs_ynode *at = is_value ? parent->kids[parent->nkids - 1] : parent;
        node->line = at->line;
        node->col = at->col;
    }
    /* A mapping key must be a scalar, and unique within its mapping. The
     * check is a linear scan, so mappings are capped: a scenario's widest
     * mapping has a few dozen keys. */
    if (parent->type == CS_Y_MAP && parent->nkids >= 2 * CS_YAML_MAX_KEYS) {
        cs_diag_at(b->diag, b->name, node->line, node->col,
                   "too many keys in one mapping: at most %d", CS_YAML_MAX_KEYS);
        return CS_ERR_INPUT;
    }
    if (parent->type == CS_Y_MAP && parent->nkids % 2 == 0) {
        if (node->type != CS_Y_SCALAR) {
            cs_diag_at(b->diag, b->name, node->line, node->col,
                       "a key must be a plain name, found a %s",
                       node->type == CS_Y_MAP ? "mapping" : "sequence");
            return CS_ERR_INPUT;
        }
        for (size_t i = 0; i < parent->nkids; i += 2) {
            cs_ynode *k = parent->kids[i];
            if (k->len == node->len && memcmp(k->text, node->text, k->len) == 0) {
                char q[128];
                cs_diag_quote(q, sizeof q, node->text, node->len);
                cs_diag_at(b->diag, b->name, node->line, node->col,
                           "duplicate key '%s' (first given at line %d)", q, k->line);
                return CS_ERR_INPUT;
            }
        }
    }
    parent->kids[parent->nkids++] = node;
    return 0;
}

static cs_ynode *new_node(builder *b, cs_ytype type, struct fy_event *ev)
{
    cs_ynode *n = calloc(1, sizeof *n);
    if (!n)
        return NULL;
    n->type = type;
    const struct fy_mark *m = fy_event_start_mark(ev);
    n->line = m ? m->line + 1 : 0;
    n->col = m ? m->column + 1 : 0;
    b->nodes++;
    return n;
}

/* libfyaml's messages are collected, never printed; the first becomes ours. */
static void quiet_output(struct fy_diag *d, void *user, const char *buf, size_t len)
{
    (void)d;
    (void)user;
    (void)buf;
    (void)len;
}

static void report_parser_error(builder *b, struct fy_diag *fd, const char *buf, size_t len)
{
    void *it = NULL;
    struct fy_diag_error *e = fy_diag_errors_iterate(fd, &it);
    if (e && e->msg) {
        char q[512];
        cs_diag_quote(q, sizeof q, e->msg, strlen(e->msg));
        /* Unlike fy_mark (0-based), a collected error's line and column
         * are already 1-based. */
        cs_diag_at(b->diag, b->name, e->line > 0 ? e->line : 1, e->column > 0 ? e->column : 1,
                   "malformed YAML: %s", q);
        return;
    }
    /* No message collected (libfyaml rejects a %YAML directive of another
     * version without one): the directive is looked for here, and any
     * other failure is placed at the start rather than nowhere. */
    int line = 1;
    for (size_t at = 0; at < len; line++) {
        const char *end = memchr(buf + at, '\n', len - at);
        size_t n = end ? (size_t)(end - (buf + at)) : len - at;
        size_t v = at + 5;
        while (v < at + n && (buf[v] == ' ' || buf[v] == '\t'))
            v++;
        int known = at + n - v >= 3 && (!memcmp(buf + v, "1.1", 3) || !memcmp(buf + v, "1.2", 3));
        if (n >= 5 && !memcmp(buf + at, "%YAML", 5) && !known) {
            char q[64];
            cs_diag_quote(q, sizeof q, buf + at, n);
            cs_diag_at(b->diag, b->name, line, 1,
                       "malformed YAML: circlesim reads YAML 1.1 and 1.2, and this %%YAML "
                       "directive asks for another version: '%s'",
                       q);
            return;
        }
        if (n > 0 && buf[at] != '%' && buf[at] != '#')
            break; /* past the directives */
        at += n + 1;
    }
    cs_diag_at(b->diag, b->name, 1, 1, "malformed YAML");
}

int cs_yaml_parse(const char *name, const char *buf, size_t len, cs_ynode **root, cs_diag *diag)
{
    *root = NULL;
    if (len > CS_YAML_MAX_BYTES) {
        /* The whole text's problem: reported at its start (FILE:1:1). */
        cs_diag_at(diag, name, 1, 1, "file too large: %zu bytes, a scenario is at most %u",
                   len, CS_YAML_MAX_BYTES);
        return CS_ERR_INPUT;
    }
    int rc = cs_yaml_check_text(name, buf, len, diag);
    if (rc)
        return rc;

    struct fy_diag_cfg dcfg;
    fy_diag_cfg_default(&dcfg);
    dcfg.fp = NULL;
    dcfg.output_fn = quiet_output;
    dcfg.colorize = false;
    struct fy_diag *fd = fy_diag_create(&dcfg);
    if (!fd)
        return CS_ERR_NOMEM;
    fy_diag_set_collect_errors(fd, true);

    struct fy_parse_cfg pcfg;
    memset(&pcfg, 0, sizeof pcfg);
    pcfg.flags = FYPCF_QUIET | FYPCF_DEFAULT_VERSION_1_2 | FYPCF_JSON_NONE;
    pcfg.diag = fd;
    struct fy_parser *fyp = fy_parser_create(&pcfg);
    if (!fyp) {
        fy_diag_destroy(fd);
        return CS_ERR_NOMEM;
    }
    builder b;
    memset(&b, 0, sizeof b);
    b.name = name;
    b.diag = diag;
    rc = 0;
    if (fy_parser_set_string(fyp, buf, len) != 0) {
        rc = CS_ERR_NOMEM;
        goto out;
    }

    struct fy_event *ev;
    while (rc == 0 && (ev = fy_parser_parse(fyp)) != NULL) {
        cs_ynode *node = NULL;
        switch (ev->type) {
        case FYET_DOCUMENT_START:
            if (++b.docs > 1) {
                const struct fy_mark *m = fy_event_start_mark(ev);
                cs_diag_at(diag, name, m ? m->line + 1 : 0, m ? m->column + 1 : 0,
                           "a scenario file holds one YAML document, found a second");
                rc = CS_ERR_INPUT;
            }
            break;
        case FYET_ALIAS: {
            /* The mark is the name after '*', which is always right
             * before it: report at the '*'. */
            const struct fy_mark *m = fy_event_start_mark(ev);
            cs_diag_at(diag, name, m ? m->line + 1 : 0, m && m->column > 0 ? m->column : 1,
                       "aliases (*name) are not supported in scenario files");
            rc = CS_ERR_INPUT;
            break;
        }
        case FYET_SCALAR:
        case FYET_SEQUENCE_START:
        case FYET_MAPPING_START: {
            struct fy_token *tag = fy_event_get_tag_token(ev);
            if (tag) {
                /* At the tag itself: the event's mark is the value after it. */
                const struct fy_mark *m = fy_token_start_mark(tag);
                cs_diag_at(diag, name, m ? m->line + 1 : 0, m ? m->column + 1 : 0,
                           "tags (!name) are not supported in scenario files");
                rc = CS_ERR_INPUT;
                break;
            }
            if (b.nodes >= CS_YAML_MAX_NODES) {
                const struct fy_mark *m = fy_event_start_mark(ev);
                cs_diag_at(diag, name, m ? m->line + 1 : 0, m ? m->column + 1 : 0,
                           "too many values: a scenario holds at most %d", CS_YAML_MAX_NODES);
                rc = CS_ERR_INPUT;
                break;
            }
            cs_ytype t = ev->type == FYET_SCALAR ? CS_Y_SCALAR
                         : ev->type == FYET_SEQUENCE_START ? CS_Y_SEQ : CS_Y_MAP;
            node = new_node(&b, t, ev);
            if (!node) {
                rc = CS_ERR_NOMEM;
                break;
            }
            if (t == CS_Y_SCALAR) {
                size_t sl = 0;
                const char *s = fy_token_get_text(fy_event_get_token(ev), &sl);
                node->text = malloc(sl + 1);
                if (!node->text) {
                    cs_ynode_free(node);
                    rc = CS_ERR_NOMEM;
                    break;
                }
                if (sl)
                    memcpy(node->text, s, sl);
                node->text[sl] = '\0';
                node->len = sl;
                struct fy_token *tok = fy_event_get_token(ev);
                enum fy_scalar_style style = fy_scalar_token_get_style(tok);
                /* An empty node ("days:" with no value, or a document that
                 * is only "---") comes with no token at all: it is a plain
                 * null, not a quoted "". */
                node->plain = !tok || style == FYSS_PLAIN;
                /* libfyaml marks a quoted scalar at its first character
                 * inside the quotes; the value starts at the quote, which
                 * is always on the same line. */
                if ((style == FYSS_SINGLE_QUOTED || style == FYSS_DOUBLE_QUOTED) && node->col > 1)
                    node->col--;
            }
            rc = add_child(&b, node);
            if (rc) {
                cs_ynode_free(node);
                break;
            }
            if (t != CS_Y_SCALAR) {
                if (b.depth >= CS_YAML_MAX_DEPTH) {
                    cs_diag_at(diag, name, node->line, node->col,
                               "nesting too deep: at most %d levels", CS_YAML_MAX_DEPTH);
                    rc = CS_ERR_INPUT;
                    break;
                }
                b.stack[b.depth] = node;
                b.caps[b.depth] = 0;
                b.depth++;
            }
            break;
        }
        case FYET_SEQUENCE_END:
        case FYET_MAPPING_END:
            b.depth--;
            break;
        default:
            break;
        }
        fy_parser_event_free(fyp, ev);
    }
    if (rc == 0 && fy_parser_get_stream_error(fyp)) {
        report_parser_error(&b, fd, buf, len);
        rc = CS_ERR_INPUT;
    }
out:
    fy_parser_destroy(fyp);
    fy_diag_destroy(fd);
    if (rc) {
        /* On error the tree may be detached from its root only while the
         * root is set; the root owns everything added so far. */
        cs_ynode_free(b.root);
        return rc;
    }
    *root = b.root;
    return 0;
}

int cs_ynode_is_null(const cs_ynode *n)
{
    if (!n)
        return 1;
    if (n->type != CS_Y_SCALAR || !n->plain)
        return 0;
    return n->len == 0 || strcmp(n->text, "~") == 0 || strcmp(n->text, "null") == 0 ||
           strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0;
}
