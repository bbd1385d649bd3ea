//! The OpenAPI 3.1 document, generated from the handlers' annotations and the wire types.

use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::routes;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TAB sessions API",
        version = "1",
        description = "See and end the signed-in device sessions of a TAB (Time and Billing) account."
    ),
    paths(
        routes::sign_in::sign_in,
        routes::sign_out,
        routes::me,
        routes::list_sessions,
        routes::revoke_session,
        routes::revoke_others,
        routes::healthz,
        routes::openapi,
    ),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.bearer_format = Some("JWT".into());
        components.add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The document as pretty-printed JSON (as committed in `docs/api.md`).
pub fn document_json() -> String {
    ApiDoc::openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".to_string())
}
