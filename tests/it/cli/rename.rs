//! `tab sessions rename` end to end (issue 20): by short id, this device's with
//! `--current`, cleared with an empty label, as JSON; refused labels and unknown ids.

use serde_json::Value;

use super::lost_laptop_world;
use crate::support::cli::transcript;

#[tokio::test(flavor = "multi_thread")]
async fn sessions_are_renamed_by_id_or_as_this_device() {
    let Some((_db, _server, cli, ids)) = lost_laptop_world().await else {
        return;
    };
    let laptop = &ids[1][..8];
    let renamed = cli.run(&["sessions", "rename", laptop, "Office laptop (lost)"], "");
    assert_eq!(renamed.status.code(), Some(0), "{}", transcript(&renamed));
    assert_eq!(
        String::from_utf8_lossy(&renamed.stdout).trim(),
        format!("Renamed session {laptop} to Office laptop (lost)")
    );
    let own = cli.run(&["sessions", "rename", "--current", "Ana's terminal"], "");
    assert_eq!(
        String::from_utf8_lossy(&own.stdout).trim(),
        "Renamed this device's session to Ana's terminal",
        "{}",
        transcript(&own)
    );
    let list = cli.run(&["sessions", "list"], "");
    let list = String::from_utf8_lossy(&list.stdout).into_owned();
    let current = list
        .lines()
        .find(|l| l.contains("This device"))
        .expect("current row");
    assert!(current.contains("Ana's terminal"), "{list}");
    assert!(list.contains("Office laptop (lost)"), "{list}");
    let json = cli.run(&["sessions", "rename", laptop, "", "--json"], "");
    let session: Value = serde_json::from_slice(&json.stdout).expect("the session as JSON");
    assert_eq!(session["label"], Value::Null);
    assert_eq!(session["id"], ids[1].as_str());
    let history = cli.run(&["sessions", "history"], "");
    let history = String::from_utf8_lossy(&history.stdout).into_owned();
    assert!(
        history.contains("renamed (was Office laptop (lost))"),
        "{history}"
    );
    // Refused: a label that reads as This device (exit 2), an unknown id (exit 4), a
    // bad prefix (exit 2), --current with two words.
    let spoof = cli.run(&["sessions", "rename", laptop, "This device"], "");
    assert_eq!(spoof.status.code(), Some(2), "{}", transcript(&spoof));
    assert_eq!(
        cli.run(&["sessions", "rename", "ffff", "x"], "")
            .status
            .code(),
        Some(4)
    );
    assert_eq!(
        cli.run(&["sessions", "rename", "zz", "x"], "")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        cli.run(&["sessions", "rename", "--current", "a", "b"], "")
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        cli.run(&["sessions", "rename", laptop], "").status.code(),
        Some(2)
    );
}
