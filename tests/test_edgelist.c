/* SPDX-License-Identifier: MIT */
/* test_edgelist.c - edge-list parsing and its diagnostics, and the edge-list
 * and GEXF writers, including round trips through the file system. */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200809L /* mkdtemp, open_memstream */
#endif
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "network/graph_files.h"
#include "network/network.h"
#include "circlesim/rng.h"

typedef struct fixture {
    char dir[64];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    if (!f)
        return -1;
    strcpy(f->dir, "/tmp/cs_edgelist_XXXXXX");
    if (!mkdtemp(f->dir)) {
        free(f);
        return -1;
    }
    *state = f;
    return 0;
}

/* Removes the files the tests create; they only use these names. */
static int teardown(void **state)
{
    fixture *f = *state;
    static const char *const names[] = {"in.txt", "net.txt", "net.gexf", "net.graphml", "big.txt"};
    char path[128];
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, names[i]);
        unlink(path);
    }
    int rc = rmdir(f->dir);
    free(f);
    return rc;
}

static const char *path_in(void **state, const char *name)
{
    static char path[128];
    snprintf(path, sizeof path, "%s/%s", ((fixture *)*state)->dir, name);
    return path;
}

static void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    assert_int_equal(fwrite(data, 1, len, fp), len);
    assert_int_equal(fclose(fp), 0);
}

/* Whole file as a string (with stdio, not cs_read_file: a test of the
 * writers should not lean on the reader's sibling). */
static char *slurp(const char *path)
{
    FILE *fp = fopen(path, "rb");
    assert_non_null(fp);
    assert_int_equal(fseek(fp, 0, SEEK_END), 0);
    long size = ftell(fp);
    assert_true(size >= 0);
    rewind(fp);
    char *data = malloc((size_t)size + 1);
    assert_non_null(data);
    assert_int_equal(fread(data, 1, (size_t)size, fp), (size_t)size);
    data[size] = '\0';
    assert_int_equal(fclose(fp), 0);
    return data;
}

static size_t count_occurrences(const char *hay, const char *needle)
{
    size_t n = 0, len = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + len, needle))
        n++;
    return n;
}

/* Reads `path` as "name.txt" on `threads`, capturing the diagnostics in
 * *out (caller frees). */
static int read_threads(const char *path, int threads, cs_edge_buf *b, cs_edgelist_stats *st,
                        char **out)
{
    size_t len;
    FILE *mem = open_memstream(out, &len);
    assert_non_null(mem);
    cs_diag d;
    cs_diag_init(&d, mem);
    int rc = cs_edgelist_read_threads(path, "name.txt", b, st, threads, &d);
    assert_int_equal(fclose(mem), 0);
    return rc;
}

static int read_capturing(const char *path, cs_edge_buf *b, cs_edgelist_stats *st, char **out)
{
    return read_threads(path, 1, b, st, out);
}

/* The file at path read on 2 to 7 threads gives what one thread gives:
 * result, pairs in order, counts, hash and every message. */
static void expect_threads_agree(const char *path, const char *what)
{
    cs_edge_buf one = {0};
    cs_edgelist_stats st1;
    char *msg1 = NULL;
    int rc1 = read_threads(path, 1, &one, &st1, &msg1);
    for (int t = 2; t <= 7; t++) {
        cs_edge_buf many = {0};
        cs_edgelist_stats st;
        char *msg = NULL;
        int rc = read_threads(path, t, &many, &st, &msg);
        if (rc != rc1 || many.len != one.len || strcmp(msg, msg1) != 0 ||
            st.max_id != st1.max_id || st.declared_nodes != st1.declared_nodes ||
            st.lines != st1.lines || st.pairs != st1.pairs || strcmp(st.sha256, st1.sha256) != 0 ||
            (one.len && memcmp(many.uv, one.uv, one.len * 2 * sizeof *one.uv) != 0))
            fail_msg("%s: %d threads differ from one (rc %d/%d, pairs %llu/%llu, lines %llu/%llu, "
                     "max id %lld/%lld)\n--- one:\n%s--- %d:\n%s", what, t, rc, rc1,
                     (unsigned long long)many.len, (unsigned long long)one.len,
                     (unsigned long long)st.lines, (unsigned long long)st1.lines,
                     (long long)st.max_id, (long long)st1.max_id, msg1, t, msg);
        free(msg);
        cs_edge_buf_free(&many);
    }
    free(msg1);
    cs_edge_buf_free(&one);
}

