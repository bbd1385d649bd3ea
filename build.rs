//! Links the `tab` binary with packed relative relocations (RELR, `-z pack-relative-relocs`)
//! on Linux with glibc: with the server built in, the binary's table of relocations was
//! 700 KB, all read at every start of every command (BENCHMARKS.md, issue 17); packed, it
//! is a few KB. Only this package's binaries are linked so: no dependency is rebuilt.
//! GNU ld 2.38 and glibc 2.36 (Debian 12) and later know it; an older ld warns and ignores
//! it.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}
