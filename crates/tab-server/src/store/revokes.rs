//! Revoking device sessions: a sign-out, one session, every other one (with a filter),
//! each serialised per account (`serialise.rs`) so that two devices revoking each other
//! at once cannot both succeed.

use tab_api::SessionKind;

use super::sessions::LIVE;
use super::{Pool, SessionId, Store, StoreError, UnixMillis, UserId};

/// Which of the caller's other live sessions `revoke_others` ends.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OthersFilter {
    /// Only these kinds; every kind when empty.
    pub kinds: Vec<SessionKind>,
    /// Only sessions not seen for this many milliseconds; any when `None`.
    pub idle_for_ms: Option<i64>,
}

impl OthersFilter {
    fn kinds(&self) -> Vec<SessionKind> {
        if self.kinds.is_empty() {
            vec![SessionKind::Web, SessionKind::Desktop, SessionKind::Cli]
        } else {
            self.kinds.clone()
        }
    }

    /// The three kinds the revoke statements take (`kind IN ($a, $b, $c)`): unused slots
    /// repeat the first kind, so that one statement serves every filter (and the per-user
    /// index on last_seen_at serves the idle bound).
    pub(super) fn kind_slots(&self) -> [&'static str; 3] {
        let kinds = self.kinds();
        let at = |i: usize| kinds.get(i).unwrap_or(&kinds[0]).as_str();
        [at(0), at(1), at(2)]
    }

    /// The latest `last_seen_at` a matching session may have.
    pub(super) fn seen_at_or_before(&self, now: UnixMillis) -> UnixMillis {
        match self.idle_for_ms {
            Some(idle) => now - idle,
            None => UnixMillis::MAX,
        }
    }
}

/// How a request to revoke one session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevokeOutcome {
    /// This call revoked it.
    Revoked,
    /// It is the caller's, but was already revoked or expired.
    AlreadyEnded,
    /// No session of the caller's has that id.
    NotFound,
    /// It is the caller's current session.
    Current,
    /// The caller's own session was revoked before this call could act; nothing changed.
    CallerEnded,
}

impl Store {
    /// Ends the caller's own session (sign-out), from address `ip`. True when this call
    /// ended it.
    pub async fn sign_out(
        &self,
        user_id: &UserId,
        session_id: &SessionId,
        now: UnixMillis,
        ip: &str,
    ) -> Result<bool, StoreError> {
        let done = on_pool!(self, |pool| {
            sqlx::query(
                "UPDATE device_sessions SET revoked_at = $1, ended_ip = $4
                 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL",
            )
            .bind(now)
            .bind(session_id)
            .bind(user_id)
            .bind(ip)
            .execute(pool)
            .await
            .map(|done| done.rows_affected())
        })?;
        Ok(done == 1)
    }

    /// Revokes one of the caller's sessions on behalf of `caller_sid`, whose request
    /// came from `ip`.
    pub async fn revoke_session(
        &self,
        user_id: &UserId,
        caller_sid: &SessionId,
        target_id: &SessionId,
        now: UnixMillis,
        ip: &str,
    ) -> Result<RevokeOutcome, StoreError> {
        if target_id == caller_sid {
            return Ok(RevokeOutcome::Current);
        }
        // The caller's liveness is part of the UPDATE: two devices revoking each other at
        // once cannot both succeed.
        let revoke_one = format!(
            "UPDATE device_sessions SET revoked_at = $1, revoked_by = $2, ended_ip = $5
             WHERE id = $3 AND user_id = $4 AND {LIVE}
               AND EXISTS (SELECT 1 FROM device_sessions caller WHERE caller.id = $2 AND {LIVE})"
        );
        const OWNED: &str = "SELECT COUNT(*) FROM device_sessions WHERE id = $1 AND user_id = $2";
        serialised_per_user!(self, user_id, |conn| {
            let changed = sqlx::query(&revoke_one)
                .bind(now)
                .bind(caller_sid)
                .bind(target_id)
                .bind(user_id)
                .bind(ip)
                .execute(&mut *conn)
                .await?
                .rows_affected();
            if changed == 1 {
                RevokeOutcome::Revoked
            } else {
                let owned: i64 = sqlx::query_scalar(OWNED)
                    .bind(target_id)
                    .bind(user_id)
                    .fetch_one(&mut *conn)
                    .await?;
                if owned == 0 {
                    RevokeOutcome::NotFound
                } else if !caller_is_live!(conn, caller_sid, now) {
                    RevokeOutcome::CallerEnded
                } else {
                    RevokeOutcome::AlreadyEnded
                }
            }
        })
    }

    /// Revokes every live session of the user but `caller_sid` that `filter` matches,
    /// all at once, in one statement. `None` when the caller's own session was ended first
    /// (then nothing was revoked); otherwise how many rows this call changed.
    pub async fn revoke_others(
        &self,
        user_id: &UserId,
        caller_sid: &SessionId,
        now: UnixMillis,
        ip: &str,
        filter: &OthersFilter,
    ) -> Result<Option<u64>, StoreError> {
        let revoke_others = format!(
            "UPDATE device_sessions SET revoked_at = $1, revoked_by = $2, ended_ip = $4
             WHERE user_id = $3 AND id <> $2 AND {LIVE}
               AND kind IN ($5, $6, $7) AND last_seen_at <= $8
               AND EXISTS (SELECT 1 FROM device_sessions caller WHERE caller.id = $2 AND {LIVE})"
        );
        let [kind_a, kind_b, kind_c] = filter.kind_slots();
        serialised_per_user!(self, user_id, |conn| {
            let changed = sqlx::query(&revoke_others)
                .bind(now)
                .bind(caller_sid)
                .bind(user_id)
                .bind(ip)
                .bind(kind_a)
                .bind(kind_b)
                .bind(kind_c)
                .bind(filter.seen_at_or_before(now))
                .execute(&mut *conn)
                .await?
                .rows_affected();
            if changed == 0 && !caller_is_live!(conn, caller_sid, now) {
                None
            } else {
                Some(changed)
            }
        })
    }
}
