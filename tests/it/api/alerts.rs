//! New-device alerts (issue 20), on both backends: a sign-in is new when no session of
//! the account seen in the 30 days before had its device (version aside) from its network
//! (/24, /64), never for the first sign-in; `GET /alerts` and `GET /sessions`'s `alerts`
//! list it to every other session, `POST /alerts/{id}/ack` clears it for all (idempotent,
//! 404 without an oracle, at once from two devices).

use serde_json::Value;

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Answer, Api, Backend, server_with_user};

on_both_backends!(
    a_new_device_is_alerted_to_the_others_until_acknowledged,
    two_devices_acknowledging_and_renaming_one_session_at_once_agree,
);

const CHROME_131: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const CHROME_132: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/132.0.0.0 Safari/537.36";
const FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

fn token_and_session(answer: &Answer) -> (String, Value) {
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    (
        answer.body["token"].as_str().expect("token").to_string(),
        answer.body["session"].clone(),
    )
}

async fn alert_ids(api: &Api, token: &str) -> Vec<String> {
    let answer = api.call("GET", "/alerts", Some(token), None).await;
    assert_eq!(answer.status, 200, "{:?}", answer.body);
    answer.body["alerts"]
        .as_array()
        .expect("alerts")
        .iter()
        .map(|a| a["id"].as_str().expect("id").to_string())
        .collect()
}

async fn a_new_device_is_alerted_to_the_others_until_acknowledged(backend: Backend) {
    let Some((_db, server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    // The first sign-in is never new; the same browser a version later is not new.
    let (home, first) = token_and_session(&api.sign_in_as(CHROME_131, "web", None).await);
    assert!(first.get("new_device").is_none(), "{first}");
    let (_, upgraded) = token_and_session(&api.sign_in_as(CHROME_132, "web", None).await);
    assert!(upgraded.get("new_device").is_none(), "{upgraded}");
    // Another browser: new.
    let (firefox, new) = token_and_session(&api.sign_in_as(FIREFOX, "web", None).await);
    assert_eq!(new["new_device"], true);
    let new_id = new["id"].as_str().unwrap().to_string();
    // The same browser from another network: new too.
    let elsewhere = Api::from_address(&server, "127.0.5.9".parse().unwrap());
    let (_, moved) = token_and_session(&elsewhere.sign_in_as(CHROME_131, "web", None).await);
    assert_eq!(moved["new_device"], true);
    let moved_id = moved["id"].as_str().unwrap().to_string();

    // Every other session sees both, newest first; the new ones never see themselves.
    assert_eq!(
        alert_ids(&api, &home).await,
        [moved_id.clone(), new_id.clone()]
    );
    assert_eq!(alert_ids(&api, &firefox).await, [moved_id.as_str()]);
    let list = api.call("GET", "/sessions", Some(&home), None).await;
    let listed: Vec<&str> = list.body["alerts"]
        .as_array()
        .expect("the list carries the alerts")
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(listed, [moved_id.as_str(), new_id.as_str()]);
    let alert = &api.call("GET", "/alerts", Some(&home), None).await.body["alerts"][1];
    assert_eq!(alert["session"]["device"], "Firefox 133 on Windows");
    assert_eq!(alert["ip"], "127.0.0.1");
    // On the record.
    let events = api.call("GET", "/sessions/events", Some(&home), None).await;
    let signed_in = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["type"] == "signed_in" && e["session"]["id"] == new_id.as_str())
        .cloned()
        .expect("the sign-in");
    assert_eq!(signed_in["new_device"], true);

    // Acknowledged from two devices at once: gone for everyone.
    let path = format!("/alerts/{new_id}/ack");
    let (a, b) = tokio::join!(
        api.call("POST", &path, Some(&home), None),
        api.call("POST", &path, Some(&firefox), None)
    );
    assert_eq!((a.status, b.status), (204, 204));
    assert_eq!(api.call("POST", &path, Some(&home), None).await.status, 204);
    assert_eq!(alert_ids(&api, &home).await, [moved_id.as_str()]);
    // Another account's session, nonsense, a session that was not new: 404 alike.
    for id in [
        first["id"].as_str().unwrap().to_string(),
        uuid::Uuid::new_v4().to_string(),
        "nonsense".into(),
    ] {
        let answer = api
            .call("POST", &format!("/alerts/{id}/ack"), Some(&home), None)
            .await;
        assert_eq!((answer.status, answer.code()), (404, "not_found"), "{id}");
    }
    // Signed out everywhere else: an ended session alerts no more.
    api.revoke_others(&home, None).await;
    assert!(alert_ids(&api, &home).await.is_empty());
    assert_eq!(api.call("GET", "/alerts", None, None).await.status, 401);
}

/// Two devices, at the same moment, each say "It was me" about a new sign-in and each
/// rename it, five rounds over: every call succeeds, and afterwards every session of the
/// account, the new one included, sees one label, no alert, and a history whose renames
/// form one chain ending in that label.
async fn two_devices_acknowledging_and_renaming_one_session_at_once_agree(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let (a, _) = token_and_session(&api.sign_in_as(CHROME_131, "web", None).await);
    let (b, _) = token_and_session(&api.sign_in_as(CHROME_132, "desktop", None).await);
    let (new_token, new) = token_and_session(&api.sign_in_as(FIREFOX, "web", None).await);
    assert_eq!(new["new_device"], true);
    let id = new["id"].as_str().unwrap().to_string();
    let ack = format!("/alerts/{id}/ack");
    let rename = format!("/sessions/{id}");
    for round in 0..5 {
        let (ack_a, ack_b, rename_a, rename_b) = tokio::join!(
            api.call("POST", &ack, Some(&a), None),
            api.call("POST", &ack, Some(&b), None),
            api.call(
                "PATCH",
                &rename,
                Some(&a),
                Some(serde_json::json!({"label": format!("A{round}")}))
            ),
            api.call(
                "PATCH",
                &rename,
                Some(&b),
                Some(serde_json::json!({"label": format!("B{round}")}))
            ),
        );
        assert_eq!(
            (ack_a.status, ack_b.status, rename_a.status, rename_b.status),
            (204, 204, 200, 200),
            "round {round}"
        );
    }
    let mut labels = Vec::new();
    for token in [&a, &b, &new_token] {
        assert!(alert_ids(&api, token).await.is_empty());
        let list = api.call("GET", "/sessions", Some(token), None).await;
        // An empty list of alerts is left out of the answer.
        assert!(
            list.body["alerts"].as_array().is_none_or(Vec::is_empty),
            "{:?}",
            list.body
        );
        let session = list.body["sessions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id.as_str())
            .cloned()
            .expect("the renamed session");
        // Acknowledged, it is still the sign-in that was new.
        assert_eq!(session["new_device"], true);
        labels.push(session["label"].clone());
    }
    assert!(labels.windows(2).all(|w| w[0] == w[1]), "{labels:?}");
    let events = api
        .call("GET", "/sessions/events?limit=500", Some(&a), None)
        .await;
    let mut renames: Vec<&Value> = events.body["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "renamed" && e["session"]["id"] == id.as_str())
        .collect();
    renames.reverse();
    assert_eq!(renames.len(), 10);
    for pair in renames.windows(2) {
        assert_eq!(
            pair[1]["previous_label"], pair[0]["session"]["label"],
            "{pair:?}"
        );
    }
    assert_eq!(renames[9]["session"]["label"], labels[0]);
}
