//! Setup and autopilot rules (issue #14), sans-IO: what a pasted credential must look like, and
//! which orders the autopilot takes, on which day, under the seller's daily cap. The background
//! keeps the records, reads Amazon and hands each order, on its day, to the bulk queue
//! (flow::queue), which alone sends, verifies and settles it.
use crate::window::DAY_MS;

/// The first look reaches this far back (issue #14: "the first time the last 35 days"): the
/// longest review window is 30 days after the latest delivery date (facts.md "Business rules"),
/// and delivery follows the last update by a few days at most.
pub const FIRST_LOOK_DAYS: i64 = 35;
/// Each later look starts this long before the previous one: an order updated while the previous
/// search ran, or stamped by a clock a little behind, is not missed (a repeat is harmless: the
/// background knows every order it has seen).
pub const LOOK_OVERLAP_MS: i64 = 10 * 60_000;
/// `lastUpdatedAfter` must be in the past (Orders 2026-01-01: "must be at least two minutes
/// before the time of the request" for the `…Before` dates; Amazon's own clock): a look never asks
/// for the last two minutes.
const NEWEST_MS: i64 = 2 * 60_000;
/// The latest day of the window the seller may choose (0: the first eligible day); the window is
/// at least 25 days long (5 after the earliest to 30 after the latest delivery date).
pub const MAX_DAY: i64 = 24;
/// A daily cap above this is no cap (Orders rate alone would allow ~480 searches' worth a day).
pub const MAX_CAP: u32 = 100_000;
/// Full days the shell may name for one plan: more is a caller's bug, refused before any work.
pub const MAX_FULL_DAYS: usize = 400;

/// The credential fields of the options page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    ClientId,
    ClientSecret,
    RefreshToken,
}

impl Field {
    pub fn parse(name: &str) -> Option<Field> {
        match name {
            "clientId" => Some(Field::ClientId),
            "clientSecret" => Some(Field::ClientSecret),
            "refreshToken" => Some(Field::RefreshToken),
            _ => None,
        }
    }
}

/// Prefixes of what Seller Central shows (facts.md "How a seller gets credentials"): the LWA
/// client identifier, the refresh token of "Authorize app"; an access token (`Atza|`) is what LWA
/// answers, never what a seller should paste.
const CLIENT_ID_PREFIX: &str = "amzn1.application-oa2-client.";
const REFRESH_PREFIX: &str = "Atzr|";
const ACCESS_PREFIX: &str = "Atza|";
/// Longest value taken per field (real ones: client id 61, secret 80, refresh token ~400).
const MAX_LEN: usize = 2000;

/// What is wrong with a pasted value, as a code the options page words in the seller's language
/// (`shape_<code>` in _locales). `None`: the shape is right (whether Amazon takes it is Test
/// connection's to say).
pub fn check_credential(field: Field, value: &str) -> Option<&'static str> {
    let v = value.trim();
    if v.is_empty() {
        return Some("empty");
    }
    if v.len() > MAX_LEN {
        return Some("tooLong");
    }
    // A line break or a space inside: pasted with the label or over two lines.
    // ASCII only: a non-ASCII blank is caught as notAscii below, and no Unicode table ships (README "Size and speed").
    if v.bytes().any(|b| b.is_ascii_whitespace()) {
        return Some("whitespace");
    }
    if v.bytes().any(|b| !b.is_ascii_graphic()) {
        return Some("notAscii");
    }
    // Quotes around it: copied from a JSON file or a message.
    if v.starts_with(['"', '\'']) || v.ends_with(['"', '\'']) {
        return Some("quoted");
    }
    let other = |prefix: &str| v.starts_with(prefix);
    match field {
        Field::ClientId if other(REFRESH_PREFIX) => Some("refreshTokenInClientId"),
        Field::ClientId if !other(CLIENT_ID_PREFIX) => Some("notClientId"),
        Field::ClientId if !v[CLIENT_ID_PREFIX.len()..].bytes().all(|b| b.is_ascii_alphanumeric()) || v.len() == CLIENT_ID_PREFIX.len() => {
            Some("notClientId")
        }
        Field::ClientSecret if other(CLIENT_ID_PREFIX) => Some("clientIdInSecret"),
        Field::ClientSecret if other(REFRESH_PREFIX) || other(ACCESS_PREFIX) => Some("tokenInSecret"),
        Field::ClientSecret if v.len() < 8 => Some("tooShort"),
        Field::RefreshToken if other(ACCESS_PREFIX) => Some("accessToken"),
        Field::RefreshToken if other(CLIENT_ID_PREFIX) => Some("clientIdInToken"),
        Field::RefreshToken if !other(REFRESH_PREFIX) || v.len() < REFRESH_PREFIX.len() + 8 => Some("notRefreshToken"),
        _ => None,
    }
}

