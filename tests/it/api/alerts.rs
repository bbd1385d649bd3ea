//! New-device alerts (issue 20), on both backends: a sign-in is new when no session of
//! the account seen in the 30 days before had its device (version aside) from its network
//! (/24, /64), never for the first sign-in; `GET /alerts` and `GET /sessions`'s `alerts`
//! list it to every other session, `POST /alerts/{id}/ack` clears it for all (idempotent,
//! 404 without an oracle, at once from two devices).

use serde_json::Value;

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Answer, Api, Backend, server_with_user};

on_both_backends!(a_new_device_is_alerted_to_the_others_until_acknowledged,);

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