/* Files of every kind the reader meets, plain and odd lines mixed so that
 * chunk cuts fall everywhere: headers, comments, weights, commas, CRLF,
 * blank lines, a byte-order mark, no final newline, errors below and above
 * the limit (a stop inside a chunk), a NUL byte, more odd lines than a
 * chunk notes, only blank lines, nothing. */
static void test_read_threads_agree(void **state)
{
    const char *path = path_in(state, "in.txt");
    cs_pcg32 rng = cs_rng_stream(8, CS_STREAM_NETWORK, 0, 0);
    for (int kind = 0; kind < 12; kind++) {
        size_t cap = 1 << 20, len = 0;
        char *text = malloc(cap);
        assert_non_null(text);
#define ADD(...) (len += (size_t)snprintf(text + len, cap - len, __VA_ARGS__))
        if (kind == 1)
            ADD("\xef\xbb\xbf");
        ADD("# Nodes: %d Edges: 0\n", kind == 2 ? 9000 : 5000);
        int lines = kind == 10 ? 0 : 3000 + (int)cs_pcg32_bounded(&rng, 2000);
        for (int i = 0; i < lines; i++) {
            uint32_t a = cs_pcg32_bounded(&rng, 5000), b = cs_pcg32_bounded(&rng, 5000);
            uint32_t odd = cs_pcg32_bounded(&rng, 100);
            if (kind == 3 && odd < 5)
                ADD("# a comment\n");
            else if (kind == 4 && odd < 10)
                ADD("%u,%u,%.2f\r\n", a, b, 0.5);
            else if (kind == 5 && odd < 3)
                ADD("\n  \n");
            else if (kind == 6 && i % 400 == 17)
                ADD("%u x%u\n", a, b); /* 7 to 12 errors */
            else if (kind == 7 && i % 97 == 5)
                ADD("%u\n", a); /* 30 to 50 errors: the limit stops it */
            else if (kind == 9 && i % 2)
                ADD("%% odd line\n"); /* more odd lines than a chunk notes */
            else if (kind == 8 && i == lines / 2)
                ADD("%u %u\n%u%c%u\n", a, b, a, 0, b);
            else
                ADD(kind == 4 ? "%u %u\r\n" : "%u\t%u\n", a, b);
        }
        if (kind == 11)
            for (int i = 0; i < 5000; i++)
                ADD("\n");
        if (kind == 2 && len > 0)
            len--; /* no final newline */
#undef ADD
        write_bytes(path, text, len);
        char what[32];
        snprintf(what, sizeof what, "file kind %d", kind);
        expect_threads_agree(path, what);
        free(text);
    }
}

static int same_csr(const cs_network *a, const cs_network *b)
{
    if (a->n != b->n || a->edges != b->edges)
        return 0;
    if (memcmp(a->off, b->off, ((size_t)a->n + 1) * sizeof *a->off) != 0)
        return 0;
    return a->edges == 0 || memcmp(a->adj, b->adj, 2 * a->edges * sizeof *a->adj) == 0;
}

/* ---- reading ------------------------------------------------------------ */

