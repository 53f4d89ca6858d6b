/* SPDX-License-Identifier: MIT */
/* graph_files.h - a network with its users' attributes as a file other tools
 * read: GEXF 1.2 (Gephi, networkx.read_gexf) or GraphML (networkx.read_graphml,
 * Gephi, igraph), beside the plain edge list of network.h.
 *
 * The attributes come as a table: named, typed columns and a function that
 * gives one user's values. Whoever knows the users (the models) fills it;
 * this layer only writes it, and never asks who filled it.
 */
#ifndef CIRCLESIM_GRAPH_FILES_H
#define CIRCLESIM_GRAPH_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "circlesim/diag.h"
#include "network/network.h"

enum cs_attr_type { CS_ATTR_STRING, CS_ATTR_INT, CS_ATTR_DOUBLE, CS_ATTR_BOOL };

typedef struct cs_attr_def {
    const char *name; /* the attribute's id and title: letters, digits and '_' */
    int type;         /* enum cs_attr_type */
} cs_attr_def;

typedef struct cs_attr_value {
    int set;       /* 0: the user has none (left out of the file) */
    int64_t i;     /* CS_ATTR_INT; CS_ATTR_BOOL: 0 or 1 */
    double d;      /* CS_ATTR_DOUBLE; NaN or an infinity count as none */
    const char *s; /* CS_ATTR_STRING, UTF-8; NULL and "" count as none */
} cs_attr_value;

/* Most attributes a table has, and the bytes a user's strings may take. */
#define CS_ATTR_MAX 32
#define CS_ATTR_TEXT 4096

typedef struct cs_node_attrs {
    size_t count;            /* 0: users without attributes */
    const cs_attr_def *defs; /* count of them */
    /* User u's values, one per def, into out[0 .. count). Strings may be
     * written into text (cap bytes): they are read before the next call. */
    void (*values)(const void *ctx, uint32_t u, cs_attr_value *out, char *text, size_t cap);
    const void *ctx;
    void *owned;             /* freed by cs_node_attrs_free (may be NULL) */
    char description[200];   /* what the file shows, for its header ("" none) */
} cs_node_attrs;

void cs_node_attrs_free(cs_node_attrs *a);

enum cs_graph_format { CS_GRAPH_EDGELIST, CS_GRAPH_GEXF, CS_GRAPH_GRAPHML, CS_GRAPH_FORMATS };
/* "edgelist", "gexf", "graphml". */
extern const char *const cs_graph_format_names[CS_GRAPH_FORMATS];
/* The format of that name, or -1. */
int cs_graph_format_named(const char *name);

/* The file's bytes, counted without writing it (to check the room before):
 * exactly what cs_graph_write_in writes. attrs NULL: none (an edge list has
 * none whatever attrs says). 0 when out of memory to count. */
uint64_t cs_graph_bytes(const cs_network *net, const cs_node_attrs *attrs, int format);
/* Writes the file atomically (a temporary renamed into place): path itself
 * (dirfd < 0) or its last part in the folder open as dirfd. Node ids are the
 * users' indices, as in the edge list; ties are listed once, u < v, in
 * increasing order; strings are XML-escaped. Returns 0 or CS_ERR_RUNTIME
 * (reported). */
int cs_graph_write_in(const cs_network *net, const cs_node_attrs *attrs, int format, int dirfd,
                      const char *path, cs_diag *diag);
int cs_graph_write(const cs_network *net, const cs_node_attrs *attrs, int format,
                   const char *path, cs_diag *diag);

#endif
