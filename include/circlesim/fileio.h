/* fileio.h - atomic file output and whole-file input.
 *
 * Nothing circlesim writes is ever half-written: output goes to a temporary
 * file in the destination's folder and is renamed into place when complete.
 */
#ifndef CIRCLESIM_FILEIO_H
#define CIRCLESIM_FILEIO_H

#include <stddef.h>
#include <stdio.h>

#include "circlesim/diag.h"

/* Temporaries are named ".<name>" CS_TMP_MARK "<pid>.<n>" beside the
 * destination; a run killed mid-write may leave one behind. */
#define CS_TMP_MARK ".tmp."

/* Whether a folder entry is such a leftover temporary. */
int cs_is_tmp_name(const char *name);

typedef struct cs_atomic_file {
    FILE *fp;          /* write here */
    char *final_path;
    char *tmp_path;
} cs_atomic_file;

/* Open a temporary file beside path. Returns 0 or CS_ERR_RUNTIME. */
int cs_atomic_open(cs_atomic_file *f, const char *path, cs_diag *diag);
/* Flush, fsync, close and rename into place. On any error the temporary is
 * removed and CS_ERR_RUNTIME returned. */
int cs_atomic_commit(cs_atomic_file *f, cs_diag *diag);
/* Close and remove the temporary; the destination is untouched. */
void cs_atomic_abort(cs_atomic_file *f);

/* Write a whole buffer atomically. */
int cs_write_file_atomic(const char *path, const void *data, size_t len, cs_diag *diag);
/* The same for text, as the file `name` in folder `dir`. */
int cs_write_text_in(const char *dir, const char *name, const char *text, cs_diag *diag);

/* The folder part of path ("." when there is none, "/" for the root), as a
 * malloc'ed string, or NULL when out of memory. */
char *cs_dirname(const char *path);

/* Read a whole file (up to max_bytes; larger is an error) into a malloc'ed,
 * NUL-terminated buffer. Returns 0, CS_ERR_INPUT (missing, unreadable, too
 * big: errno-style reason in *why) or CS_ERR_NOMEM. */
int cs_read_file(const char *path, size_t max_bytes, char **data, size_t *len, const char **why);

#endif
