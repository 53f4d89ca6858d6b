/* SPDX-License-Identifier: MIT */
/* checkpoint.c - saving and loading a run's state (see checkpoint.h).
 *
 * Layout: the magic line, the format version, the circlesim version, the
 * scenario hash and text, the checkpoint interval, then the run (days, rows,
 * interventions, ties) and the model's state as its state function
 * describes it (checkpoint_io.h), each array preceded by its element count;
 * last, the SHA-256 of all of it. Loading checks the digest in a first pass
 * over the file, so nothing is built from a file that was cut or altered,
 * and bounds every count by the bytes left, so a file that passes the digest
 * but lies (written on purpose) cannot make the loader read or allocate
 * past it; the models then check the values they index with.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* asprintf */
#endif
#include "engine/checkpoint.h"

#include <errno.h>
#include <fcntl.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "base/fileio.h"
#include "engine/checkpoint_io.h"
#include "engine/model.h"
#include "engine/run_struct.h"

#ifndef CIRCLESIM_VERSION
#define CIRCLESIM_VERSION "0"
#endif

static const char magic[] = "circlesim checkpoint\n";
enum { DIGEST = 32, CHUNK = 1 << 20 };

struct cs_ckpt {
    FILE *f;
    int loading;
    int err;
    int errno_at;         /* errno of a failed write */
    const char *what;     /* the first invalid content, for the message */
    EVP_MD_CTX *md;       /* saving: digest of what was written */
    uint64_t left;        /* loading: bytes before the digest not yet read */
};

int cs_ckpt_loading(const cs_ckpt *c) { return c->loading; }
int cs_ckpt_error(const cs_ckpt *c) { return c->err; }

void cs_ckpt_invalid(cs_ckpt *c, const char *what)
{
    if (!c->err) {
        c->err = CS_ERR_INPUT;
        c->what = what;
    }
}

void cs_ckpt_bytes(cs_ckpt *c, void *p, size_t n)
{
    if (c->err || n == 0)
        return;
    if (!c->loading) {
        if (fwrite(p, 1, n, c->f) != n) {
            c->err = CS_ERR_RUNTIME;
            c->errno_at = errno;
        } else if (EVP_DigestUpdate(c->md, p, n) != 1) {
            c->err = CS_ERR_RUNTIME;
        }
        return;
    }
    if (n > c->left) {
        cs_ckpt_invalid(c, "it ends early");
        return;
    }
    if (fread(p, 1, n, c->f) != n) {
        c->err = CS_ERR_RUNTIME;
        return;
    }
    c->left -= n;
}

static void count(cs_ckpt *c, uint64_t n)
{
    uint64_t stored = n;
    cs_ckpt_bytes(c, &stored, sizeof stored);
    if (c->loading && !c->err && stored != n)
        cs_ckpt_invalid(c, "an array's length does not match the state");
}

void cs_ckpt_array(cs_ckpt *c, void *pp, size_t elem, uint64_t n, uint64_t cap)
{
    void **ptr = pp;
    count(c, n);
    if (c->err)
        return;
    if (c->loading) {
        if (cap < n)
            cap = n;
        /* Nothing stored can be longer than what is left of the file (the
         * capacity comes from values already checked). */
        if (n > c->left / elem || cap > SIZE_MAX / elem - 1) {
            cs_ckpt_invalid(c, "an array longer than the file");
            return;
        }
        *ptr = calloc((size_t)(cap ? cap : 1), elem);
        if (!*ptr) {
            c->err = CS_ERR_NOMEM;
            return;
        }
    }
    cs_ckpt_bytes(c, *ptr, (size_t)(n * elem));
}

void cs_ckpt_scratch(cs_ckpt *c, void *pp, size_t elem, uint64_t cap)
{
    if (!c->loading || c->err)
        return;
    if (cap > SIZE_MAX / elem - 1) {
        c->err = CS_ERR_NOMEM;
        return;
    }
    void **ptr = pp;
    *ptr = calloc((size_t)(cap ? cap : 1), elem);
    if (!*ptr)
        c->err = CS_ERR_NOMEM;
}

