//! The sessions table: one line per session, names cut to fit, ids as short as they can
//! be while unique. comfy-table only lays out; colour comes from [`Style`].

use anstyle::{AnsiColor, Style as Ansi};
use chrono::{DateTime, Utc};
use comfy_table::{Cell, CellAlignment, Table, presets};
use tab_api::{Session, SessionKind};

use super::fit::{Expiry, Natural, widest};
use super::text::{ago_compact, ago_inline, terminal_safe};
use super::{SHORT_ID_CHARS, Style, paint};

/// Each id shortened to its first 8 characters, or more where two share them, as git
/// abbreviates hashes. Sorted once, an id shares its longest prefix with a neighbour, so
/// this takes O(n log n), not a comparison of every pair.
pub fn short_ids(ids: &[String]) -> Vec<String> {
    let common = |a: &str, b: &str| a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let mut order: Vec<usize> = (0..ids.len()).collect();
    order.sort_by(|&a, &b| ids[a].cmp(&ids[b]));
    let mut shared = vec![0; ids.len()];
    for pair in order.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if ids[a] == ids[b] {
            continue;
        }
        let n = common(&ids[a], &ids[b]);
        shared[a] = shared[a].max(n);
        shared[b] = shared[b].max(n);
    }
    ids.iter()
        .zip(shared)
        .map(|(id, shared)| {
            let mut len = (shared + 1).max(SHORT_ID_CHARS).min(id.len());
            while !id.is_char_boundary(len) {
                len += 1;
            }
            id[..len].to_string()
        })
        .collect()
}

/// What a session is called, safe to print: its label, else what the server made of its
/// User-Agent (`device`), else its kind.
pub fn session_name(session: &Session) -> String {
    display_name(
        session.label.as_deref(),
        session.device.as_deref(),
        session.kind,
    )
}

/// The name rule for anything that has a label, a device and a kind, safe to print.
pub fn display_name(label: Option<&str>, device: Option<&str>, kind: SessionKind) -> String {
    match label.or(device) {
        Some(name) => terminal_safe(name).into_owned(),
        None => kind.to_string(),
    }
}

/// What the first column holds on the current session's row, and on no other.
pub(super) const CURRENT_MARK: &str = "*";

/// The tag on the current session's row.
const THIS_DEVICE: &str = "This device";

/// One row's texts, uncut and unpainted.
struct RowText {
    current: bool,
    marker: &'static str,
    name: String,
    activity: String,
    activity_compact: String,
    id: String,
    /// `--wide`: expiry (long, short), device detail, address.
    wide: Option<[String; 4]>,
}

/// The sessions table, one row a session in the order given, fitted to `style.width`
/// (see `fit`).
pub fn sessions_table(
    sessions: &[Session],
    now: DateTime<Utc>,
    wide: bool,
    style: &Style,
) -> String {
    let ids: Vec<String> = sessions.iter().map(|s| s.id.to_string()).collect();
    let shown_ids = if wide { ids.clone() } else { short_ids(&ids) };
    // This device first, as on the web card; the rest in the order given.
    let mut rows: Vec<RowText> = sessions
        .iter()
        .zip(shown_ids)
        .map(|(session, id)| row_text(session, id, now, wide, style))
        .collect();
    rows.sort_by_key(|row| !row.current);
    let layout = natural_widths(&rows, wide).layout(style.width);

    // comfy-table only lays out; colour is painted here, from the one decision in
    // `Style` (comfy-table's own styling would second-guess it from NO_COLOR).
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    let bold = Ansi::new().bold();
    // The first column marks the current session with `*` (kubectl's CURRENT column):
    // it is drawn here, before any server text, so no label can imitate it, in colour or
    // without.
    let mut header = vec!["", "", "DEVICE"];
    if layout.tag {
        header.push("");
    }
    header.extend(["ACTIVITY", "ID"]);
    if wide {
        if layout.expiry != Expiry::Hidden {
            header.push("EXPIRES");
        }
        header.extend(["DEVICE DETAIL", "IP"]);
    }
    // No empty bold pairs: an empty header cell stays empty.
    table.set_header(header.into_iter().map(|h| {
        Cell::new(if h.is_empty() {
            String::new()
        } else {
            paint(style.color_stdout, bold, h)
        })
    }));
    let green = bold.fg_color(Some(AnsiColor::Green.into()));
    let this_device = paint(style.color_stdout, green, THIS_DEVICE);
    for row in rows {
        let mut cells = vec![
            Cell::new(if row.current { CURRENT_MARK } else { "" }),
            Cell::new(row.marker),
            Cell::new(cut_to_width(&row.name, layout.name, style.ellipsis())),
        ];
        if layout.tag {
            cells.push(Cell::new(if row.current {
                this_device.as_str()
            } else {
                ""
            }));
        }
        cells.push(Cell::new(if layout.compact {
            row.activity_compact
        } else {
            row.activity
        }));
        cells.push(Cell::new(row.id).set_alignment(CellAlignment::Left));
        if let Some([long, short, detail, ip]) = row.wide {
            match layout.expiry {
                Expiry::Long => cells.push(Cell::new(long)),
                Expiry::Short => cells.push(Cell::new(short)),
                Expiry::Hidden => {}
            }
            cells.push(Cell::new(cut_to_width(
                &detail,
                layout.detail,
                style.ellipsis(),
            )));
            cells.push(Cell::new(ip));
        }
        table.add_row(cells);
    }
    laid_out(table)
}

