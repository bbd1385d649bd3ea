//! The probes an orchestrator asks: liveness (this process serves HTTP) and readiness
//! (its database answers within a second and carries this server's migrations).
//! `GET /healthz` stays as it was, for clients (its `features`), and is here too.

use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use tab_api::{ErrorBody, ErrorCode, Health, Probe};

use crate::error::ApiError;
use crate::state::AppState;
use crate::store::SchemaState;

/// How long readiness waits for the database.
const READY_WITHIN: Duration = Duration::from_secs(1);

/// 200 while the process serves HTTP: no database asked, so a database outage never
/// has the process restarted.
#[utoipa::path(
    get, path = "/health/live", tag = "server",
    responses((status = 200, description = "The process serves HTTP", body = Probe))
)]
pub(crate) async fn live() -> Json<Probe> {
    Json(Probe {
        status: "live".into(),
    })
}

/// 200 when the database answers within a second and its migrations are this server's;
/// 503 `not_ready` with the reason otherwise.
#[utoipa::path(
    get, path = "/health/ready", tag = "server",
    responses(
        (status = 200, description = "Ready: the database answers and its schema is current", body = Probe),
        (status = 503, description = "Not ready: the database does not answer within a second, or its migrations are not this server's", body = ErrorBody),
    )
)]
pub(crate) async fn ready(State(state): State<AppState>) -> Result<Json<Probe>, ApiError> {
    let checked = tokio::time::timeout(READY_WITHIN, async {
        state.store.ping().await?;
        state.store.schema_state().await
    })
    .await;
    let reason = match checked {
        Ok(Ok(SchemaState::Current)) => {
            return Ok(Json(Probe {
                status: "ready".into(),
            }));
        }
        Ok(Ok(SchemaState::Behind(applied, known))) => format!(
            "The database's schema is at version {applied} and this server needs {known}; restarting the server migrates it"
        ),
        Ok(Ok(SchemaState::Ahead(applied, known))) => format!(
            "A newer server migrated the database to version {applied}; this one knows {known}"
        ),
        Ok(Err(e)) => {
            crate::metrics::metrics().database_error();
            tracing::warn!(error = %e.describe(), "not ready: the database does not answer");
            "The database does not answer".to_string()
        }
        Err(_) => {
            tracing::warn!("not ready: the database did not answer within a second");
            "The database did not answer within a second".to_string()
        }
    };
    Err(ApiError::new(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorCode::NotReady,
        reason,
    ))
}

/// Whether the server and its database answer.
#[utoipa::path(
    get, path = "/api/v1/healthz", tag = "server",
    responses(
        (status = 200, description = "The database answers", body = Health),
        (status = 503, description = "The database does not answer", body = ErrorBody),
    )
)]
pub(crate) async fn healthz(State(state): State<AppState>) -> Result<Json<Health>, ApiError> {
    match state.store.ping().await {
        Ok(()) => Ok(Json(Health {
            status: "ok".into(),
            features: tab_api::features::ALL
                .iter()
                .map(|feature| feature.to_string())
                .collect(),
        })),
        Err(e) => {
            tracing::error!(error = %e.describe(), "health check failed");
            Err(ApiError::database_unavailable())
        }
    }
}
