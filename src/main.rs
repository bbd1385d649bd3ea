//! The `tab` binary.

fn main() -> std::process::ExitCode {
    tab::main()
}
