//! The `prosopo` binary: see [`prosopo::cli`].

fn main() {
    std::process::exit(prosopo::cli::main());
}
