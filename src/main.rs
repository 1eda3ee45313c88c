//! The `newsdex` binary: everything lives in the library.

fn main() {
    std::process::exit(newsdex::run::run());
}
