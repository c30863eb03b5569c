/*
 * powercut.so: an LD_PRELOAD shim that keeps, beside the real files of one directory, a copy of
 * what a disk would still hold after a power cut: the bytes as they were at the last fsync (or
 * fdatasync) of each file. Writes go through to the real files as usual (the process reads its
 * own writes back as the page cache would give them); the ranges each write touched are noted,
 * and an fsync copies exactly those ranges, and the file's size, into the "durable" copy.
 *
 * A test SIGKILLs the process and puts the durable copies in place of the real files: that is
 * the disk after the cut. Writes that were never fsynced are gone; a file never fsynced is gone.
 * Directory entries are taken as durable (SQLite fsyncs its directory when it creates a journal
 * file; this shim does not model lost directory entries).
 *
 *   POWERCUT_DIR     the data directory whose files are watched (absolute path)
 *   POWERCUT_SHADOW  where the durable copies are kept (same file names)
 *
 * Built by the test with the machine's gcc: gcc -shared -fPIC -O2 -o powercut.so powercut.c -ldl
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <unistd.h>

#define MAX_FD 4096
#define MAX_RANGES 4096

typedef struct {
  int watched;           /* 1: a file of POWERCUT_DIR; -1: looked at, not ours; 0: unknown */
  char shadow[PATH_MAX]; /* its durable copy */
  int nranges;
  off_t start[MAX_RANGES];
  off_t end[MAX_RANGES];
  int overflow; /* too many ranges: copy the whole file at the next fsync */
} fdstate;

static fdstate *fds[MAX_FD];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static ssize_t (*real_write)(int, const void *, size_t);
static ssize_t (*real_pwrite)(int, const void *, size_t, off_t);
static ssize_t (*real_pwrite64)(int, const void *, size_t, off_t);
static ssize_t (*real_writev)(int, const struct iovec *, int);
static ssize_t (*real_pread)(int, void *, size_t, off_t);
static int (*real_fsync)(int);
static int (*real_fdatasync)(int);
static int (*real_ftruncate)(int, off_t);
static int (*real_ftruncate64)(int, off_t);
static int (*real_close)(int);
static int (*real_open)(const char *, int, ...);

static void init(void) {
  if (real_write) return;
  real_write = dlsym(RTLD_NEXT, "write");
  real_pwrite = dlsym(RTLD_NEXT, "pwrite");
  real_pwrite64 = dlsym(RTLD_NEXT, "pwrite64");
  real_writev = dlsym(RTLD_NEXT, "writev");
  real_pread = dlsym(RTLD_NEXT, "pread");
  real_fsync = dlsym(RTLD_NEXT, "fsync");
  real_fdatasync = dlsym(RTLD_NEXT, "fdatasync");
  real_ftruncate = dlsym(RTLD_NEXT, "ftruncate");
  real_ftruncate64 = dlsym(RTLD_NEXT, "ftruncate64");
  real_close = dlsym(RTLD_NEXT, "close");
  real_open = dlsym(RTLD_NEXT, "open");
}

/* The state of fd if it is a file of the watched directory, else NULL. Call with lock held. */
static fdstate *state_of(int fd) {
  if (fd < 0 || fd >= MAX_FD) return NULL;
  fdstate *s = fds[fd];
  if (s) return s->watched == 1 ? s : NULL;
  const char *dir = getenv("POWERCUT_DIR");
  const char *shadow = getenv("POWERCUT_SHADOW");
  s = calloc(1, sizeof(fdstate));
  if (!s) return NULL;
  fds[fd] = s;
  s->watched = -1;
  if (!dir || !shadow) return NULL;
  char link[64], path[PATH_MAX];
  snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  ssize_t n = readlink(link, path, sizeof path - 1);
  if (n <= 0) return NULL;
  path[n] = 0;
  size_t dl = strlen(dir);
  if (strncmp(path, dir, dl) != 0 || path[dl] != '/' || strchr(path + dl + 1, '/')) return NULL;
  snprintf(s->shadow, sizeof s->shadow, "%s/%s", shadow, path + dl + 1);
  s->watched = 1;
  return s;
}

