//! The new-device alert mail (issue 20) against a real SMTP server on loopback
//! (aiosmtpd, `support/smtp.rs`): what the mail says and that it has no link; the
//! sign-in answers whatever the mail server does; a mail server that is down, then up;
//! a restart in between; twenty new devices at once fold into one or two mails; two
//! server processes on one PostgreSQL send each mail once; nothing a signer-in chooses
//! adds a header or a recipient.

use std::time::Duration;

use super::{EMAIL, PASSWORD};
use crate::on_both_backends;
use crate::support::smtp::{Mail, SmtpServer, free_port};
use crate::support::{Api, Backend, TestDatabase, TestServer};

on_both_backends!(
    a_new_device_is_mailed_with_what_the_server_saw_and_no_link,
    a_mail_server_that_is_down_gets_the_mail_once_it_is_up,
    a_restart_loses_no_mail,
    twenty_new_devices_at_once_fold_into_one_or_two_mails,
    nothing_a_signer_in_chooses_adds_a_header_or_a_recipient,
);

const CHROME: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const FROM: &str = "TAB <tab@example.com>";
/// Long enough for a mail on a slow machine; the tests wait for what they expect and
/// stop as soon as it is there.
const MAIL_WAIT: Duration = Duration::from_secs(20);

/// A server on `db` mailing through `smtp_url`, with `extra` arguments.
fn mailing_server(db: &TestDatabase, smtp_url: &str, extra: &[&str]) -> TestServer {
    let mut args = vec!["--smtp-url", smtp_url, "--mail-from", FROM];
    args.extend_from_slice(extra);
    TestServer::start_with_args(db, None, &args)
}

/// The account's first sign-in (never new), from 127.0.0.1 in Chrome.
async fn first_sign_in(api: &Api) {
    let answer = api.sign_in_as(CHROME, "web", None).await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    assert!(answer.body["session"].get("new_device").is_none());
}

/// A sign-in from another network (127.0.N.1), which makes it a new device.
async fn sign_in_from_network(server: &TestServer, network: u8) {
    let api = Api::from_address(server, format!("127.0.{network}.1").parse().unwrap());
    let answer = api.sign_in_as(CHROME, "web", None).await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    assert_eq!(answer.body["session"]["new_device"], true);
}

/// An SMTP server, a database with the account, a server mailing through it, and the
/// account's first sign-in (never new) done.
async fn signed_in_with_mail(
    backend: Backend,
) -> Option<(SmtpServer, TestDatabase, TestServer, Api)> {
    let smtp = SmtpServer::start()?;
    let db = TestDatabase::new(backend).await?;
    db.add_user(EMAIL, PASSWORD);
    let server = mailing_server(&db, &smtp.url(), &[]);
    let api = Api::new(&server);
    first_sign_in(&api).await;
    Some((smtp, db, server, api))
}

fn assert_no_link(mail: &Mail) {
    let text = format!("{}\n{}", mail.raw_headers, mail.body);
    for link in ["http", "://", "www.", "href"] {
        assert!(!text.to_lowercase().contains(link), "{link:?} in {text}");
    }
    // The only address in the body would be a mailto: link to most mail programs.
    assert!(!mail.body.contains('@'), "{}", mail.body);
}

