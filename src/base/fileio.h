/* SPDX-License-Identifier: MIT */
/* fileio.h - atomic file output and whole-file input.
 *
 * Nothing circlesim writes is ever half-written: output goes to a temporary
 * file in the destination's folder and is renamed into place when complete.
 */
#ifndef CIRCLESIM_FILEIO_H
#define CIRCLESIM_FILEIO_H

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "circlesim/diag.h"

/* Temporaries are named ".<name>" CS_TMP_MARK "<pid>.<n>" beside the
 * destination; a run killed mid-write may leave one behind. */
#define CS_TMP_MARK ".tmp."


/* A file being written. Every operation on it is relative to its folder's
 * descriptor, opened once: a link swapped in for the folder afterwards
 * changes nothing, and the temporary is made with O_EXCL | O_NOFOLLOW, so
 * no link is ever written through. */
typedef struct cs_atomic_file {
    FILE *fp;       /* write here */
    int dirfd;      /* the destination's folder (our own descriptor) */
    char *name;     /* the destination's name in it */
    char *tmp_name; /* the temporary's name in it */
    char *shown;    /* the destination as messages show it */
    int slot;       /* its entry in the table of temporaries, -1 none */
} cs_atomic_file;

/* Open a temporary file beside path. Its folder is opened as the path
 * names it (the user's own path, links included). Temporaries of earlier
 * killed writers of the same destination (their process gone) are removed.
 * Returns 0 or CS_ERR_RUNTIME. */
int cs_atomic_open(cs_atomic_file *f, const char *path, cs_diag *diag);
/* The same for the file name in the folder open as dirfd (not taken:
 * the file keeps its own copy); shown names it in messages. */
int cs_atomic_openat(cs_atomic_file *f, int dirfd, const char *name, const char *shown,
                     cs_diag *diag);
/* Flush, fsync, close and rename into place. On any error the temporary is
 * removed and CS_ERR_RUNTIME returned. */
int cs_atomic_commit(cs_atomic_file *f, cs_diag *diag);
/* Close and remove the temporary; the destination is untouched. */
void cs_atomic_abort(cs_atomic_file *f);

/* Write text atomically as the file name in the folder open as dirfd (dir
 * names it in messages). */
int cs_write_text_at(int dirfd, const char *dir, const char *name, const char *text,
                     cs_diag *diag);

/* 0 when bytes fit in the folder open as dirfd: its file system's free
 * space and the file-size limit (ulimit -f); otherwise reports the size and
 * the room, naming shown, and returns CS_ERR_RUNTIME. */
int cs_space_check(int dirfd, const char *shown, uint64_t bytes, cs_diag *diag);

/* Removes every temporary being written now (called from a signal handler
 * before the program dies: only async-signal-safe calls). */
void cs_atomic_remove_all(void);
/* Makes SIGINT, SIGTERM and SIGHUP remove the temporaries being written,
 * then end the program as the signal would (for commands that write one
 * file and have no clean point to stop at). A signal ignored at start
 * stays ignored. */
void cs_atomic_remove_on_signal(void);

/* A listing of the folder open as fd, on a descriptor of its own (so fd's
 * own position is untouched); close with closedir. NULL (errno set) when it
 * cannot be read. */
DIR *cs_list_folder(int fd);

/* The process id a temporary's name carries, or -1 if it is not one. */
long cs_tmp_name_pid(const char *name);
/* Whether name is a temporary whose writer's process is gone (from this
 * machine's point of view). */
int cs_tmp_abandoned(const char *name);

/* The folder part of path ("." when there is none, "/" for the root), as a
 * malloc'ed string, or NULL when out of memory. */
char *cs_dirname(const char *path);

/* Read a whole file (up to max_bytes; larger is an error) into a malloc'ed,
 * NUL-terminated buffer. Returns 0, CS_ERR_INPUT (missing, unreadable, too
 * big: errno-style reason in *why) or CS_ERR_NOMEM. */
int cs_read_file(const char *path, size_t max_bytes, char **data, size_t *len, const char **why);
/* The same for the file name in the folder open as dirfd (AT_FDCWD: the
 * working folder); with nofollow a link there is refused, not followed. */
int cs_read_file_at(int dirfd, const char *name, int nofollow, size_t max_bytes, char **data,
                    size_t *len, const char **why);

#endif
