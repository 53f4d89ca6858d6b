/* SPDX-License-Identifier: MIT */
/* cli_harness.c - see cli_harness.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli_harness.h"

char root[64]; /* the mkdtemp folder of this run */

/* ---- files ------------------------------------------------------------------ */

/* snprintf into a PATH_MAX buffer, failing the test on truncation. */
char *fmt_path(char *buf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, PATH_MAX, fmt, ap);
    va_end(ap);
    assert_true(n > 0 && n < PATH_MAX);
    return buf;
}

/* A fresh folder root/name; returns its path in buf. */
char *make_dir(char *buf, const char *name)
{
    fmt_path(buf, "%s/%s", root, name);
    if (mkdir(buf, 0777) != 0)
        fail_msg("mkdir %s: %s", buf, strerror(errno));
    return buf;
}

void write_bytes(const char *path, const char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        fail_msg("cannot write %s: %s", path, strerror(errno));
    assert_int_equal(fwrite(data, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

void write_text(const char *dir, const char *name, const char *text)
{
    char p[PATH_MAX];
    write_bytes(fmt_path(p, "%s/%s", dir, name), text, strlen(text));
}

/* The whole file, NUL-terminated (NULL when it cannot be read). */
char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap + 1);
    assert_non_null(buf);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) {
            cap *= 2;
            buf = realloc(buf, cap + 1);
            assert_non_null(buf);
        }
    }
    fclose(f);
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

char *read_in(const char *dir, const char *name)
{
    char p[PATH_MAX];
    char *s = read_all(fmt_path(p, "%s/%s", dir, name), NULL);
    if (!s)
        fail_msg("cannot read %s", p);
    return s;
}

int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

int exists_in(const char *dir, const char *name)
{
    char p[PATH_MAX];
    return exists(fmt_path(p, "%s/%s", dir, name));
}

int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            n++;
    closedir(d);
    return n;
}

void assert_same_file(const char *a, const char *b)
{
    size_t la, lb;
    char *x = read_all(a, &la), *y = read_all(b, &lb);
    if (!x || !y)
        fail_msg("cannot read %s or %s", a, b);
    if (la != lb || memcmp(x, y, la) != 0)
        fail_msg("%s and %s differ", a, b);
    free(x);
    free(y);
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st;
    (void)flag;
    (void)ftw;
    return remove(path);
}

/* ---- running circlesim ---------------------------------------------------- */



void result_free(result *r)
{
    free(r->out);
    free(r->err);
    memset(r, 0, sizeof *r);
}

double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sleep_seconds(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
        ;
}

static unsigned capture_seq;

/* Starts CS_BINARY with args (NULL-terminated) in cwd; stdout and stderr
 * go to files whose paths are returned. */
/* Files circlesim may write, in bytes (0: no limit): a full disk, without
 * needing one (writes past the limit fail with EFBIG). */
long child_file_limit = 0;

pid_t spawn(const char *cwd, const char *const *args, char *out_path, char *err_path)
{
    unsigned seq = capture_seq++;
    fmt_path(out_path, "%s/capture/%u.out", root, seq);
    fmt_path(err_path, "%s/capture/%u.err", root, seq);
    const char *argv[64];
    int argc = 0;
    argv[argc++] = CS_BINARY;
    for (; *args && argc < 63; args++)
        argv[argc++] = *args;
    argv[argc] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        if (child_file_limit > 0) {
            struct rlimit lim = {(rlim_t)child_file_limit, (rlim_t)child_file_limit};
            signal(SIGXFSZ, SIG_IGN); /* a failed write, not a killed process */
            if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
                _exit(126);
        }
        int in = open("/dev/null", O_RDONLY);
        int out = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (in < 0 || out < 0 || err < 0 || chdir(cwd) != 0)
            _exit(126);
        dup2(in, 0);
        dup2(out, 1);
        dup2(err, 2);
        execv(CS_BINARY, (char *const *)argv);
        _exit(127);
    }
    return pid;
}

/* Waits for pid at most timeout seconds (then kills it and fails: a hang). */
void finish(pid_t pid, double timeout, const char *out_path, const char *err_path,
                   result *r)
{
    double t0 = now_seconds();
    int status = 0;
    for (;;) {
        pid_t w = waitpid(pid, &status, WNOHANG);
        if (w == pid)
            break;
        assert_true(w == 0);
        if (now_seconds() - t0 > timeout) {
            kill(pid, SIGKILL);
            waitpid(pid, &status, 0);
            fail_msg("circlesim did not finish within %.0f s", timeout);
        }
        sleep_seconds(0.002);
    }
    memset(r, 0, sizeof *r);
    if (WIFEXITED(status)) {
        r->code = WEXITSTATUS(status);
    } else {
        r->signaled = 1;
        r->code = 128 + WTERMSIG(status);
    }
    r->out = read_all(out_path, NULL);
    r->err = read_all(err_path, NULL);
    assert_non_null(r->out);
    assert_non_null(r->err);
    unlink(out_path);
    unlink(err_path);
}

/* Waits until path exists (failing after 120 s). */
void wait_for(const char *path)
{
    double t0 = now_seconds();
    while (!exists(path)) {
        if (now_seconds() - t0 > 120)
            fail_msg("%s did not appear", path);
        sleep_seconds(0.005);
    }
}

