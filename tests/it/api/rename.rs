//! Naming sessions (issue 20's rename), on both backends: `PATCH /sessions/{id}` for any
//! of the caller's live sessions, the current one included, with the sign-in's label
//! rules; 404 alike for another account's, an ended and a nonsense id; the history's
//! `renamed` event (from, to, by); and two devices renaming one session at once.

use serde_json::json;

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Backend, server_with_user};

on_both_backends!(
    a_session_is_renamed_on_the_record,
    two_devices_renaming_one_session_leave_one_consistent_state,
);

async fn a_session_is_renamed_on_the_record(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (me, my_id) = api.sign_in(EMAIL, PASSWORD, "cli", Some("tab")).await;
    let (_, laptop) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    let rename = |id: String, body: serde_json::Value| {
        let (api, me) = (api.clone(), me.clone());
        async move {
            api.call("PATCH", &format!("/sessions/{id}"), Some(&me), Some(body))
                .await
        }
    };
    let renamed = rename(laptop.clone(), json!({"label": "Office laptop"})).await;
    assert_eq!(renamed.status, 200, "{:?}", renamed.body);
    assert_eq!(renamed.body["label"], "Office laptop");
    assert_eq!(renamed.body["current"], false);
    let own = rename(my_id.clone(), json!({"label": "Ana's terminal"})).await;
    assert_eq!(
        (own.status, own.body["current"].as_bool()),
        (200, Some(true))
    );
    let cleared = rename(laptop.clone(), json!({"label": null})).await;
    assert_eq!(cleared.body["label"], serde_json::Value::Null);
    // The sign-in's rules, and a body that says nothing.
    for body in [
        json!({"label": "This device"}),
        json!({"label": "x".repeat(81)}),
        json!({"label": "a\u{1b}[2Jb"}),
        json!({"label": ""}),
        json!({}),
        json!({"label": "ok", "kind": "web"}),
        json!({"label": 42}),
    ] {
        let answer = rename(laptop.clone(), body.clone()).await;
        assert_eq!(answer.status, 400, "{body}: {:?}", answer.body);
    }
    // Another account's session, an ended one and nonsense: the same 404.
    db.add_user("bo@example.com", PASSWORD);
    let (_, theirs) = api.sign_in("bo@example.com", PASSWORD, "web", None).await;
    let (ended_token, ended) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    assert_eq!(
        api.call("POST", "/auth/sign-out", Some(&ended_token), None)
            .await
            .status,
        204
    );
    for id in [
        theirs,
        ended,
        uuid::Uuid::new_v4().to_string(),
        "nonsense".into(),
    ] {
        let answer = rename(id.clone(), json!({"label": "mine now"})).await;
        assert_eq!((answer.status, answer.code()), (404, "not_found"), "{id}");
    }
    // On the record: from, to, by.
    let events = api.call("GET", "/sessions/events", Some(&me), None).await;
    let renames: Vec<&serde_json::Value> = events.body["events"]
        .as_array()
        .expect("events")
        .iter()
        .filter(|e| e["type"] == "renamed")
        .collect();
    assert_eq!(renames.len(), 3, "{renames:?}");
    let cleared = renames[0];
    assert_eq!(cleared["session"]["id"], laptop.as_str());
    assert_eq!(cleared["session"]["label"], serde_json::Value::Null);
    assert_eq!(cleared["previous_label"], "Office laptop");
    assert_eq!(cleared["by"], my_id.as_str());
    assert_eq!(cleared["ip"], "127.0.0.1");
    assert!(
        renames[2].get("previous_label").is_none(),
        "it had no label before"
    );
}

async fn two_devices_renaming_one_session_leave_one_consistent_state(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (a, _) = api.sign_in(EMAIL, PASSWORD, "web", None).await;
    let (b, _) = api.sign_in(EMAIL, PASSWORD, "desktop", None).await;
    let (_, target) = api.sign_in(EMAIL, PASSWORD, "cli", None).await;
    let path = format!("/sessions/{target}");
    for round in 0..5 {
        let (first, second) = tokio::join!(
            api.call(
                "PATCH",
                &path,
                Some(&a),
                Some(json!({"label": format!("A{round}")}))
            ),
            api.call(
                "PATCH",
                &path,
                Some(&b),
                Some(json!({"label": format!("B{round}")}))
            )
        );
        assert_eq!((first.status, second.status), (200, 200));
    }
    let list = api.call("GET", "/sessions", Some(&a), None).await;
    let label = list.body["sessions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == target.as_str())
        .map(|s| s["label"].clone())
        .expect("the target");
    // The history is one chain: each rename's "from" is the label the one before set,
    // and the last one's label is the session's.
    let events = api
        .call("GET", "/sessions/events?limit=500", Some(&a), None)
        .await;
    let mut renames: Vec<&serde_json::Value> = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "renamed")
        .collect();
    renames.reverse();
    assert_eq!(renames.len(), 10);
    assert!(renames[0].get("previous_label").is_none());
    for pair in renames.windows(2) {
        assert_eq!(
            pair[1]["previous_label"], pair[0]["session"]["label"],
            "{pair:?}"
        );
    }
    assert_eq!(renames[9]["session"]["label"], label);
}
