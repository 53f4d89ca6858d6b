/* SPDX-License-Identifier: MIT */
/* fileio.c - atomic writes (temporary + rename) and bounded whole-file reads. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "base/fileio.h"
#include "base/alloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

/* Temporaries being written now, for a signal handler to remove: a slot
 * is claimed with an atomic exchange, filled, then published by `used`. */
#define TMP_SLOTS 64
static struct {
    volatile sig_atomic_t used;
    int claimed;
    int dirfd;
    char name[NAME_MAX + 1];
} tmp_slots[TMP_SLOTS];

static int claim_slot(int dirfd, const char *name)
{
    if (strlen(name) > NAME_MAX)
        return -1;
    for (int i = 0; i < TMP_SLOTS; i++)
        if (!__atomic_exchange_n(&tmp_slots[i].claimed, 1, __ATOMIC_ACQ_REL)) {
            tmp_slots[i].dirfd = dirfd;
            strcpy(tmp_slots[i].name, name);
            __atomic_store_n(&tmp_slots[i].used, 1, __ATOMIC_RELEASE);
            return i;
        }
    return -1; /* more at once than slots: that one is not removed on a signal */
}

static void release_slot(int i)
{
    if (i < 0)
        return;
    __atomic_store_n(&tmp_slots[i].used, 0, __ATOMIC_RELEASE);
    __atomic_store_n(&tmp_slots[i].claimed, 0, __ATOMIC_RELEASE);
}

void cs_atomic_remove_all(void)
{
    for (int i = 0; i < TMP_SLOTS; i++)
        if (__atomic_load_n(&tmp_slots[i].used, __ATOMIC_ACQUIRE))
            unlinkat(tmp_slots[i].dirfd, tmp_slots[i].name, 0);
}

static void remove_and_die(int sig)
{
    cs_atomic_remove_all();
    signal(sig, SIG_DFL);
    raise(sig);
}

void cs_atomic_remove_on_signal(void)
{
    static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        struct sigaction old, sa;
        if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = remove_and_die;
        sigemptyset(&sa.sa_mask);
        sigaction(sigs[i], &sa, NULL);
    }
}

long cs_tmp_name_pid(const char *name)
{
    const char *mark = name[0] == '.' ? strstr(name, CS_TMP_MARK) : NULL;
    if (!mark)
        return -1;
    /* The last mark: a destination's own name may hold one. */
    for (const char *m; (m = strstr(mark + 1, CS_TMP_MARK)) != NULL;)
        mark = m;
    char *end;
    long pid = strtol(mark + strlen(CS_TMP_MARK), &end, 10);
    return pid > 0 && *end == '.' ? pid : -1;
}

DIR *cs_list_folder(int fd)
{
    int scan = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    DIR *dd = scan >= 0 ? fdopendir(scan) : NULL;
    if (!dd && scan >= 0) {
        int e = errno;
        close(scan);
        errno = e;
    }
    return dd;
}

