//! Links the `prosopo` binary as a position-dependent executable on
//! x86-64 Linux: every question runs in a fresh process, and a
//! position-independent one spends about a millisecond at each start
//! having the dynamic loader relocate its tables (measured in
//! docs/benchmarks.md). Libraries, tests and other targets are untouched.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && arch == "x86_64" && env == "gnu" {
        println!("cargo:rustc-link-arg-bin=prosopo=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
