//! Signing in through a browser: the device flow's two calls and the loopback code's
//! exchange. Their 400s are the flow's words (RFC 8628 §3.5), not usage errors.

use reqwest::{Method, StatusCode};
use tab_api::{
    CliTokenRequest, ClientInfo, DeviceAuthRequest, DeviceAuthResponse, DeviceTokenRequest,
    ErrorBody, ErrorCode, SignInResponse, paths,
};

use super::ApiClient;
use crate::error::CliError;

/// What a device's poll heard.
#[derive(Debug)]
pub enum DevicePoll {
    /// Approved: signed in.
    SignedIn(Box<SignInResponse>),
    /// Not yet.
    Pending,
    /// Too soon: wait this many seconds between polls from now on (when the server says).
    SlowDown(Option<u64>),
    /// The person denied it.
    Denied,
    /// The code expired.
    Expired,
    /// The code is unknown or used.
    Invalid,
}

impl ApiClient {
    /// `POST /auth/device`.
    pub async fn device_authorize(
        &self,
        client: ClientInfo,
    ) -> Result<DeviceAuthResponse, CliError> {
        let request = self
            .request(Method::POST, paths::DEVICE_AUTH)
            .json(&DeviceAuthRequest { client });
        self.send(request).await
    }

    /// `POST /auth/device/token`.
    pub async fn device_token(&self, device_code: &str) -> Result<DevicePoll, CliError> {
        let request = self
            .request(Method::POST, paths::DEVICE_TOKEN)
            .json(&DeviceTokenRequest {
                device_code: device_code.to_string(),
            });
        let answer = self.exchange(request).await?;
        if answer.status == StatusCode::BAD_REQUEST
            && let Ok(error) = serde_json::from_slice::<ErrorBody>(&answer.body)
        {
            match error.error {
                ErrorCode::AuthorizationPending => return Ok(DevicePoll::Pending),
                // A server's interval is taken within reason: never below the first.
                ErrorCode::SlowDown => {
                    return Ok(DevicePoll::SlowDown(
                        error
                            .interval
                            .map(|secs| secs.clamp(tab_api::DEVICE_INTERVAL_SECS, 300)),
                    ));
                }
                ErrorCode::AccessDenied => return Ok(DevicePoll::Denied),
                ErrorCode::ExpiredToken => return Ok(DevicePoll::Expired),
                ErrorCode::InvalidGrant => return Ok(DevicePoll::Invalid),
                _ => {}
            }
        }
        self.decode(&answer)
            .map(|signed_in| DevicePoll::SignedIn(Box::new(signed_in)))
    }

    /// `POST /auth/cli/token`: the loopback code and its verifier for the sign-in; `None`
    /// when the server refuses the code (unknown, used, expired or for another verifier).
    pub async fn cli_token(
        &self,
        code: &str,
        code_verifier: &str,
    ) -> Result<Option<SignInResponse>, CliError> {
        let request = self
            .request(Method::POST, paths::CLI_TOKEN)
            .json(&CliTokenRequest {
                code: code.to_string(),
                code_verifier: code_verifier.to_string(),
            });
        let answer = self.exchange(request).await?;
        if answer.status == StatusCode::BAD_REQUEST
            && serde_json::from_slice::<ErrorBody>(&answer.body)
                .is_ok_and(|error| error.error == ErrorCode::InvalidGrant)
        {
            return Ok(None);
        }
        self.decode(&answer).map(Some)
    }
}