async fn a_new_device_is_mailed_with_what_the_server_saw_and_no_link(backend: Backend) {
    let Some((smtp, _db, server, api)) = signed_in_with_mail(backend).await else {
        return;
    };
    let answer = api.sign_in_as(FIREFOX, "web", Some("Office laptop")).await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    assert_eq!(answer.body["session"]["new_device"], true);

    let mails = smtp.wait_for(MAIL_WAIT, |m| !m.is_empty()).await;
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert_eq!(mail.rcpt_tos, [EMAIL]);
    assert_eq!(mail.mail_from, "tab@example.com");
    assert_eq!(mail.header("To"), ["Test User <ana@example.com>"]);
    assert_eq!(mail.header("From"), [FROM]);
    assert_eq!(
        mail.header("Subject"),
        ["New sign-in to TAB: Firefox 133 on Windows"]
    );
    assert!(mail.header("Bcc").is_empty() && mail.header("Cc").is_empty());
    let body = &mail.body;
    assert!(body.starts_with("Hello Test User,"), "{body}");
    assert!(body.contains("  Firefox 133 on Windows (web)\n"), "{body}");
    assert_eq!(mail.addresses(), ["127.0.0.1"]);
    let today = chrono::Utc::now().format("on %Y-%m-%d at ").to_string();
    assert!(
        body.contains(&today) && body.contains(" UTC (just now)"),
        "{body}"
    );
    assert!(
        body.contains("open TAB's Active sessions card yourself, sign out everywhere\nelse and change your password"),
        "{body}"
    );
    // What whoever signed in chose is not in it.
    assert!(!body.contains("Office laptop"), "{body}");
    assert_no_link(mail);
    assert!(server.wait_for_log("mailed a new-device alert"));
    // The first sign-in sent none: still one mail once the queue is empty.
    assert_eq!(smtp.mails().len(), 1);
}

/// A server mailing through a port nothing listens on, and one new-device sign-in (from
/// 127.0.`network`.1) whose mail it has already failed to send; the port.
async fn new_device_while_mail_is_down(
    backend: Backend,
    network: u8,
    first_retry: &str,
) -> Option<(TestDatabase, TestServer, u16)> {
    let db = TestDatabase::new(backend).await?;
    db.add_user(EMAIL, PASSWORD);
    let port = free_port();
    let url = format!("smtp://127.0.0.1:{port}");
    let server = mailing_server(&db, &url, &["--mail-first-retry", first_retry]);
    first_sign_in(&Api::new(&server)).await;
    // Nothing listens on the port: the sign-in answers all the same.
    sign_in_from_network(&server, network).await;
    assert!(
        server.wait_for_log("cannot mail a new-device alert"),
        "{}",
        server.logs()
    );
    Some((db, server, port))
}

async fn a_mail_server_that_is_down_gets_the_mail_once_it_is_up(backend: Backend) {
    let Some((_db, server, port)) = new_device_while_mail_is_down(backend, 7, "500ms").await else {
        return;
    };
    assert!(
        server.logs().contains("trying again in 500 ms"),
        "{}",
        server.logs()
    );

    let Some(smtp) = SmtpServer::start_on(port) else {
        return;
    };
    let mails = smtp.wait_for(MAIL_WAIT, |m| !m.is_empty()).await;
    assert_eq!(mails.len(), 1, "{}", server.logs());
    assert_eq!(mails[0].addresses(), ["127.0.7.1"]);
    assert!(server.wait_for_log("mailed a new-device alert"));
}

async fn a_restart_loses_no_mail(backend: Backend) {
    let Some((db, first, port)) = new_device_while_mail_is_down(backend, 9, "1s").await else {
        return;
    };
    let url = format!("smtp://127.0.0.1:{port}");
    assert!(first.signal_and_wait(libc::SIGTERM).success());

    let Some(smtp) = SmtpServer::start_on(port) else {
        return;
    };
    let again = mailing_server(&db, &url, &[]);
    let mails = smtp.wait_for(MAIL_WAIT, |m| !m.is_empty()).await;
    assert_eq!(mails.len(), 1, "{}", again.logs());
    assert_eq!(mails[0].addresses(), ["127.0.9.1"]);
}

