//! Issue 17, item 2: `tab server user unlock EMAIL` did not lift what blocked the email
//! (20 wrong passwords from one address, or the 100-a-minute account limit), and behind
//! a TLS proxy every client shared one address. Now a 429 says which limit it is, unlock
//! lifts the email's and the account's (`--address` the address's), the hint names only
//! what helps, and `--trusted-proxy` makes the limits count the client's own address.

use serde_json::{Value, json};

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::cli::CliEnv;
use crate::support::{Api, Backend, TestDatabase, TestServer, run_with_stdin, tab_bin};

on_both_backends!(
    unlock_lifts_every_limit_that_blocks_an_email,
    a_trusted_proxy_names_the_client,
);

const BO: &str = "bo@example.com";

/// `tab server user unlock ARGS` on `db`.
fn unlock(db: &TestDatabase, args: &[&str]) -> std::process::Output {
    let output = run_with_stdin(
        std::process::Command::new(tab_bin())
            .args(["server", "user", "unlock"])
            .args(args)
            .args(["--database", &db.url]),
        "",
    );
    assert!(output.status.success(), "unlock {args:?}: {output:?}");
    output
}

/// A sign-in from `api` (`forwarded` as X-Forwarded-For); status, `limit` and body.
async fn sign_in(
    api_base: &str,
    email: &str,
    password: &str,
    forwarded: Option<&str>,
) -> (u16, Value) {
    let mut request = reqwest::Client::new()
        .post(format!("{api_base}/api/v1/auth/sign-in"))
        .json(&json!({"email": email, "password": password, "client": {"kind": "cli"}}));
    if let Some(forwarded) = forwarded {
        request = request.header("x-forwarded-for", forwarded);
    }
    let response = request.send().await.expect("send");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or_default())
}

async fn unlock_lifts_every_limit_that_blocks_an_email(backend: Backend) {
    let Some(db) = TestDatabase::new(backend).await else {
        return;
    };
    db.add_user(BO, PASSWORD);
    let server = TestServer::start(&db, None);
    let base = server.url();

    // Twenty wrong passwords from one address, for twenty other emails.
    for i in 0..20 {
        let (status, _) = sign_in(&base, &format!("guess-{i}@example.com"), "wrong", None).await;
        assert_eq!(status, 401);
    }
    let (status, body) = sign_in(&base, BO, PASSWORD, None).await;
    assert_eq!(
        (status, body["limit"].as_str()),
        (429, Some("address")),
        "{body}"
    );
    // The CLI's hint names the command that helps.
    let cli = CliEnv::new(&server);
    let login = cli.run(
        &[
            "login",
            "--email",
            BO,
            "--password-stdin",
            "--insecure-storage",
        ],
        &format!("{PASSWORD}\n"),
    );
    assert_eq!(login.status.code(), Some(7));
    let said = String::from_utf8_lossy(&login.stderr);
    assert!(
        said.contains("too many failed sign-ins from this address"),
        "{said}"
    );
    assert!(
        said.contains("`tab server user unlock --address ADDRESS`"),
        "{said}"
    );
    // Unlocking the email does not lift the address's limit; unlocking the address does.
    unlock(&db, &[BO]);
    assert_eq!(sign_in(&base, BO, PASSWORD, None).await.0, 429);
    let cleared = unlock(&db, &["--address", "127.0.0.1"]);
    assert!(
        String::from_utf8_lossy(&cleared.stdout)
            .starts_with("Cleared 20 failed sign-ins from 127.0.0.1")
    );
    assert_eq!(sign_in(&base, BO, PASSWORD, None).await.0, 201);

    // Five wrong passwords for bo, from another address: the email's limit.
    let other = Api::from_address(&server, "127.0.0.2".parse().expect("address"));
    for _ in 0..5 {
        other.sign_in_answer(BO, "wrong", "cli", None).await;
    }
    let answer = other.sign_in_answer(BO, PASSWORD, "cli", None).await;
    assert_eq!(
        (answer.status, answer.body["limit"].as_str()),
        (429, Some("email"))
    );
    unlock(&db, &["--email", BO]);
    assert_eq!(
        other.sign_in_answer(BO, PASSWORD, "cli", None).await.status,
        201
    );

    // A hundred sign-ins within the minute: the account's limit, lifted by unlock too.
    let user_id: String = db
        .value(&format!("SELECT id FROM users WHERE email_key = '{BO}'"))
        .await;
    let now = chrono::Utc::now().timestamp_millis();
    let rows: Vec<String> = (0..100)
        .map(|i| {
            format!(
                "('{}', '{user_id}', 'cli', {now}, {now}, {})",
                uuid::Uuid::new_v4(),
                now + 7 * 86_400_000 + i
            )
        })
        .collect();
    db.execute(&format!(
        "INSERT INTO device_sessions (id, user_id, kind, created_at, last_seen_at, expires_at) VALUES {}",
        rows.join(", ")
    ))
    .await;
    let answer = other.sign_in_answer(BO, PASSWORD, "cli", None).await;
    assert_eq!(
        (answer.status, answer.body["limit"].as_str()),
        (429, Some("account"))
    );
    let unlocked = unlock(&db, &[BO]);
    assert!(
        String::from_utf8_lossy(&unlocked.stdout).contains("restarted its count of sign-ins"),
        "{unlocked:?}"
    );
    assert_eq!(
        other.sign_in_answer(BO, PASSWORD, "cli", None).await.status,
        201
    );
}

