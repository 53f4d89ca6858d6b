/* SPDX-License-Identifier: MIT */
/* cli_harness.h - running the built circlesim from tests: a temporary root
 * folder, files in it, child processes with captured output, and readers
 * for the output files. Shared by test_cli.c and test_resume.c. */
#ifndef CS_CLI_HARNESS_H
#define CS_CLI_HARNESS_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

extern char root[64];          /* the mkdtemp folder of this test program */
/* Files circlesim may write, in bytes (0: no limit): a full disk, without
 * needing one (writes past the limit fail with EFBIG). */
extern long child_file_limit;

typedef struct result {
    int code;      /* exit status; 128 + signal when killed by one */
    int signaled;
    char *out, *err;
} result;

typedef struct series {
    int rows;
    int64_t (*v)[9]; /* the nine columns every model writes, money in fen */
} series;

char *fmt_path(char *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *make_dir(char *buf, const char *name);
void write_bytes(const char *path, const char *data, size_t len);
void write_text(const char *dir, const char *name, const char *text);
char *read_all(const char *path, size_t *len);
char *read_in(const char *dir, const char *name);
int exists(const char *path);
int exists_in(const char *dir, const char *name);
int count_entries(const char *dir);
void assert_same_file(const char *a, const char *b);
void result_free(result *r);
double now_seconds(void);
void sleep_seconds(double s);
pid_t spawn(const char *cwd, const char *const *args, char *out_path, char *err_path);
void finish(pid_t pid, double timeout, const char *out_path, const char *err_path, result *r);
void run_args(result *r, const char *cwd, const char *const *args);
void wait_for(const char *path);
void expect_code(const result *r, int code, const char *what);
void first_line(const char *s, char *out, size_t cap);
void expect_first_line(const char *text, const char *prefix, const char *word,
                       const char *what);
int count_lines(const char *s);
double json_number(const char *json, const char *object, const char *key);
char *without_run_line(const char *json);
series read_series(const char *dir);
int setup(void **state);
int teardown(void **state);

#define RUN(r, cwd, ...) run_args((r), (cwd), (const char *const[]){__VA_ARGS__, NULL})

#endif
