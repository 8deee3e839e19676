#ifndef CSANDBOX_H
#define CSANDBOX_H

#include <sys/types.h>

/// What the child may touch and how much it may write. Paths that do not exist are skipped.
typedef struct {
    /// Folders and files the child may read (and execute from).
    const char *const *read_paths;
    int read_count;
    /// Folders the child may read and write below.
    const char *const *write_paths;
    int write_count;
    /// Largest file the child may write, in bytes; 0 for no limit (RLIMIT_FSIZE).
    unsigned long long max_file_size;
    /// Restrict file access with Landlock where the kernel has it.
    int use_landlock;
} cv_sandbox;

/// The Landlock ABI version the running kernel offers; 0 where it has none (or not Linux).
int cv_landlock_abi(void);

/// Whether the child can be tied to its parent's life (PR_SET_PDEATHSIG on Linux).
int cv_has_parent_death_signal(void);

/// Starts `path` with `argv` and `envp` in `directory`, standard input on /dev/null and standard
/// output and error into the file `output` (created; NULL for /dev/null), in a
/// process group of its own, with a clean signal mask and default dispositions, under
/// `sandbox` (may be NULL). The child is killed when the calling thread's process dies (Linux).
/// Returns 0 and sets `*pid`, or an errno value: from the fork, or from the child's set-up or
/// exec (reported back through a close-on-exec pipe). `*stage` names the step that failed.
int cv_spawn(const char *path, char *const argv[], char *const envp[], const char *directory,
             const char *output, const cv_sandbox *sandbox, pid_t *pid, int *stage);

/// Steps of `cv_spawn`, for error messages.
enum {
    CV_STAGE_NONE = 0,
    CV_STAGE_FORK = 1,
    CV_STAGE_DIRECTORY = 2,
    CV_STAGE_STREAMS = 3,
    CV_STAGE_LIMITS = 4,
    CV_STAGE_SANDBOX = 5,
    CV_STAGE_EXEC = 6,
};

/// Writes `length` bytes of `data` into the named pipe `path` for the process `reader`, then
/// closes it. Waits for `reader` to open the pipe, but gives up with ESRCH as soon as `reader`
/// has exited, and with ETIMEDOUT after `timeout_ms`. A reader that stops reading early gives
/// EPIPE, never a SIGPIPE: the signal is blocked in the calling thread and taken back.
/// Returns 0 or an errno value.
int cv_feed_fifo(const char *path, const char *data, size_t length, pid_t reader, int timeout_ms);

/// File notifications: inotify on Linux, kqueue on Darwin and the BSDs. -1 where there are none.
int cv_watch_open(void);
/// Watches `path`: a folder (entries created, removed, renamed, written and closed) on Linux;
/// a file or folder (written, extended, renamed, removed, attributes) with kqueue. Returns 0 or an errno value.
int cv_watch_add(int fd, const char *path);
/// Waits up to `timeout_ms` for notifications and drains them: 1 when something changed,
/// 0 on time-out, -1 on error.
int cv_watch_wait(int fd, int timeout_ms);
void cv_watch_close(int fd);

#endif