int cs_tmp_abandoned(const char *name)
{
    /* A writer still alive (another command on this machine) keeps its
     * temporary. */
    long pid = cs_tmp_name_pid(name);
    return pid > 0 && pid != (long)getpid() && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Removes from the folder open as dirfd the temporaries of writers of
 * name whose process is gone: regular files only. */
static void remove_stale_temporaries(int dirfd, const char *name)
{
    DIR *d = cs_list_folder(dirfd);
    size_t nlen = strlen(name);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        struct stat st;
        if (n[0] == '.' && strncmp(n + 1, name, nlen) == 0 &&
            strncmp(n + 1 + nlen, CS_TMP_MARK, strlen(CS_TMP_MARK)) == 0 &&
            cs_tmp_abandoned(n) && fstatat(dirfd, n, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
            S_ISREG(st.st_mode))
            unlinkat(dirfd, n, 0);
    }
    if (d)
        closedir(d);
}

static void reset(cs_atomic_file *f)
{
    memset(f, 0, sizeof *f);
    f->dirfd = f->slot = -1;
}

int cs_atomic_openat(cs_atomic_file *f, int dirfd, const char *name, const char *shown,
                     cs_diag *diag)
{
    static unsigned counter; /* distinguishes temporaries of one process */
    reset(f);
    if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
        cs_diag_error(diag, "cannot write '%s': it names a folder, not a file", shown);
        return CS_ERR_RUNTIME;
    }
    f->dirfd = fcntl(dirfd, F_DUPFD_CLOEXEC, 0);
    size_t len = strlen(name);
    f->name = strdup(name);
    f->shown = strdup(shown);
    f->tmp_name = malloc(len + 48);
    if (f->dirfd < 0 || !f->name || !f->shown || !f->tmp_name) {
        cs_diag_error(diag, "cannot create '%s': %s", shown,
                      f->dirfd < 0 ? strerror(errno) : "out of memory");
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    /* A device, FIFO or socket at the name is not replaced: as root,
     * --out /dev/null would otherwise replace the system's. A link or a
     * regular file is (renameat replaces the link, never its target). */
    struct stat st;
    if (fstatat(f->dirfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode) &&
        !S_ISLNK(st.st_mode)) {
        cs_diag_error(diag, "cannot write '%s': it is %s, not a file; circlesim replaces only "
                            "files",
                      shown, S_ISDIR(st.st_mode) ? "a folder" : "a device, FIFO or socket");
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    remove_stale_temporaries(f->dirfd, name);
    /* A dot name, so a listing does not show it; pid and a counter, so
     * concurrent writers never collide; O_EXCL and O_NOFOLLOW, so a link
     * planted under the name is never written through. Created with mode
     * 0666 for the umask to trim, like any file a program writes. */
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        unsigned k = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
        snprintf(f->tmp_name, len + 48, ".%s" CS_TMP_MARK "%ld.%u", name, (long)getpid(), k);
        f->slot = claim_slot(f->dirfd, f->tmp_name);
        fd = openat(f->dirfd, f->tmp_name,
                    O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);
        if (fd < 0) {
            release_slot(f->slot);
            f->slot = -1;
            if (errno != EEXIST)
                break;
        }
    }
    if (fd < 0) {
        cs_diag_error(diag, "cannot create '%s': %s", shown, strerror(errno));
        free(f->tmp_name);
        f->tmp_name = NULL;
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        close(fd);
        cs_diag_error(diag, "cannot write '%s': %s", shown, strerror(errno));
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    return 0;
}

char *cs_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

int cs_atomic_open(cs_atomic_file *f, const char *path, cs_diag *diag)
{
    reset(f);
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base) {
        cs_diag_error(diag, "cannot write '%s': it names a folder, not a file", path);
        return CS_ERR_RUNTIME;
    }
    char *dir = cs_dirname(path);
    int dirfd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
    if (dirfd < 0) {
        cs_diag_error(diag, "cannot create '%s': %s", path,
                      dir ? strerror(errno) : "out of memory");
        free(dir);
        return CS_ERR_RUNTIME;
    }
    free(dir);
    int rc = cs_atomic_openat(f, dirfd, base, path, diag);
    close(dirfd);
    return rc;
}

int cs_atomic_commit(cs_atomic_file *f, cs_diag *diag)
{
    int saved = EIO; /* what a stream error without errno most likely was */
    int err = ferror(f->fp);
    if (err) {
        /* An earlier write failed and its errno is gone. The file is
         * discarded anyway, so one more byte at its end finds the reason
         * again (ENOSPC, EFBIG) for the message. */
        fflush(f->fp);
        if (write(fileno(f->fp), "", 1) < 0)
            saved = errno;
    }
    if (!err && (fflush(f->fp) != 0 || fsync(fileno(f->fp)) != 0)) {
        err = 1;
        saved = errno;
    }
    if (fclose(f->fp) != 0 && !err) {
        err = 1;
        saved = errno;
    }
    f->fp = NULL;
    /* renameat replaces whatever is at the name, a link included, and
     * never writes through it. */
    if (!err && renameat(f->dirfd, f->tmp_name, f->dirfd, f->name) != 0) {
        err = 1;
        saved = errno;
    }
    if (err) {
        cs_diag_error(diag, "cannot write '%s': %s", f->shown, strerror(saved));
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    release_slot(f->slot);
    f->slot = -1;
    /* After a rename the new name lives in the folder's data: sync it too,
     * so a crash right after cannot lose the file. */
    fsync(f->dirfd);
    free(f->tmp_name);
    f->tmp_name = NULL;
    cs_atomic_abort(f);
    return 0;
}

void cs_atomic_abort(cs_atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp_name && f->dirfd >= 0)
        unlinkat(f->dirfd, f->tmp_name, 0);
    release_slot(f->slot);
    if (f->dirfd >= 0)
        close(f->dirfd);
    free(f->tmp_name);
    free(f->name);
    free(f->shown);
    reset(f);
}

int cs_space_check(int dirfd, const char *shown, uint64_t bytes, cs_diag *diag)
{
    /* The room is the smaller of the file system's free space (for an
     * ordinary user) and the file-size limit (ulimit -f). */
    uint64_t room = UINT64_MAX;
    const char *what = NULL;
    struct statvfs vfs;
    if (fstatvfs(dirfd, &vfs) == 0 && vfs.f_frsize > 0) {
        room = (uint64_t)vfs.f_bavail * (uint64_t)vfs.f_frsize;
        what = "free on its file system";
    }
    struct rlimit lim;
    if (getrlimit(RLIMIT_FSIZE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
        (uint64_t)lim.rlim_cur < room) {
        room = (uint64_t)lim.rlim_cur;
        what = "that the file-size limit allows (ulimit -f)";
    }
    if (!what || bytes <= room)
        return 0;
    char need[32], have[32];
    cs_format_size(need, sizeof need, bytes);
    cs_format_size(have, sizeof have, room);
    cs_diag_error(diag, "cannot write '%s': it would take about %s, more than the %s %s; "
                        "nothing was written",
                  shown, need, have, what);
    return CS_ERR_RUNTIME;
}

int cs_write_text_at(int dirfd, const char *dir, const char *name, const char *text,
                     cs_diag *diag)
{
    char *shown = NULL;
    if (asprintf(&shown, "%s/%s", dir, name) < 0)
        return CS_ERR_NOMEM;
    cs_atomic_file f;
    int rc = cs_atomic_openat(&f, dirfd, name, shown, diag);
    size_t len = strlen(text);
    if (!rc && len && fwrite(text, 1, len, f.fp) != len) {
        cs_diag_error(diag, "cannot write '%s': %s", shown, strerror(errno));
        cs_atomic_abort(&f);
        rc = CS_ERR_RUNTIME;
    } else if (!rc) {
        rc = cs_atomic_commit(&f, diag);
    }
    free(shown);
    return rc;
}

int cs_read_file(const char *path, size_t max_bytes, char **data, size_t *len, const char **why)
{
    return cs_read_file_at(AT_FDCWD, path, 0, max_bytes, data, len, why);
}

int cs_read_file_at(int dirfd, const char *name, int nofollow, size_t max_bytes, char **data,
                    size_t *len, const char **why)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; only regular
     * files are read (a device such as /dev/zero never ends). */
    int fd = openat(dirfd, name, O_RDONLY | O_CLOEXEC | O_NONBLOCK | (nofollow ? O_NOFOLLOW : 0));
    if (fd < 0) {
        *why = errno == ELOOP && nofollow ? "it is a symbolic link, which circlesim does not follow"
                                          : strerror(errno);
        return CS_ERR_INPUT;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        *why = strerror(errno);
        close(fd);
        return CS_ERR_INPUT;
    }
    if (!S_ISREG(st.st_mode)) {
        *why = S_ISDIR(st.st_mode) ? "it is a directory" : "it is not a regular file";
        close(fd);
        return CS_ERR_INPUT;
    }
    /* Read in chunks rather than trusting st_size: /proc files report 0,
     * and a file may grow while read. */
    size_t cap = (size_t)st.st_size < max_bytes ? (size_t)st.st_size + 1 : 65536;
    char *buf = malloc(cap + 1);
    size_t n = 0;
    if (!buf) {
        close(fd);
        return CS_ERR_NOMEM;
    }
    for (;;) {
        if (n == cap) {
            if (cap > max_bytes)
                break;
            size_t ncap = cap * 2;
            char *nb = realloc(buf, ncap + 1);
            if (!nb) {
                free(buf);
                close(fd);
                return CS_ERR_NOMEM;
            }
            buf = nb;
            cap = ncap;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            *why = strerror(errno);
            free(buf);
            close(fd);
            return CS_ERR_INPUT;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (n > max_bytes) {
        *why = "file too large";
        free(buf);
        return CS_ERR_INPUT;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}
