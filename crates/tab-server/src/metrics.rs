//! The server's Prometheus metrics (`--metrics-listen`), on their own listener, never on
//! the public one. Kept with prometheus-client (the Prometheus project's own Rust client)
//! and written in the OpenMetrics text format, which Prometheus scrapes.
//!
//! No label holds anything unbounded or personal: routes are the router's templates
//! (`/api/v1/sessions/{id}`), statuses their class, and outcomes and kinds fixed words.
//! The counters live for the process; the live-session gauge is refreshed by a
//! background task from an index (`Store::live_session_count`), never counted per scrape.

use std::sync::LazyLock;
use std::time::Duration;

use axum::extract::MatchedPath;
use axum::http::{Method, header};
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::{EncodeLabelSet, EncodeLabelValue, LabelValueEncoder};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::metrics::info::Info;
use prometheus_client::registry::{Registry, Unit};

mod layer;

pub(crate) use layer::RecordLayer;

/// How often the live-session gauge is read from the database.
pub(crate) const LIVE_GAUGE_EVERY: Duration = Duration::from_secs(15);

/// A route as the router matched it: its template, so one label value per route.
#[derive(Clone, Debug)]
pub(crate) struct Route(Option<MatchedPath>);

impl PartialEq for Route {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}
impl Eq for Route {}
impl std::hash::Hash for Route {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state)
    }
}

impl Route {
    fn as_str(&self) -> &str {
        // A path no route matched (a 404 of the fallback) is one value, whatever it was.
        self.0.as_ref().map_or("unmatched", MatchedPath::as_str)
    }
}

impl EncodeLabelValue for Route {
    fn encode(&self, encoder: &mut LabelValueEncoder) -> Result<(), std::fmt::Error> {
        std::fmt::Write::write_str(encoder, self.as_str())
    }
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    route: Route,
    method: &'static str,
    status: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: Route,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct OutcomeLabels {
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct KindLabels {
    kind: &'static str,
}

/// How a sign-in ended, as the metric counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignInOutcome {
    /// A session was started.
    Success,
    /// Wrong email or password.
    InvalidCredentials,
    /// Turned away by a limit (429: failures for the email or address, the account's
    /// sign-ins a minute).
    RateLimited,
    /// The account is disabled.
    Disabled,
}

/// Which way sessions were ended, as the metric counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RevokeKind {
    /// `DELETE /sessions/{id}` or a sign-out.
    One,
    /// `POST /sessions/revoke-others`.
    Others,
    /// By an administrator or the operator.
    Admin,
    /// Their seven days ran out (counted by the retention purge that removes them).
    Expired,
}

/// What became of an alert mail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MailOutcome {
    /// The mail server took it.
    Sent,
    /// A try failed (it is tried again).
    Failed,
    /// No try succeeded within the hour.
    GivenUp,
}

/// Every metric of the process.
pub(crate) struct Metrics {
    requests: Family<RequestLabels, Counter>,
    durations: Family<RouteLabels, Histogram, fn() -> Histogram>,
    sign_ins: Family<OutcomeLabels, Counter>,
    revoked: Family<KindLabels, Counter>,
    live_sessions: Gauge,
    hash_wait: Histogram,
    database_errors: Counter,
    mails: Family<OutcomeLabels, Counter>,
    purged: Counter,
}

fn request_histogram() -> Histogram {
    // 0.5 ms to about 4 s: the hot path's fraction of a millisecond to a sign-in's hash.
    Histogram::new(exponential_buckets(0.0005, 2.0, 14))
}

static METRICS: LazyLock<Metrics> = LazyLock::new(|| Metrics {
    requests: Family::default(),
    durations: Family::new_with_constructor(request_histogram),
    sign_ins: Family::default(),
    revoked: Family::default(),
    live_sessions: Gauge::default(),
    hash_wait: Histogram::new(exponential_buckets(0.0005, 2.0, 13)),
    database_errors: Counter::default(),
    mails: Family::default(),
    purged: Counter::default(),
});

/// The process's metrics.
pub(crate) fn metrics() -> &'static Metrics {
    &METRICS
}