/* A string (length first), allocated NUL-terminated on loading. */
static void string(cs_ckpt *c, char **s, uint64_t max)
{
    if (c->err)
        return;
    uint64_t len = c->loading ? 0 : strlen(*s);
    cs_ckpt_bytes(c, &len, sizeof len);
    if (c->err)
        return;
    if (c->loading) {
        if (len > max || len > c->left) {
            cs_ckpt_invalid(c, "a text longer than it may be");
            return;
        }
        *s = calloc((size_t)len + 1, 1);
        if (!*s) {
            c->err = CS_ERR_NOMEM;
            return;
        }
    }
    cs_ckpt_bytes(c, *s, (size_t)len);
}

/* The run around the model: what the engine keeps. */
static void run_state(cs_ckpt *c, cs_run *r)
{
    cs_ckpt_bytes(c, &r->day, sizeof r->day);
    cs_ckpt_bytes(c, &r->warmup_days, sizeof r->warmup_days);
    cs_ckpt_bytes(c, &r->self_loops_dropped, sizeof r->self_loops_dropped);
    cs_ckpt_bytes(c, &r->duplicates_dropped, sizeof r->duplicates_dropped);
    if (c->loading && !c->err && (r->day < 0 || r->day > r->sc->days))
        cs_ckpt_invalid(c, "the day");
    uint64_t rows_cap = c->err ? 0 : (uint64_t)r->sc->days;
    cs_ckpt_array(c, &r->rows, sizeof *r->rows, (uint64_t)(c->err ? 0 : r->day), rows_cap);

    /* Interventions as the run has them (a window may have recorded more). */
    uint64_t ni = r->live.n_interventions;
    cs_ckpt_bytes(c, &ni, sizeof ni);
    if (c->loading && !c->err && ni > CS_MAX_INTERVENTIONS)
        cs_ckpt_invalid(c, "the interventions");
    if (c->loading)
        r->live.interventions = NULL;
    cs_ckpt_array(c, &r->live.interventions, sizeof *r->live.interventions, c->err ? 0 : ni, 0);
    if (c->loading && !c->err) {
        r->live.n_interventions = (size_t)ni;
        for (size_t i = 0; i < ni; i++) {
            const cs_intervention *iv = &r->live.interventions[i];
            cs_diag muted;
            cs_diag_init_muted(&muted);
            if (iv->day < 1 || iv->day > r->sc->days ||
                cs_lever_check(iv->param, iv->value, &muted) != 0) {
                cs_ckpt_invalid(c, "the interventions");
                return;
            }
        }
    }

    /* Ties: a complete network is enumerated, not stored. */
    cs_network *net = &r->net;
    cs_ckpt_bytes(c, &net->n, sizeof net->n);
    cs_ckpt_bytes(c, &net->complete, sizeof net->complete);
    cs_ckpt_bytes(c, &net->edges, sizeof net->edges);
    if (c->err)
        return;
    if (c->loading && (net->n != (uint64_t)r->sc->population_size ||
                       net->complete != (r->sc->network_kind == CS_NET_COMPLETE)))
        cs_ckpt_invalid(c, "the network");
    if (net->complete || c->err)
        return;
    if (c->loading) {
        net->off = NULL;
        net->adj = NULL;
    }
    cs_ckpt_array(c, &net->off, sizeof *net->off, (uint64_t)net->n + 1, 0);
    uint64_t ties = c->err ? 0 : net->off[net->n];
    if (c->loading && !c->err && ties != 2 * net->edges)
        cs_ckpt_invalid(c, "the network");
    cs_ckpt_array(c, &net->adj, sizeof *net->adj, c->err ? 0 : ties, 0);
    if (c->loading && !c->err) {
        /* Rows must be in order and within the array, ids within the users. */
        for (uint32_t u = 0; u < net->n; u++)
            if (net->off[u] > net->off[u + 1]) {
                cs_ckpt_invalid(c, "the network");
                return;
            }
        for (uint64_t e = 0; e < ties; e++)
            if (net->adj[e] >= net->n) {
                cs_ckpt_invalid(c, "the network");
                return;
            }
    }
}