/// Where the next look starts: `lastUpdatedAfter` in ms. The first look reaches FIRST_LOOK_DAYS
/// back; a later one starts a little before the previous (LOOK_OVERLAP_MS), never in the future
/// nor further back than a first look.
pub fn look_since(last_look_ms: Option<i64>, now_ms: i64) -> i64 {
    let first = now_ms.saturating_sub(FIRST_LOOK_DAYS * DAY_MS);
    let newest = now_ms.saturating_sub(NEWEST_MS);
    match last_look_ms {
        Some(t) => t.saturating_sub(LOOK_OVERLAP_MS).max(first).min(newest),
        None => first,
    }
}

/// What the autopilot does with one order its search found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Plan {
    /// Hand it to the queue on this UTC day (ms at its start), not before `at`.
    Send { at: i64 },
    /// Never send it; the reason is a code (`skip_<code>` in _locales).
    Skip(&'static str),
    /// Not decidable yet (not shipped, or no delivery dates): looked at again on a later search.
    Wait(&'static str),
}

/// The seller's autopilot setting for one marketplace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Setting {
    /// The day within the window to send on (0: the first eligible day), up to MAX_DAY.
    pub day: i64,
    /// At most this many orders handed to the queue per UTC day, when set.
    pub cap: Option<u32>,
}

/// The autopilot's rule for one order: canceled never; shipped orders on the chosen day of their
/// review window (facts.md "Business rules": 5 days after the earliest to 30 days after the latest
/// delivery date), or the next day whose cap is not used up; an order whose window closes before
/// such a day is skipped. `full_days` are the UTC days (ms at their start) the shell has already
/// filled to the cap for this marketplace. Times in ms since the epoch.
pub fn plan(status: Option<&str>, earliest: Option<i64>, latest: Option<i64>, setting: Setting, full_days: &[i64], now_ms: i64) -> Plan {
    match status {
        Some("CANCELLED") => return Plan::Skip("canceled"),
        Some("UNFULFILLABLE") => return Plan::Skip("unfulfillable"),
        Some("SHIPPED") => {}
        // Pending, unshipped, partially shipped: a later search sees it again once it ships.
        Some(_) => return Plan::Wait("notShipped"),
        None => return Plan::Wait("noStatus"),
    }
    if full_days.len() > MAX_FULL_DAYS {
        return Plan::Wait("tooManyFullDays");
    }
    let range = crate::orders::DateRange { earliest, latest };
    let w = crate::window::review_window(Some("SHIPPED"), Some(&range), now_ms);
    let (Some(opens), Some(closes)) = (w.opens_at, w.closes_at) else { return Plan::Wait("noDeliveryDates") };
    if now_ms > closes {
        return Plan::Skip("windowClosed");
    }
    // The chosen day, never before now, never past the window's last day.
    let chosen = opens.saturating_add(setting.day.clamp_to(0, MAX_DAY) * DAY_MS);
    let mut at = chosen.min(closes.saturating_sub(DAY_MS)).max(opens).max(now_ms);
    if setting.cap.is_some_and(|c| c < MAX_CAP) {
        if setting.cap == Some(0) {
            return Plan::Skip("dailyCapZero");
        }
        // At most one move per full day named: bounded by MAX_FULL_DAYS.
        for _ in 0..=full_days.len() {
            let day = day_start(at);
            if !full_days.contains(&day) {
                break;
            }
            at = day.saturating_add(DAY_MS);
        }
        if full_days.contains(&day_start(at)) {
            return Plan::Skip("dailyCapFull");
        }
    }
    if at > closes {
        return Plan::Skip("dailyCapFull");
    }
    Plan::Send { at }
}

