//! Naming a session: `PATCH /sessions/{id}`.

use serde::{Deserialize, Serialize};

/// Body of `PATCH /sessions/{id}`: the session's new label. `label` must be given;
/// `null` clears it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RenameRequest {
    /// 1 to 80 characters with no control, format or separator characters and nothing
    /// that reads as `This device` (the sign-in's rules), or `null` for none.
    // `deserialize_with` makes the field required while still taking `null`.
    #[serde(deserialize_with = "Option::deserialize")]
    #[cfg_attr(
        feature = "openapi",
        schema(required = true, min_length = 1, max_length = 80)
    )]
    pub label: Option<String>,
}
