/* SPDX-License-Identifier: MIT */
/* fuzz_folder.c - libFuzzer target: output folders of any contents, links
 * included, under what run, resume and the experiment commands do to them:
 * open, check and lock; load a checkpoint found there and write a run's
 * files; save a checkpoint and remove it; clear an earlier result. Beyond
 * "no crash, no leak" it asserts circlesim's promise about files outside
 * the folder: a folder beside it (which links in the input point at) keeps
 * its one file, byte for byte, and nothing appears beside the two.
 *
 * An input is a list of entries, each three bytes and a content: the entry's
 * name (from names[]), its kind (kinds below), a length, then that many bytes
 * of content for a file. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/checkpoint.h"
#include "base/fileio.h"
#include "base/outdir.h"
#include "engine/output.h"
#include "engine/run_struct.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const names[] = {
    "summary.json",       "timeseries.csv",
    "scenario.yaml",      ".circlesim-staging",
    "checkpoint",         "checkpoint/run.ckpt",
    ".summary.json.tmp.1.0", ".summary.json.tmp.999999999.0",
    "experiment.yaml",    "runs.csv",
    "notes.txt",          ".hidden",
    "checkpoint/.run.ckpt.tmp.999999999.0", ".circlesim-staging/summary.json",
    ".circlesim-staging/x", "users.csv",
    "plot-a.png",         "checkpoint/other"};
enum { NNAMES = sizeof names / sizeof names[0] };
enum { K_FILE, K_DIR, K_LINK_VICTIM, K_LINK_PRECIOUS, K_LINK_UP, K_LINK_NOWHERE, K_CHECKPOINT,
       K_FIFO, K_LINK_ROOT, NKINDS };

static char root[64], victim[96], out[96];
static uint8_t *ckpt; /* a valid checkpoint of the tiny run */
static size_t ckpt_len;
static cs_scenario tiny_sc;
static cs_run tiny; /* a tiny run, two days done */

static const char precious[] = "precious\n";

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path) == 0 || errno == ENOENT ? 0 : -1;
}

static void remove_root(void) { nftw(root, rm_entry, 8, FTW_DEPTH | FTW_PHYS); }

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/cs-fuzz-folder-XXXXXX");
    if (!mkdtemp(root))
        abort();
    snprintf(victim, sizeof victim, "%s/victim", root);
    snprintf(out, sizeof out, "%s/o", root);
    if (mkdir(victim, 0777) != 0)
        abort();
    atexit(remove_root);
    static const char yaml[] = "name: tiny\nmodel: bass\ndays: 6\npopulation: {size: 40}\n"
                               "network: {kind: erdos_renyi, mean_degree: 3}\n"
                               "bass: {p: 0.05, q: 0.3}\n";
    cs_diag d;
    cs_diag_init(&d, stderr);
    if (cs_scenario_init(&tiny_sc) || cs_scenario_load_text(&tiny_sc, "tiny.yaml", yaml,
                                                            strlen(yaml), ".", &d) ||
        cs_scenario_validate(&tiny_sc, &d) || cs_run_init(&tiny, &tiny_sc, 1, &d) ||
        cs_run_step(&tiny) || cs_run_step(&tiny))
        abort();
    char path[128];
    snprintf(path, sizeof path, "%s/seed.ckpt", root);
    cs_checkpoint_plan plan = {2, 0};
    if (cs_checkpoint_save(&tiny, path, &plan, &d) != 0)
        abort();
    const char *why;
    char *text;
    if (cs_read_file(path, 1 << 24, &text, &ckpt_len, &why) != 0)
        abort();
    ckpt = (uint8_t *)text;
    unlink(path);
}

