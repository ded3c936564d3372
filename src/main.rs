//! The `prosopo` binary: see [`prosopo::cli`].

mod allocator;

#[global_allocator]
static ALLOCATOR: allocator::Mimalloc = allocator::Mimalloc;

fn main() {
    let code = prosopo::cli::main();
    // Everything a command writes is flushed, synced and closed before
    // `cli::main` returns; only standard output may still hold a buffer.
    let _ = std::io::Write::flush(&mut std::io::stdout());
    leave(code)
}

/// Ends the process without the exit handlers: the allocator's would walk
/// and free every page a whole-graph question used (3 % of its time), which
/// the system takes back at once anyway.
#[cfg(unix)]
fn leave(code: i32) -> ! {
    // SAFETY: `_exit` only ends the process. Nothing registered to run at
    // exit holds data: the database is closed and standard output flushed.
    unsafe { libc::_exit(code) }
}

#[cfg(not(unix))]
fn leave(code: i32) -> ! {
    std::process::exit(code)
}
