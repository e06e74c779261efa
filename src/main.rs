//! The `trialign` command: parses arguments, calls the library, prints.
//! Everything else lives in the library crate.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
