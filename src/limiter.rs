//! Rate limiting and retries as decisions from an injected clock (docs/style.md, str0m): nothing
//! here sleeps or reads a clock. Rates from the catalogue (facts.md "Rate limits").
use serde::Serialize;

use crate::catalogue::{Api, Operation, Rate, OPERATIONS};
use crate::hal::Actions;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "decision", rename_all = "camelCase")]
pub enum Decision {
    SendNow,
    #[serde(rename_all = "camelCase")]
    Wait {
        ms: f64,
    },
}

/// A token bucket: `burst` tokens, refilled at `per_second`, as Amazon's usage plans work.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenBucket {
    per_ms: f64,
    burst: f64,
    tokens: f64,
    last_ms: f64,
}

impl TokenBucket {
    pub fn new(rate: Rate, now_ms: f64) -> TokenBucket {
        TokenBucket { per_ms: rate.per_second / 1000.0, burst: rate.burst as f64, tokens: rate.burst as f64, last_ms: now_ms }
    }

    fn refill(&mut self, now_ms: f64) {
        if now_ms > self.last_ms {
            self.tokens = (self.tokens + (now_ms - self.last_ms) * self.per_ms).min(self.burst);
            self.last_ms = now_ms;
        }
    }

    /// Take a token and send now, or wait this long and ask again.
    pub fn acquire(&mut self, now_ms: f64) -> Decision {
        self.refill(now_ms);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            Decision::SendNow
        } else {
            Decision::Wait { ms: ((1.0 - self.tokens) / self.per_ms).ceil().max(1.0) }
        }
    }

    /// Amazon told us the rate it applies (`x-amzn-RateLimit-Limit`): use it from now on.
    pub fn set_rate(&mut self, per_second: f64, now_ms: f64) {
        if per_second.is_finite() && per_second > 0.0 {
            self.refill(now_ms);
            self.per_ms = per_second / 1000.0;
        }
    }

    /// A 429 means Amazon's bucket is empty whatever ours says.
    pub fn drain(&mut self, now_ms: f64) {
        self.refill(now_ms);
        self.tokens = 0.0;
    }

    pub fn per_second(&self) -> f64 {
        self.per_ms * 1000.0
    }
}

/// One bucket per operation (Amazon's buckets are per application, selling partner and operation).
#[derive(Debug, Clone, PartialEq)]
pub struct Limiter {
    buckets: Vec<TokenBucket>,
}

impl Limiter {
    pub fn new(now_ms: f64) -> Limiter {
        Limiter { buckets: OPERATIONS.iter().map(|o| TokenBucket::new(o.rate, now_ms)).collect() }
    }
    pub fn acquire(&mut self, op: &Operation, now_ms: f64) -> Decision {
        self.buckets[op.index()].acquire(now_ms)
    }
    /// Learn from a response: the rate header adapts the bucket; a 429 empties it.
    pub fn observe(&mut self, op: &Operation, status: u16, rate_limit: Option<f64>, now_ms: f64) {
        let b = &mut self.buckets[op.index()];
        if let Some(r) = rate_limit {
            b.set_rate(r, now_ms);
        }
        if status == 429 {
            b.drain(now_ms);
        }
    }
    pub fn bucket(&self, op: &Operation) -> &TokenBucket {
        &self.buckets[op.index()]
    }

    /// The buckets as `[operationId, perSecond, tokens, atMs]` rows, for a client that starts again
    /// (a service worker woken after it was stopped) to go on where this one was: Amazon's buckets
    /// do not refill because ours were forgotten.
    pub fn snapshot(&self) -> Vec<(&'static str, f64, f64, f64)> {
        OPERATIONS.iter().zip(&self.buckets).map(|(o, b)| (o.operation_id, b.per_second(), b.tokens, b.last_ms)).collect()
    }

    /// The rows of a snapshot saved as JSON text; `None` when it is not such a list.
    pub fn parse_state(text: &str) -> Option<Vec<(String, f64, f64, f64)>> {
        let rows = serde_json::from_str::<serde_json::Value>(text).ok()?;
        rows.as_array()?
            .iter()
            .map(|row| match row.as_array()?.as_slice() {
                [id, r, t, at] => Some((id.as_str()?.to_owned(), r.as_f64()?, t.as_f64()?, at.as_f64()?)),
                _ => None,
            })
            .collect()
    }

    /// Takes back a snapshot, less `in_flight` tokens per bucket for requests that may have left
    /// after it was taken; unknown operations and unusable numbers are ignored, tokens are kept
    /// within the burst, and a time in the future counts as now.
    pub fn restore(&mut self, rows: &[(String, f64, f64, f64)], in_flight: f64, now_ms: f64) {
        for (id, per_second, tokens, at_ms) in rows {
            let Some(i) = OPERATIONS.iter().position(|o| o.operation_id == id) else { continue };
            if ![*per_second, *tokens, *at_ms].iter().all(|v| v.is_finite()) {
                continue;
            }
            let b = &mut self.buckets[i];
            b.set_rate(*per_second, now_ms);
            // max/min, not clamp: f64::clamp's NaN assertion alone brings float formatting (~15 KB of wasm).
            b.tokens = (tokens - in_flight.max(0.0)).max(0.0).min(b.burst);
            b.last_ms = at_ms.min(now_ms);
        }
    }
}