/* The header: magic, format, the writer's version. */
static void header(cs_ckpt *c)
{
    char m[sizeof magic - 1];
    memcpy(m, magic, sizeof m);
    cs_ckpt_bytes(c, m, sizeof m);
    if (c->loading && !c->err && memcmp(m, magic, sizeof m) != 0)
        cs_ckpt_invalid(c, "it is not a circlesim checkpoint");
    uint32_t format = CS_CHECKPOINT_FORMAT;
    cs_ckpt_bytes(c, &format, sizeof format);
    if (c->loading && !c->err && format != CS_CHECKPOINT_FORMAT)
        cs_ckpt_invalid(c, "it was written in another checkpoint format; start the run again");
    char *version = (char *)CIRCLESIM_VERSION;
    string(c, &version, 64);
    if (c->loading && !c->err) {
        int same = strcmp(version, CIRCLESIM_VERSION) == 0;
        free(version);
        if (!same)
            cs_ckpt_invalid(c, "it was written by another version of circlesim ("
                               CIRCLESIM_VERSION " reads only its own); start the run again");
    }
}

int cs_checkpoint_save(const cs_run *r, const char *path, const cs_checkpoint_plan *plan,
                       cs_diag *diag)
{
    char *dir = cs_dirname(path);
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    free(dir);
    if (fd < 0) {
        cs_diag_at(diag, path, 0, 0, "cannot write the checkpoint: %s", strerror(errno));
        return CS_ERR_RUNTIME;
    }
    const char *slash = strrchr(path, '/');
    int rc = cs_checkpoint_save_at(r, fd, slash ? slash + 1 : path, path, plan, diag);
    close(fd);
    return rc;
}

int cs_checkpoint_save_at(const cs_run *r, int dirfd, const char *name, const char *path,
                          const cs_checkpoint_plan *plan, cs_diag *diag)
{
    cs_atomic_file af;
    if (cs_atomic_openat(&af, dirfd, name, path, diag))
        return CS_ERR_RUNTIME;
    cs_ckpt c = {.f = af.fp, .md = EVP_MD_CTX_new()};
    if (!c.md || EVP_DigestInit_ex(c.md, EVP_sha256(), NULL) != 1)
        c.err = CS_ERR_NOMEM;
    header(&c);
    cs_scenario view = cs_run_scenario(r);
    char hash[72] = {0};
    char *text = cs_scenario_to_yaml(&view, 0);
    if (!c.err && (!text || cs_scenario_hash(&view, hash) != 0))
        c.err = CS_ERR_NOMEM;
    cs_ckpt_bytes(&c, hash, sizeof hash);
    string(&c, &text, 0);
    free(text);
    cs_checkpoint_plan p = *plan;
    cs_ckpt_bytes(&c, &p.every, sizeof p.every);
    cs_ckpt_bytes(&c, &p.detail, sizeof p.detail);
    /* The state functions take a mutable run for loading; saving only reads. */
    cs_run *rw = (cs_run *)r;
    run_state(&c, rw);
    if (!c.err)
        r->ops->state(rw, &c);
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned mdlen = 0;
    if (!c.err && (EVP_DigestFinal_ex(c.md, md, &mdlen) != 1 || mdlen != DIGEST))
        c.err = CS_ERR_RUNTIME;
    if (!c.err && fwrite(md, 1, DIGEST, af.fp) != DIGEST) {
        c.err = CS_ERR_RUNTIME;
        c.errno_at = errno;
    }
    EVP_MD_CTX_free(c.md);
    if (c.err) {
        cs_atomic_abort(&af);
        cs_diag_at(diag, path, 0, 0, "cannot write the checkpoint: %s; the previous one is kept",
                   c.err == CS_ERR_NOMEM ? "out of memory"
                   : c.errno_at          ? strerror(c.errno_at)
                                         : "write failed");
        return c.err;
    }
    return cs_atomic_commit(&af, diag) ? CS_ERR_RUNTIME : 0;
}

