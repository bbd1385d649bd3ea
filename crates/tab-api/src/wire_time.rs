//! Times on the wire, written fast and always with milliseconds:
//! `2026-11-27T22:58:41.123Z`, `2026-11-27T22:58:41.000Z`, exactly what chrono writes as
//! RFC 3339 with millisecond seconds, without its formatting machinery. Always the same
//! length, so that a script comparing them as strings (`jq '.last_seen_at < $cutoff'`)
//! orders them as times; every session in every list carries three or four of them, and
//! chrono's `Display` was a tenth of the list's cost. Anything else (a leap second, a
//! year outside 0 to 9999) goes to chrono. Reading is chrono's.

use chrono::{DateTime, Datelike as _, Timelike as _, Utc};
use serde::Serializer;

/// Serializes a time as chrono would, fast for millisecond times.
pub(crate) fn serialize<S: Serializer>(
    time: &DateTime<Utc>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut buffer = [0u8; 24];
    match write(time, &mut buffer) {
        Some(len) => serializer.serialize_str(
            // Only ASCII digits and punctuation were written.
            std::str::from_utf8(&buffer[..len]).map_err(serde::ser::Error::custom)?,
        ),
        None => {
            serializer.serialize_str(&time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        }
    }
}

/// The same for an optional time.
pub(crate) fn serialize_option<S: Serializer>(
    time: &Option<DateTime<Utc>>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => serialize(time, serializer),
        None => serializer.serialize_none(),
    }
}

/// Writes `time` into `buffer`; its length, or `None` for a time chrono must write.
fn write(time: &DateTime<Utc>, buffer: &mut [u8; 24]) -> Option<usize> {
    let year = time.year();
    let nanos = time.nanosecond();
    if !(0..=9999).contains(&year) || nanos >= 1_000_000_000 {
        return None;
    }
    let mut at = 0;
    let mut digits = |value: u32, width: usize, separator: Option<u8>| {
        let mut value = value;
        for i in (0..width).rev() {
            buffer[at + i] = b'0' + (value % 10) as u8;
            value /= 10;
        }
        at += width;
        if let Some(separator) = separator {
            buffer[at] = separator;
            at += 1;
        }
    };
    digits(year as u32, 4, Some(b'-'));
    digits(time.month(), 2, Some(b'-'));
    digits(time.day(), 2, Some(b'T'));
    digits(time.hour(), 2, Some(b':'));
    digits(time.minute(), 2, Some(b':'));
    // Below a millisecond is cut, as chrono's `SecondsFormat::Millis` cuts it.
    digits(time.second(), 2, Some(b'.'));
    digits(nanos / 1_000_000, 3, Some(b'Z'));
    Some(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Fast(#[serde(serialize_with = "serialize")] DateTime<Utc>);

    /// What chrono writes: RFC 3339, milliseconds always, `Z`.
    fn chrono(time: DateTime<Utc>) -> String {
        serde_json::to_string(&time.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
            .expect("chrono")
    }

    #[test]
    fn writes_exactly_what_chrono_writes() {
        // Millisecond times across the years, with and without a fraction; then times
        // with more than milliseconds, and beyond year 9999.
        let mut ms: i64 = -62_135_596_800_000; // 0001-01-01
        let mut checked = 0;
        while ms < 253_402_300_799_000 {
            for delta in [0, 1, 999, 1000, 123_456] {
                let time = DateTime::from_timestamp_millis(ms + delta).expect("in range");
                assert_eq!(
                    serde_json::to_string(&Fast(time)).expect("fast"),
                    chrono(time)
                );
                checked += 1;
            }
            ms += 7_777_777_777_777 / 1000;
        }
        assert!(checked > 1000);
        let whole = DateTime::from_timestamp(1_795_889_163, 0).expect("time");
        assert_eq!(
            serde_json::to_string(&Fast(whole)).expect("fast"),
            "\"2026-11-28T18:06:03.000Z\""
        );
        for time in [
            DateTime::from_timestamp(1_795_889_163, 123_456_789).expect("time"),
            DateTime::from_timestamp(300_000_000_000, 0).expect("year 11476"),
        ] {
            assert_eq!(
                serde_json::to_string(&Fast(time)).expect("fast"),
                chrono(time)
            );
        }
    }
}
