//! The revoke picker: tick sessions with the space bar, Enter signs out the ticked ones,
//! or the highlighted one when none is ticked (as the trash-can on its row would); Esc or
//! `q` cancels. Drawn on standard error with console, dialoguer's terminal layer.

use dialoguer::console::{Key, Term};

/// Lets a person choose; the indices chosen, or `None` when cancelled.
pub fn pick(prompt: &str, items: &[String]) -> std::io::Result<Option<Vec<usize>>> {
    let term = Term::stderr();
    let mut ticked = vec![false; items.len()];
    let mut at = 0;
    term.hide_cursor()?;
    term.write_line(prompt)?;
    loop {
        for (i, item) in items.iter().enumerate() {
            let pointer = if i == at { ">" } else { " " };
            let check = if ticked[i] { "[x]" } else { "[ ]" };
            term.write_line(&format!("{pointer} {check} {item}"))?;
        }
        let key = term.read_key()?;
        term.clear_last_lines(items.len())?;
        match key {
            Key::ArrowUp | Key::Char('k') => at = at.checked_sub(1).unwrap_or(items.len() - 1),
            Key::ArrowDown | Key::Char('j') | Key::Tab => at = (at + 1) % items.len(),
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
