//! The contract's races and crashes through the API, on SQLite and on PostgreSQL (the
//! store's own answers to them, without HTTP, are `store_races.rs`).

use serde_json::json;

use crate::on_both_backends;
use crate::support::{Api, Backend, TestServer, server_with_user};

use crate::support::{EMAIL, PASSWORD};

on_both_backends!(
    eight_devices_racing_revoke_others_leave_exactly_one,
    two_devices_revoking_each_other_leave_one,
    acknowledged_revokes_survive_kill_9,
    sigterm_drains_and_exits_0,
    filtered_revoke_others_racing_revoke_exactly_the_matching_sessions,
);

/// Signs `n` devices in at once; their (token, session id).
async fn sign_in_devices(api: &Api, n: usize) -> Vec<(String, String)> {
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let api = api.clone();
            tokio::spawn(async move {
                api.sign_in(
                    EMAIL,
                    PASSWORD,
                    if i % 2 == 0 { "web" } else { "desktop" },
                    None,
                )
                .await
            })
        })
        .collect();
    let mut devices = Vec::new();
    for task in tasks {
        devices.push(task.await.expect("sign-in task"));
    }
    devices
}

async fn eight_devices_racing_revoke_others_leave_exactly_one(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    for round in 0..12 {
        let devices = sign_in_devices(&api, 8).await;
        // The survivor of the last round is among the live sessions too.
        let live_before = api.session_ids(&devices[0].0).await.len() as u64;
        let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(devices.len()));
        let tasks: Vec<_> = devices
            .iter()
            .map(|(token, _)| {
                let (api, token, barrier) = (api.clone(), token.clone(), barrier.clone());
                tokio::spawn(async move {
                    barrier.wait().await;
                    api.revoke_others(&token, None).await
                })
            })
            .collect();
        let mut winners = Vec::new();
        let mut revoked_total = 0;
        for (task, (token, _)) in tasks.into_iter().zip(&devices) {
            let answer = task.await.expect("task");
            match answer.status {
                200 => {
                    revoked_total += answer.body["revoked"].as_u64().expect("count");
                    winners.push(token.clone());
                }
                401 => assert_eq!(answer.code(), "session_revoked", "round {round}"),
                other => panic!("round {round}: unexpected {other}: {:?}", answer.body),
            }
        }
        // Every device that answered 200 must still be live, and exactly one is.
        let mut alive = Vec::new();
        for (token, id) in &devices {
            if api.call("GET", "/me", Some(token), None).await.status == 200 {
                alive.push(id.clone());
            }
        }
        assert_eq!(alive.len(), 1, "round {round}: survivors {alive:?}");
        assert!(!winners.is_empty(), "round {round}: nobody succeeded");
        assert_eq!(
            revoked_total,
            live_before - 1,
            "round {round}: revoked counts must add up exactly"
        );
        let survivor_token = &devices
            .iter()
            .find(|(_, id)| *id == alive[0])
            .expect("survivor")
            .0;
        assert_eq!(
            api.session_ids(survivor_token).await,
            alive,
            "round {round}"
        );
    }
}

