//! The administrators' tables: the accounts (`EMAIL  NAME  ROLE  LIVE  LAST SEEN`) and
//! the record (`WHEN  WHO  WHAT  WHOM  SIGNED OUT  FROM`). Every server string is made
//! terminal-safe here.

use chrono::{DateTime, Utc};
use tab_api::{ActorKind, AdminUser, AuditAction, AuditEvent};

use super::Style;
use super::table::plain_table;
use super::text::{ago, terminal_safe};

/// The accounts table; a disabled account's role reads `admin (disabled)`.
pub fn users_table(users: &[AdminUser], now: DateTime<Utc>, style: &Style) -> String {
    let rows: Vec<[String; 5]> = users
        .iter()
        .map(|user| {
            let role = if user.disabled {
                format!("{} (disabled)", user.role.as_str())
            } else {
                user.role.as_str().to_string()
            };
            [
                terminal_safe(&user.email).into_owned(),
                terminal_safe(&user.name).into_owned(),
                role,
                user.live_sessions.to_string(),
                user.last_seen_at
                    .map_or_else(|| "never".to_string(), |at| ago(now, at)),
            ]
        })
        .collect();
    plain_table(["EMAIL", "NAME", "ROLE", "LIVE", "LAST SEEN"], &rows, style)
}

/// What an entry of the record did, in words.
fn action_words(event: &AuditEvent) -> String {
    match event.action {
        AuditAction::Revoked => "signed a session out".to_string(),
        AuditAction::RevokedAll => "signed sessions out".to_string(),
        AuditAction::Disabled => "disabled".to_string(),
        AuditAction::Enabled => "enabled".to_string(),
        AuditAction::RoleChanged => match &event.detail {
            Some(role) => format!("made {}", terminal_safe(role)),
            None => "changed the role".to_string(),
        },
        AuditAction::PasswordSet => "set the password".to_string(),
    }
}

/// The record table, newest first as given.
pub fn audit_table(events: &[AuditEvent], now: DateTime<Utc>, style: &Style) -> String {
    let rows: Vec<[String; 6]> = events
        .iter()
        .map(|event| {
            let who = match (event.actor.kind, event.actor.email.as_deref()) {
                (ActorKind::Operator, _) => "the server's operator".to_string(),
                (ActorKind::Admin, Some(email)) => terminal_safe(email).into_owned(),
                (ActorKind::Admin, None) => "an administrator".to_string(),
            };
            [
                ago(now, event.at),
                who,
                action_words(event),
                terminal_safe(&event.target.email).into_owned(),
                event.revoked.to_string(),
                event
                    .ip
                    .as_deref()
                    .map_or_else(|| "-".to_string(), |ip| terminal_safe(ip).into_owned()),
            ]
        })
        .collect();
    plain_table(
        ["WHEN", "WHO", "WHAT", "WHOM", "SIGNED OUT", "FROM"],
        &rows,
        style,
    )
}
