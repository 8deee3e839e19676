// The one place with system calls that differ between Linux and Darwin: starting a TeX
// engine with a sandbox, resource limits and a tie to its parent's life.
//
// Linux: fork, then in the child only async-signal-safe calls: setpgid, prctl(PR_SET_PDEATHSIG),
// setrlimit, signal resets, chdir, dup2, Landlock (raw syscalls), execve.
// Darwin: the same without Landlock and the parent-death signal (neither exists there).
// Also: feeding a waiting engine through a named pipe without SIGPIPE, and file notifications
// (inotify on Linux, kqueue elsewhere).

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <time.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifdef __linux__
#include <sys/inotify.h>
#include <sys/prctl.h>
#include <sys/syscall.h>

#ifndef __NR_landlock_create_ruleset
#define __NR_landlock_create_ruleset 444
#define __NR_landlock_add_rule 445
#define __NR_landlock_restrict_self 446
#endif

#define LL_CREATE_RULESET_VERSION (1U << 0)
#define LL_RULE_PATH_BENEATH 1

#define LL_EXECUTE (1ULL << 0)
#define LL_WRITE_FILE (1ULL << 1)
#define LL_READ_FILE (1ULL << 2)
#define LL_READ_DIR (1ULL << 3)
#define LL_REMOVE_DIR (1ULL << 4)
#define LL_REMOVE_FILE (1ULL << 5)
#define LL_MAKE_CHAR (1ULL << 6)
#define LL_MAKE_DIR (1ULL << 7)
#define LL_MAKE_REG (1ULL << 8)
#define LL_MAKE_SOCK (1ULL << 9)
#define LL_MAKE_FIFO (1ULL << 10)
#define LL_MAKE_BLOCK (1ULL << 11)
#define LL_MAKE_SYM (1ULL << 12)
#define LL_REFER (1ULL << 13)
#define LL_TRUNCATE (1ULL << 14)

struct ll_ruleset_attr {
    uint64_t handled_access_fs;
};

struct __attribute__((packed)) ll_path_beneath_attr {
    uint64_t allowed_access;
    int32_t parent_fd;
};

int cv_landlock_abi(void) {
    long abi = syscall(__NR_landlock_create_ruleset, NULL, 0, LL_CREATE_RULESET_VERSION);
    return abi < 0 ? 0 : (int)abi;
}

int cv_has_parent_death_signal(void) { return 1; }

static uint64_t handled_rights(int abi) {
    uint64_t all = LL_EXECUTE | LL_WRITE_FILE | LL_READ_FILE | LL_READ_DIR | LL_REMOVE_DIR |
                   LL_REMOVE_FILE | LL_MAKE_CHAR | LL_MAKE_DIR | LL_MAKE_REG | LL_MAKE_SOCK |
                   LL_MAKE_FIFO | LL_MAKE_BLOCK | LL_MAKE_SYM;
    if (abi >= 2) all |= LL_REFER;
    if (abi >= 3) all |= LL_TRUNCATE;
    return all;
}

static int add_rule(int ruleset, const char *path, uint64_t rights) {
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return errno == ENOENT || errno == ENOTDIR || errno == EACCES ? 0 : errno;
    struct stat st;
    if (fstat(fd, &st) != 0) { int e = errno; close(fd); return e; }
    if (!S_ISDIR(st.st_mode)) {
        // A file takes only the rights that apply to files.
        rights &= LL_EXECUTE | LL_WRITE_FILE | LL_READ_FILE | LL_TRUNCATE;
    }
    struct ll_path_beneath_attr attr = {.allowed_access = rights, .parent_fd = fd};
    long r = syscall(__NR_landlock_add_rule, ruleset, LL_RULE_PATH_BENEATH, &attr, 0);
    int e = r < 0 ? errno : 0;
    close(fd);
    return e;
}

