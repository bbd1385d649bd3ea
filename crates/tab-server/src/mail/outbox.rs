//! Sends the queued alert mail, in the background of a serving process: woken by a
//! sign-in of this process, and every second for those of others on the same database
//! and for retries. Each account's mail is sent only while this process holds the
//! account's mailbox lease (see `store/mail.rs`), so two processes never send one mail.

use std::sync::Arc;
use std::time::Duration;

use lettre::AsyncTransport as _;
use tokio::sync::{Notify, watch};

use super::{MailSettings, compose};
use crate::metrics::{MailOutcome, metrics};
use crate::store::{MailboxRelease, Store, UnixMillis};

/// How often the queue is looked at when nothing wakes the outbox.
const POLL: Duration = Duration::from_secs(1);
/// How long a process holds an account's mailbox: longer than one SMTP exchange may
/// take, so that a crashed process's mail is taken up again soon after.
const LEASE: Duration = Duration::from_secs(120);
/// Accounts looked at per round.
const ACCOUNTS_PER_ROUND: i64 = 20;
/// Queued sign-ins read per account (the mail lists ten and counts the rest).
const ALERTS_PER_MAIL: i64 = 100;

/// The outbox of one serving process.
pub(crate) struct Outbox {
    settings: MailSettings,
    wake: Notify,
    /// This process's name on the leases it takes.
    owner: String,
}

impl Outbox {
    /// The outbox for `settings`.
    pub(crate) fn new(settings: MailSettings) -> Arc<Outbox> {
        Arc::new(Outbox {
            settings,
            wake: Notify::new(),
            owner: uuid::Uuid::new_v4().to_string(),
        })
    }

    /// Says that a sign-in was just queued, so that its mail goes without waiting for
    /// the next look.
    pub(crate) fn queued(&self) {
        self.wake.notify_one();
    }

    /// Sends what is due until `stop` turns true, finishing the mail in hand first.
    pub(crate) async fn run(self: Arc<Self>, store: Store, mut stop: watch::Receiver<bool>) {
        tracing::info!(
            server = self.settings.described(),
            "new-device alerts are mailed through {}",
            self.settings.described()
        );
        if self.settings.unencrypted_remote {
            tracing::warn!(
                "the alert mail goes to {} unencrypted: use smtps:// or ?tls=required",
                self.settings.described()
            );
        }
        loop {
            if *stop.borrow() {
                break;
            }
            self.deliver_due(&store, &stop).await;
            tokio::select! {
                _ = self.wake.notified() => {}
                _ = tokio::time::sleep(POLL) => {}
                _ = stop.changed() => {}
            }
        }
    }

    async fn deliver_due(&self, store: &Store, stop: &watch::Receiver<bool>) {
        let policy = self.settings.policy;
        let interval = millis(policy.interval);
        let due = match store
            .due_mailboxes(crate::now(), interval, ACCOUNTS_PER_ROUND)
            .await
        {
            Ok(due) => due,
            Err(e) => {
                tracing::warn!("cannot read the alert mail's queue: {}", e.describe());
                return;
            }
        };
        for user_id in due {
            if *stop.borrow() {
                return;
            }
            let now = crate::now();
            match store
                .claim_mailbox(&user_id, &self.owner, now, interval, now + millis(LEASE))
                .await
            {
                Ok(true) => {}
                // Another process has it, or sent it a moment ago.
                Ok(false) => continue,
                Err(e) => {
                    tracing::warn!("cannot take an alert mailbox: {}", e.describe());
                    return;
                }
            }
            // A failure leaves the lease to run out, and the mail to be tried again.
            if let Err(e) = self.deliver(store, &user_id).await {
                tracing::warn!(user = %user_id, "cannot settle the alert mail: {}", e.describe());
            }
        }
    }

    /// Sends the account's mail, holding its mailbox.
    async fn deliver(
        &self,
        store: &Store,
        user_id: &crate::store::UserId,
    ) -> Result<(), crate::store::StoreError> {
        let policy = self.settings.policy;
        let (recipient, alerts) = store.queued_alerts(user_id, ALERTS_PER_MAIL).await?;
        let all: Vec<&str> = alerts.iter().map(|a| a.session_id.as_str()).collect();
        let release_all = |why: &str| {
            tracing::info!(user = %user_id, sign_ins = all.len(), "no alert mail sent: {why}");
            store.release_mailbox(user_id, &self.owner, &all, None, MailboxRelease::Nothing)
        };
        let Some(recipient) = recipient else {
            return release_all("the account is gone").await;
        };
        let open: Vec<_> = alerts.iter().filter(|a| !a.acknowledged).cloned().collect();
        if open.is_empty() {
            return release_all("every sign-in was acknowledged (\"It was me\")").await;
        }
        let now = crate::now_ms();
        let oldest = open.iter().map(|a| a.queued_at).min().unwrap_or(now);
        if now.saturating_sub(oldest) > millis(policy.give_up_after) {
            let failures = store.mailbox_failures(user_id).await?;
            metrics().mail(MailOutcome::GivenUp);
            tracing::warn!(
                user = %user_id,
                sign_ins = open.len(),
                failures,
                "gave up mailing a new-device alert: not sent within {} of the sign-in",
                humanise(policy.give_up_after)
            );
            return release_all("given up").await;
        }
        let message = match compose(&self.settings.from, &recipient, &open, now) {
            Ok(message) => message,
            Err(e) => {
                tracing::warn!(user = %user_id, "cannot mail a new-device alert: {e:#}");
                return release_all("no mail can be written").await;
            }
        };
        match self.settings.transport.send(message).await {
            Ok(_) => {
                metrics().mail(MailOutcome::Sent);
                tracing::info!(user = %user_id, sign_ins = open.len(), "mailed a new-device alert");
                store
                    .release_mailbox(
                        user_id,
                        &self.owner,
                        &all,
                        Some(UnixMillis::new(now)),
                        MailboxRelease::Sent(now),
                    )
                    .await
            }
            Err(e) => {
                metrics().mail(MailOutcome::Failed);
                let before = store.mailbox_failures(user_id).await?;
                let wait = policy.retry_after(before + 1);
                let failures = store
                    .mailbox_failed(user_id, &self.owner, UnixMillis::new(now + millis(wait)))
                    .await?;
                tracing::warn!(
                    user = %user_id,
                    failures,
                    "cannot mail a new-device alert through {}: {e}; trying again in {}",
                    self.settings.described(),
                    humanise(wait)
                );
                Ok(())
            }
        }
    }
}

fn millis(duration: Duration) -> i64 {
    i64::try_from(duration.as_millis()).unwrap_or(i64::MAX)
}

fn humanise(duration: Duration) -> String {
    match duration.as_secs() {
        0 => format!("{} ms", duration.as_millis()),
        secs if secs < 120 => format!("{secs} s"),
        secs => format!("{} min", secs / 60),
    }
}