static void note(int fd, off_t off, size_t len) {
  if (len == 0) return;
  pthread_mutex_lock(&lock);
  fdstate *s = state_of(fd);
  if (s) {
    /* Extend the last range when writes are sequential (the WAL's are). */
    if (s->nranges > 0 && s->end[s->nranges - 1] == off) s->end[s->nranges - 1] = off + (off_t)len;
    else if (s->nranges < MAX_RANGES) {
      s->start[s->nranges] = off;
      s->end[s->nranges] = off + (off_t)len;
      s->nranges++;
    } else s->overflow = 1;
  }
  pthread_mutex_unlock(&lock);
}

/* Make what was written to fd durable: copy the noted ranges and the size into the shadow. */
static void persist(int fd) {
  pthread_mutex_lock(&lock);
  fdstate *s = state_of(fd);
  if (s) {
    int out = real_open(s->shadow, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (out >= 0) {
      struct stat st;
      if (fstat(fd, &st) == 0) {
        static char buf[1 << 16];
        if (s->overflow) {
          s->nranges = 1;
          s->start[0] = 0;
          s->end[0] = st.st_size;
        }
        for (int i = 0; i < s->nranges; i++) {
          off_t from = s->start[i], to = s->end[i] < st.st_size ? s->end[i] : st.st_size;
          while (from < to) {
            size_t want = (size_t)(to - from) < sizeof buf ? (size_t)(to - from) : sizeof buf;
            ssize_t got = real_pread(fd, buf, want, from);
            if (got <= 0) break;
            real_pwrite(out, buf, (size_t)got, from);
            from += got;
          }
        }
        real_ftruncate(out, st.st_size);
        real_fsync(out);
      }
      real_close(out);
    }
    s->nranges = 0;
    s->overflow = 0;
  }
  pthread_mutex_unlock(&lock);
}

ssize_t write(int fd, const void *buf, size_t n) {
  init();
  off_t off = lseek(fd, 0, SEEK_CUR);
  ssize_t r = real_write(fd, buf, n);
  if (r > 0 && off >= 0) note(fd, off, (size_t)r);
  return r;
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off) {
  init();
  ssize_t r = real_pwrite(fd, buf, n, off);
  if (r > 0) note(fd, off, (size_t)r);
  return r;
}

ssize_t pwrite64(int fd, const void *buf, size_t n, off_t off) {
  init();
  ssize_t r = real_pwrite64(fd, buf, n, off);
  if (r > 0) note(fd, off, (size_t)r);
  return r;
}

ssize_t writev(int fd, const struct iovec *iov, int cnt) {
  init();
  off_t off = lseek(fd, 0, SEEK_CUR);
  ssize_t r = real_writev(fd, iov, cnt);
  if (r > 0 && off >= 0) note(fd, off, (size_t)r);
  return r;
}

int ftruncate(int fd, off_t len) {
  init();
  return real_ftruncate(fd, len); /* the size is taken at the next fsync */
}

int ftruncate64(int fd, off_t len) {
  init();
  return real_ftruncate64(fd, len);
}

int fsync(int fd) {
  init();
  int r = real_fsync(fd);
  if (r == 0) persist(fd);
  return r;
}

int fdatasync(int fd) {
  init();
  int r = real_fdatasync(fd);
  if (r == 0) persist(fd);
  return r;
}

int close(int fd) {
  init();
  pthread_mutex_lock(&lock);
  if (fd >= 0 && fd < MAX_FD && fds[fd]) {
    free(fds[fd]); /* unsynced ranges are simply forgotten: close is no fsync */
    fds[fd] = NULL;
  }
  pthread_mutex_unlock(&lock);
  return real_close(fd);
}