/// Each column's widest cell, uncut.
fn natural_widths(rows: &[RowText], wide: bool) -> Natural {
    let wide_column = |header: &str, i: usize| {
        widest(
            header,
            rows.iter()
                .filter_map(|r| r.wide.as_ref().map(|w| w[i].as_str())),
        )
    };
    Natural {
        mark: widest(
            "",
            rows.iter()
                .map(|r| if r.current { CURRENT_MARK } else { "" }),
        ),
        marker: widest("", rows.iter().map(|r| r.marker)),
        name: widest("DEVICE", rows.iter().map(|r| r.name.as_str())),
        tag: if rows.iter().any(|r| r.current) {
            THIS_DEVICE.len()
        } else {
            0
        },
        activity: widest("ACTIVITY", rows.iter().map(|r| r.activity.as_str())),
        activity_compact: widest("ACTIVITY", rows.iter().map(|r| r.activity_compact.as_str())),
        id: widest("ID", rows.iter().map(|r| r.id.as_str())),
        wide: wide.then(|| {
            (
                wide_column("EXPIRES", 0),
                wide_column("EXPIRES", 1),
                wide_column("DEVICE DETAIL", 2),
                wide_column("IP", 3),
            )
        }),
    }
}

/// A session's texts for the table.
fn row_text(
    session: &Session,
    id: String,
    now: DateTime<Utc>,
    wide: bool,
    style: &Style,
) -> RowText {
    let activity = format!(
        "{} {} started {}",
        ended_or_seen(session, now),
        style.dot(),
        ago_inline(now, session.created_at)
    );
    let activity_compact = format!(
        "{} {} {}",
        ended_or_seen_compact(session, now),
        style.dot(),
        ago_compact(now, session.created_at)
    );
    let safe = |text: &Option<String>| {
        text.as_deref()
            .map(|t| terminal_safe(t).into_owned())
            .unwrap_or_else(|| "-".to_string())
    };
    RowText {
        current: session.current,
        marker: style.marker(session.kind),
        name: session_name(session),
        activity,
        activity_compact,
        id,
        wide: wide.then(|| {
            [
                session.expires_at.format("%Y-%m-%d %H:%M UTC").to_string(),
                session.expires_at.format("%m-%d %H:%M").to_string(),
                match session.method.as_deref() {
                    Some("web") => format!("{} (browser sign-in)", safe(&session.device)),
                    Some("device") => format!("{} (device code)", safe(&session.device)),
                    _ => safe(&session.device),
                },
                safe(&session.ip),
            ]
        }),
    }
}

/// `5m ago`, or for an ended session `out 5m ago` or `expired 2d ago`: the table's
/// compact words, when the terminal is narrow.
fn ended_or_seen_compact(session: &Session, now: DateTime<Utc>) -> String {
    match session.revoked_at {
        Some(at) => format!("out {}", ago_compact(now, at)),
        None if session.expires_at <= now => {
            format!("expired {}", ago_compact(now, session.expires_at))
        }
        None => ago_compact(now, session.last_seen_at),
    }
}

