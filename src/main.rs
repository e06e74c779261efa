//! The `trialign` command: parses arguments, calls the library, prints.
//! Everything else lives in the library crate.

mod cli;
mod tui;

fn main() -> std::process::ExitCode {
    cli::main()
}
