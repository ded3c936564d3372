//! Running a child process and measuring it: wall time and peak memory
//! (maxrss from `wait4`), and medians over runs.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// One finished child process.
pub struct Run {
    /// Wall time from spawn to exit.
    pub wall: Duration,
    /// Peak resident memory in bytes.
    pub peak: u64,
    /// Standard output.
    pub stdout: String,
}

/// Runs `cmd` to completion; fails when it exits non-zero.
pub fn run(cmd: &mut Command) -> Run {
    try_run(cmd).unwrap_or_else(|e| panic!("{e}"))
}

/// Runs `cmd` to completion; an error says how it failed when it exits
/// non-zero (the command, its status and its standard error).
// The child is reaped by `wait4` on its pid (for its peak memory), which
// clippy does not see.
#[allow(clippy::zombie_processes)]
pub fn try_run(cmd: &mut Command) -> Result<Run, String> {
    let start = Instant::now();
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"));
    let out = std::thread::scope(|s| {
        let mut so = child.stdout.take().expect("piped");
        let mut se = child.stderr.take().expect("piped");
        let h = s.spawn(move || {
            let mut b = String::new();
            std::io::Read::read_to_string(&mut se, &mut b).ok();
            b
        });
        let mut o = String::new();
        std::io::Read::read_to_string(&mut so, &mut o).ok();
        (o, h.join().unwrap_or_default())
    });
    let (status, peak) = wait(child.id());
    let wall = start.elapsed();
    if status != 0 {
        return Err(format!("{cmd:?} failed (status {status}):\n{}", out.1));
    }
    Ok(Run {
        wall,
        peak,
        stdout: out.0,
    })
}

/// Waits for a child by pid; its exit status and peak RSS in bytes.
fn wait(pid: u32) -> (i32, u64) {
    let mut status: libc::c_int = 0;
    // SAFETY: a zeroed rusage is a valid out-parameter for wait4.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own unreaped child; the pointers are valid.
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    assert!(r == pid as libc::pid_t, "wait4 failed");
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage.ru_maxrss as u64 * 1024)
}

/// The median of durations (the upper middle for an even count).
pub fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

/// Milliseconds, for tables.
pub fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// Size of a file or of a directory tree in bytes.
pub fn disk_size(path: &std::path::Path) -> u64 {
    let Ok(meta) = std::fs::metadata(path) else {
        return 0;
    };
    if meta.is_file() {
        return meta.len();
    }
    std::fs::read_dir(path)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| disk_size(&e.path()))
                .sum()
        })
        .unwrap_or(0)
}
