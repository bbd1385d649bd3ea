//! A token that cannot be printed by accident: its `Debug` and `Display` say
//! `[redacted]`, and the only way to the text is the explicit [`Token::expose`].

use std::fmt;

/// A bearer token.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// Wraps a token; surrounding white space (a trailing newline from a file or a pipe)
    /// is not part of it.
    pub fn new(text: impl Into<String>) -> Self {
        Token(text.into().trim().to_string())
    }

    /// The token's text, for the `Authorization` header, the credential store and
    /// `tab token` only.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// True for an empty token (such as `TAB_TOKEN=`).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The session this token belongs to: the `sid` claim of its payload, read without
    /// checking the signature (that is the server's job). `tab` marks the current session
    /// by it, so that a server cannot make several rows read as this device. `None` for
    /// a token that is not a JWT with a UUID `sid`.
    pub fn session_id(&self) -> Option<uuid::Uuid> {
        use base64::Engine as _;
        #[derive(serde::Deserialize)]
        struct Payload {
            sid: uuid::Uuid,
        }
        let payload = self.0.split('.').nth(1)?;
        // A real payload is a few hundred bytes; a huge one is not worth decoding.
        if payload.len() > 8 * 1024 {
            return None;
        }
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(payload.trim_end_matches('='))
            .ok()?;
        serde_json::from_slice::<Payload>(&bytes)
            .ok()
            .map(|payload| payload.sid)
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token([redacted])")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_session_id_is_read_from_the_payload() {
        // {"sub":"u","sid":"5f0c9a2e-3b7d-4c1a-9e55-1f0b8f6a2d41"}
        let token = super::Token::new(
            "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1Iiwic2lkIjoiNWYwYzlhMmUtM2I3ZC00YzFhLTllNTUtMWYwYjhmNmEyZDQxIn0.sig",
        );
        assert_eq!(
            token.session_id().map(|id| id.to_string()).as_deref(),
            Some("5f0c9a2e-3b7d-4c1a-9e55-1f0b8f6a2d41")
        );
        for nonsense in ["", "abc", "a.b.c", "a.!!!.c", "a.eyJzaWQiOjF9.c"] {
            assert_eq!(super::Token::new(nonsense).session_id(), None, "{nonsense}");
        }
    }

    #[test]
    fn never_formats_the_secret() {
        let token = super::Token::new("eyJsecret\n");
        assert_eq!(token.expose(), "eyJsecret");
        assert!(!format!("{token:?} {token}").contains("eyJ"));
    }
}
