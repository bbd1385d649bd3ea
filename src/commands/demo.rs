//! `tab demo`: the whole job in one command. A throwaway server in this process on a
//! free loopback port and a fresh SQLite file; a demo account already signed in on other
//! devices; this CLI signed in as a new device; then the real commands, run through the
//! same code as when typed, and the revoked device's next request refused.

use std::time::Duration;

use chrono::Utc;
use tab_api::{ClientInfo, SessionKind, SignInRequest};
use url::Url;

use crate::cli::{
    AdminArgs, AdminCommand, AuditArgs, Command, DemoArgs, GlobalArgs, ListArgs, OffboardArgs,
    OutputArgs, RevokeArgs, RevokeOthersArgs, SessionsArgs, SessionsCommand,
};
use crate::client::ApiClient;
use crate::context::Ctx;
use crate::credentials::{ConfigDir, Storage};
use crate::printer::Printer;
use crate::render;
use crate::sign_in::{SignIn, sign_in_and_keep};

const DEMO_EMAIL: &str = "ana@example.com";
/// A colleague who has left, still signed in on a browser and the desktop app; the demo
/// ends by offboarding them.
const LEAVER_EMAIL: &str = "bo@example.com";
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
    let server = tab_server::Server::bind("127.0.0.1:0", &database, None).await?;
    let addr = server.local_addr()?;
    let base = Url::parse(&format!("http://{addr}"))?;
    let password = uuid::Uuid::new_v4().to_string();
    tab_server::add_user(
        server.store(),
        &tab_server::NewAccount {
            email: DEMO_EMAIL,
            name: "Ana Lima",
            // The firm's administrator, so that the demo can offboard a leaver.
            role: tab_api::Role::Admin,
            password: &password,
        },
    )
    .await?;
    tab_server::add_user(
        server.store(),
        &tab_server::NewAccount {
            email: LEAVER_EMAIL,
            name: "Bo Jensen",
            role: tab_api::Role::Accountant,
            password: &password,
        },
    )
    .await?;
    let store = server.store().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));

    let ctx = Ctx {
        global: GlobalArgs {
            server: Some(base.to_string()),
            profile: "demo".into(),
            ..global.clone()
        },
        printer: printer.clone(),
        config: ConfigDir::new(dir.join("config")),
        env_token: None,
    };
    let step = |text: &str| ctx.out(&format!("\n{}", ctx.style().heading(text)));

    ctx.out(&format!(
        "A TAB server is running at {base} on a fresh SQLite file."
    ));
    ctx.out(&format!(
        "{DEMO_EMAIL} is already signed in on {} other devices.",
        OTHER_DEVICES.len()
    ));
    let timeout = Duration::from_secs(10);
    let mut lost_laptop = None;
    let now = Utc::now().timestamp_millis();
    for device in OTHER_DEVICES {
        let client = ApiClient::with_user_agent(base.clone(), timeout, None, device.user_agent)?;
        let signed_in = client
            .sign_in(&SignInRequest {
                email: DEMO_EMAIL.into(),
                password: password.clone(),
                client: ClientInfo {
                    kind: device.kind,
                    label: device.label.map(Into::into),
                },
            })
            .await?;
        let id = signed_in.session.id.to_string();
        store
            .set_session_times(
                &id,
                now - device.started_min * 60_000,
                now - device.seen_min * 60_000,
            )
            .await
            .map_err(|e| {
                anyhow::anyhow!("cannot seed the demo: {}", tab_server::store::describe(&e))
            })?;
        lost_laptop = Some((signed_in.token, id));
    }
    for (kind, label) in LEAVER_DEVICES {
        ApiClient::new(base.clone(), timeout, None)?
            .sign_in(&SignInRequest {
                email: LEAVER_EMAIL.into(),
                password: password.clone(),
                client: ClientInfo {
                    kind: *kind,
                    label: Some((*label).into()),
                },
            })
            .await?;
    }
    ctx.out(&format!(
        "{DEMO_EMAIL} administers the firm; {LEAVER_EMAIL} has left, still signed in on {} devices.",
        LEAVER_DEVICES.len()
    ));
    let Some((lost_token, lost_id)) = lost_laptop else {
        anyhow::bail!("the demo has no devices")
    };

    let password_shown = password.clone();
    step("1. This terminal signs in as a new device: tab login");
    sign_in_and_keep(
        &ctx,
        base.clone(),
        SignIn {
            email: DEMO_EMAIL.into(),
            password,
            label: "tab on this terminal (demo)".into(),
            storage: Storage::File,
        },
    )
    .await
    .map(|_| ())?;

    step("2. Where am I signed in? tab sessions list");
    sessions(&ctx, SessionsCommand::List(ListArgs::default())).await?;

    let prefix = lost_id[..render::SHORT_ID_CHARS].to_string();
    step(&format!(
        "3. The office laptop was lost: tab sessions revoke {prefix}"
    ));
    sessions(
        &ctx,
        SessionsCommand::Revoke(RevokeArgs {
            ids: vec![prefix],
            output: OutputArgs::default(),
        }),
    )
    .await?;

    step("4. The lost laptop's next request is refused");
    let laptop = ApiClient::new(
        base.clone(),
        timeout,
        Some(crate::secret::Token::new(lost_token)),
    )?;
    let (status, body) = laptop.sessions_status().await?;
    let (code, message) = body.map_or(("?", String::new()), |body| {
        (body.error.as_str(), render::server_sentence(&body.message))
    });
    ctx.out(&format!(
        "GET /api/v1/sessions from the laptop: HTTP {status} {code} ({message})"
    ));

    if !args.serve {
        step("5. Sign out everywhere else: tab sessions revoke-others");
        sessions(
            &ctx,
            SessionsCommand::RevokeOthers(RevokeOthersArgs {
                output: OutputArgs::default(),
                dry_run: false,
                kind: Vec::new(),
                idle_for: None,
            }),
        )
        .await?;
        step("6. Only this device is left: tab sessions list");
        sessions(&ctx, SessionsCommand::List(ListArgs::default())).await?;
        step(&format!(
            "7. {LEAVER_EMAIL} has left the firm: tab admin offboard {LEAVER_EMAIL}"
        ));
        admin(
            &ctx,
            AdminCommand::Offboard(OffboardArgs {
                emails: vec![LEAVER_EMAIL.into()],
                users_from: None,
                dry_run: false,
                output: OutputArgs::default(),
            }),
        )
        .await?;
        step("8. On the record: tab admin audit");
        admin(
            &ctx,
            AdminCommand::Audit(AuditArgs {
                limit: tab_api::DEFAULT_AUDIT,
                output: OutputArgs::default(),
            }),
        )
        .await?;
    } else {
        // The other devices stay signed in, so that every command has something to act on.
        step("5. The demo server keeps running, the other devices still signed in");
        ctx.out(&format!(
            "Open the Active sessions card in a browser: {base} (sign in as {DEMO_EMAIL}, password {password_shown})"
        ));
        ctx.out(
            "Revoke the browser's row from here (tab sessions revoke) and it is back at the sign-in screen within seconds."
        );
        ctx.out("From another terminal:");
        ctx.out(&format!("  export TAB_SERVER={base}"));
        ctx.out(&format!(
            "  export TAB_CONFIG_DIR={}",
            dir.join("config").display()
        ));
        ctx.out("  export TAB_PROFILE=demo");
        ctx.out("  tab sessions list");
        ctx.out("  tab sessions revoke-others      # \"Sign out everywhere else\"");
        ctx.out(&format!(
            "  tab admin offboard {LEAVER_EMAIL}   # the colleague who left, signed out everywhere"
        ));
        ctx.out(
            "Sign a device in through the browser instead of a password (the page above approves it):",
        );
        ctx.out("  tab login --profile box --device --insecure-storage   # prints a code to enter at /device");
        ctx.out(&format!(
            "Sign more devices in as {DEMO_EMAIL}, password {password_shown} (this throwaway server's only):"
        ));
        ctx.out(&format!(
            "  printf '%s\\n' '{password_shown}' | tab login --profile laptop --email {DEMO_EMAIL} --password-stdin --insecure-storage"
        ));
        ctx.out("Stop it with Ctrl-C; its files go with it.");
        tab_server::shutdown_signal().await;
    }
    let _ = stop.send(());
    running.await??;
    Ok(())
}

/// Runs `tab admin ...` exactly as typed.
async fn admin(ctx: &Ctx, command: AdminCommand) -> anyhow::Result<()> {
    crate::commands::run_in(ctx, &Command::Admin(AdminArgs { command })).await
}

/// Runs `tab sessions ...` exactly as typed.
async fn sessions(ctx: &Ctx, command: SessionsCommand) -> anyhow::Result<()> {
    let args = SessionsArgs {
        command: Some(command),
        list: ListArgs::default(),
    };
    crate::commands::run_in(ctx, &Command::Sessions(args)).await
}
