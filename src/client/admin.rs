//! The administrators' endpoints (`/api/v1/admin/`), for `tab admin`. A 404 here names
//! what the path held: the account, or the account's session.

use reqwest::{Method, StatusCode};
use tab_api::{
    AdminUser, AdminUserList, AuditList, ErrorBody, ErrorCode, EventList, RevokeOthersRequest,
    RevokeResponse, Role, SessionList, paths,
};
use uuid::Uuid;

use super::ApiClient;
use crate::error::CliError;

/// One page of `GET /admin/users`.
#[derive(Debug, Default, Clone)]
pub struct UsersPage<'a> {
    pub after: Option<&'a str>,
    pub email: Option<&'a str>,
    pub role: Option<Role>,
    pub limit: Option<u32>,
}

impl ApiClient {
    /// `GET /admin/users`: one page.
    pub async fn admin_users(&self, page: &UsersPage<'_>) -> Result<AdminUserList, CliError> {
        let mut query: Vec<(&str, String)> = Vec::new();
        if let Some(after) = page.after {
            query.push(("after", after.to_string()));
        }
        if let Some(email) = page.email {
            query.push(("email", email.to_string()));
        }
        if let Some(role) = page.role {
            query.push(("role", role.as_str().to_string()));
        }
        if let Some(limit) = page.limit {
            query.push(("limit", limit.to_string()));
        }
        let request = self.request(Method::GET, paths::ADMIN_USERS).query(&query);
        self.send(request).await
    }

    /// Every account, page after page (`GET /admin/users` until `next` is null).
    pub async fn admin_all_users(&self, role: Option<Role>) -> Result<Vec<AdminUser>, CliError> {
        let mut users = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let page = self
                .admin_users(&UsersPage {
                    after: after.as_deref(),
                    role,
                    limit: Some(tab_api::MAX_ADMIN_USERS),
                    ..UsersPage::default()
                })
                .await?;
            users.extend(page.users);
            match page.next {
                // A server answering the same page again would loop for ever.
                Some(next) if after.as_deref().is_none_or(|seen| next.as_str() > seen) => {
                    after = Some(next)
                }
                _ => return Ok(users),
            }
        }
    }

    /// The account with this email (any letter case), or [`CliError::UnknownUser`].
    pub async fn admin_user_by_email(&self, email: &str) -> Result<AdminUser, CliError> {
        let page = self
            .admin_users(&UsersPage {
                email: Some(email),
                limit: Some(1),
                ..UsersPage::default()
            })
            .await?;
        page.users
            .into_iter()
            .find(|user| user.email.eq_ignore_ascii_case(email.trim()))
            .ok_or_else(|| CliError::UnknownUser(crate::render::terminal_safe(email).into_owned()))
    }

    /// `GET /admin/users/{id}/sessions`, with `include=revoked` when `including_ended`.
    pub async fn admin_user_sessions(
        &self,
        user: &AdminUser,
        including_ended: bool,
    ) -> Result<SessionList, CliError> {
        let path = paths::admin_user(paths::ADMIN_USER_SESSIONS, &user.id, None);
        let mut request = self.request(Method::GET, &path);
        if including_ended {
            request = request.query(&[("include", "revoked")]);
        }
        let answer = self.exchange(request).await?;
        let list = self.admin_decode(&answer, user, None)?;
        Ok(self.with_current_from_token(list))
    }

    /// `DELETE /admin/users/{id}/sessions/{sid}`.
    pub async fn admin_revoke_session(
        &self,
        user: &AdminUser,
        session: Uuid,
    ) -> Result<RevokeResponse, CliError> {
        let path = paths::admin_user(paths::ADMIN_USER_SESSION, &user.id, Some(&session));
        let answer = self.exchange(self.request(Method::DELETE, &path)).await?;
        self.admin_decode(&answer, user, Some(session))
    }

    /// `POST /admin/users/{id}/sessions/revoke` with `filter`.
    pub async fn admin_revoke_all(
        &self,
        user: &AdminUser,
        filter: &RevokeOthersRequest,
    ) -> Result<RevokeResponse, CliError> {
        let path = paths::admin_user(paths::ADMIN_USER_REVOKE, &user.id, None);
        let answer = self
            .exchange(self.request(Method::POST, &path).json(filter))
            .await?;
        self.admin_decode(&answer, user, None)
    }

    /// `POST /admin/users/{id}/disable`: how many sessions it signed out.
    pub async fn admin_disable(&self, user: &AdminUser) -> Result<RevokeResponse, CliError> {
        let path = paths::admin_user(paths::ADMIN_USER_DISABLE, &user.id, None);
        let answer = self.exchange(self.request(Method::POST, &path)).await?;
        self.admin_decode(&answer, user, None)
    }

    /// `GET /admin/users/{id}/events?limit=N`.
    pub async fn admin_user_events(
        &self,
        user: &AdminUser,
        limit: u32,
    ) -> Result<EventList, CliError> {
        let path = paths::admin_user(paths::ADMIN_USER_EVENTS, &user.id, None);
        let request = self.request(Method::GET, &path).query(&[("limit", limit)]);
        let answer = self.exchange(request).await?;
        self.admin_decode(&answer, user, None)
    }

    /// `GET /admin/audit?limit=N`: the newest entries.
    pub async fn admin_audit(&self, limit: u32) -> Result<AuditList, CliError> {
        let request = self
            .request(Method::GET, paths::ADMIN_AUDIT)
            .query(&[("limit", limit)]);
        self.send(request).await
    }

    /// An admin answer about `user` (and `session`): a 404 of the API's is the account
    /// gone meanwhile, or no such session of it.
    fn admin_decode<T: serde::de::DeserializeOwned>(
        &self,
        answer: &super::Answer,
        user: &AdminUser,
        session: Option<Uuid>,
    ) -> Result<T, CliError> {
        if answer.status == StatusCode::NOT_FOUND
            && serde_json::from_slice::<ErrorBody>(&answer.body)
                .is_ok_and(|body| body.error == ErrorCode::NotFound)
        {
            return Err(match session {
                Some(id) => CliError::NoSuchUserSession {
                    email: crate::render::terminal_safe(&user.email).into_owned(),
                    id: id.to_string(),
                },
                None => {
                    CliError::UnknownUser(crate::render::terminal_safe(&user.email).into_owned())
                }
            });
        }
        self.decode(answer)
    }
}
