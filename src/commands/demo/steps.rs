//! The demo's numbered steps, each a named function: the real commands run exactly as
//! typed (through `commands::run_in`), and what the lost laptop is told, asked through
//! `ApiClient` like any client.

use crate::cli::{
    AdminArgs, AdminCommand, AuditArgs, Command, FilterArgs, ListArgs, OffboardArgs, OutputArgs,
    RevokeArgs, RevokeOthersArgs, SessionsArgs, SessionsCommand,
};
use crate::client::ApiClient;
use crate::context::Ctx;
use crate::credentials::Storage;
use crate::render;
use crate::sign_in::{SignIn, sign_in_and_keep};

use super::{DEMO_EMAIL, LEAVER_DEVICES, LEAVER_EMAIL, OTHER_DEVICES, TIMEOUT, World};

/// A step's heading.
fn step(ctx: &Ctx, text: &str) {
    ctx.out(&format!("\n{}", ctx.style().heading(text)));
}

/// What is running, and who is signed in where.
pub(super) fn introduce(ctx: &Ctx, world: &World) {
    ctx.out(&format!(
        "A TAB server is running at {} on a fresh SQLite file.",
        world.base
    ));
    ctx.out(&format!(
        "{DEMO_EMAIL} is already signed in on {} other devices.",
        OTHER_DEVICES.len()
    ));
    ctx.out(&format!(
        "{DEMO_EMAIL} administers the firm; {LEAVER_EMAIL} has left, still signed in on {} devices.",
        LEAVER_DEVICES.len()
    ));
}

/// 1. `tab login`, as a new device.
pub(super) async fn sign_in_this_terminal(ctx: &Ctx, world: &World) -> anyhow::Result<()> {
    step(ctx, "1. This terminal signs in as a new device: tab login");
    sign_in_and_keep(
        ctx,
        world.base.clone(),
        SignIn {
            email: DEMO_EMAIL.into(),
            password: world.password.clone(),
            label: "tab on this terminal (demo)".into(),
            storage: Storage::File,
        },
    )
    .await?;
    Ok(())
}

/// 2. and 6. `tab sessions list`, under `heading`.
pub(super) async fn list_sessions(ctx: &Ctx, heading: &str) -> anyhow::Result<()> {
    step(ctx, heading);
    sessions(ctx, SessionsCommand::List(ListArgs::default())).await
}

/// 3. `tab sessions revoke PREFIX` for the lost laptop.
pub(super) async fn revoke_the_lost_laptop(ctx: &Ctx, world: &World) -> anyhow::Result<()> {
    let prefix = world.lost_id[..render::SHORT_ID_CHARS].to_string();
    step(
        ctx,
        &format!("3. The office laptop was lost: tab sessions revoke {prefix}"),
    );
    sessions(
        ctx,
        SessionsCommand::Revoke(RevokeArgs {
            ids: vec![prefix],
            output: OutputArgs::default(),
        }),
    )
    .await
}

/// 4. The laptop's own token, refused with 401.
pub(super) async fn the_laptop_is_refused(ctx: &Ctx, world: &World) -> anyhow::Result<()> {
    step(ctx, "4. The lost laptop's next request is refused");
    let laptop = ApiClient::new(
        world.base.clone(),
        TIMEOUT,
        Some(crate::secret::Token::new(world.lost_token.clone())),
    )?;
    let (status, body) = laptop.sessions_status().await?;
    let (code, message) = body.map_or(("?", String::new()), |body| {
        (body.error.as_str(), render::server_sentence(&body.message))
    });
    ctx.out(&format!(
        "GET /api/v1/sessions from the laptop: HTTP {status} {code} ({message})"
    ));
    Ok(())
}

/// 5. `tab sessions revoke-others`.
pub(super) async fn sign_out_everywhere_else(ctx: &Ctx) -> anyhow::Result<()> {
    step(
        ctx,
        "5. Sign out everywhere else: tab sessions revoke-others",
    );
    sessions(
        ctx,
        SessionsCommand::RevokeOthers(RevokeOthersArgs {
            output: OutputArgs::default(),
            dry_run: false,
            filter: FilterArgs::default(),
        }),
    )
    .await
}

/// 7. `tab admin offboard` for the leaver.
pub(super) async fn offboard_the_leaver(ctx: &Ctx) -> anyhow::Result<()> {
    step(
        ctx,
        &format!("7. {LEAVER_EMAIL} has left the firm: tab admin offboard {LEAVER_EMAIL}"),
    );
    admin(
        ctx,
        AdminCommand::Offboard(OffboardArgs {
            emails: vec![LEAVER_EMAIL.into()],
            users_from: None,
            dry_run: false,
            output: OutputArgs::default(),
        }),
    )
    .await
}

/// 8. `tab admin audit`.
pub(super) async fn show_the_record(ctx: &Ctx) -> anyhow::Result<()> {
    step(ctx, "8. On the record: tab admin audit");
    admin(
        ctx,
        AdminCommand::Audit(AuditArgs {
            limit: tab_api::DEFAULT_AUDIT,
            output: OutputArgs::default(),
        }),
    )
    .await
}

/// With `--serve`: the other devices stay signed in, so that every command has something
/// to act on; how to reach the server from a browser and another terminal.
pub(super) fn keep_serving(ctx: &Ctx, world: &World, dir: &std::path::Path) {
    let base = &world.base;
    let password = &world.password;
    step(
        ctx,
        "5. The demo server keeps running, the other devices still signed in",
    );
    ctx.out(&format!(
        "Open the Active sessions card in a browser: {base} (sign in as {DEMO_EMAIL}, password {password})"
    ));
    ctx.out(
        "Revoke the browser's row from here (tab sessions revoke) and it is back at the sign-in screen within seconds.",
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
    ctx.out(
        "  tab login --profile box --device --insecure-storage   # prints a code to enter at /device",
    );
    ctx.out(&format!(
        "Sign more devices in as {DEMO_EMAIL}, password {password} (this throwaway server's only):"
    ));
    ctx.out(&format!(
        "  printf '%s\\n' '{password}' | tab login --profile laptop --email {DEMO_EMAIL} --password-stdin --insecure-storage"
    ));
    ctx.out("Stop it with Ctrl-C; its files go with it.");
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
