//! `tab admin`: the firm's administrators act on other accounts through the API: list
//! them, see and end their sessions, offboard leavers, read the record.

pub mod audit;
pub mod history;
pub mod offboard;
pub mod sessions_list;
pub mod sessions_revoke;
pub mod users;

use crate::cli::{AdminArgs, AdminCommand, AdminSessionsCommand};
use crate::context::Ctx;

/// Runs `tab admin ...`.
pub async fn run(ctx: &Ctx, args: &AdminArgs) -> anyhow::Result<()> {
    match &args.command {
        AdminCommand::Users(users) => users::run(ctx, users).await,
        AdminCommand::Sessions(sessions) => match &sessions.command {
            AdminSessionsCommand::List(list) => sessions_list::run(ctx, list).await,
            AdminSessionsCommand::Revoke(revoke) => sessions_revoke::run(ctx, revoke).await,
        },
        AdminCommand::Offboard(offboard) => offboard::run(ctx, offboard).await,
        AdminCommand::History(history) => history::run(ctx, history).await,
        AdminCommand::Audit(audit) => audit::run(ctx, audit).await,
    }
}
