//! Issue 17, item 3: at 80 columns every row of `tab sessions` wrapped and the id broke
//! across lines. Now the table fits the terminal (`COLUMNS`, else the terminal's width;
//! no limit in a pipe): one line per session at 60 and 80 columns, the id whole, names
//! and activity words shrinking first.

use unicode_width::UnicodeWidthStr as _;

use super::lost_laptop_world;
use crate::support::cli::transcript;
use crate::support::pty::PtyRun;

/// The widest line of `text`, in terminal columns, escape sequences left out.
fn widest_line(text: &str) -> usize {
    text.lines()
        .map(|line| {
            let mut plain = String::new();
            let mut in_escape = false;
            for c in line.chars() {
                match (in_escape, c) {
                    (false, '\u{1b}') => in_escape = true,
                    (true, c) if c.is_ascii_alphabetic() => in_escape = false,
                    (true, _) => {}
                    (false, c) => plain.push(c),
                }
            }
            plain.trim_end_matches('\r').width()
        })
        .max()
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread")]
async fn the_table_fits_60_80_120_and_200_columns() {
    let Some((_db, _server, cli, ids)) = lost_laptop_world().await else {
        return;
    };
    for width in [60usize, 80, 120, 200] {
        let output = cli
            .tab(&["sessions", "list"])
            .env(tab::env_vars::COLUMNS, width.to_string())
            .output()
            .expect("run tab");
        assert!(output.status.success(), "{}", transcript(&output));
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(widest_line(&stdout) <= width, "{width}:\n{stdout}");
        assert_eq!(
            stdout.lines().count(),
            5,
            "one line a session at {width}:\n{stdout}"
        );
        // Every id shows whole, as short as it can be.
        for id in &ids {
            assert!(stdout.contains(&id[..8]), "{width}: {id} cut:\n{stdout}");
        }
        snapshot!(format!("list_at_{width}_columns"), output);
    }
    for width in [120usize, 200] {
        let output = cli
            .tab(&["sessions", "list", "--wide"])
            .env(tab::env_vars::COLUMNS, width.to_string())
            .output()
            .expect("run tab");
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        assert!(
            widest_line(&stdout) <= width,
            "--wide at {width}:\n{stdout}"
        );
        for id in &ids {
            assert!(
                stdout.contains(id.as_str()),
                "--wide shows ids whole:\n{stdout}"
            );
        }
        snapshot!(format!("list_wide_at_{width}_columns"), output);
    }
    // A COLUMNS that is no width is ignored, as in a pipe: nothing cut, no failure.
    for nonsense in ["abc", "0", "-5", "3", "99999999999999999999", ""] {
        let output = cli
            .tab(&["sessions", "list"])
            .env(tab::env_vars::COLUMNS, nonsense)
            .output()
            .expect("run tab");
        assert!(
            output.status.success(),
            "{nonsense:?}: {}",
            transcript(&output)
        );
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(stdout.contains("Last seen"), "{nonsense:?}: {stdout}");
    }
    // A pipe has no width: nothing is cut.
    let piped = cli.run(&["sessions", "list"], "");
    assert!(String::from_utf8_lossy(&piped.stdout).contains("Last seen"));
}

/// On a real terminal of 80 columns, without `COLUMNS`: the terminal's own width.
#[tokio::test(flavor = "multi_thread")]
async fn a_terminal_of_80_columns_gets_one_line_a_session() {
    let Some((_db, _server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    let mut run = PtyRun::spawn_sized(cli.terminal_command(&["sessions", "list"]), 80, 24);
    assert_eq!(run.wait().code(), Some(0), "{}", run.output());
    let screen = run.output();
    assert!(widest_line(&screen) <= 80, "{screen}");
    assert_eq!(
        screen.lines().filter(|l| !l.trim().is_empty()).count(),
        5,
        "{screen}"
    );
}
