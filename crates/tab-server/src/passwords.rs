//! Passwords: Argon2id hashing, checked at most once per core at a time.

use std::sync::Arc;
use std::time::Duration;

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use tokio::sync::Semaphore;

/// How long a password check may wait for a free hashing slot before the server answers
/// 503: long enough to ride out a burst, short enough that a flood is turned away.
const HASH_QUEUE_WAIT: Duration = Duration::from_secs(2);

/// Password checking was refused: every hashing slot stayed busy for [`HASH_QUEUE_WAIT`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HashingBusy;

/// Password checking with Argon2id and its default (OWASP-recommended) parameters.
///
/// Each check holds about 19 MiB for tens of milliseconds, so checks run at most one per
/// core at once; the rest wait in a queue for at most [`HASH_QUEUE_WAIT`]. That bounds
/// the memory a flood of sign-ins can take to cores × 19 MiB, and leaves the async
/// workers free to answer every other request.
#[derive(Clone)]
pub(crate) struct Passwords {
    /// A hash of a random password, checked against when the email is unknown so that
    /// an unknown email and a wrong password take the same time.
    decoy_hash: String,
    /// One permit per concurrent Argon2 computation.
    slots: Arc<Semaphore>,
}

impl Passwords {
    /// Prepares the decoy hash, with one hashing slot per available core.
    pub(crate) fn new() -> anyhow::Result<Self> {
        return_large_allocations_to_the_os();
        let cores = std::thread::available_parallelism().map_or(1, usize::from);
        let decoy = uuid::Uuid::new_v4().to_string();
        Ok(Passwords {
            decoy_hash: hash_password(&decoy)?,
            slots: Arc::new(Semaphore::new(cores)),
        })
    }

    /// Checks `password` against `hash`, or against the decoy when there is no account,
    /// on a blocking thread once a hashing slot is free.
    pub(crate) async fn verify(
        &self,
        password: String,
        hash: Option<String>,
    ) -> Result<bool, HashingBusy> {
        let queued = std::time::Instant::now();
        let permit =
            tokio::time::timeout(HASH_QUEUE_WAIT, Arc::clone(&self.slots).acquire_owned()).await;
        crate::metrics::metrics().hash_waited(queued.elapsed());
        let permit = permit.map_err(|_| HashingBusy)?.map_err(|_| HashingBusy)?;
        let known = hash.is_some();
        let hash = hash.unwrap_or_else(|| self.decoy_hash.clone());
        let matched = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            PasswordHash::new(&hash)
                .map(|parsed| {
                    Argon2::default()
                        .verify_password(password.as_bytes(), &parsed)
                        .is_ok()
                })
                .unwrap_or(false)
        })
        .await
        .unwrap_or(false);
        Ok(known && matched)
    }
}

/// Makes glibc give every allocation of 1 MiB or more its own mapping, returned to the
/// operating system when freed. Without this, glibc raises its threshold after the first
/// 19 MiB Argon2 buffer is freed, and later buffers stay cached in each thread's arena:
/// measured, a flood of sign-ins grew the server to 356 MiB with only two hashes at a
/// time. With it, memory follows the hashes actually running.
fn return_large_allocations_to_the_os() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes the allocator's tuning; a fixed threshold disables
    // the dynamic one, and any value is safe.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1024 * 1024);
    }
}

/// Hashes a password with Argon2id and a random salt, as a PHC string.
pub fn hash_password(password: &str) -> anyhow::Result<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))
}