impl Metrics {
    /// Counts a sign-in's outcome.
    pub(crate) fn sign_in(&self, outcome: SignInOutcome) {
        let outcome = match outcome {
            SignInOutcome::Success => "success",
            SignInOutcome::InvalidCredentials => "invalid_credentials",
            SignInOutcome::RateLimited => "rate_limited",
            SignInOutcome::Disabled => "disabled",
        };
        self.sign_ins
            .get_or_create(&OutcomeLabels { outcome })
            .inc();
    }

    /// Counts `count` sessions ended this way.
    pub(crate) fn revoked(&self, kind: RevokeKind, count: u64) {
        let kind = match kind {
            RevokeKind::One => "one",
            RevokeKind::Others => "others",
            RevokeKind::Admin => "admin",
            RevokeKind::Expired => "expired",
        };
        self.revoked
            .get_or_create(&KindLabels { kind })
            .inc_by(count);
    }

    /// Sets the live-session gauge.
    pub(crate) fn set_live_sessions(&self, count: i64) {
        self.live_sessions.set(count);
    }

    /// Records how long a password check waited for a hashing slot.
    pub(crate) fn hash_waited(&self, waited: Duration) {
        self.hash_wait.observe(waited.as_secs_f64());
    }

    /// Counts a database error that reached a handler or a background task.
    pub(crate) fn database_error(&self) {
        self.database_errors.inc();
    }

    /// Counts an alert mail's outcome.
    pub(crate) fn mail(&self, outcome: MailOutcome) {
        let outcome = match outcome {
            MailOutcome::Sent => "sent",
            MailOutcome::Failed => "failed",
            MailOutcome::GivenUp => "given_up",
        };
        self.mails.get_or_create(&OutcomeLabels { outcome }).inc();
    }

    /// Counts sessions removed by the retention purge.
    pub(crate) fn purged(&self, count: u64) {
        self.purged.inc_by(count);
    }

    /// The OpenMetrics text of every metric.
    pub(crate) fn encode(&self) -> String {
        let mut registry = Registry::with_prefix("tab");
        registry.register(
            "http_requests",
            "HTTP requests answered, by route template, method and status class",
            self.requests.clone(),
        );
        registry.register_with_unit(
            "http_request_duration",
            "Time to answer an HTTP request, by route template",
            Unit::Seconds,
            self.durations.clone(),
        );
        registry.register(
            "sign_ins",
            "Password sign-ins by outcome",
            self.sign_ins.clone(),
        );
        registry.register(
            "sessions_revoked",
            "Sessions ended, by how: one, others, admin, expired",
            self.revoked.clone(),
        );
        registry.register(
            "live_sessions",
            "Sessions neither revoked nor expired, every account (read every 15 seconds)",
            self.live_sessions.clone(),
        );
        registry.register_with_unit(
            "password_hash_queue_wait",
            "Time a password check waited for a hashing slot",
            Unit::Seconds,
            self.hash_wait.clone(),
        );
        registry.register(
            "database_errors",
            "Database errors met while answering or in the background",
            self.database_errors.clone(),
        );
        registry.register(
            "alert_mails",
            "New-device alert mails by outcome: sent, failed (tried again), given_up",
            self.mails.clone(),
        );
        registry.register(
            "purged_sessions",
            "Ended sessions removed by the retention purge",
            self.purged.clone(),
        );
        registry.register(
            "build",
            "The server's version",
            Info::new(vec![("version", env!("CARGO_PKG_VERSION"))]),
        );
        let mut text = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut text, &registry);
        text
    }
}

fn method_name(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::POST => "POST",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::PUT => "PUT",
        Method::HEAD => "HEAD",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

fn status_class(status: u16) -> &'static str {
    match status {
        100..=199 => "1xx",
        200..=299 => "2xx",
        300..=399 => "3xx",
        400..=499 => "4xx",
        _ => "5xx",
    }
}

/// `GET /metrics` on the metrics listener.
pub(crate) async fn serve_metrics() -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        metrics().encode(),
    )
        .into_response()
}
