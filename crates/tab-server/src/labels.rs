//! The rules a session's label must keep, wherever one is set: 1 to 80 characters, no
//! control, format or separator characters, and nothing that reads as the current-session
//! tag (`This device`), which the card and `tab` draw themselves and no label may imitate.

use unicode_normalization::UnicodeNormalization as _;

use crate::error::ApiError;

/// The words of the tag that marks the current session, folded as [`fold`] folds a label.
const CURRENT_TAG_FOLDED: &str = "thisdevice";

/// Checks a label against the contract (see the module's summary).
pub(crate) fn check_label(label: Option<&str>) -> Result<(), ApiError> {
    let Some(label) = label else { return Ok(()) };
    let chars = label.chars().count();
    if chars == 0 || label.trim().is_empty() {
        return Err(ApiError::bad_request(
            "The label must not be empty; omit it instead",
        ));
    }
    if chars > tab_api::MAX_LABEL_CHARS {
        return Err(ApiError::bad_request(format!(
            "The label must be at most {} characters",
            tab_api::MAX_LABEL_CHARS
        )));
    }
    if label.chars().any(tab_api::is_unsafe_char) {
        return Err(ApiError::bad_request(
            "The label must not contain control, format or separator characters",
        ));
    }
    if imitates_current_tag(label) {
        return Err(ApiError::bad_request(
            "The label must not contain the words This device, which mark the session you are using",
        ));
    }
    Ok(())
}

/// Whether `label` would read as the `This device` tag: after compatibility
/// normalisation (NFKC: fullwidth and mathematical letters become plain ones), case
/// folding, the usual Cyrillic and Greek lookalikes read as Latin letters, and with
/// everything but letters and digits left out (`This-device`, `THIS  DEVICE`,
/// `Ｔｈｉｓ ｄｅｖｉｃｅ` and `Тhis device` with a Cyrillic Т all do).
pub(crate) fn imitates_current_tag(label: &str) -> bool {
    fold(label).contains(CURRENT_TAG_FOLDED)
}

/// The letters and digits of `text`, normalised and folded to compare as a reader sees.
fn fold(text: &str) -> String {
    text.nfkc()
        .flat_map(char::to_lowercase)
        .map(latin_lookalike)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The Latin letter a lowercase Cyrillic or Greek letter is drawn like in common fonts,
/// for the letters of "this device"; any other character unchanged. (A full confusables
/// table, UTS #39, is not needed: `tab` and the card mark the current session where no
/// label can reach, and this only keeps the label from reading as the tag.)
fn latin_lookalike(c: char) -> char {
    match c {
        'т' | 'τ' => 't',
        'һ' | 'н' => 'h',
        'і' | 'ї' | 'ι' | 'ı' | 'ӏ' | 'ɩ' => 'i',
        'ѕ' => 's',
        'ԁ' => 'd',
        'е' | 'ё' | 'ε' => 'e',
        'ѵ' | 'ν' => 'v',
        'с' | 'ϲ' => 'c',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_that_read_as_the_tag_are_refused() {
        for label in [
            "This device",
            "this device",
            "THIS DEVICE",
            "Laptop - This device",
            "Laptop This device",
            "This-device",
            "This  device",
            "This\u{a0}device",
            "Ｔｈｉｓ ｄｅｖｉｃｅ",
            "\u{422}his device",
            "Th\u{456}s d\u{435}v\u{456}\u{441}e",
            "𝐓𝐡𝐢𝐬 𝐝𝐞𝐯𝐢𝐜𝐞",
            "ThisDevice",
        ] {
            assert!(imitates_current_tag(label), "{label:?} should be refused");
            assert!(check_label(Some(label)).is_err(), "{label:?}");
        }
    }

    #[test]
    fn ordinary_labels_pass() {
        for label in [
            "Office laptop",
            "This laptop",
            "Device in the office",
            "Ana's phone",
            "Chrome on Linux",
            "中文标签",
        ] {
            assert!(!imitates_current_tag(label), "{label:?} should pass");
            assert!(check_label(Some(label)).is_ok(), "{label:?}");
        }
        assert!(check_label(None).is_ok());
    }

    #[test]
    fn the_other_rules_still_hold() {
        assert!(check_label(Some("")).is_err());
        assert!(check_label(Some("   ")).is_err());
        assert!(check_label(Some(&"x".repeat(81))).is_err());
        assert!(check_label(Some(&"x".repeat(80))).is_ok());
        assert!(check_label(Some("a\u{202e}b")).is_err());
    }
}
