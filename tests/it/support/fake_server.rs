//! A fake TAB server for testing how `tab` reads answers a real server would never give
//! (hostile strings, an older API version): each request line goes to a route function,
//! whose status and JSON body are sent back.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::TcpListener;

use serde_json::Value;

/// Serves `route` on a loopback port until the test ends; its URL. `route` gets the
/// request's method and path (without the query) and answers a status and a JSON body.
/// Requests are read up to the end of their headers; a body is not read.
pub fn serve_json<R>(route: R) -> String
where
    R: Fn(&str, &str) -> (u16, Value) + Send + Sync + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    let route = std::sync::Arc::new(route);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let route = std::sync::Arc::clone(&route);
            std::thread::spawn(move || {
                let mut reader = BufReader::new(stream);
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    return;
                }
                let mut line = String::new();
                while reader.read_line(&mut line).is_ok_and(|n| n > 2) {
                    line.clear();
                }
                let mut words = request_line.split_whitespace();
                let method = words.next().unwrap_or("");
                let target = words.next().unwrap_or("");
                let path = target.split('?').next().unwrap_or(target);
                let (status, body) = route(method, path);
                let body = body.to_string();
                let mut stream = reader.into_inner();
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                    body.len()
                );
            });
        }
    });
    url
}
