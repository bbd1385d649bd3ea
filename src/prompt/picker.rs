//! The revoke picker: tick sessions with the space bar, Enter signs out the ticked ones,
//! or the highlighted one when none is ticked (as the trash-can on its row would); Esc or
//! `q` cancels. Drawn on standard error with console, dialoguer's terminal layer.
//!
//! The list is a window the terminal's height, redrawn in place: with more sessions than
//! rows, the window scrolls with the highlight and a last line says where it is, so the
//! prompt line stays on screen and nothing is left in the scrollback. Each line is cut to
//! the terminal's width, so that none wraps (a wrapped line would not be cleared).

use dialoguer::console::{Key, Term};
use unicode_width::{UnicodeWidthChar as _, UnicodeWidthStr as _};

/// Lines kept for the prompt above the window, and one so the last line never scrolls.
const RESERVED_ROWS: usize = 2;

/// Lets a person choose; the indices chosen, or `None` when cancelled.
pub(super) fn pick(prompt: &str, items: &[String]) -> std::io::Result<Option<Vec<usize>>> {
    let term = Term::stderr();
    let (rows, columns) = term.size();
    let window = Window::new(items.len(), usize::from(rows));
    let width = usize::from(columns).saturating_sub(1).max(20);
    let mut ticked = vec![false; items.len()];
    let mut at = 0;
    let mut top = 0;
    term.hide_cursor()?;
    term.write_line(&cut(prompt, width))?;
    loop {
        top = window.top_for(at, top);
        let drawn = window.lines();
        for i in top..top + window.visible {
            let pointer = if i == at { ">" } else { " " };
            let check = if ticked[i] { "[x]" } else { "[ ]" };
            term.write_line(&cut(&format!("{pointer} {check} {}", items[i]), width))?;
        }
        if window.scrolls() {
            term.write_line(&format!(
                "  {}-{} of {} (arrows to scroll)",
                top + 1,
                top + window.visible,
                items.len()
            ))?;
        }
        let key = term.read_key()?;
        term.clear_last_lines(drawn)?;
        match key {
            Key::ArrowUp | Key::Char('k') => at = at.checked_sub(1).unwrap_or(items.len() - 1),
            Key::ArrowDown | Key::Char('j') | Key::Tab => at = (at + 1) % items.len(),
            Key::PageUp => at = at.saturating_sub(window.visible),
            Key::PageDown => at = (at + window.visible).min(items.len() - 1),
            Key::Home => at = 0,
            Key::End => at = items.len() - 1,
            Key::Char(' ') => ticked[at] = !ticked[at],
            Key::Enter => {
                term.clear_last_lines(1)?;
                let chosen: Vec<usize> = (0..items.len()).filter(|&i| ticked[i]).collect();
                return Ok(Some(if chosen.is_empty() { vec![at] } else { chosen }));
            }
            Key::Escape | Key::Char('q') => {
                term.clear_last_lines(1)?;
                return Ok(None);
            }
            _ => {}
        }
    }
}

/// Which items are on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Window {
    /// Items shown at once.
    visible: usize,
    /// Items in all.
    total: usize,
}

impl Window {
    /// The window for `total` items on a terminal `rows` high (0 when unknown: all).
    fn new(total: usize, rows: usize) -> Window {
        let room = if rows == 0 {
            total
        } else {
            rows.saturating_sub(RESERVED_ROWS).max(2)
        };
        let visible = if total <= room {
            total
        } else {
            // One line of the room says where the window is.
            (room - 1).max(1)
        };
        Window { visible, total }
    }

    fn scrolls(&self) -> bool {
        self.visible < self.total
    }

    /// Lines one frame draws.
    fn lines(&self) -> usize {
        self.visible + usize::from(self.scrolls())
    }

    /// The first item shown, so that `at` is on screen, moving as little as it can.
    fn top_for(&self, at: usize, top: usize) -> usize {
        if at < top {
            at
        } else if at >= top + self.visible {
            at + 1 - self.visible
        } else {
            top.min(self.total - self.visible)
        }
    }
}

/// `text` cut to `width` terminal columns, `…` marking the cut.
fn cut(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut kept = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        kept.push(c);
    }
    kept.push('…');
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_items_in_fifteen_rows_scroll_in_a_window() {
        let window = Window::new(30, 15);
        assert_eq!(window.visible, 12);
        assert_eq!(window.lines(), 13, "the window and its position line");
        assert_eq!(window.top_for(0, 0), 0);
        assert_eq!(window.top_for(11, 0), 0);
        assert_eq!(window.top_for(12, 0), 1);
        assert_eq!(window.top_for(29, 1), 18);
        assert_eq!(window.top_for(0, 18), 0, "wrapping to the top");
        assert_eq!(window.top_for(5, 3), 3, "no move while on screen");
    }

    #[test]
    fn a_short_list_is_drawn_whole() {
        let window = Window::new(3, 15);
        assert_eq!((window.visible, window.lines()), (3, 3));
        assert_eq!(Window::new(3, 0).visible, 3, "an unknown height");
    }

    #[test]
    fn lines_are_cut_to_the_width() {
        assert_eq!(cut("short", 20), "short");
        assert_eq!(cut("0123456789abcdef", 10), "012345678…");
        assert_eq!(cut("中文中文中文", 7).width(), 7);
    }
}
