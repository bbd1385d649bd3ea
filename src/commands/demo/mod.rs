//! `tab demo`: the whole job in one command. A throwaway server in this process on a
//! free loopback port and a fresh SQLite file; a demo account already signed in on other
//! devices; this CLI signed in as a new device; then the real commands, run through the
//! same code as when typed, and the revoked device's next request refused. `seed` builds
//! that world, `steps` walks through it.

mod seed;
mod steps;

use std::time::Duration;

use tab_api::SessionKind;
use url::Url;

use crate::cli::{DemoArgs, GlobalArgs};
use crate::context::Ctx;
use crate::credentials::ConfigDir;
use crate::printer::Printer;

/// The demo account: the firm's administrator, signed in on [`OTHER_DEVICES`].
const DEMO_EMAIL: &str = "ana@example.com";
/// A colleague who has left, still signed in on a browser and the desktop app; the demo
/// ends by offboarding them.
const LEAVER_EMAIL: &str = "bo@example.com";
/// The leaver's devices: kind and label.
const LEAVER_DEVICES: &[(SessionKind, &str)] = &[
    (SessionKind::Web, "Bo's browser at home"),
    (SessionKind::Desktop, "Bo's office laptop"),
];

/// A device the demo account is already signed in on: kind, label, the User-Agent it
/// signs in with (so that its `device` reads as that browser or app), and how long ago it
/// started and was last seen (minutes).
struct OtherDevice {
    kind: SessionKind,
    label: Option<&'static str>,
    user_agent: &'static str,
    started_min: i64,
    seen_min: i64,
}

/// The demo account's other devices; the last is the laptop lost in step 3.
const OTHER_DEVICES: &[OtherDevice] = &[
    OtherDevice {
        kind: SessionKind::Web,
        label: Some("Chrome on macOS"),
        user_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
        started_min: 2 * 1440 + 60,
        seen_min: 4,
    },
    OtherDevice {
        kind: SessionKind::Desktop,
        label: Some("TAB Desktop on Windows"),
        user_agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) TAB-Desktop/2.3 Electron/33.2.1",
        started_min: 5 * 1440,
        seen_min: 3 * 60,
    },
    OtherDevice {
        kind: SessionKind::Web,
        label: None,
        user_agent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        started_min: 6 * 1440,
        seen_min: 26 * 60,
    },
    // The lost laptop, revoked in step 3.
    OtherDevice {
        kind: SessionKind::Desktop,
        label: Some("Ana's office laptop"),
        user_agent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) TAB-Desktop/2.3 Electron/33.2.1",
        started_min: 3 * 1440,
        seen_min: 2 * 1440 + 120,
    },
];

/// The running demo server and what the steps need of it.
struct World {
    /// Where the server listens.
    base: Url,
    /// The throwaway password of both demo accounts.
    password: String,
    /// The lost laptop's token and session id (revoked in step 3).
    lost_token: String,
    /// The lost laptop's session id.
    lost_id: String,
    /// Stops the server.
    stop: tokio::sync::oneshot::Sender<()>,
    /// The server's task, to wait for once stopped.
    running: tokio::task::JoinHandle<anyhow::Result<()>>,
}

/// How long the demo's own requests may take.
const TIMEOUT: Duration = Duration::from_secs(10);

/// Runs `tab demo`.
pub async fn run(global: &GlobalArgs, args: &DemoArgs, printer: &Printer) -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!(
        "tab-demo-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&dir)?;
    let outcome = demo(global, args, printer, &dir).await;
    let _ = std::fs::remove_dir_all(&dir);
    outcome
}

async fn demo(
    global: &GlobalArgs,
    args: &DemoArgs,
    printer: &Printer,
    dir: &std::path::Path,
) -> anyhow::Result<()> {
    let database = format!("sqlite://{}", dir.join("tab.db").display());
    let world = seed::start(&database).await?;
    let ctx = Ctx {
        global: GlobalArgs {
            server: Some(world.base.to_string()),
            profile: "demo".into(),
            ..global.clone()
        },
        printer: printer.clone(),
        config: ConfigDir::new(dir.join("config")),
        env_token: None,
    };
    steps::introduce(&ctx, &world);
    steps::sign_in_this_terminal(&ctx, &world).await?;
    steps::list_sessions(&ctx, "2. Where am I signed in? tab sessions list").await?;
    steps::revoke_the_lost_laptop(&ctx, &world).await?;
    steps::the_laptop_is_refused(&ctx, &world).await?;
    if args.serve {
        steps::keep_serving(&ctx, &world, dir);
        tab_server::shutdown_signal().await;
    } else {
        steps::sign_out_everywhere_else(&ctx).await?;
        steps::list_sessions(&ctx, "6. Only this device is left: tab sessions list").await?;
        steps::offboard_the_leaver(&ctx).await?;
        steps::show_the_record(&ctx).await?;
    }
    let _ = world.stop.send(());
    world.running.await??;
    Ok(())
}