async fn a_trusted_proxy_names_the_client(backend: Backend) {
    let Some(db) = TestDatabase::new(backend).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    // Without --trusted-proxy the header is ignored.
    let plain = TestServer::start(&db, None);
    let (status, body) = sign_in(&plain.url(), EMAIL, PASSWORD, Some("203.0.113.7")).await;
    assert_eq!(status, 201);
    assert_eq!(body["session"]["ip"], "127.0.0.1", "{body}");
    drop(plain);

    let server = TestServer::start_with_args(&db, None, &["--trusted-proxy", "127.0.0.1/32"]);
    let base = server.url();
    let (_, body) = sign_in(&base, EMAIL, PASSWORD, Some("198.51.100.1, 203.0.113.7")).await;
    assert_eq!(
        body["session"]["ip"], "203.0.113.7",
        "the rightmost untrusted hop: {body}"
    );
    // A peer that is not a trusted proxy is its own client, whatever it claims.
    let untrusted = reqwest::Client::builder()
        .local_address("127.0.0.2".parse::<std::net::IpAddr>().expect("address"))
        .build()
        .expect("client");
    let answer: Value = untrusted
        .post(format!("{base}/api/v1/auth/sign-in"))
        .header("x-forwarded-for", "203.0.113.8")
        .json(&json!({"email": EMAIL, "password": PASSWORD, "client": {"kind": "cli"}}))
        .send()
        .await
        .expect("send")
        .json()
        .await
        .expect("JSON");
    assert_eq!(answer["session"]["ip"], "127.0.0.2");
    // Twenty wrong passwords from one client behind the proxy lock that client out only.
    for i in 0..20 {
        let (status, _) = sign_in(
            &base,
            &format!("guess-{i}@example.com"),
            "wrong",
            Some("203.0.113.7"),
        )
        .await;
        assert_eq!(status, 401);
    }
    let (status, body) = sign_in(&base, EMAIL, PASSWORD, Some("203.0.113.7")).await;
    assert_eq!((status, body["limit"].as_str()), (429, Some("address")));
    let (status, body) = sign_in(&base, EMAIL, PASSWORD, Some("203.0.113.9")).await;
    assert_eq!(status, 201, "another client behind the same proxy: {body}");
    // A header stuffed with thousands of hops, or with garbage: the client is still the
    // rightmost untrusted one (or the proxy itself), and twenty such sign-ins at once are
    // all answered.
    let stuffed = format!("{}203.0.113.10", "198.51.100.1, ".repeat(500));
    let (status, body) = sign_in(&base, EMAIL, PASSWORD, Some(&stuffed)).await;
    assert_eq!(
        (status, body["session"]["ip"].as_str()),
        (201, Some("203.0.113.10"))
    );
    let (_, body) = sign_in(&base, EMAIL, PASSWORD, Some("garbage, ::::")).await;
    assert_eq!(body["session"]["ip"], "127.0.0.1", "{body}");
    let at_once: Vec<_> = (0..20)
        .map(|i| {
            let base = base.clone();
            tokio::spawn(async move {
                let forwarded = format!("203.0.113.{}", 100 + i);
                sign_in(&base, EMAIL, PASSWORD, Some(&forwarded)).await.0
            })
        })
        .collect();
    for status in at_once {
        assert_eq!(status.await.expect("a sign-in"), 201);
    }
    // A nonsense proxy is refused before anything starts.
    let output = run_with_stdin(
        crate::support::serve_command(&db.url).args(["--trusted-proxy", "10.0.0.0/33"]),
        "",
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("a trusted proxy must be"));
}
