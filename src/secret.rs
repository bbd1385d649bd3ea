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
    fn never_formats_the_secret() {
        let token = super::Token::new("eyJsecret\n");
        assert_eq!(token.expose(), "eyJsecret");
        assert!(!format!("{token:?} {token}").contains("eyJ"));
    }
}