static void test_read_good_file(void **state)
{
    static const char text[] =
        "# Directed graph (each unordered pair of nodes is saved once)\n"
        "# Nodes: 12 Edges: 9\n"
        "% a Matrix-Market style comment\n"
        "0 1\n"
        "1\t2\n"
        "2,3\n"
        "3 , 4\r\n"
        "\n"
        "   \t  \n"
        "4 5 0.5\n"
        "5,6,1e-3   # trailing comment\n"
        "1 0\n"         /* duplicate of 0 1, reversed */
        "7 7\n"         /* self-loop */
        "  8   9  % trailing percent comment\r\n"
        "0009 10 -2\n"  /* leading zeros; a negative weight is still a number */
        "2 3";          /* duplicate, no final newline */
    const char *path = path_in(state, "in.txt");
    write_bytes(path, text, sizeof text - 1);
    cs_edge_buf b = {0};
    cs_edgelist_stats st;
    char *diag;
    assert_int_equal(read_capturing(path, &b, &st, &diag), 0);
    assert_string_equal(diag, "");
    free(diag);
    assert_int_equal(st.lines, 16);
    assert_int_equal(st.pairs, 11);
    assert_int_equal(st.max_id, 10);
    assert_int_equal(st.declared_nodes, 12);
    assert_int_equal(b.len, 11);
    const uint32_t want[] = {0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 1, 0, 7, 7, 8, 9, 9, 10, 2, 3};
    assert_memory_equal(b.uv, want, sizeof want);

    cs_network net;
    uint64_t loops, dups;
    assert_int_equal(cs_network_from_pairs(&net, (uint32_t)st.declared_nodes, &b, &loops, &dups),
                     0);
    assert_int_equal(loops, 1);
    assert_int_equal(dups, 2);
    assert_int_equal(net.edges, 8);
    assert_int_equal(cs_network_degree(&net, 11), 0);
    assert_int_equal(cs_network_check(&net), 0);
    cs_network_free(&net);
    cs_edge_buf_free(&b);
}

static void test_read_empty_file(void **state)
{
    const char *path = path_in(state, "in.txt");
    write_bytes(path, "# nothing here\n\n", 16);
    cs_edge_buf b = {0};
    cs_edgelist_stats st;
    char *diag;
    assert_int_equal(read_capturing(path, &b, &st, &diag), 0);
    assert_string_equal(diag, "");
    free(diag);
    assert_int_equal(st.max_id, -1);
    assert_int_equal(st.declared_nodes, -1);
    assert_int_equal(st.pairs, 0);
    assert_int_equal(st.lines, 2);
    cs_edge_buf_free(&b);
}

/* Every malformed line yields CS_ERR_INPUT and one diagnostic line with the
 * exact position of the offending field. */
static void test_read_malformed(void **state)
{
#define CASE(text, prefix, mention) {text, sizeof text - 1, prefix, mention}
    static const struct {
        const char *text;
        size_t len;
        const char *prefix; /* the whole first line of output starts so */
        const char *mention;
    } cases[] = {
        CASE("0 1\n1 x\n", "name.txt:2:3: error: expected a user id", "found 'x'"),
        CASE("1\n", "name.txt:1:2: error: expected a second user id", "found end of line"),
        CASE("0 1\n1 2 3 4\n", "name.txt:2:7: error: expected 'u v' or 'u v weight'",
                 "fourth field '4'"),
        CASE("-1 2\n", "name.txt:1:1: error: expected a user id", "found '-1'"),
        CASE("1.5 2\n", "name.txt:1:1: error: expected a user id", "found '1.5'"),
        CASE("# x\n\n 99999999999 1\n", "name.txt:3:2: error: expected a user id of at most",
                 "found '99999999999'"),
        CASE("1 2000000000\n", "name.txt:1:3: error: expected a user id of at most 1999999999",
                 "found '2000000000'"),
        CASE("1 2 heavy\n", "name.txt:1:5: error: expected a number for the weight",
                 "found 'heavy'"),
        CASE("1 2\n3 4\x00 5\n", "name.txt:2:4: error: expected text, found a NUL byte", ""),
        CASE("1,,2\n", "name.txt:1:3: error: expected a field", "found ','"),
        CASE("1, 2,\n", "name.txt:1:6: error: expected a field after ','", "end of line"),
        CASE("1 # 2\n", "name.txt:1:2: error: expected a second user id", "a comment"),
        CASE("1 \x01\n", "name.txt:1:3: error: expected a user id", "found '\\x01'"),
        CASE("# Nodes: 3000000000 Edges: 1\n0 1\n",
             "name.txt:1:10: error: expected a user count of at most 2000000000",
             "found '3000000000'"),
    };
    const char *path = path_in(state, "in.txt");
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        write_bytes(path, cases[i].text, cases[i].len);
        cs_edge_buf b = {0};
        cs_edgelist_stats st;
        char *diag;
        int rc = read_capturing(path, &b, &st, &diag);
        print_message("%s", diag);
        assert_int_equal(rc, CS_ERR_INPUT);
        assert_int_equal(strncmp(diag, cases[i].prefix, strlen(cases[i].prefix)), 0);
        assert_non_null(strstr(diag, cases[i].mention));
        assert_int_equal(count_occurrences(diag, "\n"), 1);
        free(diag);
        cs_edge_buf_free(&b);
    }
}

