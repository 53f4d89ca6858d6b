/* SPDX-License-Identifier: MIT */
/* graph_files.c - GEXF 1.2 and GraphML with users' attributes
 * (graph_files.h).
 *
 * GEXF is 1.2 ("http://www.gexf.net/1.2draft"), not 1.3: networkx before
 * 3.0 (Debian 12's 2.8.8) finds no graph in a 1.3 file, and Gephi reads
 * both. A node is one line, so a file of 10^5 users stays grep-able and a
 * third smaller than one element a line. The bytes are counted by writing
 * the header and the nodes into a counter (their values are the models'
 * text) and the ties by their digits, so the count is exact and ties are
 * never formatted twice.
 */
#include "network/graph_files.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "network/net_text.h"

const char *const cs_graph_format_names[CS_GRAPH_FORMATS] = {"edgelist", "gexf", "graphml"};

int cs_graph_format_named(const char *name)
{
    for (int f = 0; f < CS_GRAPH_FORMATS; f++)
        if (!strcmp(name, cs_graph_format_names[f]))
            return f;
    return -1;
}

void cs_node_attrs_free(cs_node_attrs *a)
{
    free(a->owned);
    a->owned = NULL;
}

/* Text as XML character data or an attribute's value: the five markup
 * characters as entities; tab and line ends as references, since a parser
 * turns them into spaces inside an attribute; other control characters,
 * which XML 1.0 cannot carry at all, as U+FFFD. */
static void out_escaped(cs_text_out *w, const char *s)
{
    const char *run = s;
    for (; *s; s++) {
        const unsigned char c = (unsigned char)*s;
        const char *rep = NULL;
        switch (c) {
        case '&': rep = "&amp;"; break;
        case '<': rep = "&lt;"; break;
        case '>': rep = "&gt;"; break;
        case '"': rep = "&quot;"; break;
        case '\'': rep = "&apos;"; break;
        case '\t': rep = "&#9;"; break;
        case '\n': rep = "&#10;"; break;
        case '\r': rep = "&#13;"; break;
        default:
            if (c < 0x20)
                rep = "\xef\xbf\xbd";
        }
        if (rep) {
            cs_out_mem(w, run, (size_t)(s - run));
            cs_out_str(w, rep);
            run = s + 1;
        }
    }
    cs_out_mem(w, run, (size_t)(s - run));
}

static void out_i64(cs_text_out *w, int64_t x)
{
    if (x < 0) {
        cs_out_str(w, "-");
        cs_out_u64(w, (uint64_t)0 - (uint64_t)x);
    } else {
        cs_out_u64(w, (uint64_t)x);
    }
}

/* Whether a value is written: unset ones, numbers that are none and empty
 * strings are left out (readers then give the node no such attribute).
 * An empty string is none because networkx before 3.0 reads GraphML's
 * empty <data/> as nothing: so every reader sees the same. */
static int has_value(const cs_attr_def *def, const cs_attr_value *v)
{
    if (!v->set)
        return 0;
    if (def->type == CS_ATTR_DOUBLE)
        return isfinite(v->d);
    if (def->type == CS_ATTR_STRING)
        return v->s != NULL && v->s[0] != '\0';
    return 1;
}

/* The value as XML text. Doubles have six significant digits ("%.6g" in
 * the C locale the program runs in): the attributes are for looking at
 * and for analysis, and the models keep most of them as floats anyway. */
static void out_value(cs_text_out *w, const cs_attr_def *def, const cs_attr_value *v)
{
    switch (def->type) {
    case CS_ATTR_STRING: out_escaped(w, v->s); break;
    case CS_ATTR_INT: out_i64(w, v->i); break;
    case CS_ATTR_BOOL: cs_out_str(w, v->i ? "true" : "false"); break;
    default: {
        char num[40];
        snprintf(num, sizeof num, "%.6g", v->d);
        cs_out_str(w, num);
    }
    }
}