/// The start (00:00 UTC) of the day of `t`.
pub fn day_start(t: i64) -> i64 {
    t.div_euclid(DAY_MS) * DAY_MS
}

/// `Ord::clamp` without its panic path for a reversed range (README "Size and speed": no clamp).
trait ClampTo {
    fn clamp_to(self, lo: Self, hi: Self) -> Self;
}
impl ClampTo for i64 {
    fn clamp_to(self, lo: i64, hi: i64) -> i64 {
        self.max(lo).min(hi)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const D: i64 = DAY_MS;
    const S: Setting = Setting { day: 0, cap: None };

    #[test]
    fn credential_shapes() {
        let id = "amzn1.application-oa2-client.0123456789abcdef0123456789abcdef";
        assert_eq!(check_credential(Field::ClientId, id), None);
        assert_eq!(check_credential(Field::ClientId, &format!("  {id}\n")), None, "surrounding blanks are trimmed");
        assert_eq!(check_credential(Field::ClientId, ""), Some("empty"));
        assert_eq!(check_credential(Field::ClientId, "amzn1.application-oa2-client."), Some("notClientId"));
        assert_eq!(check_credential(Field::ClientId, "amzn1.application-oa2-client.ab-c"), Some("notClientId"));
        assert_eq!(check_credential(Field::ClientId, "Atzr|IwEBIabcdefgh"), Some("refreshTokenInClientId"));
        assert_eq!(check_credential(Field::ClientId, "Client identifier amzn1.application-oa2-client.x"), Some("whitespace"));
        assert_eq!(check_credential(Field::ClientId, &format!("\"{id}\"")), Some("quoted"));
        assert_eq!(check_credential(Field::ClientSecret, "amzn1.oa2-cs.v1.0123456789abcdef"), None);
        assert_eq!(check_credential(Field::ClientSecret, id), Some("clientIdInSecret"));
        assert_eq!(check_credential(Field::ClientSecret, "Atzr|IwEBIabcdefgh"), Some("tokenInSecret"));
        assert_eq!(check_credential(Field::ClientSecret, "short"), Some("tooShort"));
        assert_eq!(check_credential(Field::ClientSecret, "sécret-value"), Some("notAscii"));
        assert_eq!(check_credential(Field::RefreshToken, "Atzr|IwEBIA-x_y.z+1/2="), None);
        assert_eq!(check_credential(Field::RefreshToken, "Atza|IwEBIabcdefgh"), Some("accessToken"));
        assert_eq!(check_credential(Field::RefreshToken, id), Some("clientIdInToken"));
        assert_eq!(check_credential(Field::RefreshToken, "IwEBIabcdefgh"), Some("notRefreshToken"));
        assert_eq!(check_credential(Field::RefreshToken, "Atzr|abc"), Some("notRefreshToken"));
        assert_eq!(check_credential(Field::RefreshToken, &"x".repeat(5000)), Some("tooLong"));
        assert_eq!(Field::parse("clientId"), Some(Field::ClientId));
        assert_eq!(Field::parse("password"), None);
    }

    #[test]
    fn looks_reach_35_days_back_then_overlap() {
        let now = 100 * D;
        assert_eq!(look_since(None, now), now - 35 * D);
        assert_eq!(look_since(Some(now - D), now), now - D - LOOK_OVERLAP_MS);
        assert_eq!(look_since(Some(now - 90 * D), now), now - 35 * D, "never further back than a first look");
        assert_eq!(look_since(Some(now + D), now), now - 2 * 60_000, "a look stamped in the future is not trusted");
        assert_eq!(look_since(Some(i64::MIN), i64::MIN), i64::MIN, "no overflow");
    }

    #[test]
    fn which_orders_and_which_day() {
        let delivered = 10 * D;
        let now = 11 * D;
        assert_eq!(plan(Some("CANCELLED"), Some(delivered), Some(delivered), S, &[], now), Plan::Skip("canceled"));
        assert_eq!(plan(Some("UNSHIPPED"), None, None, S, &[], now), Plan::Wait("notShipped"));
        assert_eq!(plan(None, None, None, S, &[], now), Plan::Wait("noStatus"));
        assert_eq!(plan(Some("SHIPPED"), None, None, S, &[], now), Plan::Wait("noDeliveryDates"));
        // The first eligible day: 5 days after the earliest delivery date.
        assert_eq!(plan(Some("SHIPPED"), Some(delivered), Some(delivered + 2 * D), S, &[], now), Plan::Send { at: 15 * D });
        // The seller's day within the window.
        let day3 = Setting { day: 3, cap: None };
        assert_eq!(plan(Some("SHIPPED"), Some(delivered), Some(delivered), day3, &[], now), Plan::Send { at: 18 * D });
        // Already open: now; past the window: skipped.
        assert_eq!(plan(Some("SHIPPED"), Some(delivered), Some(delivered), S, &[], 20 * D), Plan::Send { at: 20 * D });
        assert_eq!(plan(Some("SHIPPED"), Some(delivered), Some(delivered), S, &[], 41 * D), Plan::Skip("windowClosed"));
        // A day past the window's end is pulled back to its last day.
        let late = Setting { day: 24, cap: None };
        assert_eq!(plan(Some("SHIPPED"), Some(delivered), Some(delivered), late, &[], now), Plan::Send { at: 39 * D });
        assert_eq!(
            plan(Some("SHIPPED"), Some(delivered), Some(delivered), Setting { day: -5, cap: None }, &[], now),
            Plan::Send { at: 15 * D }
        );
    }

    #[test]
    fn daily_cap_moves_to_the_next_free_day() {
        let capped = Setting { day: 0, cap: Some(10) };
        let now = 11 * D;
        let send = |full: &[i64]| plan(Some("SHIPPED"), Some(10 * D), Some(10 * D), capped, full, now);
        assert_eq!(send(&[]), Plan::Send { at: 15 * D });
        assert_eq!(send(&[15 * D, 16 * D]), Plan::Send { at: 17 * D });
        assert_eq!(send(&[16 * D]), Plan::Send { at: 15 * D });
        let every: Vec<i64> = (15..=40).map(|d| d * D).collect();
        assert_eq!(send(&every), Plan::Skip("dailyCapFull"));
        assert_eq!(
            plan(Some("SHIPPED"), Some(10 * D), Some(10 * D), Setting { day: 0, cap: Some(0) }, &[], now),
            Plan::Skip("dailyCapZero")
        );
        let too_many: Vec<i64> = (0..=MAX_FULL_DAYS as i64).collect();
        assert_eq!(send(&too_many), Plan::Wait("tooManyFullDays"));
        // Mid-day now: the day of now counts as the day.
        assert_eq!(plan(Some("SHIPPED"), Some(10 * D), Some(10 * D), capped, &[20 * D], 20 * D + 5), Plan::Send { at: 21 * D });
    }

    #[test]
    fn day_starts() {
        assert_eq!(day_start(D + 5), D);
        assert_eq!(day_start(-5), -D);
    }
}