static void test_read_error_limit(void **state)
{
    const char *path = path_in(state, "in.txt");
    char text[1024] = "";
    for (int i = 0; i < 30; i++)
        strcat(text, "x y\n");
    strcat(text, "1 2\n");
    write_bytes(path, text, strlen(text));
    cs_edge_buf b = {0};
    cs_edgelist_stats st;
    char *diag;
    assert_int_equal(read_capturing(path, &b, &st, &diag), CS_ERR_INPUT);
    /* Twenty errors, then one line saying it gave up. */
    assert_int_equal(count_occurrences(diag, "\n"), 21);
    assert_non_null(strstr(diag, "name.txt:20:1: error:"));
    assert_null(strstr(diag, "name.txt:21:1:"));
    assert_non_null(strstr(diag, "name.txt: error: too many errors"));
    free(diag);
    cs_edge_buf_free(&b);

    /* Errors on several lines are all reported, good lines still counted. */
    write_bytes(path, "1 a\n2 3\n4\n", 10);
    assert_int_equal(read_capturing(path, &b, &st, &diag), CS_ERR_INPUT);
    assert_int_equal(count_occurrences(diag, "\n"), 2);
    assert_non_null(strstr(diag, "name.txt:1:3: error:"));
    assert_non_null(strstr(diag, "name.txt:3:2: error:"));
    free(diag);
    cs_edge_buf_free(&b);
}

static void test_read_missing_file(void **state)
{
    cs_edge_buf b = {0};
    cs_edgelist_stats st;
    char *diag;
    assert_int_equal(read_capturing(path_in(state, "absent.txt"), &b, &st, &diag), CS_ERR_INPUT);
    assert_string_equal(diag, "name.txt: error: cannot read: No such file or directory\n");
    free(diag);
    /* A directory is not a file. */
    assert_int_equal(read_capturing(((fixture *)*state)->dir, &b, &st, &diag), CS_ERR_INPUT);
    assert_int_equal(strncmp(diag, "name.txt: error: cannot read: ", 30), 0);
    free(diag);
    cs_edge_buf_free(&b);
}

/* ---- writing and round trips -------------------------------------------- */

static void round_trip(void **state, const cs_network *net)
{
    const char *path = path_in(state, "net.txt");
    cs_diag d;
    cs_diag_init(&d, NULL);
    assert_int_equal(cs_network_write_edgelist(net, path, &d), 0);
    assert_int_equal(d.errors, 0);

    cs_edge_buf b = {0};
    cs_edgelist_stats st;
    char *diag;
    assert_int_equal(read_capturing(path, &b, &st, &diag), 0);
    assert_string_equal(diag, "");
    free(diag);
    assert_int_equal(st.declared_nodes, net->n);
    assert_int_equal(st.pairs, net->edges);
    assert_int_equal(st.lines, net->edges + 2);
    /* u < v and ascending order, as promised. */
    for (uint64_t i = 0; i < b.len; i++) {
        assert_true(b.uv[2 * i] < b.uv[2 * i + 1]);
        if (i > 0)
            assert_true(b.uv[2 * i - 2] < b.uv[2 * i] ||
                        (b.uv[2 * i - 2] == b.uv[2 * i] && b.uv[2 * i - 1] < b.uv[2 * i + 1]));
    }
    cs_network back;
    uint64_t loops, dups;
    assert_int_equal(
        cs_network_from_pairs(&back, (uint32_t)st.declared_nodes, &b, &loops, &dups), 0);
    assert_int_equal(loops, 0);
    assert_int_equal(dups, 0);
    if (net->complete) {
        assert_int_equal(back.edges, net->edges);
        for (uint32_t u = 0; u < net->n; u++)
            assert_int_equal(cs_network_degree(&back, u), net->n - 1);
    } else {
        assert_true(same_csr(net, &back));
    }
    cs_network_free(&back);
    cs_edge_buf_free(&b);
}

