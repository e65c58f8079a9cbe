//! Rate limits: a token bucket per application, region and operation (facts.md "Auth and transport":
//! every Messaging and Solicitations operation is 1 request/s with a burst of 5; Uploads 10/s
//! burst 10; "Orders and the seller's marketplaces": getOrder 0.5/s burst 30, searchOrders
//! 0.0056/s burst 20, getMarketplaceParticipations 0.016/s burst 15), refilled from the
//! emulator's clock, scaled by `--rate-scale` (0 turns them off).
use std::collections::HashMap;
use time::OffsetDateTime;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    pub per_second: f64,
    pub burst: u32,
}

pub const SP_API: Rate = Rate { per_second: 1.0, burst: 5 };
pub const UPLOADS: Rate = Rate { per_second: 10.0, burst: 10 };
pub const GET_ORDER: Rate = Rate { per_second: 0.5, burst: 30 };
pub const SEARCH_ORDERS: Rate = Rate { per_second: 0.0056, burst: 20 };
pub const PARTICIPATIONS: Rate = Rate { per_second: 0.016, burst: 15 };

#[derive(Debug, Default)]
pub struct Limiter {
    buckets: HashMap<(String, &'static str), (f64, OffsetDateTime)>,
}

impl Limiter {
    /// Takes one token for `client` on `operation`; false means 429. `scale` multiplies the refill
    /// rate (the burst stays Amazon's).
    pub fn take(&mut self, client: &str, operation: &'static str, rate: Rate, scale: f64, now: OffsetDateTime) -> bool {
        if scale <= 0.0 {
            return true;
        }
        let burst = f64::from(rate.burst);
        let (tokens, at) = self.buckets.entry((client.to_owned(), operation)).or_insert((burst, now));
        let elapsed = (now - *at).as_seconds_f64().max(0.0);
        *tokens = (*tokens + elapsed * rate.per_second * scale).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }

    pub fn clear(&mut self) {
        self.buckets.clear();
    }
}

/// The `x-amzn-RateLimit-Limit` value: requests per second as Amazon writes it ("1.0", "0.5");
/// with limits off, Amazon's own rate.
pub fn header_value(rate: Rate, scale: f64) -> String {
    let r = rate.per_second * if scale > 0.0 { scale } else { 1.0 };
    if r.fract() == 0.0 {
        format!("{r:.1}")
    } else {
        // Six decimals at most: 0.0056 × 10 is 0.056, not 0.055999999999999994.
        let s = format!("{r:.6}");
        s.trim_end_matches('0').to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;
    use time::Duration;

    #[test]
    fn burst_then_refill_from_the_clock() {
        let mut l = Limiter::default();
        let t = datetime!(2026-11-23 12:00 UTC);
        let taken = (0..7).filter(|_| l.take("app", "op", SP_API, 1.0, t)).count();
        assert_eq!(taken, 5, "the burst");
        assert!(!l.take("app", "op", SP_API, 1.0, t + Duration::milliseconds(999)));
        assert!(l.take("app", "op", SP_API, 1.0, t + Duration::milliseconds(1999)));
        assert!(l.take("other-app", "op", SP_API, 1.0, t), "per application");
        assert!(l.take("app", "other-op", SP_API, 1.0, t), "per operation");
        // Scaled ×20: one token every 50 ms.
        let mut l = Limiter::default();
        (0..5).for_each(|_| assert!(l.take("app", "op", SP_API, 20.0, t)));
        assert!(!l.take("app", "op", SP_API, 20.0, t + Duration::milliseconds(49)));
        assert!(l.take("app", "op", SP_API, 20.0, t + Duration::milliseconds(100)));
        assert!((0..1000).all(|_| l.take("app", "op", SP_API, 0.0, t)), "0 turns limits off");
        assert_eq!(header_value(SP_API, 1.0), "1.0");
        assert_eq!(header_value(SP_API, 0.5), "0.5");
        assert_eq!(header_value(UPLOADS, 2.0), "20.0");
        assert_eq!(header_value(SP_API, 0.0), "1.0");
        assert_eq!(header_value(SEARCH_ORDERS, 1.0), "0.0056");
        assert_eq!(header_value(SEARCH_ORDERS, 10.0), "0.056");
        assert_eq!(header_value(PARTICIPATIONS, 1.0), "0.016");
    }
}