/* The first pass: does the file end in the digest of the rest? */
static int digest_ok(FILE *f, uint64_t body, int *io_error)
{
    EVP_MD_CTX *md = EVP_MD_CTX_new();
    unsigned char *buf = malloc(CHUNK);
    int ok = md && buf && EVP_DigestInit_ex(md, EVP_sha256(), NULL) == 1;
    for (uint64_t done = 0; ok && done < body;) {
        size_t want = body - done < CHUNK ? (size_t)(body - done) : CHUNK;
        if (fread(buf, 1, want, f) != want || EVP_DigestUpdate(md, buf, want) != 1) {
            *io_error = 1;
            ok = 0;
        }
        done += want;
    }
    unsigned char want_md[DIGEST], got[EVP_MAX_MD_SIZE];
    unsigned len = 0;
    if (ok && (fread(want_md, 1, DIGEST, f) != DIGEST || EVP_DigestFinal_ex(md, got, &len) != 1)) {
        *io_error = 1;
        ok = 0;
    }
    ok = ok && len == DIGEST && memcmp(got, want_md, DIGEST) == 0;
    EVP_MD_CTX_free(md);
    free(buf);
    return ok;
}

static int load_fd(int fd, const char *path, cs_ops_lookup ops_for, cs_scenario *sc, cs_run *r,
                   int threads, cs_checkpoint_plan *plan, cs_diag *diag);

int cs_checkpoint_load_ops(const char *path, cs_ops_lookup ops_for, cs_scenario *sc, cs_run *r,
                           int threads, cs_checkpoint_plan *plan, cs_diag *diag)
{
    memset(r, 0, sizeof *r);
    if (cs_scenario_init(sc) != 0)
        return CS_ERR_NOMEM;
    /* The path the caller named, links included. O_NONBLOCK: a FIFO must
     * not hang us (it is refused as not a regular file). */
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    return load_fd(fd, path, ops_for, sc, r, threads, plan, diag);
}

int cs_checkpoint_load_ops_at(int dirfd, const char *name, const char *path,
                              cs_ops_lookup ops_for, cs_scenario *sc, cs_run *r, int threads,
                              cs_checkpoint_plan *plan, cs_diag *diag)
{
    memset(r, 0, sizeof *r);
    if (cs_scenario_init(sc) != 0)
        return CS_ERR_NOMEM;
    /* A link is not followed: a checkpoint linked in from another run's
     * folder is not this folder's. */
    int fd = openat(dirfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0 && errno == ELOOP) {
        cs_diag_at(diag, path, 0, 0,
                   "not a circlesim checkpoint (a symbolic link, which circlesim does not "
                   "follow)");
        return CS_ERR_INPUT;
    }
    return load_fd(fd, path, ops_for, sc, r, threads, plan, diag);
}

/* Loads from fd (opened by the caller; -1 with errno set when it could not
 * be), which it closes. */
