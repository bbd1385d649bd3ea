//! Counting and timing every request, as a plain tower layer: no boxed future or cloned
//! service of its own per request, and no lock on the metric families after a worker
//! thread's first request to a route.

use std::time::Instant;

use axum::extract::MatchedPath;
use axum::response::Response;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::histogram::Histogram;

use super::{RequestLabels, Route, RouteLabels, method_name, metrics, status_class};

/// The metric handles one worker thread has used for one route: looked up once per thread
/// and route, so that a request takes no lock on the families (the families' read locks
/// are one cache line that every core would write on every request).
struct RouteHandles {
    duration: Histogram,
    /// By (method, status class); a route sees a handful.
    requests: Vec<((&'static str, &'static str), Counter)>,
}

thread_local! {
    static HANDLES: std::cell::RefCell<std::collections::HashMap<Box<str>, RouteHandles>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

fn record(route: Route, method: &'static str, status: &'static str, seconds: f64) {
    let metrics = metrics();
    HANDLES.with(|handles| {
        let mut handles = handles.borrow_mut();
        let name = route.as_str();
        if !handles.contains_key(name) {
            let duration = metrics.durations.get_or_create_owned(&RouteLabels {
                route: route.clone(),
            });
            handles.insert(
                name.into(),
                RouteHandles {
                    duration,
                    requests: Vec::new(),
                },
            );
        }
        let Some(entry) = handles.get_mut(name) else {
            return;
        };
        entry.duration.observe(seconds);
        let key = (method, status);
        match entry.requests.iter().find(|(k, _)| *k == key) {
            Some((_, counter)) => {
                counter.inc();
            }
            None => {
                let counter = metrics.requests.get_or_create_owned(&RequestLabels {
                    route,
                    method,
                    status,
                });
                counter.inc();
                entry.requests.push((key, counter));
            }
        }
    });
}

/// Counts and times every request (the router adds it only with `--metrics-listen`): a
/// plain tower layer, so a request pays for no boxed future or cloned service of its own.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct RecordLayer;

impl<S> tower::Layer<S> for RecordLayer {
    type Service = Record<S>;

    fn layer(&self, inner: S) -> Record<S> {
        Record { inner }
    }
}

/// The service of [`RecordLayer`].
#[derive(Clone, Debug)]
pub(crate) struct Record<S> {
    inner: S,
}

impl<S, B> tower_service::Service<axum::http::Request<B>> for Record<S>
where
    S: tower_service::Service<axum::http::Request<B>, Response = Response>,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Recorded<S::Future>;

    fn poll_ready(
        &mut self,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: axum::http::Request<B>) -> Self::Future {
        let route = Route(request.extensions().get::<MatchedPath>().cloned());
        let method = method_name(request.method());
        Recorded {
            inner: self.inner.call(request),
            started: Instant::now(),
            route: Some(route),
            method,
        }
    }
}

pin_project_lite::pin_project! {
    /// A request being answered, timed.
    pub struct Recorded<F> {
        #[pin]
        inner: F,
        started: Instant,
        route: Option<Route>,
        method: &'static str,
    }
}

impl<F, E> std::future::Future for Recorded<F>
where
    F: std::future::Future<Output = Result<Response, E>>,
{
    type Output = Result<Response, E>;

    fn poll(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        let this = self.project();
        let answered = std::task::ready!(this.inner.poll(cx));
        if let (Ok(response), Some(route)) = (&answered, this.route.take()) {
            record(
                route,
                this.method,
                status_class(response.status().as_u16()),
                this.started.elapsed().as_secs_f64(),
            );
        }
        std::task::Poll::Ready(answered)
    }
}
