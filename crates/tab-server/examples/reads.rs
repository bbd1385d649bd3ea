//! The session check's pieces, timed in process for `bench/reads.sh` (issue 11): the
//! token check, the store's session read and list read on one thread and on two at once,
//! and the same one-row read through a bare rusqlite connection on SQLite's default
//! `unix` VFS and on `unix-excl` (no `fcntl` for the WAL locks; it locks other processes
//! out, so the server cannot use it). What is left of the list's cost is here.
//!
//! `cargo run --release -p tab-server --example reads -- sqlite://PATH SESSION-ID USER-ID`

// A benchmark tool: it prints its figures, and (bare_client) is the floor the CLI is
// measured against, so it builds its own HTTP client on purpose.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

use std::sync::Arc;
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Reads per thread and measurement.
const ROUNDS: u32 = 200_000;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let usage = "usage: reads sqlite://PATH SESSION-ID USER-ID";
    let url = args.next().ok_or_else(|| anyhow::anyhow!(usage))?;
    let sid = tab_server::store::SessionId::new(args.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    let user = tab_server::store::UserId::new(args.next().ok_or_else(|| anyhow::anyhow!(usage))?);
    token_check();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let store = Arc::new(runtime.block_on(tab_server::Store::open(&url))?);
    for threads in [1, 2] {
        let (shared, id) = (store.clone(), sid.clone());
        time("store: the session row", threads, move || {
            let (store, sid) = (shared.clone(), id.clone());
            move || block_on(store.session(&sid)).map(|row| assert!(row.is_some()))
        })?;
        let (shared, id, owner) = (store.clone(), sid.clone(), user.clone());
        time("store: the row and the list", threads, move || {
            let (store, sid, user) = (shared.clone(), id.clone(), owner.clone());
            move || {
                block_on(store.session_and_live_sessions(
                    &sid,
                    &user,
                    tab_server::store::UnixMillis::new(0),
                    None,
                ))
                .map(|rows| assert!(!rows.is_empty()))
            }
        })?;
    }
    let path = url.trim_start_matches("sqlite://").to_string();
    for vfs in ["unix", "unix-excl"] {
        for threads in [1, 2] {
            let (file, id) = (path.clone(), sid.clone());
            time(&format!("rusqlite on {vfs}: one row"), threads, move || {
                let connection = rusqlite::Connection::open_with_flags_and_vfs(
                    &file,
                    rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                        | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
                    vfs,
                )
                .expect("the database opens");
                let sid = id.clone();
                move || {
                    let mut statement = connection
                        .prepare_cached("SELECT user_id FROM device_sessions WHERE id = ?1")?;
                    let user: String = statement.query_row([&sid], |row| row.get(0))?;
                    assert!(!user.is_empty());
                    Ok::<(), rusqlite::Error>(())
                }
            })?;
        }
    }
    Ok(())
}

/// Runs a future to completion on the calling thread (the store's reads never wait).
fn block_on<F: std::future::Future>(future: F) -> F::Output {
    thread_local! {
        static RUNTIME: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
    }
    RUNTIME.with(|runtime| runtime.block_on(future))
}

/// Times `ROUNDS` calls of the closure that `make` builds, on `threads` threads at once.
fn time<M, F, E>(what: &str, threads: usize, make: M) -> anyhow::Result<()>
where
    M: Fn() -> F + Send + Sync + 'static,
    F: FnMut() -> Result<(), E>,
    E: std::fmt::Debug,
{
    let make = Arc::new(make);
    let started = Instant::now();
    let workers: Vec<_> = (0..threads)
        .map(|_| {
            let make = make.clone();
            std::thread::spawn(move || {
                let mut call = make();
                for _ in 0..ROUNDS {
                    call().expect("the read succeeds");
                }
            })
        })
        .collect();
    for worker in workers {
        worker
            .join()
            .map_err(|_| anyhow::anyhow!("a thread failed"))?;
    }
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "{what:<34} {threads} thread(s): {:6.2} us per read on each, {:9.0} reads/s in all",
        seconds * 1e6 / f64::from(ROUNDS),
        f64::from(ROUNDS) * threads as f64 / seconds
    );
    Ok(())
}

/// The HS256 check as the server makes it (jsonwebtoken, the same validation).
fn token_check() {
    use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
    #[derive(serde::Serialize, serde::Deserialize)]
    struct Claims {
        sub: String,
        sid: String,
        iat: i64,
        exp: i64,
        iss: String,
    }
    let secret = [7u8; 32];
    let claims = Claims {
        sub: uuid::Uuid::new_v4().to_string(),
        sid: uuid::Uuid::new_v4().to_string(),
        iat: 1_800_000_000,
        exp: 4_000_000_000,
        iss: "tab".into(),
    };
    let token = jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        &claims,
        &EncodingKey::from_secret(&secret),
    )
    .expect("signs");
    let mut validation = Validation::new(Algorithm::HS256);
    validation.set_issuer(&["tab"]);
    validation.set_required_spec_claims(&["exp", "iss", "sub"]);
    validation.leeway = 0;
    let key = DecodingKey::from_secret(&secret);
    let started = Instant::now();
    for _ in 0..ROUNDS {
        let checked =
            jsonwebtoken::decode::<Claims>(std::hint::black_box(&token), &key, &validation);
        std::hint::black_box(checked.expect("the token checks"));
    }
    println!(
        "{:<34} 1 thread(s): {:6.2} us per check",
        "the token check (HS256)",
        started.elapsed().as_secs_f64() * 1e6 / f64::from(ROUNDS)
    );
}
