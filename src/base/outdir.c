/* SPDX-License-Identifier: MIT */
/* outdir.c - a command's output folder: made or reused, locked, never followed out of. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "base/outdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h> /* NAME_MAX: POSIX puts it here; glibc's <dirent.h> happens to define it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "base/fileio.h"

static int mkdir_p(const char *dir)
{
    char *copy = strdup(dir);
    if (!copy)
        return -1;
    for (char *p = copy + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
            free(copy);
            return -1;
        }
        *p = '/';
    }
    int rc = mkdir(copy, 0777) != 0 && errno != EEXIST ? -1 : 0;
    free(copy);
    return rc;
}

/* The process holding an flock on the file open as fd, from /proc/locks
 * (Linux); 0 when it cannot be told. */
static long lock_holder(int fd)
{
    struct stat st;
    FILE *f = fstat(fd, &st) == 0 ? fopen("/proc/locks", "r") : NULL;
    if (!f)
        return 0;
    char line[256];
    long holder = 0;
    while (!holder && fgets(line, sizeof line, f)) {
        char kind[16], mode[16], access[16];
        long pid;
        unsigned maj, min;
        unsigned long long ino;
        /* "1: FLOCK  ADVISORY  WRITE 4242 08:01:1234 0 EOF"; a waiter's
         * line has "->" after the number and is skipped. */
        if (sscanf(line, "%*d: %15s %15s %15s %ld %x:%x:%llu", kind, mode, access, &pid, &maj,
                   &min, &ino) == 7 &&
            !strcmp(kind, "FLOCK") && ino == (unsigned long long)st.st_ino &&
            maj == major(st.st_dev) && min == minor(st.st_dev) && pid != (long)getpid())
            holder = pid;
    }
    fclose(f);
    return holder;
}

/* The option that named the folder, for messages. */
static const char *option(const cs_outdir *o) { return o->option ? o->option : "--out"; }

/* The folders this process holds exclusively (dev, ino): a lock asked for
 * one of them again, through another descriptor, is ours already (flock
 * would refuse it, as if another circlesim held it). */
static struct {
    dev_t dev;
    ino_t ino;
    int used;
} mine[8];

static int held_here(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return 0;
    for (int i = 0; i < 8; i++)
        if (mine[i].used && mine[i].dev == st.st_dev && mine[i].ino == st.st_ino)
            return 1;
    return 0;
}

static void note_held(int fd, int held)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return;
    for (int i = 0; i < 8; i++)
        if (held ? !mine[i].used : mine[i].used && mine[i].dev == st.st_dev && mine[i].ino == st.st_ino) {
            mine[i].used = held;
            mine[i].dev = st.st_dev;
            mine[i].ino = st.st_ino;
            return;
        }
}

/* flock(op) on the folder open as fd, reported as the folder path and the
 * option that named it when another holds it. */
static int take(int fd, int op, const char *path, const char *opt, cs_diag *d)
{
    if (op == LOCK_SH && held_here(fd))
        return 0;
    if (flock(fd, op | LOCK_NB) == 0) {
        if (op == LOCK_EX)
            note_held(fd, 1);
        return 0;
    }
    if (errno != EWOULDBLOCK) {
        cs_diag_error(d, "cannot lock output folder '%s': %s", path, strerror(errno));
        return CS_ERR_RUNTIME;
    }
    long pid = lock_holder(fd);
    char who[48] = "another circlesim";
    if (pid > 0)
        snprintf(who, sizeof who, "another circlesim (process %ld)", pid);
    cs_diag_error(d, "%s is writing output folder '%s' now: wait for it to end, or choose "
                     "another %s", who, path, opt);
    return CS_ERR_INPUT;
}

static int lock(cs_outdir *o, cs_diag *d)
{
    return take(o->fd, LOCK_EX, o->path, option(o), d);
}

/* Shared locks on the folders above a single file's folder, held until the
 * program ends: a command writing any of them whole holds it exclusively. */
static int held_above[64], nheld_above;

/* Takes a shared lock on every folder above the one open as fd, up to the
 * root. Returns 0 or CS_ERR_INPUT (reported, naming the folder held). */
