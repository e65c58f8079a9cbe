//! Amazon's review-request window, once (issue #11 item 3): a review can be requested "from 5 days
//! after the earliest delivery date to 30 days after the latest delivery date, order status
//! Shipped" (facts.md "Business rules users hit"). The dates and the status come from the Orders
//! API (`Order::deliver_by`, `Order::fulfillment_status`), never from the page. The shell asks
//! this for what to show ("opens around …", "closed since …") and when to schedule; whether a
//! request is offered right now is still Amazon's answer (the solicitation actions).
use serde::Serialize;
use serde_json::Value;

use crate::json::{ReadError, Reader};
use crate::orders::{DateRange, Order};
use crate::out::{Out, ToJson};

pub const DAY_MS: i64 = 86_400_000;
/// The window opens this many days after the earliest delivery date…
pub const OPENS_AFTER_DAYS: i64 = 5;
/// …and closes this many days after the latest.
pub const CLOSES_AFTER_DAYS: i64 = 30;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum WindowState {
    /// Shipped; the window opens at `opensAt`.
    NotYet,
    /// Shipped and within the window.
    Open,
    /// Shipped; the window closed at `closesAt`.
    Closed,
    /// Not (wholly) shipped, or cancelled: Amazon takes no request. The dates, when known, say
    /// where the window would be.
    NotShipped,
    /// The status or the delivery dates are not known (no FULFILLMENT data, or an order without a
    /// deliver-by window, as Amazon-fulfilled ones may be): Amazon's actions decide.
    Unknown,
}

impl WindowState {
    pub fn as_str(self) -> &'static str {
        match self {
            WindowState::NotYet => "notYet",
            WindowState::Open => "open",
            WindowState::Closed => "closed",
            WindowState::NotShipped => "notShipped",
            WindowState::Unknown => "unknown",
        }
    }
}

/// Where an order stands in the window at a time; times are ms since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ReviewWindow {
    pub state: WindowState,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
}

impl ToJson for ReviewWindow {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("state").str(self.state.as_str()).key("opensAt").opt_int(self.opens_at).key("closesAt").opt_int(self.closes_at).end();
    }
}

/// The window of an order with this status and delivery range, at `now_ms`.
pub fn review_window(status: Option<&str>, deliver_by: Option<&DateRange>, now_ms: i64) -> ReviewWindow {
    let range = deliver_by.and_then(|d| match (d.earliest, d.latest) {
        (Some(a), Some(b)) => Some((a.min(b), a.max(b))),
        (Some(a), None) | (None, Some(a)) => Some((a, a)),
        (None, None) => None,
    });
    let opens_at = range.map(|(earliest, _)| earliest.saturating_add(OPENS_AFTER_DAYS * DAY_MS));
    let closes_at = range.map(|(_, latest)| latest.saturating_add(CLOSES_AFTER_DAYS * DAY_MS));
    let state = match (status, opens_at, closes_at) {
        (None, _, _) => WindowState::Unknown,
        (Some(s), _, _) if s != "SHIPPED" => WindowState::NotShipped,
        (_, Some(opens), Some(closes)) => {
            if now_ms < opens {
                WindowState::NotYet
            } else if now_ms > closes {
                WindowState::Closed
            } else {
                WindowState::Open
            }
        }
        _ => WindowState::Unknown,
    };
    ReviewWindow { state, opens_at, closes_at }
}

impl Order {
    pub fn review_window(&self, now_ms: i64) -> ReviewWindow {
        review_window(self.fulfillment_status(), self.deliver_by().as_ref(), now_ms)
    }
}

/// The window from the fields as JS holds them (`fulfillmentStatus`, `deliverBy.earliest` and
/// `.latest` in ms, `now` in ms); a time that is not a finite whole number of ms is an error.
pub fn review_window_at(status: Option<&str>, earliest: Option<f64>, latest: Option<f64>, now_ms: f64) -> Result<ReviewWindow, String> {
    let ms = |t: f64, what: &str| {
        // Within ±2^53, where f64 holds every whole number; a finite f64 cast to i64 saturates.
        if t.is_finite() && t.fract() == 0.0 && t.abs() <= 9.0e15 {
            Ok(t as i64)
        } else {
            Err(format!("{what} must be a time in whole milliseconds"))
        }
    };
    let range = DateRange {
        earliest: earliest.map(|t| ms(t, "deliverBy.earliest")).transpose()?,
        latest: latest.map(|t| ms(t, "deliverBy.latest")).transpose()?,
    };
    Ok(review_window(status, Some(&range), ms(now_ms, "nowMs")?))
}

