//! Offboarding under races (issue 18), on both backends: an administrator disables an
//! account while it signs in on three devices at once (after the answer nothing of it is
//! live and no sign-in gets in; the count is what was live), and two administrators
//! offboard one person at once (the counts add up; one `disabled` entry per change).

use super::admin::{ROOT, firm, user_id_by_email as user_id};
use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::{Backend, TestDatabase};

on_both_backends!(
    offboarding_while_the_leaver_signs_in_on_three_devices,
    two_admins_offboarding_one_person_at_once,
);

/// Ana's sessions live now.
async fn anas_live_sessions(db: &TestDatabase) -> i64 {
    let now = chrono::Utc::now().timestamp_millis();
    db.scalar(&format!(
        "SELECT COUNT(*) FROM device_sessions s JOIN users u ON u.id = s.user_id
         WHERE u.email_key = '{EMAIL}' AND s.revoked_at IS NULL AND s.expires_at > {now}"
    ))
    .await
}

async fn offboarding_while_the_leaver_signs_in_on_three_devices(backend: Backend) {
    let Some((db, _server, api)) = firm(backend).await else {
        return;
    };
    let (root, _) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
    let ana = user_id(&api, &root, EMAIL).await;
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let devices = crate::operator::keep_signing_in(&api, PASSWORD, &stop);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while anas_live_sessions(&db).await < 3 {
        assert!(
            std::time::Instant::now() < deadline,
            "the devices never signed in"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    let off = api
        .call(
            "POST",
            &format!("/admin/users/{ana}/disable"),
            Some(&root),
            None,
        )
        .await;
    assert_eq!(off.status, 200, "{:?}", off.body);
    // The moment it answers: nothing live, and no sign-in gets in any more.
    assert_eq!(anas_live_sessions(&db).await, 0);
    let refused = api.sign_in_answer(EMAIL, PASSWORD, "web", None).await;
    assert_eq!((refused.status, refused.code()), (403, "account_disabled"));
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let mut created = 0;
    for device in devices {
        created += device.await.expect("a device");
    }
    assert!(created >= 3);
    assert_eq!(
        anas_live_sessions(&db).await,
        0,
        "a sign-in slipped past the disable"
    );
    let ended = db
        .scalar(&format!(
            "SELECT COUNT(*) FROM device_sessions WHERE ended_by = 'admin:{ROOT}'"
        ))
        .await;
    assert_eq!(
        off.body["revoked"].as_i64(),
        Some(ended),
        "the count is what was live"
    );
}

async fn two_admins_offboarding_one_person_at_once(backend: Backend) {
    let Some((db, _server, api)) = firm(backend).await else {
        return;
    };
    let second = "second@example.com";
    assert!(
        db.try_add_user(second, "admin", &format!("{PASSWORD}\n"))
            .status
            .success()
    );
    let (root, _) = api.sign_in(ROOT, PASSWORD, "cli", None).await;
    let (other, _) = api.sign_in(second, PASSWORD, "cli", None).await;
    let ana = user_id(&api, &root, EMAIL).await;
    let path = format!("/admin/users/{ana}/disable");
    for round in 1..=5_i64 {
        for _ in 0..10 {
            api.sign_in(EMAIL, PASSWORD, "web", None).await;
        }
        let (a, b) = tokio::join!(
            api.call("POST", &path, Some(&root), None),
            api.call("POST", &path, Some(&other), None)
        );
        assert_eq!(
            (a.status, b.status),
            (200, 200),
            "{:?} {:?}",
            a.body,
            b.body
        );
        let total = a.body["revoked"].as_i64().unwrap() + b.body["revoked"].as_i64().unwrap();
        assert_eq!(
            total, 10,
            "round {round}: the counts add up to what was live"
        );
        assert_eq!(anas_live_sessions(&db).await, 0);
        assert_eq!(
            db.scalar("SELECT COUNT(*) FROM admin_audit WHERE action = 'disabled'")
                .await,
            round,
            "one disabled entry per actual change"
        );
        let enabled = api
            .call(
                "POST",
                &format!("/admin/users/{ana}/enable"),
                Some(&root),
                None,
            )
            .await;
        assert_eq!(enabled.status, 204);
    }
}
