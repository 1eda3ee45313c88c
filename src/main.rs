//! The `newsdex` binary: flags (`cli`) become plain settings (`config`),
//! `run` calls the library and renders; the engine is the library.

mod cli;
mod config;
mod run;

fn main() {
    std::process::exit(run::run());
}
