// The one place with system calls that differ between Linux and Darwin: starting a TeX
// engine with a sandbox, resource limits and a tie to its parent's life.
//
// Linux: fork, then in the child only async-signal-safe calls: setpgid, prctl(PR_SET_PDEATHSIG),
// setrlimit, signal resets, chdir, dup2, Landlock (raw syscalls), execve.
// Darwin: the same without Landlock and the parent-death signal (neither exists there).

#define _GNU_SOURCE
#include "csandbox.h"

#include <errno.h>
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