/* Runs circlesim ARGS... (NULL-terminated) in cwd and waits. */
void run_args(result *r, const char *cwd, const char *const *args)
{
    char out[PATH_MAX], err[PATH_MAX];
    pid_t pid = spawn(cwd, args, out, err);
    finish(pid, 120.0, out, err, r);
}


/* Fails with circlesim's stderr when the exit code is not the expected one. */
void expect_code(const result *r, int code, const char *what)
{
    if (r->code != code || r->signaled)
        fail_msg("%s: expected exit %d, got %d%s; stderr:\n%s", what, code, r->code,
                 r->signaled ? " (killed by a signal)" : "", r->err);
}

void first_line(const char *s, char *out, size_t cap)
{
    size_t n = strcspn(s, "\n");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, s, n);
    out[n] = '\0';
}

void expect_first_line(const char *text, const char *prefix, const char *word,
                              const char *what)
{
    char line[2048];
    first_line(text, line, sizeof line);
    if (strncmp(line, prefix, strlen(prefix)) != 0)
        fail_msg("%s: first line should start with '%s', got '%s'", what, prefix, line);
    if (word && !strstr(line, word))
        fail_msg("%s: first line should contain '%s', got '%s'", what, word, line);
}

int count_lines(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += *s == '\n';
    return n;
}

/* ---- reading outputs ------------------------------------------------------ */

/* The number after "key": inside the flat object "object": {...} of a
 * summary.json. */
double json_number(const char *json, const char *object, const char *key)
{
    char needle[128];
    snprintf(needle, sizeof needle, "\"%s\": {", object);
    const char *o = strstr(json, needle);
    if (!o)
        fail_msg("summary.json has no object \"%s\":\n%s", object, json);
    const char *end = strchr(o, '}');
    snprintf(needle, sizeof needle, "\"%s\": ", key);
    const char *k = strstr(o, needle);
    if (!k || k > end)
        fail_msg("summary.json's \"%s\" has no \"%s\"", object, key);
    char *stop;
    double v = strtod(k + strlen(needle), &stop);
    if (stop == k + strlen(needle))
        fail_msg("summary.json's %s.%s is not a number", object, key);
    return v;
}

/* summary.json without its "run" line, the one part outside the
 * reproducibility promise. */
char *without_run_line(const char *json)
{
    char *out = malloc(strlen(json) + 1);
    assert_non_null(out);
    size_t n = 0;
    int removed = 0;
    for (const char *p = json; *p;) {
        size_t len = strcspn(p, "\n");
        const char *q = p;
        while (*q == ' ')
            q++;
        if (strncmp(q, "\"run\": ", 7) == 0)
            removed++;
        else {
            memcpy(out + n, p, len);
            n += len;
            if (p[len] == '\n')
                out[n++] = '\n';
        }
        p += len + (p[len] == '\n');
    }
    out[n] = '\0';
    assert_int_equal(removed, 1);
    return out;
}



/* Parses the nine columns every timeseries.csv starts with, checking its header
 * and shape on the way; a model's further columns (the platform's) are
 * counted and skipped. */
series read_series(const char *dir)
{
    char *csv = read_in(dir, "timeseries.csv");
    const char *header = "day,users,dau,seeded,engaged,buyers,orders,gmv,gmv_offsite";
    size_t hl = strlen(header);
    if (strncmp(csv, header, hl) != 0 || (csv[hl] != '\n' && csv[hl] != ','))
        fail_msg("timeseries.csv header does not start with the nine columns: '%.80s'", csv);
    int extra = 0;
    const char *p = csv + hl;
    for (; *p != '\n'; p++)
        extra += *p == ',';
    p++;
    series s = {0, NULL};
    int lines = count_lines(csv);
    s.v = calloc((size_t)lines + 1, sizeof *s.v);
    assert_non_null(s.v);
    while (*p) {
        for (int c = 0; c < 9; c++) {
            char *end;
            if (c >= 7) { /* money: yuan with two decimals */
                long long whole = strtoll(p, &end, 10);
                assert_true(end > p && *end == '.');
                const char *f = end + 1;
                long long fen = strtoll(f, &end, 10);
                assert_int_equal(end - f, 2);
                s.v[s.rows][c] = whole * 100 + fen;
            } else {
                s.v[s.rows][c] = strtoll(p, &end, 10);
                assert_true(end > p);
            }
            if (c < 8 || extra > 0) {
                if (*end != ',')
                    fail_msg("row %d of timeseries.csv has too few columns", s.rows + 1);
                p = end + 1;
            } else {
                if (*end != '\n')
                    fail_msg("row %d of timeseries.csv has too many columns", s.rows + 1);
                p = end + 1;
            }
        }
        /* The further columns: as many as the header names, then the line ends. */
        for (int c = 0; c < extra; c++) {
            const char *q = p;
            while (*q && *q != ',' && *q != '\n')
                q++;
            if (q == p || (c < extra - 1 ? *q != ',' : *q != '\n'))
                fail_msg("row %d of timeseries.csv: column %d is malformed", s.rows + 1, 10 + c);
            p = q + 1;
        }
        s.rows++;
    }
    free(csv);
    return s;
}

/* ---- fixtures ------------------------------------------------------------- */

int setup(void **state)
{
    (void)state;
    snprintf(root, sizeof root, "/tmp/cs-test-cli-XXXXXX");
    if (!mkdtemp(root))
        return -1;
    char p[PATH_MAX];
    snprintf(p, sizeof p, "%s/capture", root);
    return mkdir(p, 0777);
}

int teardown(void **state)
{
    (void)state;
    nftw(root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