/// The window of an order as JS holds it (an `Order` from parseResponse, or anything with
/// `fulfillmentStatus` and `deliverBy: {earliest, latest}` in ms): other fields are not read.
pub fn review_window_of(order: &Value, now_ms: i64) -> Result<ReviewWindow, ReadError> {
    let r = Reader::arg(order);
    let status = r.opt_str("fulfillmentStatus")?;
    let deliver_by = match r.opt_obj("deliverBy")? {
        Some(d) => Some(DateRange { earliest: d.opt_i64("earliest")?, latest: d.opt_i64("latest")? }),
        None => None,
    };
    Ok(review_window(status, deliver_by.as_ref(), now_ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const T: i64 = 1_767_225_600_000; // 2026-01-01T00:00:00Z

    fn at(status: &str, earliest: i64, latest: i64, now: i64) -> ReviewWindow {
        review_window(Some(status), Some(&DateRange { earliest: Some(earliest), latest: Some(latest) }), now)
    }

    #[test]
    fn five_days_after_the_earliest_to_thirty_after_the_latest() {
        let (earliest, latest) = (T, T + 3 * DAY_MS);
        let (opens, closes) = (T + 5 * DAY_MS, T + 33 * DAY_MS);
        let w = |now| at("SHIPPED", earliest, latest, now);
        assert_eq!(w(T), ReviewWindow { state: WindowState::NotYet, opens_at: Some(opens), closes_at: Some(closes) });
        assert_eq!(w(opens - 1).state, WindowState::NotYet);
        assert_eq!(w(opens).state, WindowState::Open);
        assert_eq!(w(closes).state, WindowState::Open);
        assert_eq!(w(closes + 1).state, WindowState::Closed);
        for status in ["UNSHIPPED", "PARTIALLY_SHIPPED", "CANCELLED", "PENDING", "SOMETHING_NEW"] {
            assert_eq!(
                at(status, earliest, latest, opens + 1),
                ReviewWindow { state: WindowState::NotShipped, opens_at: Some(opens), closes_at: Some(closes) }
            );
        }
        // Reversed or half-given ranges: the window is still the widest the dates allow.
        assert_eq!(at("SHIPPED", latest, earliest, T).closes_at, Some(closes));
        let half = review_window(Some("SHIPPED"), Some(&DateRange { earliest: None, latest: Some(T) }), T);
        assert_eq!((half.opens_at, half.closes_at), (Some(T + 5 * DAY_MS), Some(T + 30 * DAY_MS)));
        // Unknown: no status, or shipped without a delivery window.
        assert_eq!(review_window(None, None, T).state, WindowState::Unknown);
        assert_eq!(review_window(Some("SHIPPED"), None, T), ReviewWindow { state: WindowState::Unknown, opens_at: None, closes_at: None });
        assert_eq!(at("SHIPPED", i64::MAX, i64::MAX, 0).state, WindowState::NotYet, "no overflow");
    }

    #[test]
    fn from_the_order_js_holds() {
        let order = json!({"orderId": "1", "fulfillmentStatus": "SHIPPED", "deliverBy": {"earliest": T, "latest": T}, "extra": [1]});
        assert_eq!(review_window_of(&order, T + 6 * DAY_MS).unwrap().state, WindowState::Open);
        assert_eq!(review_window_of(&json!({}), T).unwrap().state, WindowState::Unknown);
        let bad = json!({"fulfillmentStatus": "SHIPPED", "deliverBy": {"earliest": "2026-01-01"}});
        assert_eq!(review_window_of(&bad, T).unwrap_err().to_string(), "deliverBy.earliest must be a whole number, not a string");
        assert!(review_window_of(&json!([]), T).is_err());
        let w = at("SHIPPED", T, T, T);
        let expected = json!({"state": "notYet", "opensAt": T + 5 * DAY_MS, "closesAt": T + 30 * DAY_MS});
        assert_eq!(serde_json::to_value(w).unwrap(), expected);
        for state in [WindowState::NotYet, WindowState::Open, WindowState::Closed, WindowState::NotShipped, WindowState::Unknown] {
            assert_eq!(serde_json::to_value(state).unwrap(), state.as_str());
        }
    }
}
