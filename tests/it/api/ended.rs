//! Sessions that ended, listed with `GET /sessions?include=revoked`, on SQLite and
//! PostgreSQL.

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Backend, server_with_user};

on_both_backends!(
    ended_sessions_are_listed_with_include_revoked,
    huge_repeated_and_parallel_include_queries,
);

/// `GET /sessions?include=revoked`: the caller's sessions that ended within 7 days too,
/// with when and by whom; older ones, other users' and unknown queries are not.
async fn ended_sessions_are_listed_with_include_revoked(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    db.add_user("bo@example.com", PASSWORD);
    let (token, me) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let (_, revoked) = api.sign_in(EMAIL, PASSWORD, "web", Some("Lost")).await;
    let (other_token, _) = api
        .sign_in(EMAIL, PASSWORD, "web", Some("Signed out"))
        .await;
    let (_, old) = api.sign_in(EMAIL, PASSWORD, "web", Some("Long gone")).await;
    let (_, expired) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    let (bo_token, _) = api.sign_in("bo@example.com", PASSWORD, "web", None).await;
    api.call(
        "DELETE",
        &format!("/sessions/{revoked}"),
        Some(&token),
        None,
    )
    .await;
    api.call("POST", "/auth/sign-out", Some(&other_token), None)
        .await;
    api.call("POST", "/auth/sign-out", Some(&bo_token), None)
        .await;
    let eight_days_ago = chrono::Utc::now().timestamp_millis() - 8 * 86_400_000;
    db.execute(&format!(
        "UPDATE device_sessions SET revoked_at = {eight_days_ago} WHERE id = '{old}'"
    ))
    .await;
    db.execute(&format!(
        "UPDATE device_sessions SET expires_at = {} WHERE id = '{expired}'",
        eight_days_ago + 7 * 86_400_000
    ))
    .await;

    let answer = api
        .call("GET", "/sessions?include=revoked", Some(&token), None)
        .await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    let sessions = answer.body["sessions"].as_array().expect("sessions");
    let find = |id: &str| sessions.iter().find(|s| s["id"] == id);
    assert_eq!(sessions.len(), 4, "{sessions:?}");
    let lost = find(&revoked).expect("the revoked session");
    assert_eq!(lost["revoked_by"], me);
    assert!(lost["revoked_at"].is_string());
    let signed_out = sessions
        .iter()
        .find(|s| s["label"] == "Signed out")
        .expect("signed out");
    assert!(signed_out["revoked_at"].is_string() && signed_out.get("revoked_by").is_none());
    let ended = find(&expired).expect("the expired session");
    assert!(ended.get("revoked_at").is_none());
    assert!(find(&old).is_none(), "revoked more than 7 days ago");
    // Live sessions keep the plain shape, and the plain list only has them.
    assert!(find(&me).expect("me").get("revoked_at").is_none());
    let live = api.session_ids(&token).await;
    assert_eq!(live, vec![me.clone()]);

    for bad in ["?include=everything", "?include=revoked&x=1", "?limit=5"] {
        let answer = api
            .call("GET", &format!("/sessions{bad}"), Some(&token), None)
            .await;
        assert_eq!(answer.status, 400, "{bad}: {:?}", answer.body);
        assert_eq!(answer.code(), "bad_request");
    }
}

/// `?include=` given twice, or 8 KB of query, is refused without a 500; lists asked for
/// in parallel with a revoke-others each see a consistent set of the caller's sessions.
async fn huge_repeated_and_parallel_include_queries(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (token, me) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let mut mine = vec![me.clone()];
    for _ in 0..6 {
        mine.push(api.sign_in(EMAIL, PASSWORD, "web", None).await.1);
    }
    let huge = format!("/sessions?include={}", "revoked".repeat(1200));
    for query in ["/sessions?include=revoked&include=revoked", huge.as_str()] {
        let answer = api.call("GET", query, Some(&token), None).await;
        assert_eq!(answer.status, 400, "{}: {:?}", &query[..40], answer.body);
    }

    let lists: Vec<_> = (0..16)
        .map(|_| {
            let (api, token) = (api.clone(), token.clone());
            tokio::spawn(async move {
                api.call("GET", "/sessions?include=revoked", Some(&token), None)
                    .await
            })
        })
        .collect();
    let revoked = api.revoke_others(&token, None).await;
    assert_eq!(revoked.body["revoked"], 6);
    for list in lists {
        let answer = list.await.expect("list task");
        assert_eq!(answer.status, 200, "{:?}", answer.body);
        let ids: Vec<String> = answer.body["sessions"]
            .as_array()
            .expect("sessions")
            .iter()
            .map(|s| s["id"].as_str().expect("id").to_string())
            .collect();
        // Live or just revoked, every session is listed exactly once, and only mine.
        let mut sorted = ids.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted.len(), 7, "{ids:?}");
        assert!(ids.iter().all(|id| mine.contains(id)), "{ids:?}");
    }
}
