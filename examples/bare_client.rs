//! The floor that `tab sessions list` is measured against (`bench/cli.sh`): a bare
//! reqwest + comfy-table client that makes the same request with `TAB_TOKEN` to
//! `TAB_SERVER` and prints the sessions as a table, and does nothing else (no config, no
//! credential store, no error words).

// A benchmark tool: it prints its figures, and (bare_client) is the floor the CLI is
// measured against, so it builds its own HTTP client on purpose.
#![allow(clippy::print_stdout, clippy::print_stderr, clippy::disallowed_methods)]

use comfy_table::{Table, presets};

fn main() {
    let server = std::env::var("TAB_SERVER").unwrap_or_default();
    let token = std::env::var("TAB_TOKEN").unwrap_or_default();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let list: serde_json::Value = runtime.block_on(async {
        reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("a client")
            .get(format!("{server}/api/v1/sessions"))
            .bearer_auth(token)
            .send()
            .await
            .expect("an answer")
            .json()
            .await
            .expect("JSON")
    });
    let mut table = Table::new();
    table.load_preset(presets::NOTHING);
    table.set_header(["KIND", "DEVICE", "LAST SEEN", "ID"]);
    for session in list["sessions"].as_array().into_iter().flatten() {
        let text = |key: &str| session[key].as_str().unwrap_or("-").to_string();
        table.add_row([
            text("kind"),
            text("label"),
            text("last_seen_at"),
            text("id"),
        ]);
    }
    println!("{table}");
}