/// Why a request did not get a usable answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "failure", rename_all = "camelCase")]
pub enum Failure {
    /// An HTTP status: 429, 5xx, …
    Status {
        status: u16,
    },
    /// The connection dropped or never answered: for a create, the outcome is unknown.
    Network,
    Timeout,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "decision", rename_all = "camelCase")]
pub enum RetryDecision {
    /// Safe to send again after this wait.
    Retry {
        wait_ms: f64,
    },
    /// A create may have happened: re-read the actions before anything else.
    Verify,
    GiveUp {
        reason: String,
    },
}

/// Bounded retries with jittered exponential back-off.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Attempts in all (first send included) for 5xx and network failures of reads.
    pub max_attempts: u32,
    /// Attempts in all when Amazon answers 429 (nothing was done, so more are safe).
    pub max_attempts_throttled: u32,
    pub base_ms: f64,
    pub cap_ms: f64,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy { max_attempts: 4, max_attempts_throttled: 8, base_ms: 500.0, cap_ms: 20_000.0 }
    }
}

impl RetryPolicy {
    /// `attempt` is how many sends were made (1 after the first); `random` is uniform in [0, 1),
    /// passed in because the core has no randomness of its own.
    /// The wait before another send after `attempt` sends: "equal jitter", half the exponential
    /// step plus a random part of the other half, capped.
    pub fn backoff(&self, attempt: u32, random: f64) -> f64 {
        let random = if random.is_finite() { random.max(0.0).min(1.0) } else { 0.5 };
        let step = (self.base_ms * 2f64.powi(attempt.saturating_sub(1).min(30) as i32)).min(self.cap_ms);
        step / 2.0 + random * step / 2.0
    }

    pub fn decide(&self, op: &Operation, attempt: u32, failure: Failure, random: f64) -> RetryDecision {
        let backoff = self.backoff(attempt, random);
        match failure {
            Failure::Status { status: 429 } => {
                if attempt >= self.max_attempts_throttled {
                    return RetryDecision::GiveUp { reason: format!("Amazon kept answering 429 after {attempt} attempts") };
                }
                // Never sooner than one token of the operation's bucket.
                RetryDecision::Retry { wait_ms: backoff.max(1000.0 / op.rate.per_second) }
            }
            Failure::Status { status } if !(500..600).contains(&status) => {
                RetryDecision::GiveUp { reason: format!("HTTP {status} is not temporary") }
            }
            _ if op.creates => RetryDecision::Verify,
            _ if attempt >= self.max_attempts => RetryDecision::GiveUp { reason: format!("no answer after {attempt} attempts") },
            _ => RetryDecision::Retry { wait_ms: backoff },
        }
    }
}

/// What re-reading the actions says about a create whose outcome was unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Verification {
    /// The action is no longer offered: the create went through.
    Sent,
    /// A review request is still offered: it was not sent, and one send is safe.
    NotSent,
    /// A message kind is still offered, but Messaging offers kinds again after a send, so this
    /// proves nothing: the seller must check before sending again. Never resent automatically.
    Unknown,
}

