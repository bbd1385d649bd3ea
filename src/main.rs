//! The `tab` binary.

/// With the server built in, mimalloc instead of the system allocator: the server's hot
/// path allocates a few dozen small values per request, and mimalloc's per-thread free
/// lists make them cheaper than glibc's (BENCHMARKS.md, issue 11).
#[cfg(feature = "server")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    tab::main()
}
