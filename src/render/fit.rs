//! Fitting the sessions table to the terminal: one line per session, the id never cut.
//!
//! The table's natural widths are tried first; while the line is wider than the
//! terminal, in order: names are cut (to 16 columns), the activity words go compact
//! (`5m ago · 2d ago`), `--wide`'s device detail is cut, the `This device` tag is left out
//! (the `*` column still marks the current row), then names and details are cut further
//! (to 6), `--wide`'s expiry goes short and then away. Whatever room is left at the end
//! goes back to the names. Ids are never cut: where even that does not fit (`--wide` below
//! about 100 columns), the line runs past the edge rather than breaking an id.

use unicode_width::UnicodeWidthStr as _;

/// Two spaces between columns.
const GAP: usize = 2;
/// How far names are cut before anything else gives way.
const NAME_SOFT_MIN: usize = 16;
/// How far names are cut at the most (the width of their header, `DEVICE`).
const TEXT_MIN: usize = 6;
/// How far `--wide`'s device details are cut at the most (their header's width).
const DETAIL_MIN: usize = "DEVICE DETAIL".len();

/// The widest each column's cells are, uncut, and whether the table is `--wide`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Natural {
    pub mark: usize,
    pub marker: usize,
    pub name: usize,
    pub tag: usize,
    pub activity: usize,
    pub activity_compact: usize,
    pub id: usize,
    /// `--wide`'s columns: expiry (long, short), device detail, address.
    pub wide: Option<(usize, usize, usize, usize)>,
}

/// How the table is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Layout {
    /// Names are cut to this many columns.
    pub name: usize,
    /// The activity column in its compact words.
    pub compact: bool,
    /// The `This device` tag is shown.
    pub tag: bool,
    /// `--wide`: the expiry's form.
    pub expiry: Expiry,
    /// `--wide`: device details are cut to this many columns.
    pub detail: usize,
}

/// `--wide`'s expiry column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Expiry {
    /// `2026-12-08 08:51 UTC`.
    Long,
    /// `12-08 08:51`.
    Short,
    /// Left out.
    Hidden,
}

impl Natural {
    /// The layout for a terminal `width` columns wide (`None`: no limit, as in a pipe).
    pub(super) fn layout(&self, width: Option<usize>) -> Layout {
        let mut layout = Layout {
            name: self.name,
            compact: false,
            tag: self.tag > 0,
            expiry: Expiry::Long,
            detail: self.wide.map_or(0, |(_, _, detail, _)| detail),
        };
        let Some(width) = width else {
            return layout;
        };
        let excess = |layout: &Layout| self.line_width(layout).saturating_sub(width);
        let cut = |now: usize, min: usize, by: usize| now.saturating_sub(by).max(min.min(now));
        layout.name = cut(layout.name, NAME_SOFT_MIN, excess(&layout));
        if excess(&layout) > 0 {
            layout.compact = true;
        }
        if self.wide.is_some() {
            layout.detail = cut(
                layout.detail,
                NAME_SOFT_MIN.max(DETAIL_MIN),
                excess(&layout),
            );
        }
        if excess(&layout) > 0 {
            layout.tag = false;
        }
        layout.name = cut(layout.name, TEXT_MIN, excess(&layout));
        if self.wide.is_some() {
            layout.detail = cut(layout.detail, DETAIL_MIN, excess(&layout));
            if excess(&layout) > 0 {
                layout.expiry = Expiry::Short;
            }
            if excess(&layout) > 0 {
                layout.expiry = Expiry::Hidden;
            }
        }
        // Room left over goes back to the names.
        let room = width.saturating_sub(self.line_width(&layout));
        layout.name = (layout.name + room).min(self.name);
        layout
    }

    /// How wide a line is in `layout`.
    fn line_width(&self, layout: &Layout) -> usize {
        let activity = if layout.compact {
            self.activity_compact
        } else {
            self.activity
        };
        let mut columns = vec![self.mark, self.marker, layout.name.min(self.name)];
        if layout.tag {
            columns.push(self.tag);
        }
        columns.extend([activity, self.id]);
        if let Some((long, short, detail, ip)) = self.wide {
            match layout.expiry {
                Expiry::Long => columns.push(long),
                Expiry::Short => columns.push(short),
                Expiry::Hidden => {}
            }
            columns.extend([layout.detail.min(detail), ip]);
        }
        columns.iter().sum::<usize>() + GAP * (columns.len() - 1)
    }
}

/// The widest of `texts`, in terminal columns, and at least `header`'s.
pub(super) fn widest<'a>(header: &str, texts: impl Iterator<Item = &'a str>) -> usize {
    texts
        .map(|t| t.width())
        .max()
        .unwrap_or(0)
        .max(header.width())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Natural {
        Natural {
            mark: 1,
            marker: 9,
            name: 23,
            tag: 11,
            activity: 41,
            activity_compact: 15,
            id: 8,
            wide: None,
        }
    }

    #[test]
    fn a_wide_terminal_keeps_everything() {
        let layout = table().layout(Some(200));
        assert_eq!((layout.name, layout.compact, layout.tag), (23, false, true));
        assert_eq!(table().layout(None), layout);
        assert_eq!(table().line_width(&layout), 103);
    }

    #[test]
    fn eighty_and_sixty_columns_fit_on_one_line() {
        for width in [80, 60] {
            let layout = table().layout(Some(width));
            assert!(table().line_width(&layout) <= width, "{width}: {layout:?}");
            assert!(layout.compact, "{width}");
        }
        // At 80 the name is whole again and the tag stays; at 60 the tag gives way.
        assert_eq!(table().layout(Some(80)).name, 23);
        assert!(table().layout(Some(80)).tag);
        assert!(!table().layout(Some(60)).tag);
    }

    #[test]
    fn ids_are_never_cut_even_when_nothing_else_fits() {
        let wide = Natural {
            id: 36,
            wide: Some((20, 11, 19, 9)),
            ..table()
        };
        let layout = wide.layout(Some(40));
        assert_eq!(layout.expiry, Expiry::Hidden);
        assert_eq!(layout.name, TEXT_MIN);
        assert!(wide.line_width(&layout) > 40);
    }
}
