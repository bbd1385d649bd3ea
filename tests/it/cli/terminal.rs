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

/// Issue 17, item 4: with 30 sessions in a 15-row terminal, the first frame had already
/// scrolled the prompt and the highlight away, every key reprinted the whole list, and
/// 112 stale lines stayed after Esc. Now the picker is a window the terminal's height,
/// redrawn in place: read back through a terminal emulator, the prompt stays on screen,
/// the highlight is always visible, and nothing of the picker is left after Esc.
#[tokio::test(flavor = "multi_thread")]
async fn the_picker_scrolls_in_a_window_the_terminals_height() {
    let Some((_db, server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    let api = crate::support::Api::new(&server);
    for i in 0..27 {
        api.sign_in(
            super::EMAIL,
            super::PASSWORD,
            "desktop",
            Some(&format!("Laptop number {i:02}")),
        )
        .await;
    }
    let mut run = PtyRun::spawn_sized(cli.terminal_command(&["sessions", "revoke"]), 100, 15);
    run.wait_for("of 30");
    let screen = |output: &str| {
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
        let mut parser = vt100::Parser::new(size(15), size(100), 1000);
        parser.process(output.as_bytes());
        parser
    };
    let first = screen(&run.output());
    let shown = first.screen().contents();
    assert!(shown.contains("Sessions to sign out"), "{shown}");
    assert!(
        shown.contains("> [ ]"),
        "the highlight is on screen: {shown}"
    );
    assert!(shown.contains("1-12 of 30"), "{shown}");
    // Twenty steps down: the window follows, the prompt stays.
    for _ in 0..20 {
        run.type_keys(b"j");
    }
    run.wait_for("10-21 of 30");
    let moved = screen(&run.output());
    let shown = moved.screen().contents();
    assert!(shown.contains("Sessions to sign out"), "{shown}");
    assert!(shown.contains("> [ ]"), "{shown}");
    run.type_keys(b"\x1b");
    assert_eq!(run.wait().code(), Some(130));
    // Nothing of the picker is left, on screen or in the scrollback.
    let mut after = screen(&run.output());
    after.screen_mut().set_scrollback(1000);
    let scrolled_back = after.screen().scrollback();
    let everything = format!("{}{}", after.screen().contents(), scrolled_back);
    assert!(
        !after.screen().contents().contains("[ ]"),
        "stale picker lines on screen:\n{}",
        after.screen().contents()
    );
    assert_eq!(
        scrolled_back, 0,
        "the picker scrolled lines away:\n{everything}"
    );
}

/// Issue 17's polish: at a terminal a mistyped password gets two more tries, and the
/// profile's last email is offered.
#[tokio::test(flavor = "multi_thread")]
async fn login_at_a_terminal_retries_and_offers_the_last_email() {
    let Some((_db, _server, cli, _)) = lost_laptop_world().await else {
        return;
    };
    let mut run = PtyRun::spawn(cli.terminal_command(&["login", "--insecure-storage"]));
    // The world's machine signed in as Ana before: Enter takes the offered email.
    run.wait_for(super::EMAIL);
    run.type_keys(b"\r");
    run.wait_for("Password");
    run.type_keys(b"not the password\r");
    run.wait_for("try again");
    run.type_keys(format!("{}\r", super::PASSWORD).as_bytes());
    assert_eq!(run.wait().code(), Some(0), "{}", run.output());
    let output = run.output();
    assert!(
        output.contains("the email or password is wrong; try again"),
        "{output}"
    );
    assert!(output.contains("Signed in to"), "{output}");
}
