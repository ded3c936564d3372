//! The `prosopo` binary: see [`prosopo::cli`].

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(prosopo::cli::main());
}
