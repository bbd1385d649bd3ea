//! A real SMTP server for the mail tests: Python's aiosmtpd on a loopback port
//! (`smtp_sink.py`), and what it received, read back as the tests see mail.

use std::io::BufRead as _;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use super::services::python_module;

const SINK: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/it/support/smtp_sink.py");

/// One message as the SMTP server received it.
#[derive(Debug, Clone)]
pub struct Mail {
    /// The envelope's sender.
    pub mail_from: String,
    /// The envelope's recipients.
    pub rcpt_tos: Vec<String>,
    /// Every header, in order, as received (a second `To` or a `Bcc` would show).
    pub headers: Vec<(String, String)>,
    /// The header block as it came over the wire.
    pub raw_headers: String,
    /// The decoded text body.
    pub body: String,
}

impl Mail {
    /// The values of every header named `name` (any letter case).
    pub fn header(&self, name: &str) -> Vec<&str> {
        self.headers
            .iter()
            .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// How many sign-ins it tells of: those listed ("  from ADDRESS" lines) and those
    /// only counted ("and N more").
    pub fn sign_ins(&self) -> usize {
        let listed = self.addresses().len();
        let more: usize = self
            .body
            .lines()
            .filter_map(|line| line.trim().strip_prefix("and "))
            .filter_map(|rest| rest.split(' ').next()?.parse::<usize>().ok())
            .sum();
        listed + more
    }

    /// The addresses of the sign-ins it lists.
    pub fn addresses(&self) -> Vec<&str> {
        self.body
            .lines()
            .filter_map(|line| line.strip_prefix("  from "))
            .collect()
    }
}

/// A loopback port nothing listens on now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// aiosmtpd, running, keeping what it receives.
pub struct SmtpServer {
    child: Child,
    dir: tempfile::TempDir,
    /// Its port on 127.0.0.1.
    pub port: u16,
}

impl SmtpServer {
    /// Starts one on a free port; `None` after a loud skip when aiosmtpd is missing.
    pub fn start() -> Option<SmtpServer> {
        Self::start_on(free_port())
    }

    /// Starts one on `port`.
    pub fn start_on(port: u16) -> Option<SmtpServer> {
        if !python_module(
            "aiosmtpd",
            "SMTP server (aiosmtpd)",
            "python3 -m pip install aiosmtpd==1.4.6",
        ) {
            return None;
        }
        let dir = tempfile::tempdir().expect("mail dir");
        let mut child = Command::new("python3")
            .arg(SINK)
            .arg(dir.path())
            .arg(port.to_string())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start the SMTP server");
        let mut first = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut first)
            .expect("read the SMTP server's first line");
        assert_eq!(
            first.trim(),
            format!("listening {port}"),
            "the SMTP server did not start"
        );
        Some(SmtpServer { child, dir, port })
    }

    /// Its URL for `--smtp-url`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, in order.
    pub fn mails(&self) -> Vec<Mail> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(self.dir.path())
            .expect("mail dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        paths
            .iter()
            .map(|path| {
                let record: Value =
                    serde_json::from_slice(&std::fs::read(path).expect("read mail")).expect("json");
                Mail {
                    mail_from: record["mail_from"].as_str().unwrap_or("").to_string(),
                    rcpt_tos: record["rcpt_tos"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|r| r.as_str().map(str::to_string))
                        .collect(),
                    headers: record["headers"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|pair| {
                            (
                                pair[0].as_str().unwrap_or("").to_string(),
                                pair[1].as_str().unwrap_or("").to_string(),
                            )
                        })
                        .collect(),
                    raw_headers: record["raw_headers"].as_str().unwrap_or("").to_string(),
                    // SMTP carries CRLF; the tests compare lines.
                    body: record["body"].as_str().unwrap_or("").replace("\r\n", "\n"),
                }
            })
            .collect()
    }

    /// Waits (up to `within`) until `enough` holds of the mail received; the mail then.
    pub async fn wait_for(&self, within: Duration, enough: impl Fn(&[Mail]) -> bool) -> Vec<Mail> {
        let deadline = Instant::now() + within;
        loop {
            let mails = self.mails();
            if enough(&mails) || Instant::now() > deadline {
                return mails;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
