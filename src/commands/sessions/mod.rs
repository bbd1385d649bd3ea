//! `tab sessions`: list, revoke, revoke-others, history.

pub mod ack;
pub mod history;
pub mod list;
pub mod rename;
pub mod revoke;
pub mod revoke_others;

use crate::cli::{SessionsArgs, SessionsCommand};
use crate::context::Ctx;

/// Runs `tab sessions ...`; bare `tab sessions` lists.
pub async fn run(ctx: &Ctx, args: &SessionsArgs) -> anyhow::Result<()> {
    match &args.command {
        None => list::run(ctx, &args.list).await,
        Some(SessionsCommand::List(list)) => list::run(ctx, list).await,
        Some(SessionsCommand::Revoke(revoke)) => revoke::run(ctx, revoke).await,
        Some(SessionsCommand::RevokeOthers(others)) => revoke_others::run(ctx, others).await,
        Some(SessionsCommand::History(history)) => history::run(ctx, history).await,
        Some(SessionsCommand::Rename(rename)) => rename::run(ctx, rename).await,
        Some(SessionsCommand::Ack(ack)) => ack::run(ctx, ack).await,
    }
}