async fn two_devices_revoking_each_other_leave_one(backend: Backend) {
    let Some((_db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    for round in 0..12 {
        let devices = sign_in_devices(&api, 2).await;
        let tasks: Vec<_> = [(0, 1), (1, 0)]
            .into_iter()
            .map(|(me, them)| {
                let api = api.clone();
                let token = devices[me].0.clone();
                let target = devices[them].1.clone();
                tokio::spawn(async move {
                    api.call("DELETE", &format!("/sessions/{target}"), Some(&token), None)
                        .await
                })
            })
            .collect();
        for task in tasks {
            let status = task.await.expect("task").status;
            assert!(status == 200 || status == 401, "round {round}: {status}");
        }
        let mut alive = 0;
        for (token, _) in &devices {
            if api.call("GET", "/me", Some(token), None).await.status == 200 {
                alive += 1;
            }
        }
        assert_eq!(alive, 1, "round {round}: never zero survivors, never two");
    }
}

async fn acknowledged_revokes_survive_kill_9(backend: Backend) {
    let Some((db, server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let devices = sign_in_devices(&api, 6).await;
    let (keeper, _) = &devices[0];
    for (_, id) in &devices[1..4] {
        let answer = api
            .call("DELETE", &format!("/sessions/{id}"), Some(keeper), None)
            .await;
        assert_eq!(answer.body, json!({"revoked": 1}));
    }
    // Straight after the acknowledgements: no chance to flush anything on the way out.
    let status = server.signal_and_wait(libc::SIGKILL);
    assert!(!status.success());
    let restarted = TestServer::start(&db, None);
    let api = Api::new(&restarted);
    for (token, _) in &devices[1..4] {
        let answer = api.call("GET", "/me", Some(token), None).await;
        assert_eq!((answer.status, answer.code()), (401, "session_revoked"));
    }
    for (token, _) in devices.iter().take(1).chain(&devices[4..]) {
        assert_eq!(
            api.call("GET", "/me", Some(token), None).await.status,
            200,
            "tokens survive a restart (the key is kept)"
        );
    }
}

/// SIGTERM while a request is in flight (its body only half sent): the server finishes
/// it, answers, and only then exits 0.
async fn sigterm_drains_and_exits_0(backend: Backend) {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
    let Some((_db, mut server, _api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let body = serde_json::json!({"email": EMAIL, "password": PASSWORD, "client": {"kind": "cli"}})
        .to_string();
    let (first, rest) = body.split_at(body.len() / 2);
    let mut stream = tokio::net::TcpStream::connect(server.addr)
        .await
        .expect("connect");
    let head = format!(
        "POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{first}",
        body.len()
    );
    stream.write_all(head.as_bytes()).await.expect("send half");
    // Give the server time to read the headers, so the request is in flight, not queued.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    server.signal(libc::SIGTERM);
    // Give a server that ignored the request in flight time to exit; the real check is
    // the 201 below, which a server that left could not send.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(!server.has_exited(), "the server left a request in flight");
    stream
        .write_all(rest.as_bytes())
        .await
        .expect("send the rest");
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(
        std::time::Duration::from_secs(30),
        stream.read_to_end(&mut answer),
    )
    .await
    .expect("the answer to the request in flight");
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 201"), "{answer}");
    let logs = server.logs();
    let status = server.signal_and_wait(0);
    assert_eq!(status.code(), Some(0), "SIGTERM must exit 0; log:\n{logs}");
    assert!(!logs.contains(PASSWORD));
}

/// Four devices sign out "web and desktop sessions idle for 2 days" at the same moment:
/// every matching session is revoked exactly once (the counts add up to the matches),
/// and no fresh session, cli session or caller is touched.
async fn filtered_revoke_others_racing_revoke_exactly_the_matching_sessions(backend: Backend) {
    let Some((db, _server, api)) = server_with_user(backend, EMAIL, PASSWORD).await else {
        return;
    };
    let mut matching = Vec::new();
    let mut spared = Vec::new();
    for (i, kind) in ["web", "desktop", "cli"]
        .iter()
        .cycle()
        .take(18)
        .enumerate()
    {
        let (_, id) = api.sign_in(EMAIL, PASSWORD, kind, None).await;
        let idle = i % 2 == 0;
        if idle {
            db.age_session(&id, 4 * 1440, 3 * 1440).await;
        }
        if idle && *kind != "cli" {
            matching.push(id);
        } else {
            spared.push(id);
        }
    }
    let mut callers = Vec::new();
    for _ in 0..4 {
        callers.push(api.sign_in(EMAIL, PASSWORD, "cli", None).await);
    }
    let barrier = std::sync::Arc::new(tokio::sync::Barrier::new(callers.len()));
    let tasks: Vec<_> = callers
        .iter()
        .map(|(token, _)| {
            let (api, token, barrier) = (api.clone(), token.clone(), barrier.clone());
            tokio::spawn(async move {
                barrier.wait().await;
                let filter = json!({"kinds": ["web", "desktop"], "idle_for_secs": 2 * 86400});
                api.revoke_others(&token, Some(filter)).await
            })
        })
        .collect();
    let mut total = 0;
    for task in tasks {
        let answer = task.await.expect("a revoke-others");
        assert_eq!(answer.status, 200, "{:?}", answer.body);
        total += answer.body["revoked"].as_u64().expect("a count");
    }
    assert_eq!(
        total,
        matching.len() as u64,
        "each matching session counted once"
    );
    let live = api.session_ids(&callers[0].0).await;
    for id in &matching {
        assert!(!live.contains(id), "a matching session survived");
    }
    for id in spared.iter().chain(callers.iter().map(|(_, id)| id)) {
        assert!(live.contains(id), "a session outside the rule was revoked");
    }
}
