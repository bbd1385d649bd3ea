//! hyper's own answers, with the security headers.
//!
//! When a request cannot be parsed (headers past hyper's limits: 431; a malformed request
//! line: 400; an unsupported version: 505), hyper answers by itself, before any service
//! of ours runs, with nothing but a status, `content-length: 0` and `date`, and closes
//! the connection. hyper has no hook for that answer, so the connection's writes pass
//! through [`WithSecurityHeaders`]: a write that starts an HTTP error answer without the
//! `x-content-type-options` header (which every answer of ours carries) is one of
//! hyper's, and is replaced by the same status with the security headers and a JSON
//! error body, as the API's own errors have. Every other write passes unchanged.

use std::io;
use std::pin::Pin;
use std::task::{Context, Poll, ready};

use axum::http::HeaderMap;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A connection whose hyper-made error answers carry the security headers.
pub(super) struct WithSecurityHeaders<S> {
    inner: S,
    /// A replacement being written, and how many bytes of the caller's it stands for.
    pending: Option<Replacement>,
}

struct Replacement {
    bytes: Vec<u8>,
    written: usize,
    stands_for: usize,
}

impl<S> WithSecurityHeaders<S> {
    /// Wraps a connection.
    pub(super) fn new(inner: S) -> Self {
        WithSecurityHeaders {
            inner,
            pending: None,
        }
    }
}

impl<S: AsyncWrite + Unpin> WithSecurityHeaders<S> {
    /// Writes the pending replacement; `Ready(Ok(n))` with the caller's byte count once
    /// all of it is out.
    fn poll_replacement(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<usize>> {
        let Some(pending) = self.pending.as_mut() else {
            return Poll::Ready(Ok(0));
        };
        while pending.written < pending.bytes.len() {
            let n = ready!(
                Pin::new(&mut self.inner).poll_write(cx, &pending.bytes[pending.written..])
            )?;
            if n == 0 {
                return Poll::Ready(Err(io::ErrorKind::WriteZero.into()));
            }
            pending.written += n;
        }
        let stands_for = pending.stands_for;
        self.pending = None;
        Poll::Ready(Ok(stands_for))
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for WithSecurityHeaders<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for WithSecurityHeaders<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            match replacement_for(buf) {
                Some(bytes) => {
                    this.pending = Some(Replacement {
                        bytes,
                        written: 0,
                        stands_for: buf.len(),
                    })
                }
                None => return Pin::new(&mut this.inner).poll_write(cx, buf),
            }
        }
        this.poll_replacement(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.pending.is_none() {
            // hyper writes an answer's head as one contiguous slice, first.
            let first = bufs.iter().find(|buf| !buf.is_empty());
            match first.and_then(|buf| Some((replacement_for(buf)?, buf.len()))) {
                Some((bytes, stands_for)) => {
                    this.pending = Some(Replacement {
                        bytes,
                        written: 0,
                        stands_for,
                    })
                }
                None => return Pin::new(&mut this.inner).poll_write_vectored(cx, bufs),
            }
        }
        this.poll_replacement(cx)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// The answer to write instead of `written`, when `written` is one of hyper's own error
/// answers; `None` for anything else (every answer of ours, bodies, 1xx to 3xx).
fn replacement_for(written: &[u8]) -> Option<Vec<u8>> {
    let status_line_end = written.windows(2).position(|w| w == b"\r\n")?;
    let status_line = std::str::from_utf8(&written[..status_line_end]).ok()?;
    let mut words = status_line.splitn(3, ' ');
    let version = words.next()?;
    let status: u16 = words.next()?.parse().ok()?;
    if !version.starts_with("HTTP/1.") || !(400..600).contains(&status) {
        return None;
    }
    let head_end = written.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = &written[..head_end];
    let ours = head.split(|&b| b == b'\n').any(|line| {
        line.to_ascii_lowercase()
            .starts_with(b"x-content-type-options:")
    });
    if ours {
        return None;
    }
    let (code, message) = match status {
        431 => (
            tab_api::ErrorCode::RequestHeaderFieldsTooLarge,
            "The request's headers are larger than this server accepts",
        ),
        505 => (
            tab_api::ErrorCode::BadRequest,
            "This server speaks HTTP/1.1 and HTTP/1.0 only",
        ),
        _ => (
            tab_api::ErrorCode::BadRequest,
            "The request is not valid HTTP",
        ),
    };
    let body = serde_json::to_vec(&tab_api::ErrorBody {
        error: code,
        message: message.to_string(),
        limit: None,
        ended_by: None,
        interval: None,
    })
    .ok()?;
    let mut headers = HeaderMap::new();
    crate::headers::add_security_headers(&mut headers);
    let mut answer = Vec::with_capacity(512 + body.len());
    answer.extend_from_slice(status_line.as_bytes());
    answer.extend_from_slice(b"\r\ncontent-type: application/json\r\n");
    answer.extend_from_slice(format!("content-length: {}\r\n", body.len()).as_bytes());
    answer.extend_from_slice(b"connection: close\r\n");
    for (name, value) in &headers {
        answer.extend_from_slice(name.as_str().as_bytes());
        answer.extend_from_slice(b": ");
        answer.extend_from_slice(value.as_bytes());
        answer.extend_from_slice(b"\r\n");
    }
    // hyper's own `date` line, kept as it wrote it.
    for line in head.split(|&b| b == b'\n').skip(1) {
        if line.to_ascii_lowercase().starts_with(b"date:") {
            answer.extend_from_slice(line.strip_suffix(b"\r").unwrap_or(line));
            answer.extend_from_slice(b"\r\n");
        }
    }
    answer.extend_from_slice(b"\r\n");
    answer.extend_from_slice(&body);
    Some(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hypers_own_error_answers_get_the_headers_and_a_json_body() {
        let hyper = b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-length: 0\r\ndate: Tue, 01 Dec 2026 08:00:00 GMT\r\n\r\n";
        let answer = String::from_utf8(replacement_for(hyper).expect("replaced")).expect("text");
        assert!(
            answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            "{answer}"
        );
        for line in [
            "x-content-type-options: nosniff\r\n",
            "x-frame-options: DENY\r\n",
            "cache-control: no-store\r\n",
            "content-type: application/json\r\n",
            "date: Tue, 01 Dec 2026 08:00:00 GMT\r\n",
        ] {
            assert!(answer.contains(line), "{line} in {answer}");
        }
        let (head, body) = answer.split_once("\r\n\r\n").expect("head and body");
        assert!(head.contains(&format!("content-length: {}", body.len())));
        assert!(
            body.contains("\"request_header_fields_too_large\""),
            "{body}"
        );
    }

    #[test]
    fn our_answers_and_bodies_pass_unchanged() {
        for written in [
            &b"HTTP/1.1 404 Not Found\r\ncontent-type: application/json\r\nx-content-type-options: nosniff\r\n\r\n"[..],
            b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}",
            b"{\"sessions\": []}",
            b"HTTP/1.1 4",
            b"",
        ] {
            assert!(replacement_for(written).is_none(), "{written:?}");
        }
    }
}