static const char *type_name(int format, int type)
{
    static const char *const gexf[] = {"string", "integer", "double", "boolean"};
    static const char *const graphml[] = {"string", "int", "double", "boolean"};
    return format == CS_GRAPH_GEXF ? gexf[type] : graphml[type];
}

/* Each attribute declared as one element: OPEN name ID_TO_NAME name
 * TYPE_IS type, closed (the two formats spell the same declaration). */
static void declare_attrs(cs_text_out *w, const cs_node_attrs *a, int format, const char *open,
                          const char *id_to_name, const char *type_is)
{
    for (size_t k = 0; a && k < a->count; k++) {
        cs_out_str(w, open);
        out_escaped(w, a->defs[k].name);
        cs_out_str(w, id_to_name);
        out_escaped(w, a->defs[k].name);
        cs_out_str(w, type_is);
        cs_out_str(w, type_name(format, a->defs[k].type));
        cs_out_str(w, "\"/>\n");
    }
}

/* Everything before the first tie. */
static void write_head(cs_text_out *w, const cs_node_attrs *a, int format)
{
    const char *desc = a && a->description[0] ? a->description : NULL;
    cs_out_str(w, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    if (format == CS_GRAPH_GEXF) {
        cs_out_str(w, "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">\n"
                      "  <meta>\n"
                      "    <creator>circlesim</creator>\n");
        if (desc) {
            cs_out_str(w, "    <description>");
            out_escaped(w, desc);
            cs_out_str(w, "</description>\n");
        }
        cs_out_str(w, "  </meta>\n"
                      "  <graph mode=\"static\" defaultedgetype=\"undirected\">\n");
        if (a && a->count) {
            cs_out_str(w, "    <attributes class=\"node\" mode=\"static\">\n");
            declare_attrs(w, a, format, "      <attribute id=\"", "\" title=\"", "\" type=\"");
            cs_out_str(w, "    </attributes>\n");
        }
        cs_out_str(w, "    <nodes>\n");
    } else {
        cs_out_str(w, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n");
        declare_attrs(w, a, format, "  <key id=\"", "\" for=\"node\" attr.name=\"",
                      "\" attr.type=\"");
        cs_out_str(w, "  <graph id=\"G\" edgedefault=\"undirected\">\n");
        if (desc) {
            cs_out_str(w, "    <desc>");
            out_escaped(w, desc);
            cs_out_str(w, "</desc>\n");
        }
    }
}

/* The nodes, one a line: "<node .../>" when the user has no values. */
static void write_nodes(cs_text_out *w, const cs_network *net, const cs_node_attrs *a,
                        int format)
{
    /* (cs_graph_write_in refuses a longer table before it gets here.) */
    const size_t count = a && a->count <= CS_ATTR_MAX ? a->count : 0;
    cs_attr_value vals[CS_ATTR_MAX];
    char text[CS_ATTR_TEXT];
    const int gexf = format == CS_GRAPH_GEXF;
    for (uint32_t u = 0; u < net->n; u++) {
        size_t set = 0;
        if (count) {
            memset(vals, 0, count * sizeof *vals);
            text[0] = '\0';
            a->values(a->ctx, u, vals, text, sizeof text);
            for (size_t k = 0; k < count; k++)
                set += has_value(&a->defs[k], &vals[k]) != 0;
        }
        cs_out_str(w, gexf ? "      <node id=\"" : "    <node id=\"");
        cs_out_u64(w, u);
        if (gexf) {
            cs_out_str(w, "\" label=\"");
            cs_out_u64(w, u);
        }
        if (!set) {
            cs_out_str(w, "\"/>\n");
            continue;
        }
        cs_out_str(w, gexf ? "\"><attvalues>" : "\">");
        for (size_t k = 0; k < count; k++) {
            if (!has_value(&a->defs[k], &vals[k]))
                continue;
            cs_out_str(w, gexf ? "<attvalue for=\"" : "<data key=\"");
            out_escaped(w, a->defs[k].name);
            cs_out_str(w, gexf ? "\" value=\"" : "\">");
            out_value(w, &a->defs[k], &vals[k]);
            cs_out_str(w, gexf ? "\"/>" : "</data>");
        }
        cs_out_str(w, gexf ? "</attvalues></node>\n" : "</node>\n");
    }
    if (gexf)
        cs_out_str(w, "    </nodes>\n    <edges>\n");
}

/* A tie's line: these pieces around its index (GEXF) and its ends. */
#define GEXF_TIE_A "      <edge id=\""
#define GEXF_TIE_B "\" source=\""
#define GEXF_TIE_C "\" target=\""
#define GEXF_TIE_D "\"/>\n"
#define GRAPHML_TIE_A "    <edge source=\""
#define GRAPHML_TIE_B "\" target=\""
#define GRAPHML_TIE_C "\"/>\n"

static void gexf_tie(cs_text_out *w, uint64_t index, uint32_t u, uint32_t v)
{
    cs_out_str(w, GEXF_TIE_A);
    cs_out_u64(w, index);
    cs_out_str(w, GEXF_TIE_B);
    cs_out_u64(w, u);
    cs_out_str(w, GEXF_TIE_C);
    cs_out_u64(w, v);
    cs_out_str(w, GEXF_TIE_D);
}

static void graphml_tie(cs_text_out *w, uint64_t index, uint32_t u, uint32_t v)
{
    (void)index;
    cs_out_str(w, GRAPHML_TIE_A);
    cs_out_u64(w, u);
    cs_out_str(w, GRAPHML_TIE_B);
    cs_out_u64(w, v);
    cs_out_str(w, GRAPHML_TIE_C);
}

static const char *tail_text(int format)
{
    return format == CS_GRAPH_GEXF ? "    </edges>\n  </graph>\n</gexf>\n"
                                   : "  </graph>\n</graphml>\n";
}

uint64_t cs_graph_bytes(const cs_network *net, const cs_node_attrs *attrs, int format)
{
    if (format == CS_GRAPH_EDGELIST)
        return cs_network_edgelist_bytes(net);
    cs_text_out *w = cs_text_out_counter();
    if (!w)
        return 0;
    write_head(w, attrs, format);
    write_nodes(w, net, attrs, format);
    cs_out_str(w, tail_text(format));
    uint64_t bytes = cs_text_out_counted(w);
    if (format == CS_GRAPH_GEXF)
        bytes += cs_ties_text_bytes(net, sizeof GEXF_TIE_A + sizeof GEXF_TIE_B +
                                             sizeof GEXF_TIE_C + sizeof GEXF_TIE_D - 4,
                                    1);
    else
        bytes += cs_ties_text_bytes(
            net, sizeof GRAPHML_TIE_A + sizeof GRAPHML_TIE_B + sizeof GRAPHML_TIE_C - 3, 0);
    return bytes;
}

int cs_graph_write_in(const cs_network *net, const cs_node_attrs *attrs, int format, int dirfd,
                      const char *path, cs_diag *diag)
{
    if (format == CS_GRAPH_EDGELIST)
        return cs_network_write_edgelist_in(net, dirfd, path, diag);
    if (attrs && attrs->count > CS_ATTR_MAX) {
        /* A table the writer cannot hold is a mistake in the program. */
        cs_diag_error(diag, "%s: %zu node attributes, more than the %d a file may have", path,
                      attrs->count, CS_ATTR_MAX);
        return CS_ERR_RUNTIME;
    }
    cs_atomic_file f;
    cs_text_out *w = cs_text_out_open(&f, dirfd, path, diag);
    if (!w)
        return CS_ERR_RUNTIME;
    write_head(w, attrs, format);
    write_nodes(w, net, attrs, format);
    cs_network_each_tie(net, w, format == CS_GRAPH_GEXF ? gexf_tie : graphml_tie);
    cs_out_str(w, tail_text(format));
    return cs_text_out_commit(w, &f, diag);
}

int cs_graph_write(const cs_network *net, const cs_node_attrs *attrs, int format,
                   const char *path, cs_diag *diag)
{
    return cs_graph_write_in(net, attrs, format, -1, path, diag);
}
