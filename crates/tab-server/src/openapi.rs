//! The OpenAPI 3.1 document, generated from the handlers' annotations and the wire types.

use std::sync::LazyLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::error::ApiError;
use crate::routes;
use crate::state::AppState;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "TAB sessions API",
        version = "1",
        description = "See and end the signed-in device sessions of a TAB (Time and Billing) account."
    ),
    paths(
        routes::sign_in::sign_in,
        routes::sessions::sign_out,
        routes::grants::device::device_authorize,
        routes::grants::device::device_token,
        routes::grants::device::device_lookup,
        routes::grants::device::device_approve,
        routes::grants::device::device_deny,
        routes::grants::loopback::cli_authorize,
        routes::grants::loopback::cli_token,
        routes::sessions::me,
        routes::sessions::list_sessions,
        routes::revoke::revoke_session,
        routes::rename::rename_session,
        routes::revoke::revoke_others,
        routes::sessions::session_events,
        routes::alerts::list_alerts,
        routes::alerts::ack_alert,
        routes::health::healthz,
        routes::health::live,
        routes::health::ready,
        routes::admin::users,
        routes::admin::user_sessions,
        routes::admin::revoke_user_session,
        routes::admin::revoke_user_sessions,
        routes::admin::disable,
        routes::admin::enable,
        routes::audit::user_events,
        routes::audit::audit,
        serve,
    ),
    // Types only a query parameter names are not collected from the paths by themselves.
    components(schemas(tab_api::Include, tab_api::Role)),
    modifiers(&BearerAuth, &CommonAnswers)
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

/// The answers any endpoint can give, whatever its handler: added to every operation so
/// that the document lists every status a client can see.
struct CommonAnswers;

impl Modify for CommonAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ErrorBody")))
                        .build(),
                )
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                (&mut item.get, false),
                (&mut item.post, true),
                (&mut item.delete, true),
            ];
            for (operation, changes) in operations {
                let Some(operation) = operation.as_mut() else {
                    continue;
                };
                let authenticated = operation.security.is_some();
                let responses = &mut operation.responses.responses;
                let mut add = |status: &str, description: &str| {
                    responses
                        .entry(status.to_string())
                        .or_insert_with(|| error(description).into());
                };
                add("408", "The request took longer than the request timeout");
                add(
                    "503",
                    "The database does not answer, or the server is too busy; see Retry-After where given",
                );
                if authenticated && changes {
                    add(
                        "403",
                        "Authenticated by cookie without the header X-Requested-With: tab",
                    );
                }
            }
        }
    }
}

/// The document as pretty-printed JSON (as committed in `docs/api.md`), built once.
pub fn document_json() -> Result<&'static str, &'static str> {
    static DOCUMENT: LazyLock<Result<String, String>> = LazyLock::new(|| {
        ApiDoc::openapi()
            .to_pretty_json()
            .map_err(|e| e.to_string())
    });
    DOCUMENT.as_deref().map_err(|e| e.as_str())
}

/// The routes that serve the document, for [`routes::router`].
pub(crate) fn routes() -> axum::Router<AppState> {
    axum::Router::new().route(tab_api::paths::OPENAPI, axum::routing::get(serve))
}

/// The OpenAPI 3.1 document of this API.
#[utoipa::path(
    get, path = "/api/v1/openapi.json", tag = "server", operation_id = "openapi",
    responses((status = 200, description = "The OpenAPI document"))
)]
pub(crate) async fn serve() -> Result<Response, ApiError> {
    let document = document_json().map_err(|e| ApiError::internal("openapi", e))?;
    Ok(([(header::CONTENT_TYPE, "application/json")], document).into_response())
}

#[cfg(test)]
mod tests {
    /// Every endpoint is in the document (the history endpoint once was not, so neither
    /// docs/api.md nor the schemathesis run covered it).
    #[test]
    fn the_document_describes_every_endpoint() {
        let document: serde_json::Value =
            serde_json::from_str(super::document_json().expect("the document")).expect("JSON");
        for path in tab_api::paths::ALL {
            let full = format!("{}{path}", tab_api::BASE_PATH);
            assert!(
                document["paths"].get(&full).is_some(),
                "{full} is not in the OpenAPI document"
            );
        }
    }
}
