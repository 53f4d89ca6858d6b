/* SPDX-License-Identifier: MIT */
/* yaml_tree.h - a small, bounded YAML tree for scenario files and --set values.
 *
 * libfyaml does the parsing; this layer checks what the library is not
 * hardened against (size, encoding, control characters, nesting depth, node
 * count) before and while it runs, rejects what scenarios never need (aliases,
 * tags, several documents, non-scalar keys, duplicate keys), keeps a 1-based
 * line and column on every node, and routes the library's own diagnostics
 * through cs_diag so nothing else reaches stderr.
 */
#ifndef CS_YAML_TREE_H
#define CS_YAML_TREE_H

#include <stddef.h>

#include "circlesim/diag.h"

#define CS_YAML_MAX_BYTES (1u << 20) /* a scenario is a page of text, not a data file */
#define CS_YAML_MAX_DEPTH 16
#define CS_YAML_MAX_NODES 100000
#define CS_YAML_MAX_KEYS 512 /* per mapping */

typedef enum { CS_Y_SCALAR, CS_Y_SEQ, CS_Y_MAP } cs_ytype;

typedef struct cs_ynode {
    cs_ytype type;
    int line, col;            /* 1-based start of the node */
    char *text;               /* scalar: its value, NUL-terminated */
    size_t len;               /* scalar: length of text (may hold no NUL) */
    int plain;                /* scalar: 1 when unquoted (so 5 is a number, "5" a string) */
    struct cs_ynode **kids;   /* sequence: items; mapping: key0 value0 key1 value1 ... */
    size_t nkids;
} cs_ynode;

/* Parse buf[0..len) as one YAML document. name is used in messages. On
 * success *root is the tree (NULL for a document with no content). Returns 0,
 * CS_ERR_INPUT (reported) or CS_ERR_NOMEM. */
int cs_yaml_parse(const char *name, const char *buf, size_t len, cs_ynode **root, cs_diag *diag);

void cs_ynode_free(cs_ynode *n);

/* Checks encoding and characters only: returns 0 or reports the first bad
 * byte's line and column and returns CS_ERR_INPUT. */
int cs_yaml_check_text(const char *name, const char *buf, size_t len, cs_diag *diag);

/* A missing value, or a plain scalar YAML reads as null ("", ~, null). */
int cs_ynode_is_null(const cs_ynode *n);

#endif