/* The victim folder as it must stay: one file, "precious.txt". */
static void reset_victim(void)
{
    char p[128];
    nftw(victim, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    if (mkdir(victim, 0777) != 0)
        abort();
    snprintf(p, sizeof p, "%s/precious.txt", victim);
    FILE *f = fopen(p, "w");
    if (!f || fputs(precious, f) < 0 || fclose(f) != 0)
        abort();
}

static void check_victim(void)
{
    char p[128], buf[64] = {0};
    snprintf(p, sizeof p, "%s/precious.txt", victim);
    FILE *f = fopen(p, "r");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    if (n != strlen(precious) || strcmp(buf, precious) != 0) {
        fprintf(stderr, "fuzz_folder: the folder beside the output folder changed\n");
        abort();
    }
    int entries = 0;
    DIR *dd = opendir(victim);
    struct dirent *e;
    while (dd && (e = readdir(dd)) != NULL)
        entries += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (dd)
        closedir(dd);
    /* Nothing beside them either (a link to ".." must not lead a write
     * into the root). */
    int beside = 0;
    dd = opendir(root);
    while (dd && (e = readdir(dd)) != NULL)
        beside += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
    if (dd)
        closedir(dd);
    if (entries != 1 || beside != 2) {
        fprintf(stderr, "fuzz_folder: a file appeared outside the output folder (%d, %d)\n",
                entries, beside);
        abort();
    }
}

/* Makes one entry inside the output folder, never through a link. */
static void make_entry(int ofd, const char *name, int kind, const uint8_t *content, size_t len)
{
    int dirfd = ofd, own = -1;
    const char *slash = strchr(name, '/');
    if (slash) {
        char parent[64];
        snprintf(parent, sizeof parent, "%.*s", (int)(slash - name), name);
        mkdirat(ofd, parent, 0777);
        own = openat(ofd, parent, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (own < 0)
            return;
        dirfd = own;
        name = slash + 1;
    }
    switch (kind) {
    case K_FILE:
    case K_CHECKPOINT: {
        int fd = openat(dirfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd >= 0) {
            const void *bytes = kind == K_CHECKPOINT ? ckpt : content;
            size_t n = kind == K_CHECKPOINT ? ckpt_len : len;
            if (write(fd, bytes, n) < 0) {
                /* a short entry is as good an input as any */
            }
            close(fd);
        }
        break;
    }
    case K_DIR:
        mkdirat(dirfd, name, 0777);
        break;
    case K_LINK_VICTIM:
        symlinkat(victim, dirfd, name);
        break;
    case K_LINK_PRECIOUS: {
        char p[128];
        snprintf(p, sizeof p, "%s/precious.txt", victim);
        symlinkat(p, dirfd, name);
        break;
    }
    case K_LINK_UP:
        symlinkat("..", dirfd, name);
        break;
    case K_LINK_NOWHERE:
        symlinkat("/nonexistent/circlesim", dirfd, name);
        break;
    case K_FIFO:
        mkfifoat(dirfd, name, 0666);
        break;
    case K_LINK_ROOT:
        symlinkat(root, dirfd, name);
        break;
    }
    if (own >= 0)
        close(own);
}

static const char *const other_files[] = {"experiment.yaml", "runs.csv", "plot-*.png", NULL};
static const cs_outdir_kind other_kind = {"experiment.yaml", "earlier sweep", other_files, NULL,
                                          NULL, NULL};
static const char *const checkpoint_files[] = {CS_CHECKPOINT_FILE, NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        setup();
        ready = 1;
    }
    nftw(out, rm_entry, 8, FTW_DEPTH | FTW_PHYS);
    reset_victim();
    if (mkdir(out, 0777) != 0)
        abort();
    int ofd = open(out, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (ofd < 0)
        abort();
    for (size_t at = 0, n = 0; at + 3 <= size && n < 12; n++) {
        int name = data[at] % NNAMES, kind = data[at + 1] % NKINDS;
        size_t len = data[at + 2];
        at += 3;
        if (len > size - at)
            len = size - at;
        make_entry(ofd, names[name], kind, data + at, len);
        at += len;
    }
    close(ofd);

    cs_diag quiet;
    cs_diag_init_muted(&quiet);
    cs_outdir o;
    if (cs_outdir_open(&o, out, &cs_run_kind, CS_OUTDIR_EXISTING, &quiet) == 0 && o.fd >= 0) {
        /* resume: the checkpoint found there, run on and written. */
        int ck = cs_outdir_sub(&o, CS_CHECKPOINT_DIR, 0, &quiet);
        if (ck >= 0) {
            cs_scenario sc;
            cs_run r;
            cs_checkpoint_plan plan;
            if (cs_checkpoint_load_at(ck, CS_CHECKPOINT_FILE, "run.ckpt", &sc, &r, 1, &plan,
                                      &quiet) == 0 &&
                cs_run_step(&r) == 0) {
                cs_run_info info = {0};
                cs_output_write(&o, &r, &info, &quiet);
            }
            cs_run_free(&r);
            cs_scenario_free(&sc);
            close(ck);
        }
        /* run: a checkpoint saved and removed, the files written. */
        ck = cs_outdir_sub(&o, CS_CHECKPOINT_DIR, 1, &quiet);
        if (ck >= 0) {
            cs_checkpoint_plan plan = {2, 0};
            cs_checkpoint_save_at(&tiny, ck, CS_CHECKPOINT_FILE, "run.ckpt", &plan, &quiet);
            cs_outdir_remove_sub(&o, ck, CS_CHECKPOINT_DIR, checkpoint_files);
            close(ck);
        }
        cs_run_info info = {.complete = 1, .detail = 1};
        cs_output_write(&o, &tiny, &info, &quiet);
        cs_outdir_close(&o);
    }
    /* An experiment command: its earlier result cleared. */
    if (cs_outdir_open(&o, out, &other_kind, CS_OUTDIR_CLEAR, &quiet) == 0)
        cs_outdir_close(&o);
    check_victim();
    return 0;
}
