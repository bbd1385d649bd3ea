//! JSON for scripts: any value as one terminal-safe line, and the one shape of a failure
//! (`{"error": {"code", "message", "hint"}}`) that every `--json` error takes.

use serde::Serialize;

/// What `--json` prints for a failure, wherever it is reported (`error::report`, a
/// command line clap refused, an answer that cannot be encoded): one shape, the README's.
#[derive(Debug, Serialize)]
pub struct ErrorJson<'a> {
    error: ErrorJsonFields<'a>,
}

/// The fields of [`ErrorJson`]: the stable code, the sentence, and what to do (`null`
/// when there is nothing to suggest).
#[derive(Debug, Serialize)]
struct ErrorJsonFields<'a> {
    code: &'a str,
    message: &'a str,
    hint: Option<&'a str>,
}

impl<'a> ErrorJson<'a> {
    /// The failure `code` (`not_found`, `usage`, ...), said in `message`, with `hint`.
    pub fn new(code: &'a str, message: &'a str, hint: Option<&'a str>) -> ErrorJson<'a> {
        ErrorJson {
            error: ErrorJsonFields {
                code,
                message,
                hint,
            },
        }
    }
}

/// `value` as one line of JSON, with every character of [`tab_api::is_unsafe_char`]
/// written as a `\uXXXX` escape: the same data once parsed (scripts get the server's
/// strings exactly), and nothing in it can drive a terminal it is shown on.
pub fn json_text<T: serde::Serialize + ?Sized>(value: &T) -> String {
    let mut bytes = Vec::new();
    let mut serializer = serde_json::Serializer::with_formatter(&mut bytes, TerminalSafeJson);
    if value.serialize(&mut serializer).is_err() {
        let failed = ErrorJson::new("failed", "cannot encode the answer as JSON", None);
        return serde_json::to_string(&failed).unwrap_or_default();
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// serde_json's compact output, with unsafe characters escaped in strings.
struct TerminalSafeJson;

impl serde_json::ser::Formatter for TerminalSafeJson {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Safe runs are written whole; printable ASCII is never unsafe, so most strings
        // need no table look-up (serde has already escaped C0 controls; DEL comes here).
        let mut safe_from = 0;
        for (at, c) in fragment.char_indices() {
            if c.is_ascii_graphic() || c == ' ' || !tab_api::is_unsafe_char(c) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[safe_from..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{unit:04x}")?;
            }
            safe_from = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[safe_from..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_the_same_three_fields() {
        let text = json_text(&ErrorJson::new("usage", "bad \u{1b}[2J", None));
        assert_eq!(
            text,
            r#"{"error":{"code":"usage","message":"bad \u001b[2J","hint":null}}"#
        );
        let text = json_text(&ErrorJson::new("not_found", "gone", Some("run `tab`")));
        assert_eq!(
            text,
            r#"{"error":{"code":"not_found","message":"gone","hint":"run `tab`"}}"#
        );
    }
}
