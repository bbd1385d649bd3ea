//! Schema migrations, run at every start. Each step is idempotent DDL that both
//! SQLite and PostgreSQL accept, recorded in `schema_migrations` once applied.

/// The ordered migrations: (version, statements).
pub(super) const MIGRATIONS: &[(i64, &[&str])] = &[
    (
        1,
        &[
            "CREATE TABLE IF NOT EXISTS users (
            id TEXT PRIMARY KEY,
            email TEXT NOT NULL,
            email_key TEXT NOT NULL,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            password_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL
        )",
            // Case-insensitive uniqueness: `email_key` is the email lowercased by the server,
            // so SQLite (ASCII-only lower()) and PostgreSQL agree.
            "CREATE UNIQUE INDEX IF NOT EXISTS users_email_key ON users (email_key)",
            "CREATE TABLE IF NOT EXISTS device_sessions (
            id TEXT PRIMARY KEY,
            user_id TEXT NOT NULL REFERENCES users (id),
            kind TEXT NOT NULL,
            label TEXT,
            created_at BIGINT NOT NULL,
            last_seen_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            revoked_at BIGINT,
            revoked_by TEXT
        )",
            // Serves "this user's live sessions, most recently seen first": revoked rows
            // never enter the index, so listing stays fast however many pile up.
            "CREATE INDEX IF NOT EXISTS device_sessions_live
            ON device_sessions (user_id, last_seen_at DESC) WHERE revoked_at IS NULL",
            "CREATE TABLE IF NOT EXISTS sign_in_failures (
            email_key TEXT NOT NULL,
            address TEXT NOT NULL,
            failed_at BIGINT NOT NULL
        )",
            "CREATE INDEX IF NOT EXISTS sign_in_failures_email ON sign_in_failures (email_key, failed_at)",
            "CREATE INDEX IF NOT EXISTS sign_in_failures_address ON sign_in_failures (address, failed_at)",
            "CREATE TABLE IF NOT EXISTS server_secrets (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )",
        ],
    ),
    (
        2,
        &[
            // The throttle keys on a hash of the normalised email, so that nothing an
            // attacker sends reaches an index unbounded (PostgreSQL refuses index entries
            // past about 2.7 kB) and no email that failed is kept in the clear.
            "DROP TABLE IF EXISTS sign_in_failures",
            "CREATE TABLE sign_in_failures (
                id TEXT PRIMARY KEY,
                email_hash TEXT NOT NULL,
                address TEXT NOT NULL,
                failed_at BIGINT NOT NULL,
                pending INTEGER NOT NULL
            )",
            "CREATE INDEX sign_in_failures_email ON sign_in_failures (email_hash, failed_at)",
            "CREATE INDEX sign_in_failures_address ON sign_in_failures (address, failed_at)",
            // Serves the purge of rows older than the window.
            "CREATE INDEX sign_in_failures_age ON sign_in_failures (failed_at)",
            // Serves the count of a user's recent sign-ins (the per-user limit).
            "CREATE INDEX IF NOT EXISTS device_sessions_created ON device_sessions (user_id, created_at)",
        ],
    ),
    (
        3,
        &[
            // What the User-Agent said at sign-in, and addresses: the latest request's
            // (`ip`), the sign-in's and the one that ended the session. The history is
            // read from these rows, which are never deleted, so it is append-only by
            // construction and cannot disagree with the session list.
            "ALTER TABLE device_sessions ADD COLUMN device TEXT",
            "ALTER TABLE device_sessions ADD COLUMN ip TEXT",
            "ALTER TABLE device_sessions ADD COLUMN sign_in_ip TEXT",
            "ALTER TABLE device_sessions ADD COLUMN ended_ip TEXT",
            // Serve the history's newest sign-outs and revokes, and newest expiries, with
            // a bounded read whatever the account's size.
            "CREATE INDEX device_sessions_ended ON device_sessions (user_id, revoked_at) WHERE revoked_at IS NOT NULL",
            "CREATE INDEX device_sessions_expiry ON device_sessions (user_id, expires_at) WHERE revoked_at IS NULL",
        ],
    ),
    (
        4,
        &[
            // `tab server user unlock EMAIL` lifts the per-account limit on successful
            // sign-ins too: sessions started before this time no longer count.
            "ALTER TABLE users ADD COLUMN sign_ins_counted_from BIGINT NOT NULL DEFAULT 0",
        ],
    ),
    (
        5,
        &[
            // A disabled account cannot sign in (`tab server user disable`).
            "ALTER TABLE users ADD COLUMN disabled_at BIGINT",
            // Who ended a session when no session of the account did: `operator` for
            // `tab server user set-password` and `disable`, `admin:EMAIL` for an
            // administrator through `/api/v1/admin/`.
            "ALTER TABLE device_sessions ADD COLUMN ended_by TEXT",
            // What the operator did to accounts, append-only: nothing updates or deletes
            // these rows.
            "CREATE TABLE admin_audit (
                id TEXT PRIMARY KEY,
                at BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                target_user_id TEXT NOT NULL,
                target_email TEXT NOT NULL,
                revoked BIGINT,
                detail TEXT,
                actor_email TEXT,
                actor_session TEXT,
                ip TEXT
            )",
            "CREATE INDEX admin_audit_at ON admin_audit (at)",
        ],
    ),
    (
        6,
        &[
            // How a session was signed in: `password` (also when null, for older rows),
            // `web` (the loopback redirect) or `device` (a device code).
            "ALTER TABLE device_sessions ADD COLUMN method TEXT",
            // Sign-ins through a browser (`tab login --web`, `--device`): the codes are
            // kept only as SHA-256 hashes and cleared when used; a row stays, without
            // them, as the record of who approved or denied what.
            "CREATE TABLE cli_grants (
                id TEXT PRIMARY KEY,
                flow TEXT NOT NULL,
                kind TEXT NOT NULL,
                secret_hash TEXT,
                user_code_hash TEXT,
                code_challenge TEXT,
                label TEXT,
                device TEXT,
                ip TEXT,
                created_at BIGINT NOT NULL,
                expires_at BIGINT NOT NULL,
                interval_secs BIGINT NOT NULL,
                last_polled_at BIGINT,
                status TEXT NOT NULL,
                user_id TEXT,
                decided_by_session TEXT,
                decided_ip TEXT,
                decided_at BIGINT,
                session_id TEXT
            )",
            "CREATE UNIQUE INDEX cli_grants_secret ON cli_grants (secret_hash)",
            "CREATE UNIQUE INDEX cli_grants_user_code ON cli_grants (user_code_hash)",
            "CREATE INDEX cli_grants_user ON cli_grants (user_id, decided_at)",
        ],
    ),
    (
        7,
        &[
            // Every rename of a session (`PATCH /sessions/{id}`), for the history: rows
            // are only inserted.
            "CREATE TABLE session_renames (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                session_id TEXT NOT NULL,
                at BIGINT NOT NULL,
                old_label TEXT,
                new_label TEXT,
                by_session TEXT NOT NULL,
                ip TEXT
            )",
            "CREATE INDEX session_renames_user ON session_renames (user_id, at)",
            "CREATE INDEX session_renames_session ON session_renames (session_id, at)",
        ],
    ),
    (
        8,
        &[
            // New-device alerts: what a sign-in's device and network were (the device
            // without its version, the address's /24 or /64), whether no session of the
            // account had them in the 30 days before, and when the account said it was
            // them.
            "ALTER TABLE device_sessions ADD COLUMN device_family TEXT",
            "ALTER TABLE device_sessions ADD COLUMN network TEXT",
            "ALTER TABLE device_sessions ADD COLUMN new_device BIGINT NOT NULL DEFAULT 0",
            "ALTER TABLE device_sessions ADD COLUMN alert_acked_at BIGINT",
            "CREATE INDEX device_sessions_seen_device
                ON device_sessions (user_id, device_family, network, last_seen_at)",
        ],
    ),
    (
        9,
        &[
            // The alert mail's outbox (src/mail.rs): a new-device session whose mail is
            // still to be sent carries the time it was queued, set in the same statement
            // that records it, so that no crash or restart between the two loses a mail.
            "ALTER TABLE device_sessions ADD COLUMN mail_queued_at BIGINT",
            "ALTER TABLE device_sessions ADD COLUMN mailed_at BIGINT",
            "CREATE INDEX device_sessions_mail_queue
                ON device_sessions (user_id, mail_queued_at) WHERE mail_queued_at IS NOT NULL",
            // Each account's sending state: when its last mail went (at most one every
            // ten minutes), how many tries failed and when the next may start, and which
            // server process holds it now (a lease, so that two processes on one
            // database never send one mail twice).
            "CREATE TABLE alert_mailboxes (
                user_id TEXT PRIMARY KEY,
                last_sent_at BIGINT NOT NULL DEFAULT 0,
                failures BIGINT NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL DEFAULT 0,
                lease_until BIGINT NOT NULL DEFAULT 0,
                lease_owner TEXT
            )",
        ],
    ),
    (
        10,
        &[
            // Live sessions by expiry: the live-session gauge counts them from here
            // (revoked rows never enter), and so does the count of expiries.
            "CREATE INDEX device_sessions_by_expiry ON device_sessions (expires_at)
                WHERE revoked_at IS NULL",
            // Sessions by when they ended (revoked, else expired): the retention purge
            // finds the ended rows past its window here, however many live ones there are.
            "CREATE INDEX device_sessions_by_end
                ON device_sessions ((COALESCE(revoked_at, expires_at)))",
            // One line per account and purge run: how many sessions went, up to when, so
            // that the history says where it now starts instead of silently starting later.
            "CREATE TABLE history_purges (
                id TEXT PRIMARY KEY,
                user_id TEXT NOT NULL,
                at BIGINT NOT NULL,
                sessions BIGINT NOT NULL,
                ended_before BIGINT NOT NULL,
                retention_ms BIGINT NOT NULL
            )",
            "CREATE INDEX history_purges_user ON history_purges (user_id, at)",
        ],
    ),
];
