//! Signing in through the browser of this machine (issue 19, `tab login --web`), on both
//! backends: `/auth/cli/authorize` and `/auth/cli/token` with PKCE S256, the code one
//! use, 60 s, bound to its challenge, and loopback redirects only.

use base64::Engine as _;
use serde_json::json;

use super::grants::world;
use crate::on_both_backends;
use crate::support::{Answer, Api, Backend};

on_both_backends!(the_loopback_code_is_one_use_and_bound_to_its_challenge);

fn challenge_of(verifier: &str) -> String {
    use sha2::Digest as _;
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(sha2::Sha256::digest(verifier.as_bytes()))
}

async fn authorize(api: &Api, token: &str, port: u16, verifier: &str) -> Answer {
    api.call(
        "POST",
        "/auth/cli/authorize",
        Some(token),
        Some(json!({"port": port, "code_challenge": challenge_of(verifier), "state": "state-1234", "label": "tab on laptop"})),
    )
    .await
}

fn code_of(answer: &Answer) -> String {
    let redirect = answer.body["redirect"].as_str().expect("redirect");
    let url = url::Url::parse(redirect).expect("a URL");
    url.query_pairs()
        .find(|(k, _)| k == "code")
        .expect("code")
        .1
        .into_owned()
}

async fn the_loopback_code_is_one_use_and_bound_to_its_challenge(backend: Backend) {
    let Some((db, _server, api, ana)) = world(backend).await else {
        return;
    };
    let verifier = "v".repeat(43) + "0123456789";
    let answer = authorize(&api, &ana, 49152, &verifier).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let redirect = answer.body["redirect"].as_str().unwrap();
    assert!(
        redirect.starts_with("http://127.0.0.1:49152/callback?code="),
        "{redirect}"
    );
    assert!(redirect.ends_with("&state=state-1234"), "{redirect}");
    let code = code_of(&answer);
    let exchange = |code: String, verifier: String| {
        let api = api.clone();
        async move {
            api.call(
                "POST",
                "/auth/cli/token",
                None,
                Some(json!({"code": code, "code_verifier": verifier})),
            )
            .await
        }
    };
    let signed_in = exchange(code.clone(), verifier.clone()).await;
    assert_eq!(signed_in.status, 201, "{:?}", signed_in.body);
    let me = api
        .call(
            "GET",
            "/me",
            Some(signed_in.body["token"].as_str().unwrap()),
            None,
        )
        .await;
    assert_eq!(me.body["session"]["kind"], "cli");
    assert_eq!(me.body["session"]["label"], "tab on laptop");
    let reused = exchange(code, verifier.clone()).await;
    assert_eq!((reused.status, reused.code()), (400, "invalid_grant"));
    // A code for another challenge is refused, and used up by the attempt.
    let other = code_of(&authorize(&api, &ana, 49152, &verifier).await);
    let wrong = exchange(other.clone(), "w".repeat(50)).await;
    assert_eq!((wrong.status, wrong.code()), (400, "invalid_grant"));
    assert_eq!(exchange(other, verifier.clone()).await.status, 400);
    // Expired (the test moves time), and nonsense.
    let late = code_of(&authorize(&api, &ana, 49152, &verifier).await);
    db.execute("UPDATE cli_grants SET expires_at = 1 WHERE flow = 'web' AND status = 'approved'")
        .await;
    assert_eq!(
        exchange(late, verifier.clone()).await.code(),
        "invalid_grant"
    );
    assert_eq!(
        exchange("x".repeat(100), "y".repeat(43)).await.code(),
        "invalid_grant"
    );
    assert_eq!(
        exchange("c".into(), "short".into()).await.code(),
        "invalid_grant"
    );
    // Two exchanges of one code at once: one session.
    let racing = code_of(&authorize(&api, &ana, 49152, &verifier).await);
    let (a, b) = tokio::join!(
        exchange(racing.clone(), verifier.clone()),
        exchange(racing, verifier.clone())
    );
    assert_eq!(
        [a.status, b.status].iter().filter(|s| **s == 201).count(),
        1
    );
    // Only loopback, only a port above 1023, only S256's 43 characters, a safe state.
    for body in [
        json!({"port": 80, "code_challenge": challenge_of(&verifier), "state": "state-1234"}),
        json!({"port": 50000, "code_challenge": "short", "state": "state-1234"}),
        json!({"port": 50000, "code_challenge": challenge_of(&verifier), "state": "a b"}),
        json!({"port": 50000, "code_challenge": challenge_of(&verifier), "state": "state-1234", "redirect_uri": "https://evil.example"}),
        json!({"port": 70000, "code_challenge": challenge_of(&verifier), "state": "state-1234"}),
    ] {
        let answer = api
            .call("POST", "/auth/cli/authorize", Some(&ana), Some(body))
            .await;
        assert_eq!(answer.status, 400, "{:?}", answer.body);
    }
    let anonymous = api
        .call("POST", "/auth/cli/authorize", None, Some(json!({"port": 50000, "code_challenge": challenge_of(&verifier), "state": "state-1234"})))
        .await;
    assert_eq!(anonymous.status, 401);
    assert_eq!(
        db.scalar("SELECT COUNT(*) FROM device_sessions WHERE method = 'web'")
            .await,
        2
    );
}