pub fn verify_create(op: &Operation, actions: &Actions) -> Verification {
    match (actions.offers(op), op.api) {
        (false, _) => Verification::Sent,
        (true, Api::Solicitations) => Verification::NotSent,
        (true, _) => Verification::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_restored_goes_on_where_it_was() {
        let op = Operation::find("createProductReviewAndSellerFeedbackSolicitation").unwrap();
        let mut a = Limiter::new(0.0);
        for _ in 0..5 {
            assert_eq!(a.acquire(op, 0.0), Decision::SendNow);
        }
        // Saved as JSON text, as the client does.
        let rows = Limiter::parse_state(&serde_json::to_string(&a.snapshot()).unwrap()).unwrap();
        assert_eq!(Limiter::parse_state("[[\"x\", 1, 2]]"), None);
        assert_eq!(Limiter::parse_state("{}"), None);
        // A new client (a restarted worker) 200 ms later: without the snapshot it would send at once.
        let mut b = Limiter::new(200.0);
        assert_eq!(b.clone().acquire(op, 200.0), Decision::SendNow);
        b.restore(&rows, 0.0, 200.0);
        assert_eq!(b.acquire(op, 200.0), Decision::Wait { ms: 800.0 });
        assert_eq!(b.acquire(op, 1000.0), Decision::SendNow);
        // Garbage is ignored; tokens stay within the burst; a future time counts as now.
        let mut c = Limiter::new(0.0);
        c.restore(
            &[("nope".into(), 1.0, 1.0, 0.0), (op.operation_id.into(), f64::NAN, 1.0, 0.0), (op.operation_id.into(), 1.0, 99.0, 1e12)],
            0.0,
            0.0,
        );
        assert_eq!(c.bucket(op).tokens, 5.0);
        assert_eq!(c.bucket(op).last_ms, 0.0);
    }

    fn op(n: &str) -> &'static Operation {
        Operation::find(n).unwrap()
    }

    #[test]
    fn bucket_at_one_per_second_burst_five() {
        let mut l = Limiter::new(0.0);
        let o = op("productReviewAndSellerFeedback");
        for _ in 0..5 {
            assert_eq!(l.acquire(o, 0.0), Decision::SendNow);
        }
        assert_eq!(l.acquire(o, 0.0), Decision::Wait { ms: 1000.0 });
        assert_eq!(l.acquire(o, 400.0), Decision::Wait { ms: 600.0 });
        assert_eq!(l.acquire(o, 1000.0), Decision::SendNow);
        // Other operations have their own buckets.
        assert_eq!(l.acquire(op("getSolicitationActionsForOrder"), 1000.0), Decision::SendNow);
        // Simulated 60 s: 60 more sends at most, never more than the rate allows.
        let mut sent = 0;
        let mut t = 1000.0;
        while t <= 61_000.0 {
            match l.acquire(o, t) {
                Decision::SendNow => sent += 1,
                Decision::Wait { ms } => t += ms,
            }
        }
        assert_eq!(sent, 60);
    }

    #[test]
    fn uploads_are_ten_per_second() {
        let mut l = Limiter::new(0.0);
        let o = op("createUploadDestinationForResource");
        for _ in 0..10 {
            assert_eq!(l.acquire(o, 0.0), Decision::SendNow);
        }
        assert_eq!(l.acquire(o, 0.0), Decision::Wait { ms: 100.0 });
    }

    #[test]
    fn adapts_to_the_rate_header_and_429() {
        let mut l = Limiter::new(0.0);
        let o = op("confirmDeliveryDetails");
        l.observe(o, 200, Some(0.5), 0.0);
        assert_eq!(l.bucket(o).per_second(), 0.5);
        l.observe(o, 429, None, 0.0);
        assert_eq!(l.acquire(o, 0.0), Decision::Wait { ms: 2000.0 });
        l.observe(o, 200, Some(-1.0), 0.0);
        assert_eq!(l.bucket(o).per_second(), 0.5);
    }

    #[test]
    fn retry_decisions() {
        let p = RetryPolicy::default();
        let get = op("getSolicitationActionsForOrder");
        let create = op("productReviewAndSellerFeedback");
        assert_eq!(p.decide(get, 1, Failure::Status { status: 503 }, 0.0), RetryDecision::Retry { wait_ms: 250.0 });
        assert_eq!(p.decide(get, 2, Failure::Network, 1.0), RetryDecision::Retry { wait_ms: 1000.0 });
        assert!(matches!(p.decide(get, 4, Failure::Timeout, 0.5), RetryDecision::GiveUp { .. }));
        assert_eq!(p.decide(create, 1, Failure::Status { status: 500 }, 0.3), RetryDecision::Verify);
        assert_eq!(p.decide(create, 1, Failure::Network, 0.3), RetryDecision::Verify);
        assert_eq!(p.decide(create, 1, Failure::Status { status: 429 }, 0.0), RetryDecision::Retry { wait_ms: 1000.0 });
        assert!(matches!(p.decide(create, 8, Failure::Status { status: 429 }, 0.0), RetryDecision::GiveUp { .. }));
        assert!(matches!(p.decide(get, 1, Failure::Status { status: 400 }, 0.0), RetryDecision::GiveUp { .. }));
        // Jitter stays within [step/2, step] and the cap holds.
        for r in [0.0, 0.25, 0.99, f64::NAN, 7.0] {
            match p.decide(get, 3, Failure::Network, r) {
                RetryDecision::Retry { wait_ms } => assert!((1000.0..=2000.0).contains(&wait_ms), "{wait_ms}"),
                other => panic!("{other:?}"),
            }
        }
        let big = RetryPolicy { max_attempts: 100, ..p };
        assert!(matches!(big.decide(get, 60, Failure::Network, 1.0), RetryDecision::Retry { wait_ms } if wait_ms <= 20_000.0));
    }

    #[test]
    fn verification() {
        let none = crate::hal::parse_actions(Api::Solicitations, r#"{"_links":{"actions":[]}}"#).unwrap();
        let offered = crate::hal::parse_actions(
            Api::Solicitations,
            r#"{"_links":{"actions":[{"href":"/x/productReviewAndSellerFeedback","name":"productReviewAndSellerFeedback"}]}}"#,
        )
        .unwrap();
        let o = op("productReviewAndSellerFeedback");
        assert_eq!(verify_create(o, &none), Verification::Sent);
        assert_eq!(verify_create(o, &offered), Verification::NotSent);
        let msgs = crate::hal::parse_actions(
            Api::Messaging,
            r#"{"_links":{"actions":[{"href":"/m/confirmOrderDetails","name":"confirmOrderDetails"}]}}"#,
        )
        .unwrap();
        assert_eq!(verify_create(op("confirmOrderDetails"), &msgs), Verification::Unknown);
        assert_eq!(verify_create(op("confirmDeliveryDetails"), &msgs), Verification::Sent);
    }
}