/// An empty table with no borders under `header`, bold where colour is on: how every
/// table of `tab` starts (comfy-table only lays out; the colour is `Style`'s).
pub(super) fn headed_table<'h>(header: impl IntoIterator<Item = &'h str>, style: &Style) -> Table {
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    let bold = Ansi::new().bold();
    table.set_header(
        header
            .into_iter()
            .map(|h| Cell::new(paint(style.color_stdout, bold, h))),
    );
    table
}

/// A table of plain rows under a bold header, laid out as every table of `tab` is.
pub fn plain_table<const N: usize>(
    header: [&str; N],
    rows: &[[String; N]],
    style: &Style,
) -> String {
    let mut table = headed_table(header, style);
    for row in rows {
        table.add_row(row.iter().map(Cell::new));
    }
    laid_out(table)
}

/// A table as `tab` prints it: no border, no leading space, two spaces between columns
/// (as `gh` and `jj` print), no trailing spaces.
pub(super) fn laid_out(mut table: Table) -> String {
    for column in table.column_iter_mut() {
        column.set_padding((0, 2));
    }
    table
        .lines()
        .map(|line| line.trim_end().to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

/// `Last seen 5 min ago`, or for an ended session `Signed out 5 min ago` or
/// `Expired 2 days ago`.
fn ended_or_seen(session: &Session, now: DateTime<Utc>) -> String {
    match session.revoked_at {
        Some(at) => format!("Signed out {}", ago_inline(now, at)),
        None if session.expires_at <= now => {
            format!("Expired {}", ago_inline(now, session.expires_at))
        }
        None => format!("Last seen {}", ago_inline(now, session.last_seen_at)),
    }
}

/// `text` cut to at most `columns` terminal columns, an ellipsis marking the cut.
fn cut_to_width(text: &str, columns: usize, ellipsis: &str) -> String {
    use unicode_width::UnicodeWidthChar as _;
    if unicode_width::UnicodeWidthStr::width(text) <= columns {
        return text.to_string();
    }
    let room = columns.saturating_sub(unicode_width::UnicodeWidthStr::width(ellipsis));
    let mut used = 0;
    let mut kept = String::new();
    for c in text.chars() {
        let width = c.width().unwrap_or(0);
        if used + width > room {
            break;
        }
        used += width;
        kept.push(c);
    }
    kept.push_str(ellipsis);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_ids_grow_only_where_prefixes_collide() {
        let ids = vec![
            "5f0c9a2e-3b7d-4c1a-9e55-1f0b8f6a2d41".to_string(),
            "5f0c9a2e-9999-4c1a-9e55-1f0b8f6a2d41".to_string(),
            "a1b2c3d4-0000-4000-8000-000000000000".to_string(),
        ];
        assert_eq!(
            short_ids(&ids),
            vec!["5f0c9a2e-3", "5f0c9a2e-9", "a1b2c3d4"]
        );
    }

    #[test]
    fn long_names_are_cut_to_one_line() {
        assert_eq!(cut_to_width("short", 40, "…"), "short");
        assert_eq!(cut_to_width(&"x".repeat(50), 10, "..."), "xxxxxxx...");
        let cut = cut_to_width(&"中".repeat(40), 40, "…");
        assert_eq!(unicode_width::UnicodeWidthStr::width(cut.as_str()), 39);
        assert!(cut.ends_with('…'));
    }

    #[test]
    fn short_ids_of_many_sessions_match_the_pairwise_rule() {
        // Ids sharing long prefixes in clusters, against the obvious quadratic rule.
        let ids: Vec<String> = (0..300u32)
            .map(|i| format!("{:08x}-{:04x}-4000-8000-{:012x}", i / 7, i % 13, i))
            .collect();
        let slow: Vec<String> = ids
            .iter()
            .map(|id| {
                let shared = ids
                    .iter()
                    .filter(|other| *other != id)
                    .map(|other| {
                        id.bytes()
                            .zip(other.bytes())
                            .take_while(|(a, b)| a == b)
                            .count()
                    })
                    .max()
                    .unwrap_or(0);
                id[..(shared + 1).clamp(8, id.len())].to_string()
            })
            .collect();
        assert_eq!(short_ids(&ids), slow);
    }
}
