//! `tab` on a real pseudo-terminal: colour and glyphs there (and not in a pipe), and the
//! revoke picker, which leaves the terminal as it found it however it ends.

use super::lost_laptop_world;
use crate::support::pty::PtyRun;

/// Where the cursor was last hidden and last shown in `output` (byte offsets).
fn cursor_events(output: &str) -> (Option<usize>, Option<usize>) {
    (output.rfind("\u{1b}[?25l"), output.rfind("\u{1b}[?25h"))
}

#[tokio::test(flavor = "multi_thread")]
async fn colour_and_glyphs_on_a_terminal_not_in_a_pipe() {
    let Some((_db, _server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    let mut run = PtyRun::spawn(cli.terminal_command(&["sessions", "list"]));
    assert_eq!(run.wait().code(), Some(0), "{}", run.output());
    let screen = run.output();
    assert!(
        screen.contains("\u{1b}[1m\u{1b}[32mThis device"),
        "{screen:?}"
    );
    assert!(
        screen.contains("🌐") && screen.contains("💻") && screen.contains('⌨'),
        "{screen}"
    );

    let piped = cli.run(&["sessions", "list", "--color", "auto"], "");
    let piped = String::from_utf8_lossy(&piped.stdout);
    assert!(
        !piped.contains('\u{1b}') && piped.contains("[web]"),
        "{piped}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn the_picker_signs_out_what_is_ticked() {
    let Some((_db, _server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    // Down, tick, down, tick, Enter: the second and third rows go.
    let mut run = PtyRun::spawn(cli.terminal_command(&["sessions", "revoke"]));
    run.wait_for("Sessions to sign out");
    for key in [&b"j"[..], b" ", b"j", b" ", b"\r"] {
        run.type_keys(key);
    }
    assert_eq!(run.wait().code(), Some(0), "{}", run.output());
    assert!(
        run.output().contains("Signed out 2 sessions"),
        "{}",
        run.output()
    );
    let (hidden, shown) = cursor_events(&run.output());
    assert!(shown > hidden, "the cursor was left hidden");
    let list = cli.run(&["sessions", "list"], "");
    let list = String::from_utf8_lossy(&list.stdout);
    assert!(
        list.contains("Chrome on macOS") && !list.contains("Office laptop"),
        "{list}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn enter_with_nothing_ticked_signs_out_the_highlighted_row() {
    let Some((_db, _server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    let mut run = PtyRun::spawn(cli.terminal_command(&["sessions", "revoke"]));
    run.wait_for("Sessions to sign out");
    run.type_keys(b"\r");
    assert_eq!(run.wait().code(), Some(0), "{}", run.output());
    assert!(
        run.output().contains("Signed out 1 session"),
        "{}",
        run.output()
    );
    let list = cli.run(&["sessions", "list"], "");
    assert!(!String::from_utf8_lossy(&list.stdout).contains("Chrome on macOS"));
}

#[tokio::test(flavor = "multi_thread")]
async fn ctrl_c_in_the_picker_leaves_the_terminal_as_found() {
    let Some((_db, _server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    for (key, name) in [(&b"\x03"[..], "Ctrl-C"), (&b"\x1b"[..], "Esc")] {
        let mut run = PtyRun::spawn(cli.terminal_command(&["sessions", "revoke"]));
        run.wait_for("Sessions to sign out");
        let (hidden, _) = cursor_events(&run.output());
        assert!(hidden.is_some(), "the picker did not hide the cursor");
        run.type_keys(key);
        let status = run.wait();
        assert_eq!(
            status.code(),
            Some(130),
            "{name}: {status:?} {:?}",
            run.output()
        );
        let (hidden, shown) = cursor_events(&run.output());
        assert!(
            shown > hidden,
            "{name} left the cursor hidden: {:?}",
            run.output()
        );
        assert_eq!(
            run.local_flags(),
            run.initial_flags,
            "{name} left the terminal's modes changed"
        );
    }
    // Nothing was signed out.
    let list = cli.run(&["sessions", "list", "--json"], "");
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).expect("JSON");
    assert_eq!(list["sessions"].as_array().map(Vec::len), Some(4));
}
