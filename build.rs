//! Links the `newsdex` binary as a position-dependent executable on Linux.
//!
//! newsdex is run once per search, so process start-up is part of every
//! query. In a PIE binary the dynamic loader first applies the relocations
//! of `.data.rel.ro` (vtables, string tables), which touched about 190 pages
//! per run: `perf stat -r 40` on `newsdex search oil --facet country --facet
//! person` measured 479 page faults and 4.5 ms before, 291 and 3.6 ms after.
//! Only the binary is affected (not the library, tests or benches); the cost
//! is that the executable itself is not address-randomised.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
