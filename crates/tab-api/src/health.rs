//! The health answers: `GET /healthz` (for clients: what the server can do) and the
//! probes `GET /health/live` and `GET /health/ready` (for an orchestrator).

use serde::{Deserialize, Serialize};

/// Answer of `GET /healthz`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Health {
    /// `ok` once the database answers.
    pub status: String,
    /// What this server can do beyond the first version of the API (see
    /// [`features`]); a client asks before it relies on one.
    #[serde(default)]
    pub features: Vec<String>,
}

/// Answer of `GET /health/live` (`live`) and `GET /health/ready` (`ready`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Probe {
    /// `live` or `ready`.
    pub status: String,
}
