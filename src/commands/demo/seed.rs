//! The demo's world: a throwaway server in this process on a free loopback port and a
//! fresh SQLite file, the demo account (the firm's administrator) already signed in on
//! other devices, and a colleague who has left, still signed in on two.

use tab_api::{ClientInfo, SignInRequest};
use url::Url;

use crate::client::ApiClient;

use super::{DEMO_EMAIL, LEAVER_DEVICES, LEAVER_EMAIL, OTHER_DEVICES, TIMEOUT, World};

/// Starts the server on `database`, adds both accounts and signs in their devices.
pub(super) async fn start(database: &str) -> anyhow::Result<World> {
    let server = tab_server::Server::bind("127.0.0.1:0", database, None).await?;
    let addr = server.local_addr()?;
    let base = Url::parse(&format!("http://{addr}"))?;
    let password = uuid::Uuid::new_v4().to_string();
    add_accounts(server.store(), &password).await?;
    let store = server.store().clone();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.run(async {
        let _ = stopped.await;
    }));
    let (lost_token, lost_id) = sign_in_other_devices(&base, &password, &store).await?;
    sign_in_the_leaver(&base, &password).await?;
    Ok(World {
        base,
        password,
        lost_token,
        lost_id,
        stop,
        running,
    })
}

/// The demo account (an administrator, so that it can offboard) and the leaver.
async fn add_accounts(store: &tab_server::store::Store, password: &str) -> anyhow::Result<()> {
    for (email, name, role) in [
        (DEMO_EMAIL, "Ana Lima", tab_api::Role::Admin),
        (LEAVER_EMAIL, "Bo Jensen", tab_api::Role::Accountant),
    ] {
        tab_server::add_user(
            store,
            &tab_server::NewAccount {
                email,
                name,
                role,
                password,
            },
        )
        .await?;
    }
    Ok(())
}

/// Signs the demo account in on [`OTHER_DEVICES`], each with its own User-Agent and its
/// times moved into the past; the last one's token and id (the lost laptop).
async fn sign_in_other_devices(
    base: &Url,
    password: &str,
    store: &tab_server::store::Store,
) -> anyhow::Result<(String, String)> {
    let mut lost_laptop = None;
    let now = tab_server::store::UnixMillis::now();
    for device in OTHER_DEVICES {
        let client = ApiClient::with_user_agent(base.clone(), TIMEOUT, None, device.user_agent)?;
        let signed_in = client
            .sign_in(&SignInRequest {
                email: DEMO_EMAIL.into(),
                password: password.to_string(),
                client: ClientInfo {
                    kind: device.kind,
                    label: device.label.map(Into::into),
                },
            })
            .await?;
        let id = tab_server::store::SessionId::from_uuid(signed_in.session.id);
        store
            .set_session_times(
                &id,
                now - device.started_min * 60_000,
                now - device.seen_min * 60_000,
            )
            .await
            .map_err(|e| anyhow::anyhow!("cannot seed the demo: {}", e.describe()))?;
        lost_laptop = Some((signed_in.token, id.into_string()));
    }
    lost_laptop.ok_or_else(|| anyhow::anyhow!("the demo has no devices"))
}

/// Signs the leaver in on [`LEAVER_DEVICES`].
async fn sign_in_the_leaver(base: &Url, password: &str) -> anyhow::Result<()> {
    for (kind, label) in LEAVER_DEVICES {
        ApiClient::new(base.clone(), TIMEOUT, None)?
            .sign_in(&SignInRequest {
                email: LEAVER_EMAIL.into(),
                password: password.to_string(),
                client: ClientInfo {
                    kind: *kind,
                    label: Some((*label).into()),
                },
            })
            .await?;
    }
    Ok(())
}
