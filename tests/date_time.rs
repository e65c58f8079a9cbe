//! The core's RFC 3339 parser (validate::parse_date_time, hand-written for size) agrees with the
//! `time` crate on valid dates, on near-misses and on arbitrary strings.
#![cfg(not(target_arch = "wasm32"))]
use proptest::prelude::*;
use sp_outreach::validate::parse_date_time;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

fn reference(s: &str) -> Option<i64> {
    OffsetDateTime::parse(s, &Rfc3339).ok().map(|t| t.unix_timestamp())
}

/// RFC 3339 §5.6 separates date and time with "T" (or, §5.6's note, "t" or a space); `time`
/// takes any character there. The core is the stricter of the two.
#[test]
fn only_t_or_space_separates_date_and_time() {
    assert!(reference("2026-11-23x09:30:00Z").is_some());
    assert_eq!(parse_date_time("2026-11-23x09:30:00Z"), None);
}

#[test]
fn agrees_with_time_on_chosen_cases() {
    for s in [
        "2026-11-23T09:30:00Z",
        "2026-11-23t09:30:00z",
        "2026-11-23 09:30:00Z",
        "2026-11-23T09:30:00.123456789+09:00",
        "2026-11-23T09:30:00-05:30",
        "2024-02-29T00:00:00Z",
        "2023-02-29T00:00:00Z",
        "2000-02-29T23:59:59Z",
        "1900-02-29T00:00:00Z",
        "0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "2016-12-31T23:59:60Z",
        "2016-12-31T22:59:60-01:00",
        "2016-12-31T12:59:60Z",
        "2026-11-23",
        "2026-11-23T09:30Z",
        "2026-11-23T09:30:00",
        "2026-11-23T09:30:00.Z",
        "2026-11-23T24:00:00Z",
        "2026-11-23T09:60:00Z",
        "2026-13-01T00:00:00Z",
        "2026-00-01T00:00:00Z",
        "2026-04-31T00:00:00Z",
        "2026-11-23T09:30:00+24:00",
        "2026-11-23T09:30:00+0900",
        "2026-11-23T09:30:00Z ",
        "+2026-11-23T09:30:00Z",
        "２０２６-11-23T09:30:00Z",
        "",
    ] {
        assert_eq!(parse_date_time(s), reference(s), "{s}");
    }
}

fn near_dates() -> impl Strategy<Value = String> {
    (
        0u32..10_000,
        0u32..14,
        0u32..33,
        prop::sample::select(vec!["T", "t", " "]),
        0u32..26,
        0u32..62,
        0u32..62,
        prop::sample::select(vec!["", ".5", ".123456", "."]),
        prop::sample::select(vec!["Z", "z", "+00:00", "-12:45", "+23:59", "+24:00", "+05:60", "", "+0530"]),
    )
        .prop_map(|(y, mo, d, t, h, mi, s, frac, off)| format!("{y:04}-{mo:02}-{d:02}{t}{h:02}:{mi:02}:{s:02}{frac}{off}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]

    #[test]
    fn agrees_with_time_on_near_dates(s in near_dates()) {
        prop_assert_eq!(parse_date_time(&s), reference(&s), "{}", s);
    }

    #[test]
    fn agrees_with_time_on_any_string(s in "[0-9T:+Z. -]{0,30}") {
        prop_assert_eq!(parse_date_time(&s), reference(&s), "{}", s);
    }
}
