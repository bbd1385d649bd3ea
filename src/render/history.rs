//! The history table: `WHEN  WHAT  DEVICE  FROM  BY`, in the web card's relative words.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use comfy_table::Cell;
use tab_api::{EventType, SessionEvent};
use uuid::Uuid;

use super::Style;
use super::text::{ago, terminal_safe};

/// What happened, as the table says it.
fn what(kind: EventType) -> &'static str {
    match kind {
        EventType::SignedIn => "signed in",
        EventType::SignedOut => "signed out",
        EventType::Revoked => "revoked",
        EventType::Expired => "expired",
        EventType::Approved => "approved",
        EventType::Denied => "denied",
        EventType::Renamed => "renamed",
    }
}

/// The history table. `names` names the sessions that revoked others (their label,
/// device or kind, already terminal-safe); `this_device` is the caller's session.
pub fn history_table(
    events: &[SessionEvent],
    names: &HashMap<Uuid, String>,
    this_device: Option<Uuid>,
    now: DateTime<Utc>,
    style: &Style,
) -> String {
    let mut table = super::table::headed_table(["WHEN", "WHAT", "DEVICE", "FROM", "BY"], style);
    for event in events {
        let session = &event.session;
        let device = super::display_name(
            session.label.as_deref(),
            session.device.as_deref(),
            session.kind,
        );
        let from = event
            .ip
            .as_deref()
            .map(|ip| terminal_safe(ip).into_owned())
            .unwrap_or_else(|| "-".to_string());
        let by = match event.by {
            None if event.by_operator => "by the server's operator".to_string(),
            None if event.by_admin.is_some() => format!(
                "by an administrator ({})",
                terminal_safe(event.by_admin.as_deref().unwrap_or_default())
            ),
            None => String::new(),
            Some(by) if Some(by) == this_device => "by this device".to_string(),
            Some(by) => match names.get(&by) {
                Some(name) => format!("by {name}"),
                None => format!("by {}", super::short_id(&by)),
            },
        };
        table.add_row(vec![
            Cell::new(ago(now, event.at)),
            Cell::new(match (event.kind, event.method.as_deref()) {
                (EventType::SignedIn, Some("web")) => "signed in (browser)".to_string(),
                (EventType::SignedIn, Some("device")) => "signed in (device code)".to_string(),
                (EventType::Renamed, _) => match &event.previous_label {
                    Some(before) => format!("renamed (was {})", terminal_safe(before)),
                    None => "renamed".to_string(),
                },
                (kind, _) => what(kind).to_string(),
            }),
            Cell::new(device),
            Cell::new(from),
            Cell::new(by),
        ]);
    }
    super::table::laid_out(table)
}

/// The history's last line after a retention purge: `older history removed on
/// 2027-03-01 (90-day retention)`.
pub fn purged_line(purged: &tab_api::HistoryPurged) -> String {
    format!(
        "older history removed on {} ({}-day retention)",
        purged.at.format("%Y-%m-%d"),
        purged.retention_days
    )
}