/// In the child: confine the process to the sandbox's paths. Returns 0 or an errno value.
static int restrict_self(const cv_sandbox *sb) {
    int abi = cv_landlock_abi();
    if (abi <= 0) return 0;
    uint64_t handled = handled_rights(abi);
    struct ll_ruleset_attr attr = {.handled_access_fs = handled};
    int ruleset = (int)syscall(__NR_landlock_create_ruleset, &attr, sizeof attr, 0);
    if (ruleset < 0) return errno;
    uint64_t read_rights = LL_EXECUTE | LL_READ_FILE | LL_READ_DIR;
    for (int i = 0; i < sb->read_count; i++) {
        int e = add_rule(ruleset, sb->read_paths[i], read_rights);
        if (e) { close(ruleset); return e; }
    }
    for (int i = 0; i < sb->write_count; i++) {
        int e = add_rule(ruleset, sb->write_paths[i], handled & ~LL_EXECUTE);
        if (e) { close(ruleset); return e; }
    }
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) { int e = errno; close(ruleset); return e; }
    if (syscall(__NR_landlock_restrict_self, ruleset, 0) != 0) { int e = errno; close(ruleset); return e; }
    close(ruleset);
    return 0;
}
#else
int cv_landlock_abi(void) { return 0; }
int cv_has_parent_death_signal(void) { return 0; }
static int restrict_self(const cv_sandbox *sb) { (void)sb; return 0; }
#endif

static void report(int fd, int stage, int error) {
    int message[2] = {stage, error};
    ssize_t ignored = write(fd, message, sizeof message);
    (void)ignored;
    _exit(127);
}

int cv_spawn(const char *path, char *const argv[], char *const envp[], const char *directory,
             const char *output, const cv_sandbox *sandbox, pid_t *pid, int *stage) {
    *stage = CV_STAGE_NONE;
    int pipefd[2];
#ifdef __linux__
    if (pipe2(pipefd, O_CLOEXEC) != 0) { *stage = CV_STAGE_FORK; return errno; }
#else
    if (pipe(pipefd) != 0) { *stage = CV_STAGE_FORK; return errno; }
    fcntl(pipefd[0], F_SETFD, FD_CLOEXEC);
    fcntl(pipefd[1], F_SETFD, FD_CLOEXEC);
#endif
#ifdef __linux__
    pid_t parent = getpid();
#endif
    pid_t child = fork();
    if (child < 0) {
        int e = errno;
        close(pipefd[0]);
        close(pipefd[1]);
        *stage = CV_STAGE_FORK;
        return e;
    }
    if (child == 0) {
        close(pipefd[0]);
        setpgid(0, 0);
#ifdef __linux__
        // Dies with cvbuild, even after kill -9; the parent may already be gone.
        prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
        if (getppid() != parent) _exit(127);
#endif
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        for (int s = 1; s < 32; s++) {
            if (s != SIGKILL && s != SIGSTOP) signal(s, SIG_DFL);
        }
        if (chdir(directory) != 0) report(pipefd[1], CV_STAGE_DIRECTORY, errno);
        int in = open("/dev/null", O_RDONLY);
        int out = output ? open(output, O_WRONLY | O_CREAT | O_TRUNC, 0600) : open("/dev/null", O_WRONLY);
        if (in < 0 || out < 0 || dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0) {
            report(pipefd[1], CV_STAGE_STREAMS, errno);
        }
        if (in > 2) close(in);
        if (out > 2) close(out);
        struct rlimit core = {0, 0};
        setrlimit(RLIMIT_CORE, &core);
        if (sandbox && sandbox->max_file_size > 0) {
            struct rlimit fsize = {(rlim_t)sandbox->max_file_size, (rlim_t)sandbox->max_file_size};
            if (setrlimit(RLIMIT_FSIZE, &fsize) != 0) report(pipefd[1], CV_STAGE_LIMITS, errno);
        }
        if (sandbox && sandbox->use_landlock) {
            int e = restrict_self(sandbox);
            if (e) report(pipefd[1], CV_STAGE_SANDBOX, e);
        }
        execve(path, argv, envp);
        report(pipefd[1], CV_STAGE_EXEC, errno);
    }
    close(pipefd[1]);
    int message[2] = {0, 0};
    ssize_t n;
    do { n = read(pipefd[0], message, sizeof message); } while (n < 0 && errno == EINTR);
    close(pipefd[0]);
    if (n == (ssize_t)sizeof message) {
        int status;
        while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
        *stage = message[0];
        return message[1];
    }
    *pid = child;
    return 0;
}

// ---- feeding a waiting engine through a named pipe

