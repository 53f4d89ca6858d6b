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
    memset(f, 0, sizeof *f);
    size_t len = strlen(path);
    f->final_path = strdup(path);
    f->tmp_path = malloc(len + 32);
    if (!f->final_path || !f->tmp_path) {
        cs_diag_error(diag, "out of memory");
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    /* Same folder as the destination, so rename() never crosses devices. */
    const char *slash = strrchr(path, '/');
    size_t dirlen = slash ? (size_t)(slash - path + 1) : 0;
    snprintf(f->tmp_path, len + 32, "%.*s.%s.tmp.XXXXXX", (int)dirlen, path, path + dirlen);
    int fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        cs_diag_error(diag, "cannot create '%s': %s", path, strerror(errno));
        free(f->tmp_path);
        f->tmp_path = NULL;
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    /* mkstemp makes 0600; results are ordinary files. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    f->fp = fdopen(fd, "w");
    if (!f->fp) {
        close(fd);
        cs_diag_error(diag, "cannot write '%s': %s", path, strerror(errno));
        cs_atomic_abort(f);
        return CS_ERR_RUNTIME;
    }
    return 0;
}

int cs_atomic_commit(cs_atomic_file *f, cs_diag *diag)
{
    int err = ferror(f->fp) || fflush(f->fp) != 0 || fsync(fileno(f->fp)) != 0;
    int saved = errno;
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

int cs_read_file(const char *path, size_t max_bytes, char **data, size_t *len, const char **why)
{
    *data = NULL;
    *len = 0;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *why = strerror(errno);
        return CS_ERR_INPUT;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || S_ISDIR(st.st_mode)) {
        *why = S_ISDIR(st.st_mode) ? "is a directory" : strerror(errno);
        close(fd);
        return CS_ERR_INPUT;
    }
    /* Read in chunks rather than trusting st_size: pipes and /proc files
     * report 0, and a file may grow while read. */
    size_t cap = S_ISREG(st.st_mode) && (size_t)st.st_size < max_bytes ? (size_t)st.st_size + 1 : 65536;
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
