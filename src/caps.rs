//! Caps checked before any work (issue #12 item 3): what comes from outside — a JS caller, a saved
//! state, an answer — is measured first and refused with a typed error when it is larger than the
//! product ever needs, so no input can make the core allocate or loop without bound.

/// Bytes of one attachment, and of all the attachments of one message together: Buyer-Seller
/// Messaging takes "one or more attachments (up to 10 MB) in a message" (Seller Central Help
/// 200389080, "Buyer-Seller Messages"). Checked before the bytes are copied into the core.
pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;

/// Files of one message: the models' attachment arrays hold at most 5 (`maxLength: 5`, facts.md
/// "Model quirks"; catalogue::MAX_ATTACHMENTS).
pub const MAX_FILES: usize = crate::catalogue::MAX_ATTACHMENTS as usize;

/// UTF-16 code units of a text handed to the live check: 50 times the longest text Amazon takes
/// (2,000 characters, models/messaging.json), so a pasted page is checked and told it is too long,
/// and a 512 MiB string is refused before it is copied.
pub const MAX_TEXT_UNITS: usize = 100_000;

/// UTF-16 code units of a JSON value handed over by JS (a call, a body, a schema, a response), and
/// of a saved state: an actions document with its schemas is a few KB (bench/actions.json 7.7 KB).
pub const MAX_JSON_UNITS: usize = 1_000_000;

/// Bytes of an answer's body read from the network before it is handed to the core.
pub const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// A request's time-out, in ms, when the configuration gives none.
pub const DEFAULT_TIMEOUT_MS: f64 = 30_000.0;
/// The range a configured time-out is kept in: below 100 ms nothing answers, above two minutes an
/// answer is not coming; and setTimeout overflows past 2^31-1 ms, which made `1e10` time every
/// request out at once (issue #12).
pub const MIN_TIMEOUT_MS: f64 = 100.0;
pub const MAX_TIMEOUT_MS: f64 = 120_000.0;

/// A time-out from outside, kept within the sane range; anything not a positive finite number
/// gives the default.
pub fn timeout_ms(v: Option<f64>) -> f64 {
    match v {
        Some(t) if t.is_finite() && t > 0.0 => t.max(MIN_TIMEOUT_MS).min(MAX_TIMEOUT_MS),
        _ => DEFAULT_TIMEOUT_MS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeouts_are_kept_sane() {
        assert_eq!(timeout_ms(None), DEFAULT_TIMEOUT_MS);
        assert_eq!(timeout_ms(Some(1e10)), MAX_TIMEOUT_MS);
        assert_eq!(timeout_ms(Some(f64::NAN)), DEFAULT_TIMEOUT_MS);
        assert_eq!(timeout_ms(Some(-5.0)), DEFAULT_TIMEOUT_MS);
        assert_eq!(timeout_ms(Some(1.0)), MIN_TIMEOUT_MS);
        assert_eq!(timeout_ms(Some(150.0)), 150.0);
    }
}
