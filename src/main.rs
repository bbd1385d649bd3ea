//! The `tab` binary.

/// With the server built in, the system allocator for every command and mimalloc once
/// `tab server serve` starts (see `tab::allocator`).
#[cfg(feature = "server")]
#[global_allocator]
static ALLOCATOR: tab::allocator::TabAllocator = tab::allocator::TabAllocator;

fn main() -> std::process::ExitCode {
    tab::main()
}
