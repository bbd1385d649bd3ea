//! The page's scripts and the server share one vocabulary of error codes: every code a
//! script compares an answer's `error` with is one `tab_api::ErrorCode` names, so a code
//! renamed on the server cannot leave the page testing for a word nobody sends.

use std::collections::BTreeSet;

/// The error codes a script tests for: `failure.code === 'word'` (and `!==`, `==`).
fn codes_compared_in(script: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (at, _) in script.match_indices(".code") {
        let rest = script[at + ".code".len()..].trim_start();
        let Some(rest) = rest
            .strip_prefix("===")
            .or_else(|| rest.strip_prefix("!=="))
            .or_else(|| rest.strip_prefix("=="))
            .or_else(|| rest.strip_prefix("!="))
        else {
            continue;
        };
        let rest = rest.trim_start();
        let Some(quote) = rest.chars().next().filter(|c| *c == '\'' || *c == '"') else {
            continue;
        };
        let word: String = rest[1..].chars().take_while(|c| *c != quote).collect();
        found.insert(word);
    }
    found
}

#[test]
fn the_page_tests_only_for_codes_the_api_names() {
    let root = env!("CARGO_MANIFEST_DIR");
    let known: BTreeSet<&str> = tab_api::ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    let mut compared = BTreeSet::new();
    for script in ["app.js", "card.js", "common.js", "approve.js"] {
        let path = format!("{root}/crates/tab-server/web/{script}");
        let text = std::fs::read_to_string(&path).expect("the page's script");
        for code in codes_compared_in(&text) {
            assert!(
                known.contains(code.as_str()),
                "{script} tests for the error code {code:?}, which tab_api::ErrorCode does not name"
            );
            compared.insert(code);
        }
    }
    // The card's own handling (a revoked, expired or ambiguous session; a quiet start
    // without a token) must have been found, or the reading above has gone blind.
    for expected in [
        "session_revoked",
        "session_expired",
        "ambiguous_session_cookie",
        "missing_token",
    ] {
        assert!(
            compared.contains(expected),
            "{expected} not found in the scripts: {compared:?}"
        );
    }
}

#[test]
fn the_reading_finds_a_misspelt_code() {
    let codes = codes_compared_in("if (failure.code === 'sesion_revoked') {} x.code !== \"b\"");
    assert_eq!(codes, BTreeSet::from(["sesion_revoked".into(), "b".into()]));
    assert!(
        !tab_api::ErrorCode::ALL
            .iter()
            .any(|c| c.as_str() == "sesion_revoked")
    );
}
