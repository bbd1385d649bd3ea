//! The ids the store takes and gives, as types of their own: a session's id and an
//! account's id are both UUID text, and a function that takes both (`sign_out(user,
//! session)`) cannot be called with them swapped. Bound to SQL exactly as the text they
//! wrap, on both backends.

use sqlx::encode::IsNull;
use sqlx::error::BoxDynError;

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

        impl<DB: sqlx::Database> sqlx::Type<DB> for $name
        where
            String: sqlx::Type<DB>,
        {
            fn type_info() -> DB::TypeInfo {
                <String as sqlx::Type<DB>>::type_info()
            }

            fn compatible(ty: &DB::TypeInfo) -> bool {
                <String as sqlx::Type<DB>>::compatible(ty)
            }
        }

        impl<'q, DB: sqlx::Database> sqlx::Encode<'q, DB> for $name
        where
            String: sqlx::Encode<'q, DB>,
        {
            fn encode_by_ref(
                &self,
                buf: &mut <DB as sqlx::Database>::ArgumentBuffer<'q>,
            ) -> Result<IsNull, BoxDynError> {
                <String as sqlx::Encode<'q, DB>>::encode_by_ref(&self.0, buf)
            }
        }

        impl<'r, DB: sqlx::Database> sqlx::Decode<'r, DB> for $name
        where
            String: sqlx::Decode<'r, DB>,
        {
            fn decode(value: <DB as sqlx::Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
                <String as sqlx::Decode<'r, DB>>::decode(value).map($name)
            }
        }

        impl rusqlite::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }
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
