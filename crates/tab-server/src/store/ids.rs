//! The ids the store takes and gives, as types of their own: a session's id and an
//! account's id are both UUID text, and a function that takes both (`sign_out(user,
//! session)`) cannot be called with them swapped. Bound to SQL exactly as the text they
//! wrap, on both backends.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;

/// Binds and reads `$name`, a newtype over `$inner`, exactly as its `$inner`: to sqlx on
/// both backends and to the SQLite readers' rusqlite.
macro_rules! bound_as {
    ($name:ident, $inner:ty) => {
        impl<DB: sqlx::Database> sqlx::Type<DB> for $name
        where
            $inner: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <$inner as sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <$inner as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $name
        where
            $inner: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                <$inner as sqlx::Encode<'q, DB>>::encode_by_ref(&self.0, buf)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name
        where
            $inner: sqlx::Decode<'r, DB>,
        {
            fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                <$inner as sqlx::Decode<'r, DB>>::decode(value).map($name)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }
    };
}

/// Declares an id type wrapping its stored text.
macro_rules! stored_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as stored: lowercase, hyphenated UUID text.
            pub fn new(text: impl Into<String>) -> Self {
                $name(text.into())
            }

            /// The id of `uuid`, written as the store writes ids.
            pub fn from_uuid(uuid: uuid::Uuid) -> Self {
                $name(uuid.to_string())
            }

            /// A new random (v4) id.
            pub fn random() -> Self {
                Self::from_uuid(uuid::Uuid::new_v4())
            }

            /// The stored text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The stored text, owned.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        bound_as!($name, String);
    };
}

stored_id!(
    /// A device session's id (the token's `sid`).
    SessionId
);

stored_id!(
    /// An account's id (the token's `sub`).
    UserId
);

/// A moment as the store keeps it: Unix milliseconds, `BIGINT` on both backends. Every
/// time a store function takes, and the session rows' times, are this type, so that a
/// time cannot be passed where a count or a duration belongs (`create_session_within(
/// record, since, max_recent, …)`). Arithmetic with milliseconds saturates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct UnixMillis(i64);

impl UnixMillis {
    /// The latest moment there is (for "no bound").
    pub const MAX: UnixMillis = UnixMillis(i64::MAX);

    /// The moment `ms` milliseconds after 1970-01-01 UTC.
    pub const fn new(ms: i64) -> Self {
        UnixMillis(ms)
    }

    /// Now, by this machine's clock.
    pub fn now() -> Self {
        UnixMillis(chrono::Utc::now().timestamp_millis())
    }

    /// The milliseconds since 1970-01-01 UTC.
    pub const fn get(self) -> i64 {
        self.0
    }

    /// `ms` milliseconds earlier, or the earliest moment there is.
    pub const fn saturating_sub(self, ms: i64) -> Self {
        UnixMillis(self.0.saturating_sub(ms))
    }
}

impl std::ops::Add<i64> for UnixMillis {
    type Output = UnixMillis;
    fn add(self, ms: i64) -> UnixMillis {
        UnixMillis(self.0.saturating_add(ms))
    }
}

impl std::ops::Sub<i64> for UnixMillis {
    type Output = UnixMillis;
    fn sub(self, ms: i64) -> UnixMillis {
        UnixMillis(self.0.saturating_sub(ms))
    }
}

impl std::ops::Sub for UnixMillis {
    type Output = i64;
    fn sub(self, earlier: UnixMillis) -> i64 {
        self.0.saturating_sub(earlier.0)
    }
}

bound_as!(UnixMillis, i64);
