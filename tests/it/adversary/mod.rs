//! The adversary the seed is about: someone who has your password or your laptop, or runs
//! a server of their own. One test per row of the threat table in `SECURITY.md`, each run
//! against the real `tab` and the real server (on SQLite and PostgreSQL where the
//! database matters), or against a deliberately hostile fake server.

mod client;
mod hostile_server;
mod server;
mod slow_clients;

pub(super) use crate::support::{EMAIL, PASSWORD};

/// Runs `count` copies of a request at once; their answers' statuses, in no order.
pub(super) async fn all_at_once<F, Fut>(count: usize, request: F) -> Vec<u16>
where
    F: Fn(usize) -> Fut,
    Fut: std::future::Future<Output = u16> + Send + 'static,
{
    let tasks: Vec<_> = (0..count).map(|i| tokio::spawn(request(i))).collect();
    let mut statuses = Vec::with_capacity(count);
    for task in tasks {
        statuses.push(task.await.expect("request task"));
    }
    statuses
}

/// How many of `statuses` are `status`.
pub(super) fn count(statuses: &[u16], status: u16) -> usize {
    statuses.iter().filter(|s| **s == status).count()
}