async fn twenty_new_devices_at_once_fold_into_one_or_two_mails(backend: Backend) {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let Some(db) = TestDatabase::new(backend).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    // Ten minutes between mails in production; here five seconds, so that the folded
    // second mail comes within the test. The twenty sign-ins take far less.
    let server = mailing_server(&db, &smtp.url(), &["--mail-interval", "5s"]);
    let api = Api::new(&server);
    first_sign_in(&api).await;
    let sign_ins: Vec<_> = (10..30u8)
        .map(|network| {
            let server = &server;
            async move { sign_in_from_network(server, network).await }
        })
        .collect();
    for sign_in in sign_ins {
        sign_in.await;
    }
    let told = |mails: &[Mail]| mails.iter().map(Mail::sign_ins).sum::<usize>();
    let mails = smtp.wait_for(MAIL_WAIT, |m| told(m) >= 20).await;
    assert_eq!(told(&mails), 20, "{mails:#?}\n{}", server.logs());
    assert!((1..=2).contains(&mails.len()), "{} mails", mails.len());
    // Whichever mail tells of more than one names how many in its subject.
    for mail in mails.iter().filter(|m| m.sign_ins() > 1) {
        let subject = format!("{} new sign-ins to TAB", mail.sign_ins());
        assert_eq!(mail.header("Subject"), [subject.as_str()]);
    }
}

async fn nothing_a_signer_in_chooses_adds_a_header_or_a_recipient(backend: Backend) {
    let Some((smtp, _db, _server, api)) = signed_in_with_mail(backend).await else {
        return;
    };
    // A label with a line break is refused before anything is stored or mailed.
    let injected = api
        .sign_in_as(FIREFOX, "web", Some("Office\r\nBcc: evil@example.com"))
        .await;
    assert_eq!(injected.status, 400, "{:?}", injected.body);
    // A User-Agent that names an address and a header is shown nowhere in the mail.
    let agent = "tab/0.1.0 (evil.example Bcc: evil@example.com)";
    let answer = api
        .sign_in_as(agent, "cli", Some("Bcc: evil@example.com =?utf-8?q?x?="))
        .await;
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    assert_eq!(answer.body["session"]["new_device"], true);

    let mails = smtp.wait_for(MAIL_WAIT, |m| !m.is_empty()).await;
    assert_eq!(mails.len(), 1, "{mails:#?}");
    let mail = &mails[0];
    assert_eq!(mail.rcpt_tos, [EMAIL]);
    assert!(mail.header("Bcc").is_empty(), "{}", mail.raw_headers);
    assert_eq!(mail.header("To").len(), 1);
    assert_eq!(mail.header("Subject"), ["New sign-in to TAB"]);
    assert!(
        !mail.raw_headers.contains("evil") && !mail.body.contains("evil"),
        "{mail:?}"
    );
    assert!(
        mail.body
            .contains("A device that did not say what it is (cli)"),
        "{}",
        mail.body
    );
    assert_no_link(mail);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_servers_on_one_postgres_send_each_mail_once() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let Some(db) = TestDatabase::new(Backend::Postgres).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    // A short interval, so that several mails go and both processes take some.
    let args = ["--mail-interval", "1s"];
    let servers = [
        mailing_server(&db, &smtp.url(), &args),
        mailing_server(&db, &smtp.url(), &args),
    ];
    first_sign_in(&Api::new(&servers[0])).await;
    for network in 40..52u8 {
        sign_in_from_network(&servers[usize::from(network % 2)], network).await;
        // Spread over several 1 s mail intervals, so that both processes get to send.
        if network % 4 == 0 {
            tokio::time::sleep(Duration::from_millis(700)).await;
        }
    }
    let told = |mails: &[Mail]| mails.iter().map(Mail::sign_ins).sum::<usize>();
    let mails = smtp.wait_for(MAIL_WAIT, |m| told(m) >= 12).await;
    let mut addresses: Vec<&str> = mails.iter().flat_map(Mail::addresses).collect();
    addresses.sort_unstable();
    let expected: Vec<String> = (40..52).map(|n| format!("127.0.{n}.1")).collect();
    assert_eq!(
        addresses, expected,
        "each sign-in in exactly one mail: {mails:#?}"
    );
    // Give a second sender the time it would need to repeat one; none comes.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(told(&smtp.mails()), 12);
}

