/* fileio.c - atomic writes (temporary + rename) and bounded whole-file reads. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include "circlesim/fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int cs_atomic_open(cs_atomic_file *f, const char *path, cs_diag *diag)
{
    static unsigned counter; /* distinguishes temporaries of one process */
    memset(f, 0, sizeof *f);
    size_t len = strlen(path);
    f->final_path = strdup(path);
    f->tmp_path = malloc(len + 48);
    if (!f->final_path || !f->tmp_path) {
        cs_diag_error(diag, "out of memory");
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    /* Same folder as the destination, so rename() never crosses devices;
     * a dot name, so a listing does not show it; pid and a counter, so
     * concurrent writers never collide. Created with mode 0666 for the
     * umask to trim, like any file a program writes. */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
    int fd = -1;
    for (int attempt = 0; attempt < 100 && fd < 0; attempt++) {
        unsigned k = __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED);
        snprintf(f->tmp_path, len + 48, "%.*s.%s" CS_TMP_MARK "%ld.%u", (int)dirlen, path,
                 path + dirlen, (long)getpid(), k);
        fd = open(f->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST)
            break;
    }
    if (fd < 0) {
        cs_diag_error(diag, "cannot create '%s': %s", path, strerror(errno));
        free(f->tmp_path);
        f->tmp_path = NULL;
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        close(fd);
        cs_diag_error(diag, "cannot write '%s': %s", path, strerror(errno));
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    return 0;
}

/* After a rename the new name lives in the folder's data: sync it too, so
 * a crash right after cannot lose the file. */
char *cs_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static void sync_folder(const char *path)
{
    char *dir = cs_dirname(path);
    if (!dir)
        return;
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
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
    if (!err && rename(f->tmp_path, f->final_path) != 0) {
        err = 1;
        saved = errno;
    }
    if (err) {
        cs_diag_error(diag, "cannot write '%s': %s", f->final_path, strerror(saved));
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    sync_folder(f->final_path);
    free(f->tmp_path);
    free(f->final_path);
    f->tmp_path = f->final_path = NULL;
    return 0;
}

void cs_atomic_abort(cs_atomic_file *f)
{
    if (f->fp)
        fclose(f->fp);
    if (f->tmp_path)
        unlink(f->tmp_path);
    free(f->tmp_path);
    free(f->final_path);
    memset(f, 0, sizeof *f);
}

int cs_is_tmp_name(const char *name)
{
    return name[0] == '.' && strstr(name, CS_TMP_MARK) != NULL;
}

int cs_write_file_atomic(const char *path, const void *data, size_t len, cs_diag *diag)
{
    cs_atomic_file f;
    int rc = cs_atomic_open(&f, path, diag);
    if (rc)
        return rc;
    if (len && fwrite(data, 1, len, f.fp) != len) {
        cs_diag_error(diag, "cannot write '%s': %s", path, strerror(errno));
        cs_atomic_abort(&f);
        return CS_ERR_RUNTIME;
    }
    return cs_atomic_commit(&f, diag);
}

int cs_write_text_in(const char *dir, const char *name, const char *text, cs_diag *diag)
{
    char *path = NULL;
    if (asprintf(&path, "%s/%s", dir, name) < 0)
        return CS_ERR_NOMEM;
    int rc = cs_write_file_atomic(path, text, strlen(text), diag);
    free(path);
    return rc;
}

int cs_read_file(const char *path, size_t max_bytes, char **data, size_t *len, const char **why)
{
    *data = NULL;
    *len = 0;
    /* O_NONBLOCK: opening a FIFO must not wait for a writer; only regular
     * files are read (a device such as /dev/zero never ends). */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        *why = strerror(errno);
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