static void test_round_trip_ba(void **state)
{
    cs_network net;
    assert_int_equal(cs_gen_barabasi_albert(&net, 5000, 4, 77), 0);
    round_trip(state, &net);
    cs_network_free(&net);
}

static void test_round_trip_isolated_tail(void **state)
{
    /* Users 5..9 have no ties: only the Nodes header keeps them. */
    cs_edge_buf b = {0};
    const uint32_t uv[] = {0, 1, 1, 2, 3, 4, 0, 4};
    for (size_t i = 0; i < 4; i++)
        assert_int_equal(cs_edge_buf_push(&b, uv[2 * i], uv[2 * i + 1]), 0);
    cs_network net;
    assert_int_equal(cs_network_from_pairs(&net, 10, &b, NULL, NULL), 0);
    round_trip(state, &net);
    cs_network_free(&net);
    cs_edge_buf_free(&b);

    /* And a network with no ties at all. */
    assert_int_equal(cs_network_from_pairs(&net, 3, &b, NULL, NULL), 0);
    round_trip(state, &net);
    cs_network_free(&net);
}

static void test_write_complete(void **state)
{
    cs_network net;
    cs_network_complete(&net, 6);
    round_trip(state, &net);
    char *text = slurp(path_in(state, "net.txt"));
    const char *head = "# circlesim network\n# Nodes: 6 Edges: 15\n0 1\n0 2\n";
    assert_int_equal(strncmp(text, head, strlen(head)), 0);
    free(text);
    cs_network_free(&net);
}

static void test_write_gexf(void **state)
{
    cs_network net;
    assert_int_equal(cs_gen_barabasi_albert(&net, 300, 2, 5), 0);
    const char *path = path_in(state, "net.gexf");
    cs_diag d;
    cs_diag_init(&d, NULL);
    assert_int_equal(cs_graph_write(&net, NULL, CS_GRAPH_GEXF, path, &d), 0);
    char *xml = slurp(path);
    const char *decl = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    assert_int_equal(strncmp(xml, decl, strlen(decl)), 0);
    /* 1.2: what networkx before 3.0 reads (it finds no graph in 1.3). */
    assert_non_null(strstr(xml, "<gexf xmlns=\"http://www.gexf.net/1.2draft\" version=\"1.2\">"));
    assert_non_null(strstr(xml, "defaultedgetype=\"undirected\""));
    assert_int_equal(count_occurrences(xml, "<edge "), net.edges);
    assert_int_equal(count_occurrences(xml, "<node "), net.n);
    assert_non_null(strstr(xml, "<node id=\"299\" label=\"299\"/>"));
    assert_int_equal(count_occurrences(xml, "</gexf>"), 1);
    /* Every edge's ends are listed nodes, source < target. */
    for (const char *p = strstr(xml, "<edge "); p; p = strstr(p + 1, "<edge ")) {
        unsigned long id, s, t;
        assert_int_equal(sscanf(p, "<edge id=\"%lu\" source=\"%lu\" target=\"%lu\"", &id, &s, &t),
                         3);
        assert_true(s < t && t < net.n);
    }
    free(xml);
    cs_network_free(&net);
}

/* Attributes of each type in both formats: declared once with their
 * readers' type names, escaped, and left out where a user has none. */
static const cs_attr_def attr_defs[] = {
    {"name", CS_ATTR_STRING}, {"n", CS_ATTR_INT}, {"x", CS_ATTR_DOUBLE}, {"ok", CS_ATTR_BOOL},
};

static void attr_values(const void *ctx, uint32_t u, cs_attr_value *v, char *text, size_t cap)
{
    assert_ptr_equal(ctx, attr_defs);
    snprintf(text, cap, "%s", u == 0 ? "a&b<c>\"d'e\tf" : u == 1 ? "" : "plain");
    v[0] = (cs_attr_value){.set = u != 3, .s = text};
    v[1] = (cs_attr_value){.set = u != 2, .i = -7 * (int64_t)u};
    v[2] = (cs_attr_value){.set = 1, .d = u == 1 ? NAN : 0.25 * u};
    v[3] = (cs_attr_value){.set = u != 3, .i = u % 2};
}

