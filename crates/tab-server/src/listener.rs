//! Accepting connections, with the limits that keep slow and idle clients from holding
//! the server: a cap on open connections, a deadline for each request's headers (which
//! also ends idle keep-alive connections, since waiting for the next request is waiting
//! for headers), a deadline for each whole request, body included, and the process's
//! file-descriptor limit raised so that the cap, not the operating system, is what binds.
//!
//! Before any handler runs, a request's `Host` must name this server (see `origins`):
//! a DNS-rebinding page gets 421. Every answer the listener makes itself (408, 421, and
//! hyper's own 400 and 431, through [`own_answers`]) carries the security headers, as the
//! API's do.

mod own_answers;

use std::convert::Infallible;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use axum::http::{Request, StatusCode, header};
use axum::response::{IntoResponse, Response};
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, watch};
use tower_service::Service as _;

use crate::client_address::TrustedProxies;
use crate::error::ApiError;
use crate::headers::with_security_headers;
use crate::origins::Origins;

/// How long a connection that is being closed gets to finish its request in flight.
const CLOSE_GRACE: Duration = Duration::from_secs(10);

/// The limits on connections and requests. The defaults are documented in `docs/api.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Connections open at once; further clients wait in the kernel's accept queue.
    pub max_connections: usize,
    /// Time a client has to send a request's headers, and the longest a kept-alive
    /// connection may sit idle.
    pub header_read_timeout: Duration,
    /// Time a request may take from its headers to the answer, body included.
    pub request_timeout: Duration,
}

impl Limits {
    /// The defaults, as documented.
    pub const DEFAULT: Limits = Limits {
        max_connections: 1024,
        header_read_timeout: Duration::from_secs(10),
        request_timeout: Duration::from_secs(30),
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// Who may ask, and where they are: the names the server answers to and the proxies
/// whose `X-Forwarded-For` is believed.
pub(crate) struct Policy {
    pub origins: Origins,
    pub proxies: TrustedProxies,
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes, then lets each
/// connection finish its request in flight (for at most [`CLOSE_GRACE`]).
pub(crate) async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    policy: Policy,
    shutdown: impl Future<Output = ()>,
) {
    raise_fd_limit();
    let policy = Arc::new(policy);
    let slots = Arc::new(Semaphore::new(limits.max_connections));
    let (stop_tx, stop_rx) = watch::channel(false);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout)
        .keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            permit = Arc::clone(&slots).acquire_owned() => match permit {
                Ok(permit) => permit,
                Err(_) => break,
            },
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of descriptors or memory: back off rather than spin.
                    tracing::warn!(%error, "cannot accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let policy = Arc::clone(&policy);
        let request_timeout = limits.request_timeout;
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            let client = policy.proxies.client_address(peer, request.headers());
            request
                .extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(client));
            let mut app = app.clone();
            let refused = refused_host(&request, &policy.origins);
            async move {
                if let Some(answer) = refused {
                    return Ok::<Response, Infallible>(answer);
                }
                match tokio::time::timeout(request_timeout, app.call(request)).await {
                    Ok(answer) => answer,
                    Err(_) => Ok(timed_out()),
                }
            }
        });
        let io = TokioIo::new(own_answers::WithSecurityHeaders::new(stream));
        let connection = http.serve_connection(io, service);
        let mut stop = stop_rx.clone();
        tokio::spawn(async move {
            let _permit = permit;
            let mut connection = std::pin::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => return,
                _ = stop.wait_for(|stopping| *stopping) => {}
            }
            connection.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(CLOSE_GRACE, connection).await;
        });
    }
    drop(listener);
    let _ = stop_tx.send(true);
    // Every connection holds a slot until it ends: having them all back means done.
    let _ = slots.acquire_many(limits.max_connections as u32).await;
}

/// The answer to a request that took longer than the request timeout.
fn timed_out() -> Response {
    with_security_headers(
        ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            tab_api::ErrorCode::RequestTimeout,
            "The request took too long to arrive or to answer",
        )
        .into_response(),
    )
}

/// The answer to a request not meant for this server, or `None` to serve it. Every
/// authority the request names (its `Host`, and an absolute URI's) must be one this
/// server answers to, and there must be exactly one `Host`.
fn refused_host<B>(request: &Request<B>, origins: &Origins) -> Option<Response> {
    let hosts: Vec<_> = request.headers().get_all(header::HOST).iter().collect();
    let refusal = if hosts.len() != 1 {
        Some(ApiError::bad_request(
            "The request must name the server in exactly one Host header",
        ))
    } else {
        let named = hosts
            .iter()
            .map(|value| value.to_str().ok())
            .chain(request.uri().authority().map(|a| Some(a.as_str())));
        let mut accepted = true;
        for authority in named {
            accepted &= authority.is_some_and(|authority| origins.accepts_host(authority));
        }
        (!accepted).then(|| {
            tracing::warn!("refused a request for a host name this server does not answer to");
            crate::origins::misdirected()
        })
    };
    refusal.map(|error| with_security_headers(error.into_response()))
}

/// Raises the soft limit on open files to the hard limit, so that a busy server runs
/// into its own connection cap long before the operating system's default of 1024.
fn raise_fd_limit() {
    #[cfg(unix)]
    {
        let mut limit = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit only read and write the struct passed in.
        unsafe {
            if libc::getrlimit(libc::RLIMIT_NOFILE, &mut limit) == 0
                && limit.rlim_cur < limit.rlim_max
            {
                limit.rlim_cur = limit.rlim_max;
                if libc::setrlimit(libc::RLIMIT_NOFILE, &limit) != 0 {
                    tracing::warn!("cannot raise the open-file limit");
                }
            }
        }
    }
}

/// Serves any router exactly as [`Server::run`] serves the API (the same connection cap,
/// timeouts and HTTP settings), until `shutdown` completes. For benchmarks: the bare
/// endpoint that the API's throughput is measured against (`examples/bare.rs`).
pub async fn serve_router(
    listener: TcpListener,
    app: axum::Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) {
    // The same Host check as the API's, so that the comparison stays fair.
    let origins = match listener.local_addr() {
        Ok(addr) => crate::origins::Origins::new(addr, None),
        Err(_) => return,
    };
    let policy = Policy {
        origins,
        proxies: TrustedProxies::default(),
    };
    serve(listener, app, limits, policy, shutdown).await;
}

/// Completes on SIGTERM or SIGINT (Ctrl-C).
pub async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(term) => term,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {}
            _ = term.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
    tracing::info!("shutting down: finishing requests in flight");
}
