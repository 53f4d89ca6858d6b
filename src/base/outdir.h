/* SPDX-License-Identifier: MIT */
/* outdir.h - a command's output folder: made or reused, locked for the
 * command's life, and never followed out of.
 *
 * What circlesim promises about files outside its output folder: it never
 * touches them. The folder itself is opened once, as the user's path names
 * it; everything in it is reached through that descriptor (openat,
 * unlinkat, renameat) and no entry in it is followed when it is a link:
 * a link where circlesim keeps its own files is refused, naming it.
 */
#ifndef CIRCLESIM_OUTDIR_H
#define CIRCLESIM_OUTDIR_H

#include <stddef.h>

#include "circlesim/diag.h"

/* What a command keeps in its folder. */
typedef struct cs_outdir_kind {
    const char *marker;         /* the file that says the folder holds such a result */
    const char *what;           /* the result in words ("earlier sweep"), for messages */
    const char *const *files;   /* every file the command writes there, NULL-terminated */
    const char *const *folders; /* the folders it makes there, NULL-terminated (or NULL) */
    const char *alt_marker;     /* "folder/file" that marks a result too (or NULL) */
    const char *option;         /* the option naming the folder, for messages (NULL: --out) */
} cs_outdir_kind;

/* The files of the kind are fnmatch patterns ("plot-*.png"). */

typedef struct cs_outdir {
    int fd;       /* the folder, open and locked; -1 when not open */
    char *path;   /* as given, for messages and for writers that take paths */
    int made;     /* this command made the folder */
    int result;   /* it held a result of this kind (the marker) when opened */
    const char *option; /* the kind's option, for messages */
} cs_outdir;

/* Flags of cs_outdir_open. */
enum {
    CS_OUTDIR_EXISTING = 1, /* do not make a missing folder: o->fd stays -1, and 0 is returned */
    CS_OUTDIR_CLEAR = 2,    /* remove the kind's files of an earlier result */
};

/* Opens path for a command of kind k: made (with its parents) if missing,
 * locked (a second circlesim gets CS_ERR_INPUT naming the folder and the
 * holder's process), then checked: the temporaries of killed writers
 * and an abandoned staging folder are removed (files of circlesim's own
 * names only); a link at any name the kind uses, or a folder that holds
 * anything but those (hidden entries included) and no marker, is refused
 * with CS_ERR_INPUT naming the entry. An empty path is CS_ERR_INPUT.
 * Returns 0, CS_ERR_INPUT, CS_ERR_RUNTIME (cannot make or open) or
 * CS_ERR_NOMEM; on error o is closed. */
int cs_outdir_open(cs_outdir *o, const char *path, const cs_outdir_kind *k, int flags,
                   cs_diag *d);
/* Removes the kind's files (an earlier result; links were refused when
 * opened). Returns 0 or CS_ERR_RUNTIME (reported). */
int cs_outdir_clear(cs_outdir *o, const cs_outdir_kind *k, cs_diag *d);
/* Opens the folder name in o, without following a link (refused, and
 * reported); made first when make. Returns a descriptor, or -1: with
 * errno ENOENT (not reported) when it is missing and not made. */
int cs_outdir_sub(const cs_outdir *o, const char *name, int make, cs_diag *d);
/* Removes from the folder open as fd the regular files named in files
 * (NULL-terminated) and any temporaries; then, from o, the folder name if
 * it is empty. A link or another entry in it is left alone. */
void cs_outdir_remove_sub(const cs_outdir *o, int fd, const char *name, const char *const *files);
/* Whether the regular file name exists in the folder open as fd (a link
 * does not count). */
int cs_outdir_has(int fd, const char *name);
/* The folder of a single file a command writes (graph --out, render --png;
 * opt names the option for messages): opened once, now, as the path names
 * it, so the file lands there whatever is put at the path later; and held,
 * with every folder above it, with a shared lock, so that it is refused
 * while a command writes any of them whole (and such a command is refused
 * meanwhile). Returns the descriptor (its lock goes when it is closed; the
 * folders above stay held until the program ends), or CS_ERR_INPUT (held)
 * or CS_ERR_RUNTIME (cannot open), reported. */
int cs_file_folder_open(const char *path, const char *opt, cs_diag *d);
/* Unlocks and closes (the folder stays). Safe on a closed one. */
void cs_outdir_close(cs_outdir *o);
/* Closes, then removes the folder if this command made it and it is empty. */
void cs_outdir_discard(cs_outdir *o);

/* The staging folder a run writes its files into before moving them into
 * place. */
#define CS_STAGING ".circlesim-staging"

#endif
