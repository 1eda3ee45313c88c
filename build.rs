//! Links the `newsdex` binary as a position-dependent executable on Linux,
//! but only when asked for with the `no-pie` feature.
//!
//! By default the binary is built the platform's way (PIE on Linux), so it
//! is address-randomised: newsdex reads files from the web, and ASLR is part
//! of what makes a memory bug there hard to exploit.
//!
//! `cargo build --release --features no-pie` trades that away for start-up
//! time: newsdex is run once per search, and in a PIE binary the dynamic
//! loader first applies the relocations of `.data.rel.ro` (vtables, string
//! tables). The figures are in BENCHMARKS.md. Only the binary is affected
//! (not the library, tests or benches).

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let no_pie = std::env::var_os("CARGO_FEATURE_NO_PIE").is_some();
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if no_pie && os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
