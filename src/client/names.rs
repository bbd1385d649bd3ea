//! What a session is called and whether it was expected: renaming a session, and the
//! new-device alerts.

use reqwest::{Method, StatusCode};
use tab_api::{ErrorBody, ErrorCode, paths};
use uuid::Uuid;

use super::ApiClient;
use crate::error::CliError;

impl ApiClient {
    /// `GET /alerts`: the account's unacknowledged new-device sign-ins.
    pub async fn alerts(&self) -> Result<tab_api::AlertList, CliError> {
        self.send(self.request(Method::GET, paths::ALERTS)).await
    }

    /// `POST /alerts/{id}/ack`; [`CliError::NoSuchSession`] when the account has no such
    /// alert.
    pub async fn ack_alert(&self, id: Uuid) -> Result<(), CliError> {
        let answer = self
            .exchange(self.request(Method::POST, &paths::alert_ack(&id)))
            .await?;
        if answer.status == StatusCode::NOT_FOUND
            && serde_json::from_slice::<ErrorBody>(&answer.body)
                .is_ok_and(|error| error.error == ErrorCode::NotFound)
        {
            return Err(CliError::NoSuchSession(id.to_string()));
        }
        if answer.status.is_success() {
            Ok(())
        } else {
            Err(self.failure(&answer))
        }
    }

    /// `PATCH /sessions/{id}`: the session renamed, or [`CliError::NoSuchSession`].
    pub async fn rename(
        &self,
        id: Uuid,
        label: Option<&str>,
    ) -> Result<tab_api::Session, CliError> {
        let request =
            self.request(Method::PATCH, &paths::session(&id))
                .json(&tab_api::RenameRequest {
                    label: label.map(str::to_string),
                });
        let answer = self.exchange(request).await?;
        if answer.status == StatusCode::NOT_FOUND
            && serde_json::from_slice::<ErrorBody>(&answer.body)
                .is_ok_and(|error| error.error == ErrorCode::NotFound)
        {
            return Err(CliError::NoSuchSession(id.to_string()));
        }
        let mut session: tab_api::Session = self.decode(&answer)?;
        session.current = self.session_id() == Some(session.id);
        Ok(session)
    }
}