static int load_fd(int fd, const char *path, cs_ops_lookup ops_for, cs_scenario *sc, cs_run *r,
                   int threads, cs_checkpoint_plan *plan, cs_diag *diag)
{
    struct stat st;
    FILE *f = fd < 0 ? NULL : fdopen(fd, "rb");
    if (!f || fstat(fileno(f), &st) != 0) {
        cs_diag_at(diag, path, 0, 0, "cannot read the checkpoint: %s", strerror(errno));
        if (f)
            fclose(f);
        else if (fd >= 0)
            close(fd);
        return CS_ERR_RUNTIME;
    }
    if (!S_ISREG(st.st_mode) || (uint64_t)st.st_size < sizeof magic + DIGEST) {
        fclose(f);
        cs_diag_at(diag, path, 0, 0, "not a circlesim checkpoint (%s)",
                   S_ISREG(st.st_mode) ? "too short" : "not a regular file");
        return CS_ERR_INPUT;
    }
    uint64_t body = (uint64_t)st.st_size - DIGEST;
    int io_error = 0;
    if (!digest_ok(f, body, &io_error)) {
        fclose(f);
        if (io_error) {
            cs_diag_at(diag, path, 0, 0, "cannot read the checkpoint");
            return CS_ERR_RUNTIME;
        }
        cs_diag_at(diag, path, 0, 0,
                   "the checkpoint is damaged (its checksum does not match): it was cut "
                   "short or changed after it was written; start the run again");
        return CS_ERR_INPUT;
    }
    rewind(f);

    cs_ckpt c = {.f = f, .loading = 1, .left = body};
    header(&c);
    char hash[72] = {0}, *text = NULL;
    cs_ckpt_bytes(&c, hash, sizeof hash);
    string(&c, &text, 2u << 20);
    cs_ckpt_bytes(&c, &plan->every, sizeof plan->every);
    cs_ckpt_bytes(&c, &plan->detail, sizeof plan->detail);
    if (!c.err && (plan->every < 1 || (plan->detail & ~1) || hash[71] != '\0'))
        cs_ckpt_invalid(&c, "its header");
    if (c.err) {
        free(text);
        fclose(f);
        if (c.err == CS_ERR_INPUT)
            cs_diag_at(diag, path, 0, 0, "cannot resume: the checkpoint is invalid (%s)", c.what);
        return c.err;
    }

    /* The scenario, as the run had it; input files are read again and must
     * hash as they did. */
    int before = diag->errors;
    int rc = cs_scenario_load_text(sc, path, text, strlen(text), "/", diag);
    free(text);
    if (rc == 0 && !sc->unreadable)
        rc = cs_scenario_validate(sc, diag);
    if (rc == CS_ERR_NOMEM) {
        fclose(f);
        return rc;
    }
    if (rc == 0 && diag->errors == before && sc->network_kind == CS_NET_EDGELIST) {
        /* The edge list (and node table) enter the hash by their content,
         * which only reading them gives. */
        cs_edge_buf pairs = {0};
        rc = cs_scenario_read_edgelist(sc, &pairs, NULL, 1, diag);
        cs_edge_buf_free(&pairs);
        if (rc == CS_ERR_NOMEM) {
            fclose(f);
            return rc;
        }
    }
    char now[72];
    if (diag->errors > before || rc) {
        fclose(f);
        cs_diag_at(diag, path, 0, 0, "cannot resume: the checkpoint's scenario no longer loads");
        return CS_ERR_INPUT;
    }
    if (cs_scenario_hash(sc, now) != 0 || strcmp(now, hash) != 0) {
        fclose(f);
        cs_diag_at(diag, path, 0, 0,
                   "cannot resume: the scenario hashes to %s, not %s as when the checkpoint "
                   "was written (an input file it names has changed)",
                   now, hash);
        return CS_ERR_INPUT;
    }

    r->base = sc;
    r->live = *sc;
    r->sc = &r->live;
    r->threads = threads > 0 ? threads : 1;
    r->ops = ops_for(sc->model);
    run_state(&c, r);
    if (!c.err)
        r->ops->state(r, &c);
    if (!c.err && c.left != 0)
        cs_ckpt_invalid(&c, "bytes after its content");
    fclose(f);
    if (c.err) {
        if (c.err == CS_ERR_INPUT)
            cs_diag_at(diag, path, 0, 0, "cannot resume: the checkpoint is invalid (%s)", c.what);
        else if (c.err == CS_ERR_RUNTIME)
            cs_diag_at(diag, path, 0, 0, "cannot read the checkpoint");
        return c.err;
    }
    /* Levers as they stood at the end of the checkpoint's day. */
    for (int64_t d = 1; d <= r->day; d++)
        cs_scenario_apply_interventions(&r->live, d);
    return 0;
}