static void test_write_attributes(void **state)
{
    cs_network net;
    cs_network_complete(&net, 4);
    cs_node_attrs a = {4, attr_defs, attr_values, attr_defs, NULL, "day 3 & <more>"};
    const char *path = path_in(state, "net.gexf");
    cs_diag d;
    cs_diag_init(&d, NULL);
    assert_int_equal(cs_graph_write(&net, &a, CS_GRAPH_GEXF, path, &d), 0);
    char *xml = slurp(path);
    assert_non_null(strstr(xml, "<description>day 3 &amp; &lt;more&gt;</description>"));
    assert_non_null(strstr(xml, "<attribute id=\"n\" title=\"n\" type=\"integer\"/>"));
    assert_non_null(strstr(xml, "<attribute id=\"x\" title=\"x\" type=\"double\"/>"));
    assert_non_null(strstr(xml, "<attribute id=\"ok\" title=\"ok\" type=\"boolean\"/>"));
    assert_non_null(strstr(xml, "<node id=\"0\" label=\"0\"><attvalues><attvalue for=\"name\" "
                                "value=\"a&amp;b&lt;c&gt;&quot;d&apos;e&#9;f\"/><attvalue "
                                "for=\"n\" value=\"0\"/><attvalue for=\"x\" value=\"0\"/>"
                                "<attvalue for=\"ok\" value=\"false\"/></attvalues></node>\n"));
    /* User 1: an empty string and a NaN are none. */
    assert_non_null(strstr(xml, "<node id=\"1\" label=\"1\"><attvalues><attvalue for=\"n\" "
                                "value=\"-7\"/><attvalue for=\"ok\" value=\"true\"/>"
                                "</attvalues></node>\n"));
    assert_non_null(strstr(xml, "<attvalue for=\"x\" value=\"0.75\"/></attvalues></node>\n"));
    assert_int_equal(count_occurrences(xml, "<edge "), 6);
    free(xml);
    path = path_in(state, "net.graphml");
    assert_int_equal(cs_graph_write(&net, &a, CS_GRAPH_GRAPHML, path, &d), 0);
    xml = slurp(path);
    assert_non_null(strstr(xml, "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"));
    assert_non_null(
        strstr(xml, "<key id=\"n\" for=\"node\" attr.name=\"n\" attr.type=\"int\"/>"));
    assert_non_null(
        strstr(xml, "<key id=\"ok\" for=\"node\" attr.name=\"ok\" attr.type=\"boolean\"/>"));
    assert_non_null(strstr(xml, "<graph id=\"G\" edgedefault=\"undirected\">"));
    assert_non_null(strstr(xml, "<node id=\"2\"><data key=\"name\">plain</data><data "
                                "key=\"x\">0.5</data><data key=\"ok\">false</data></node>\n"));
    assert_non_null(strstr(xml, "<edge source=\"2\" target=\"3\"/>\n"));
    assert_int_equal(count_occurrences(xml, "<edge "), 6);
    free(xml);
    cs_network_free(&net);
}

static void test_write_failure(void **state)
{
    cs_network net;
    cs_network_complete(&net, 3);
    char path[160];
    snprintf(path, sizeof path, "%s/no/such/dir/net.txt", ((fixture *)*state)->dir);
    char *out;
    size_t len;
    FILE *mem = open_memstream(&out, &len);
    assert_non_null(mem);
    cs_diag d;
    cs_diag_init(&d, mem);
    assert_int_equal(cs_network_write_edgelist(&net, path, &d), CS_ERR_RUNTIME);
    assert_int_equal(cs_graph_write(&net, NULL, CS_GRAPH_GEXF, path, &d), CS_ERR_RUNTIME);
    assert_int_equal(fclose(mem), 0);
    assert_int_equal(d.errors, 2);
    assert_non_null(strstr(out, "error: cannot create"));
    free(out);
    cs_network_free(&net);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_read_good_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_empty_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_malformed, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_error_limit, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_threads_agree, setup, teardown),
        cmocka_unit_test_setup_teardown(test_read_missing_file, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip_ba, setup, teardown),
        cmocka_unit_test_setup_teardown(test_round_trip_isolated_tail, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_complete, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_gexf, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_attributes, setup, teardown),
        cmocka_unit_test_setup_teardown(test_write_failure, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