/// A mail server that accepts and then says nothing holds the SMTP exchange for its
/// whole timeout; the sign-in has answered while that exchange is still open, so the
/// mail is not on its path.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_mail_server_that_hangs_does_not_hold_up_the_sign_in() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("smtp://127.0.0.1:{}", silent.local_addr().unwrap().port());
    let (accepted, connection) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        if let Ok((stream, _)) = silent.accept() {
            let _ = accepted.send(stream);
        }
    });
    let server = mailing_server(&db, &url, &[]);
    first_sign_in(&Api::new(&server)).await;
    sign_in_from_network(&server, 11).await;
    let stream = connection
        .recv_timeout(MAIL_WAIT)
        .expect("the outbox connects to the mail server");
    // Still waiting for the greeting: the client has neither given up nor closed.
    stream.set_nonblocking(true).expect("nonblocking");
    let mut byte = [0u8; 1];
    let read = std::io::Read::read(&mut &stream, &mut byte);
    assert!(
        matches!(&read, Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "the SMTP exchange ended before the check: {read:?}"
    );
    assert!(!server.logs().contains("mailed a new-device alert"));
}

/// A mail server that stays down: tries with backoff until the give-up time (an hour in
/// production, two seconds here), then one warning, and the queue is empty.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_mail_server_that_stays_down_is_given_up_on_and_said_so() {
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    let url = format!("smtp://127.0.0.1:{}", free_port());
    let server = mailing_server(
        &db,
        &url,
        &["--mail-first-retry", "200ms", "--mail-give-up-after", "2s"],
    );
    first_sign_in(&Api::new(&server)).await;
    sign_in_from_network(&server, 12).await;
    assert!(
        server
            .wait_for_log("gave up mailing a new-device alert: not sent within 2 s of the sign-in"),
        "{}",
        server.logs()
    );
    let logs = server.logs();
    let tries = logs.matches("cannot mail a new-device alert").count();
    // 200 ms, 400 ms, 800 ms, 1.6 s: a handful of tries, not one per poll.
    assert!((2..=6).contains(&tries), "{tries} tries:\n{logs}");
    assert!(logs.contains("no alert mail sent: given up"), "{logs}");
}

/// The SMTP password, in the URL or in TAB_SMTP_PASSWORD, is in no log line, also when
/// the mail server refuses (aiosmtpd offers no AUTH on plain SMTP, so the try fails).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_smtp_password_is_never_logged() {
    let Some(smtp) = SmtpServer::start() else {
        return;
    };
    let Some(db) = TestDatabase::new(Backend::Sqlite).await else {
        return;
    };
    db.add_user(EMAIL, PASSWORD);
    for (url, password) in [
        (
            format!("smtp://tab:url-secret-77@127.0.0.1:{}", smtp.port),
            None,
        ),
        (
            format!("smtp://tab@127.0.0.1:{}", smtp.port),
            Some("env-secret-78"),
        ),
    ] {
        let mut command = crate::support::serve_command(&db.url);
        command.args(["--mail-from", FROM, "--mail-first-retry", "100ms"]);
        command.env(tab::env_vars::TAB_SMTP_URL, &url);
        if let Some(password) = password {
            command.env(tab::env_vars::TAB_SMTP_PASSWORD, password);
        }
        let server = TestServer::spawn(command);
        let api = Api::new(&server);
        let answer = api.sign_in_as(CHROME, "web", None).await;
        assert_eq!(answer.status, 201, "{:?}", answer.body);
        let network = if password.is_some() { 14 } else { 13 };
        let elsewhere = Api::from_address(&server, format!("127.0.{network}.1").parse().unwrap());
        assert_eq!(elsewhere.sign_in_as(FIREFOX, "web", None).await.status, 201);
        assert!(
            server.wait_for_log("cannot mail a new-device alert"),
            "{}",
            server.logs()
        );
        let logs = server.logs();
        assert!(
            logs.contains(&format!("smtp://127.0.0.1:{} (unencrypted)", smtp.port)),
            "{logs}"
        );
        for secret in ["url-secret-77", "env-secret-78"] {
            assert!(!logs.contains(secret), "{secret} in\n{logs}");
        }
    }
    assert!(smtp.mails().is_empty());
}
