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

#endif