static int share_above(int fd, const char *path, const char *opt, cs_diag *d)
{
    struct stat below;
    if (fstat(fd, &below) != 0)
        return 0;
    int cur = fd;
    char shown[4096];
    snprintf(shown, sizeof shown, "%s", path);
    for (int depth = 0; depth < 64; depth++) {
        int up = openat(cur, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        struct stat st;
        if (up < 0 || fstat(up, &st) != 0 || (st.st_ino == below.st_ino && st.st_dev == below.st_dev)) {
            if (up >= 0)
                close(up);
            return 0; /* the root */
        }
        size_t n = strlen(shown);
        snprintf(shown + n, sizeof shown - n, "/..");
        int rc = take(up, LOCK_SH, shown, opt, d);
        if (rc) {
            close(up);
            return rc;
        }
        if (nheld_above < 64)
            held_above[nheld_above++] = up;
        below = st;
        cur = up;
    }
    return 0;
}

int cs_file_folder_open(const char *path, const char *opt, cs_diag *d)
{
    char *dir = cs_dirname(path);
    int fd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (fd < 0)
        cs_diag_error(d, "cannot write '%s': %s", path, dir ? strerror(errno) : "out of memory");
    int rc = fd < 0 ? CS_ERR_RUNTIME : take(fd, LOCK_SH, dir, opt, d);
    if (!rc)
        rc = share_above(fd, dir, opt, d);
    free(dir);
    if (rc && fd >= 0)
        close(fd);
    return rc ? rc : fd;
}

static int in_list(const char *const *list, const char *name)
{
    for (size_t i = 0; list && list[i]; i++)
        if (fnmatch(list[i], name, FNM_PERIOD) == 0)
            return 1;
    return 0;
}

/* The destination a temporary's name stands for, in buf; NULL if name is
 * not a temporary. */
static const char *tmp_destination(const char *name, char *buf, size_t cap)
{
    if (cs_tmp_name_pid(name) < 0)
        return NULL;
    const char *mark = strstr(name, CS_TMP_MARK);
    for (const char *m; (m = strstr(mark + 1, CS_TMP_MARK)) != NULL;)
        mark = m;
    snprintf(buf, cap, "%.*s", (int)(mark - name - 1), name + 1);
    return buf;
}

static int kind_file(const cs_outdir_kind *k, const char *name)
{
    return !strcmp(name, k->marker) || in_list(k->files, name);
}

static int refuse_link(const cs_outdir *o, const char *sub, const char *name, mode_t mode,
                       const char *want, cs_diag *d)
{
    cs_diag_error(d, "output folder '%s' holds '%s%s%s', which is %s where circlesim keeps %s: "
                     "circlesim never follows links or replaces what it did not make; move it "
                     "away or choose another %s",
                  o->path, sub ? sub : "", sub ? "/" : "", name,
                  S_ISLNK(mode) ? "a symbolic link" : S_ISDIR(mode) ? "a folder" : "not a file",
                  want, option(o));
    return CS_ERR_INPUT;
}

int cs_outdir_has(int fd, const char *name)
{
    struct stat st;
    return fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISREG(st.st_mode);
}

int cs_outdir_sub(const cs_outdir *o, const char *name, int make, cs_diag *d)
{
    if (make && mkdirat(o->fd, name, 0777) != 0 && errno != EEXIST) {
        cs_diag_error(d, "cannot create '%s/%s': %s", o->path, name, strerror(errno));
        return -1;
    }
    int fd = openat(o->fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0 && errno != ENOENT) {
        int e = errno;
        struct stat st;
        if ((e == ELOOP || e == ENOTDIR) &&
            fstatat(o->fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
            refuse_link(o, NULL, name, st.st_mode, "a folder of its own", d);
        else
            cs_diag_error(d, "cannot open '%s/%s': %s", o->path, name, strerror(e));
        errno = e;
    } else if (fd < 0 && make) {
        cs_diag_error(d, "cannot open '%s/%s': %s", o->path, name, strerror(errno));
    }
    return fd;
}

void cs_outdir_remove_sub(const cs_outdir *o, int fd, const char *name, const char *const *files)
{
    DIR *dd = cs_list_folder(fd);
    struct dirent *e;
    char dest[NAME_MAX + 1];
    while (dd && (e = readdir(dd)) != NULL) {
        const char *n = e->d_name;
        const char *t = tmp_destination(n, dest, sizeof dest);
        if (in_list(files, t ? t : n) && cs_outdir_has(fd, n))
            unlinkat(fd, n, 0);
    }
    if (dd)
        closedir(dd);
    unlinkat(o->fd, name, AT_REMOVEDIR); /* only when empty; never a link */
}

/* Empties the staging folder a killed run left (files of the kind's names
 * only) and removes it. */
static int clear_staging(const cs_outdir *o, const cs_outdir_kind *k, cs_diag *d)
{
    int fd = cs_outdir_sub(o, CS_STAGING, 0, d);
    if (fd < 0)
        return errno == ENOENT ? 0 : CS_ERR_INPUT;
    DIR *dd = cs_list_folder(fd);
    if (!dd) {
        close(fd);
        cs_diag_error(d, "cannot read '%s/" CS_STAGING "': %s", o->path, strerror(errno));
        return CS_ERR_RUNTIME;
    }
    int rc = 0;
    struct dirent *e;
    char dest[NAME_MAX + 1];
    while (rc == 0 && (e = readdir(dd)) != NULL) {
        const char *n = e->d_name;
        if (!strcmp(n, ".") || !strcmp(n, ".."))
            continue;
        const char *t = tmp_destination(n, dest, sizeof dest);
        struct stat st;
        if (fstatat(fd, n, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (kind_file(k, t ? t : n) && S_ISREG(st.st_mode))
            unlinkat(fd, n, 0);
        else
            rc = refuse_link(o, CS_STAGING, n, st.st_mode, "only its own files", d);
    }
    closedir(dd);
    close(fd);
    if (rc == 0)
        unlinkat(o->fd, CS_STAGING, AT_REMOVEDIR);
    return rc;
}

/* Removes the temporary name in the folder open as fd if its writer's
 * process is gone. */
static void remove_if_abandoned(int fd, const char *name)
{
    if (cs_tmp_abandoned(name))
        unlinkat(fd, name, 0);
}

/* A folder of the kind's own (checkpoint/): the file the kind keeps there
 * (alt_marker's) and its temporaries must be regular files; anything else
 * in it is the user's, left alone. */
static int inspect_sub(const cs_outdir *o, const cs_outdir_kind *k, const char *sub, cs_diag *d)
{
    const char *slash = k->alt_marker ? strchr(k->alt_marker, '/') : NULL;
    if (!slash || strncmp(k->alt_marker, sub, (size_t)(slash - k->alt_marker)) != 0 ||
        sub[slash - k->alt_marker] != '\0')
        return 0;
    const char *own = slash + 1;
    int fd = cs_outdir_sub(o, sub, 0, d);
    if (fd < 0)
        return errno == ENOENT ? 0 : CS_ERR_INPUT;
    DIR *dd = cs_list_folder(fd);
    int rc = 0;
    struct dirent *e;
    char dest[NAME_MAX + 1];
    while (dd && rc == 0 && (e = readdir(dd)) != NULL) {
        const char *t = tmp_destination(e->d_name, dest, sizeof dest);
        struct stat st;
        if (strcmp(t ? t : e->d_name, own) != 0 ||
            fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue;
        if (!S_ISREG(st.st_mode))
            rc = refuse_link(o, sub, e->d_name, st.st_mode, t ? "its temporary files" : "its file",
                             d);
        else if (t)
            remove_if_abandoned(fd, e->d_name);
    }
    if (dd)
        closedir(dd);
    close(fd);
    return rc;
}

/* Looks at every entry of the folder: what is circlesim's, what is not,
 * and whether it holds a result of kind k. */
static int inspect(cs_outdir *o, const cs_outdir_kind *k, cs_diag *d)
{
    DIR *dd = cs_list_folder(o->fd);
    if (!dd) {
        cs_diag_error(d, "cannot read output folder '%s': %s", o->path, strerror(errno));
        return CS_ERR_RUNTIME;
    }
    char other[NAME_MAX + 1] = "", ours[NAME_MAX + 1] = "", dest[NAME_MAX + 1];
    int rc = 0, staging = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dd)) != NULL) {
        const char *n = e->d_name;
        if (!strcmp(n, ".") || !strcmp(n, ".."))
            continue;
        struct stat st;
        if (fstatat(o->fd, n, &st, AT_SYMLINK_NOFOLLOW) != 0)
            continue; /* gone meanwhile */
        const char *t = tmp_destination(n, dest, sizeof dest);
        if (t && kind_file(k, t)) {
            /* A temporary of ours: a killed writer's goes; a live one
             * (another process writing one file here) is left. */
            if (!S_ISREG(st.st_mode))
                rc = refuse_link(o, NULL, n, st.st_mode, "its temporary files", d);
            else
                remove_if_abandoned(o->fd, n);
            continue;
        }
        if (in_list(k->folders, n)) {
            if (!S_ISDIR(st.st_mode))
                rc = refuse_link(o, NULL, n, st.st_mode, "a folder of its own", d);
            else if (!strcmp(n, CS_STAGING))
                staging = 1;
            else {
                rc = inspect_sub(o, k, n, d);
                snprintf(ours, sizeof ours, "%s", n);
            }
            continue;
        }
        if (kind_file(k, n)) {
            if (!S_ISREG(st.st_mode))
                rc = refuse_link(o, NULL, n, st.st_mode, "its result", d);
            else if (!strcmp(n, k->marker))
                o->result = 1;
            else
                snprintf(ours, sizeof ours, "%s", n);
            continue;
        }
        if (!*other)
            snprintf(other, sizeof other, "%s", n);
    }
    closedir(dd);
    if (rc)
        return rc;
    if (!o->result && k->alt_marker) {
        /* A run killed before its first summary leaves only its checkpoint. */
        char dir[NAME_MAX + 1];
        const char *slash = strchr(k->alt_marker, '/');
        snprintf(dir, sizeof dir, "%.*s", (int)(slash - k->alt_marker), k->alt_marker);
        int fd = openat(o->fd, dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
            o->result = cs_outdir_has(fd, slash + 1);
            close(fd);
        }
    }
    if (!o->result && (*other || *ours)) {
        cs_diag_error(d, "output folder '%s' is not empty (it holds '%s') and holds no %s (%s): "
                         "choose another %s",
                      o->path, *other ? other : ours, k->what, k->marker, option(o));
        return CS_ERR_INPUT;
    }
    return staging ? clear_staging(o, k, d) : 0;
}

int cs_outdir_open(cs_outdir *o, const char *path, const cs_outdir_kind *k, int flags,
                   cs_diag *d)
{
    memset(o, 0, sizeof *o);
    o->fd = -1;
    if (!path || !*path) {
        cs_diag_error(d, "the output folder's name is empty: give %s a folder",
                      k->option ? k->option : "--out");
        return CS_ERR_INPUT;
    }
    if (!(o->path = strdup(path)))
        return CS_ERR_NOMEM;
    o->option = k->option;
    /* The folder itself is the user's path: a link they made to it is
     * theirs to make. What is in it is never followed. */
    o->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (o->fd < 0 && errno == ENOENT) {
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
            cs_diag_error(d, "output folder '%s' is a symbolic link to a folder that does not "
                             "exist; circlesim does not make folders through links",
                          path);
            cs_outdir_close(o);
            return CS_ERR_INPUT;
        }
        if (flags & CS_OUTDIR_EXISTING) {
            cs_outdir_close(o);
            return 0;
        }
        if (mkdir_p(path) != 0) {
            cs_diag_error(d, "cannot create output folder '%s': %s", path, strerror(errno));
            cs_outdir_close(o);
            return CS_ERR_RUNTIME;
        }
        o->made = 1;
        o->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    }
    if (o->fd < 0) {
        /* A folder that cannot be made or used is a runtime failure
         * (exit 1, README.md's exit codes), whatever is in the way. */
        cs_diag_error(d, "cannot use output folder '%s': %s", path, strerror(errno));
        cs_outdir_close(o);
        return CS_ERR_RUNTIME;
    }
    int rc = lock(o, d);
    if (!rc)
        rc = inspect(o, k, d);
    if (!rc && (flags & CS_OUTDIR_CLEAR))
        rc = cs_outdir_clear(o, k, d);
    if (rc)
        cs_outdir_close(o);
    return rc;
}

int cs_outdir_clear(cs_outdir *o, const cs_outdir_kind *k, cs_diag *d)
{
    DIR *dd = cs_list_folder(o->fd);
    if (!dd) {
        cs_diag_error(d, "cannot read output folder '%s': %s", o->path, strerror(errno));
        return CS_ERR_RUNTIME;
    }
    int rc = 0;
    struct dirent *e;
    while (rc == 0 && (e = readdir(dd)) != NULL)
        if (kind_file(k, e->d_name) && cs_outdir_has(o->fd, e->d_name) &&
            unlinkat(o->fd, e->d_name, 0) != 0 && errno != ENOENT) {
            cs_diag_error(d, "cannot clear '%s/%s': %s", o->path, e->d_name, strerror(errno));
            rc = CS_ERR_RUNTIME;
        }
    closedir(dd);
    return rc;
}

void cs_outdir_close(cs_outdir *o)
{
    if (o->fd >= 0) {
        note_held(o->fd, 0);
        close(o->fd); /* the lock goes with the last descriptor */
    }
    free(o->path);
    memset(o, 0, sizeof *o);
    o->fd = -1;
}

void cs_outdir_discard(cs_outdir *o)
{
    /* Removed from its parent as reached from the folder itself, and only
     * if the name there is still this folder: a folder put in its place
     * meanwhile is someone else's. */
    if (o->made && o->fd >= 0 && o->path) {
        const char *slash = strrchr(o->path, '/');
        while (slash && slash[1] == '\0' && slash > o->path) /* "out/" */
            slash = memrchr(o->path, '/', (size_t)(slash - o->path));
        char base[NAME_MAX + 1];
        snprintf(base, sizeof base, "%s", slash ? slash + 1 : o->path);
        base[strcspn(base, "/")] = '\0';
        int parent = openat(o->fd, "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        struct stat mine, there;
        if (parent >= 0 && fstat(o->fd, &mine) == 0 &&
            fstatat(parent, base, &there, AT_SYMLINK_NOFOLLOW) == 0 &&
            mine.st_ino == there.st_ino && mine.st_dev == there.st_dev)
            unlinkat(parent, base, AT_REMOVEDIR); /* only when empty */
        if (parent >= 0)
            close(parent);
    }
    cs_outdir_close(o);
}
