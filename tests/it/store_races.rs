//! The store's answers to the contract's races, asked of the store itself in this process
//! (`tab_server::Store` on a real SQLite file or PostgreSQL database, no HTTP): what the
//! serialisation per account promises, without the cost of a server process. The same
//! races through the API, and the crashes and signals around them, are `races.rs`.

use std::sync::Arc;

use tab_api::SessionKind;
use tab_server::store::{
    OthersFilter, RevokeOutcome, SessionId, SessionRecord, UnixMillis, UserId,
};

use crate::on_both_backends;
use crate::support::{Backend, TestDatabase};

on_both_backends!(
    two_revokes_of_one_session_count_it_once,
    eight_sessions_revoking_every_other_at_once_leave_one,
);

/// The test account on an open store of `backend`, with its id and password hash.
async fn store_with_account(
    backend: Backend,
) -> Option<(TestDatabase, Arc<tab_server::Store>, UserId, String)> {
    let db = TestDatabase::new(backend).await?;
    let store = tab_server::Store::open(&db.url)
        .await
        .expect("open the store");
    let user = crate::support::add_test_account(&store).await;
    Some((db, Arc::new(store), user.id, user.password_hash))
}

/// `n` new sessions of the account, as a sign-in stores them; their ids.
async fn sessions(
    store: &tab_server::Store,
    user: &UserId,
    hash: &str,
    n: usize,
) -> Vec<SessionId> {
    let mut ids = Vec::new();
    for i in 0..n {
        let now = UnixMillis::now();
        let kind = if i % 2 == 0 {
            SessionKind::Web
        } else {
            SessionKind::Cli
        };
        let record = SessionRecord::starting(
            user.clone(),
            kind,
            None,
            None,
            "127.0.0.1".into(),
            "password",
            now,
        );
        let created = store
            .create_session_within(&record, now - 60_000, 10_000, hash, false)
            .await
            .expect("store the session");
        assert_eq!(created, tab_server::store::Created::Created);
        ids.push(record.id);
    }
    ids
}

/// Moved here from `races.rs` (where it ran through two server processes' worth of
/// HTTP): two sessions revoking a third at once; one revokes it, the other finds it
/// ended, in every round.
async fn two_revokes_of_one_session_count_it_once(backend: Backend) {
    let Some((_db, store, user, hash)) = store_with_account(backend).await else {
        return;
    };
    for round in 0..20 {
        let ids = sessions(&store, &user, &hash, 3).await;
        let target = ids[2].clone();
        let tasks: Vec<_> = ids[..2]
            .iter()
            .map(|caller| {
                let (store, user, caller, target) =
                    (store.clone(), user.clone(), caller.clone(), target.clone());
                tokio::spawn(async move {
                    let now = UnixMillis::now();
                    store
                        .revoke_session(&user, &caller, &target, now, "127.0.0.1")
                        .await
                        .expect("the revoke")
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for task in tasks {
            outcomes.push(task.await.expect("task"));
        }
        outcomes.sort_by_key(|outcome| format!("{outcome:?}"));
        assert_eq!(
            outcomes,
            [RevokeOutcome::AlreadyEnded, RevokeOutcome::Revoked],
            "round {round}"
        );
    }
}

/// Eight sessions each signing every other out at once: exactly one is left live, and
/// the counts add up to the seven it outlived (never zero survivors, never two).
async fn eight_sessions_revoking_every_other_at_once_leave_one(backend: Backend) {
    let Some((_db, store, user, hash)) = store_with_account(backend).await else {
        return;
    };
    for round in 0..5 {
        let ids = sessions(&store, &user, &hash, 8).await;
        let tasks: Vec<_> = ids
            .iter()
            .map(|caller| {
                let (store, user, caller) = (store.clone(), user.clone(), caller.clone());
                tokio::spawn(async move {
                    let now = UnixMillis::now();
                    store
                        .revoke_others(&user, &caller, now, "127.0.0.1", &OthersFilter::default())
                        .await
                        .expect("the revoke")
                })
            })
            .collect();
        let mut total = 0;
        for task in tasks {
            // `None`: this caller was itself signed out before it could act.
            total += task.await.expect("task").unwrap_or(0);
        }
        let now = UnixMillis::now();
        let live = store
            .sessions_of(&user, now, None)
            .await
            .expect("the list")
            .into_iter()
            .filter(|row| ids.contains(&row.id) && row.is_live(now))
            .count();
        assert_eq!(live, 1, "round {round}");
        assert_eq!(total, 7, "round {round}: each session revoked once");
        // The survivor signs out, so that the next round starts with none live.
        for id in &ids {
            store
                .sign_out(&user, id, now, "127.0.0.1")
                .await
                .expect("sign out");
        }
    }
}
