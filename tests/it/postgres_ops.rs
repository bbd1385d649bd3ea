//! Issue 17, item 11: PostgreSQL errors were silent or raw. Now the server says in the
//! driver's words why it cannot connect (`role "nobody" does not exist`, `connection
//! refused`), warns at start when the signing key lives in the database, logs why
//! tokens signed with another process's key are refused, and writes no NOTICE on a
//! restart.

use crate::support::{
    Api, Backend, EMAIL, PASSWORD, SECRET, TestDatabase, TestServer, serve_command,
};

/// The URL with its user (or port) replaced.
fn with_user(url: &str, user: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("a URL");
    parsed.set_username(user).expect("a user");
    parsed.to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_troubles_are_said_in_the_drivers_words() {
    let Some(db) = TestDatabase::new(Backend::Postgres).await else {
        return;
    };
    let refused = serve_command(&with_user(&db.url, "nobody"))
        .output()
        .expect("run serve");
    assert_eq!(refused.status.code(), Some(1));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("role \"nobody\" does not exist"), "{said}");

    let closed = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let port = closed.local_addr().expect("address").port();
    drop(closed);
    let nowhere = serve_command(&format!("postgres://tab@127.0.0.1:{port}/postgres"))
        .output()
        .expect("run serve");
    assert_eq!(nowhere.status.code(), Some(1));
    let said = String::from_utf8_lossy(&nowhere.stderr);
    assert!(said.contains("connection refused"), "{said}");
    assert!(!said.contains("timed out"), "{said}");

    // The key in the database is warned of; a restart writes no NOTICE.
    db.add_user(EMAIL, PASSWORD);
    let first = TestServer::start(&db, None);
    assert!(
        first.wait_for_log("the token signing key is kept in the PostgreSQL database"),
        "{}",
        first.logs()
    );
    drop(first);
    let with_db_key = TestServer::start(&db, None);
    let with_secret = TestServer::start(&db, Some(SECRET));
    for server in [&with_db_key, &with_secret] {
        let logs = server.logs();
        assert!(
            !logs.contains("NOTICE") && !logs.contains("already exists"),
            "{logs}"
        );
    }
    // Two processes on one database with different keys: the refusals say why.
    let (token, _) = Api::new(&with_secret)
        .sign_in(EMAIL, PASSWORD, "cli", None)
        .await;
    let answer = Api::new(&with_db_key)
        .call("GET", "/me", Some(&token), None)
        .await;
    assert_eq!(answer.status, 401);
    assert!(
        with_db_key.wait_for_log("check that they use the same TAB_JWT_SECRET"),
        "{}",
        with_db_key.logs()
    );
    assert!(!with_db_key.logs().contains(&token));
}