int cv_feed_fifo(const char *path, const char *data, size_t length, pid_t reader, int timeout_ms) {
    int fd;
    struct timespec step = {0, 1000000};  // 1 ms
    for (int waited = 0;; waited++) {
        fd = open(path, O_WRONLY | O_NONBLOCK | O_CLOEXEC);
        if (fd >= 0) break;
        if (errno == EINTR) continue;
        if (errno != ENXIO) return errno;  // ENXIO: the engine has not opened it yet
        if (kill(reader, 0) != 0 && errno == ESRCH) return ESRCH;
        if (waited >= timeout_ms) return ETIMEDOUT;
        nanosleep(&step, NULL);
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0) fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
#ifdef F_SETPIPE_SZ
    if (length > 65536) fcntl(fd, F_SETPIPE_SZ, (int)(length < (1u << 20) ? length : (1u << 20)));
#endif
#ifdef F_SETNOSIGPIPE
    fcntl(fd, F_SETNOSIGPIPE, 1);
#endif
    sigset_t pipe_signal, old;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, &old);
    int result = 0;
    size_t written = 0;
    while (written < length) {
        ssize_t n = write(fd, data + written, length - written);
        if (n < 0) {
            if (errno == EINTR) continue;
            result = errno;
            break;
        }
        written += (size_t)n;
    }
    close(fd);
#ifdef __linux__
    if (result == EPIPE && !sigismember(&old, SIGPIPE)) {
        struct timespec none = {0, 0};
        while (sigtimedwait(&pipe_signal, NULL, &none) < 0 && errno == EINTR) {}
    }
#endif
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    return result;
}

// ---- file notifications

#ifdef __linux__

int cv_watch_open(void) { return inotify_init1(IN_CLOEXEC | IN_NONBLOCK); }

int cv_watch_add(int fd, const char *path) {
    uint32_t mask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB
                  | IN_DELETE_SELF | IN_MOVE_SELF;
    return inotify_add_watch(fd, path, mask) < 0 ? errno : 0;
}

static void drain(int fd) {
    char buffer[8192];
    while (read(fd, buffer, sizeof buffer) > 0) {}
}

void cv_watch_close(int fd) { if (fd >= 0) close(fd); }

#else
#include <sys/event.h>

// kqueue watches open files: they are remembered here and closed with their queue.
#define CV_WATCH_MAX 4096
static int watched_fd[CV_WATCH_MAX];
static int watched_queue[CV_WATCH_MAX];
static int watched_count = 0;
static pthread_mutex_t watched_lock = PTHREAD_MUTEX_INITIALIZER;

int cv_watch_open(void) { return kqueue(); }

int cv_watch_add(int kq, const char *path) {
#ifdef O_EVTONLY
    int fd = open(path, O_EVTONLY | O_CLOEXEC);
#else
    int fd = open(path, O_RDONLY | O_CLOEXEC);
#endif
    if (fd < 0) return errno;
    struct kevent change;
    EV_SET(&change, fd, EVFILT_VNODE, EV_ADD | EV_CLEAR,
           NOTE_WRITE | NOTE_EXTEND | NOTE_DELETE | NOTE_RENAME | NOTE_ATTRIB, 0, NULL);
    if (kevent(kq, &change, 1, NULL, 0, NULL) < 0) { int e = errno; close(fd); return e; }
    pthread_mutex_lock(&watched_lock);
    if (watched_count < CV_WATCH_MAX) {
        watched_fd[watched_count] = fd;
        watched_queue[watched_count] = kq;
        watched_count++;
    }
    pthread_mutex_unlock(&watched_lock);
    return 0;
}

static void drain(int kq) {
    struct kevent events[64];
    struct timespec none = {0, 0};
    while (kevent(kq, NULL, 0, events, 64, &none) > 0) {}
}

void cv_watch_close(int kq) {
    if (kq < 0) return;
    pthread_mutex_lock(&watched_lock);
    int kept = 0;
    for (int i = 0; i < watched_count; i++) {
        if (watched_queue[i] == kq) { close(watched_fd[i]); continue; }
        watched_fd[kept] = watched_fd[i];
        watched_queue[kept] = watched_queue[i];
        kept++;
    }
    watched_count = kept;
    pthread_mutex_unlock(&watched_lock);
    close(kq);
}

#endif

int cv_watch_wait(int fd, int timeout_ms) {
    struct pollfd p = {fd, POLLIN, 0};
    int n = poll(&p, 1, timeout_ms);
    if (n < 0) return errno == EINTR ? 0 : -1;
    if (n == 0) return 0;
    drain(fd);
    return 1;
}
