//! The `newsdex` binary: flags (`cli`) become plain settings (`config`),
//! `run` calls the library and renders; the engine is the library.

mod cli;
mod config;
mod run;

/// mimalloc instead of glibc's malloc: the heap of an index run stops
/// growing with what its threads freed (see Cargo.toml).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(run::run());
}
