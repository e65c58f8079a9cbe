//! Rate limiting and retries as decisions from an injected clock (docs/style.md, str0m): nothing
//! here sleeps or reads a clock. Rates from the catalogue (facts.md "Rate limits").
use serde::Serialize;

use crate::catalogue::{Api, Operation, Rate, OPERATIONS};
use crate::hal::Actions;

/// The slowest and fastest rates SP-API documents for an operation, in requests per second:
/// searchOrders' 0.0056/s (facts.md "Orders") and the 100/s per-application plans of the rate
/// limit tables (developer-docs "Listings Restrictions API Rate Limits"). An
/// `x-amzn-RateLimit-Limit` header or a saved state outside them is ignored, never trusted: a rate
/// of 1e-300 would make every wait overflow a timer, 1e300 would never wait (issue #12).
pub const MIN_RATE_PER_SECOND: f64 = 0.005;
pub const MAX_RATE_PER_SECOND: f64 = 100.0;
/// The longest single wait the limiter or a back-off asks for; a longer one is asked again after
/// it. Far below setTimeout's 2^31-1 ms, which overflows to "now" (issue #12).
pub const MAX_WAIT_MS: f64 = 60_000.0;

/// A rate Amazon documents for some operation: finite and within the bounds above.
pub fn documented_rate(per_second: f64) -> bool {
    (MIN_RATE_PER_SECOND..=MAX_RATE_PER_SECOND).contains(&per_second)
}

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
    /// Requests sent and not answered yet. Their tokens are already spent: the count is what a
    /// saved state says was on the wire when it was written (issue #16 item 5).
    in_flight: u32,
}

impl TokenBucket {
    pub fn new(rate: Rate, now_ms: f64) -> TokenBucket {
        TokenBucket { per_ms: rate.per_second / 1000.0, burst: rate.burst as f64, tokens: rate.burst as f64, last_ms: now_ms, in_flight: 0 }
    }

    /// Refills up to the burst less the requests still in flight. A request takes its token when it
    /// is allowed, but Amazon's bucket takes it when the request arrives, after the state is stored
    /// and the fetch leaves: while it waits, Amazon's bucket may sit full and refill nothing, ours
    /// would refill the same time a second time. Measured with `make bench` (200 orders at 20/s):
    /// without this cap one or two 429s per clean run, the bucket ahead of Amazon's by the time a
    /// store took; with it none (issue #16 item 5).
    fn refill(&mut self, now_ms: f64) {
        if now_ms > self.last_ms {
            let cap = (self.burst - self.in_flight as f64).max(0.0);
            self.tokens = (self.tokens + (now_ms - self.last_ms) * self.per_ms).min(cap.max(self.tokens));
            self.last_ms = now_ms;
        }
    }

    /// Take a token and send now, or wait this long and ask again.
    pub fn acquire(&mut self, now_ms: f64) -> Decision {
        self.refill(now_ms);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            self.in_flight = self.in_flight.saturating_add(1);
            Decision::SendNow
        } else {
            Decision::Wait { ms: ((1.0 - self.tokens) / self.per_ms).ceil().max(1.0).min(MAX_WAIT_MS) }
        }
    }

    /// A request of this bucket got its answer (or was given up) at `now_ms`: refilled to then
    /// with it still counted, then no longer.
    pub fn settle(&mut self, now_ms: f64) {
        self.refill(now_ms);
        self.in_flight = self.in_flight.saturating_sub(1);
    }

    /// Amazon told us the rate it applies (`x-amzn-RateLimit-Limit`): use it from now on, when it
    /// is a rate Amazon documents; anything else is ignored.
    pub fn set_rate(&mut self, per_second: f64, now_ms: f64) -> bool {
        if !documented_rate(per_second) {
            return false;
        }
        self.refill(now_ms);
        self.per_ms = per_second / 1000.0;
        true
    }

    /// One more token than we sent was taken (a browser's own resend): the bucket may go below
    /// empty, by one request at most, and the next request waits the longer.
    pub fn charge(&mut self, now_ms: f64) {
        self.refill(now_ms);
        self.tokens = (self.tokens - 1.0).max(-1.0);
    }

    /// A 429 means Amazon's bucket is empty whatever ours says.
    pub fn drain(&mut self, now_ms: f64) {
        self.refill(now_ms);
        self.tokens = 0.0;
    }

    pub fn per_second(&self) -> f64 {
        self.per_ms * 1000.0
    }
    pub fn tokens(&self) -> f64 {
        self.tokens
    }
    pub fn in_flight(&self) -> u32 {
        self.in_flight
    }
}

/// One saved bucket: `[operationId, perSecond, tokens, atMs, inFlight]`.
pub type BucketRow = (String, f64, f64, f64, f64);

/// One bucket per operation (Amazon's buckets are per application, selling partner and operation).
#[derive(Debug, Clone, PartialEq)]
pub struct Limiter {
    buckets: Vec<TokenBucket>,
}

impl Limiter {
    pub fn new(now_ms: f64) -> Limiter {
        Limiter { buckets: OPERATIONS.iter().map(|o| TokenBucket::new(o.rate, now_ms)).collect() }
    }
    fn bucket_mut(&mut self, op: &Operation) -> Option<&mut TokenBucket> {
        self.buckets.get_mut(op.index())
    }
    pub fn acquire(&mut self, op: &Operation, now_ms: f64) -> Decision {
        self.bucket_mut(op).map_or(Decision::SendNow, |b| b.acquire(now_ms))
    }
    /// The request that `acquire` allowed got an answer or a transport failure.
    pub fn settle(&mut self, op: &Operation, now_ms: f64) {
        if let Some(b) = self.bucket_mut(op) {
            b.settle(now_ms);
        }
    }
    /// Learn from a response: the rate header adapts the bucket (when it is a documented rate);
    /// a 429 empties it.
    pub fn observe(&mut self, op: &Operation, status: u16, rate_limit: Option<f64>, now_ms: f64) {
        let Some(b) = self.bucket_mut(op) else { return };
        if let Some(r) = rate_limit {
            b.set_rate(r, now_ms);
        }
        if status == 429 {
            b.drain(now_ms);
        }
    }
    /// A request of `op` may have reached Amazon twice (see `TokenBucket::charge`).
    pub fn charge(&mut self, op: &Operation, now_ms: f64) {
        if let Some(b) = self.bucket_mut(op) {
            b.charge(now_ms);
        }
    }
    pub fn bucket(&self, op: &Operation) -> Option<&TokenBucket> {
        self.buckets.get(op.index())
    }

    /// The buckets as `[operationId, perSecond, tokens, atMs, inFlight]` rows, written before every
    /// send so that a worker started after this one was stopped goes on where it was: Amazon's
    /// buckets do not refill because ours were forgotten (issue #16 item 5).
    pub fn snapshot(&self) -> Vec<(&'static str, f64, f64, f64, u32)> {
        OPERATIONS.iter().zip(&self.buckets).map(|(o, b)| (o.operation_id, b.per_second(), b.tokens, b.last_ms, b.in_flight)).collect()
    }

    /// Takes back saved rows, read with the care of any input: unknown operations, numbers that are
    /// not finite and rates Amazon does not document are ignored; tokens are kept within the burst;
    /// a time in the future counts as now. The saved tokens already paid for the requests that were
    /// in flight; those requests belong to the stopped worker, so this one starts with none (after
    /// refilling as if they left now).
    /// Returns how many rows were ignored.
    pub fn restore(&mut self, rows: &[BucketRow], now_ms: f64) -> usize {
        let mut ignored = 0;
        for (id, per_second, tokens, at_ms, in_flight) in rows {
            let Some(i) = OPERATIONS.iter().position(|o| o.operation_id == id) else {
                ignored += 1;
                continue;
            };
            let Some(b) = self.buckets.get_mut(i) else { continue };
            if !(tokens.is_finite() && at_ms.is_finite() && documented_rate(*per_second)) {
                ignored += 1;
                continue;
            }
            b.per_ms = per_second / 1000.0;
            // max/min, not clamp: f64::clamp's NaN assertion alone brings float formatting (~15 KB of wasm).
            b.tokens = tokens.max(-1.0).min(b.burst);
            b.last_ms = at_ms.min(now_ms);
            // The stopped worker's requests left by now or never will: refilled to now as if they
            // left now (the cap of `refill`), then none is in flight.
            b.in_flight = if in_flight.is_finite() && *in_flight >= 0.0 { in_flight.min(b.burst) as u32 } else { 0 };
            b.refill(now_ms);
            b.in_flight = 0;
        }
        ignored
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
        assert_eq!(a.bucket(op).unwrap().in_flight(), 5);
        let rows: Vec<BucketRow> = a.snapshot().into_iter().map(|(id, r, t, at, n)| (id.to_owned(), r, t, at, n as f64)).collect();
        // A new client (a restarted worker) 200 ms later: without the snapshot it would send at once.
        let mut b = Limiter::new(200.0);
        assert_eq!(b.clone().acquire(op, 200.0), Decision::SendNow);
        assert_eq!(b.restore(&rows, 200.0), 0);
        assert_eq!(b.bucket(op).unwrap().in_flight(), 0);
        // The 5 were still in flight when the state was saved: they may have left as late as now,
        // so the bucket refills from now.
        assert_eq!(b.acquire(op, 200.0), Decision::Wait { ms: 1000.0 });
        assert_eq!(b.acquire(op, 1200.0), Decision::SendNow);
        // Answered before the state was saved: the bucket refilled from then.
        let mut d = Limiter::new(0.0);
        for _ in 0..5 {
            d.acquire(op, 0.0);
            d.settle(op, 0.0);
        }
        let rows: Vec<BucketRow> = d.snapshot().into_iter().map(|(id, r, t, at, n)| (id.to_owned(), r, t, at, n as f64)).collect();
        let mut e = Limiter::new(200.0);
        e.restore(&rows, 200.0);
        assert_eq!(e.acquire(op, 200.0), Decision::Wait { ms: 800.0 });
        // Garbage is ignored; tokens stay within the burst; a future time counts as now; rates
        // Amazon does not document are never taken (1e-300 would overflow every timer).
        let mut c = Limiter::new(0.0);
        let id = || op.operation_id.to_owned();
        let ignored = c.restore(
            &[
                ("nope".into(), 1.0, 1.0, 0.0, 0.0),
                (id(), f64::NAN, 1.0, 0.0, 0.0),
                (id(), 1e-300, 1.0, 0.0, 0.0),
                (id(), 1e300, 1.0, 0.0, 0.0),
                (id(), 1.0, 99.0, 1e12, 0.0),
            ],
            0.0,
        );
        assert_eq!(ignored, 4);
        assert_eq!(c.bucket(op).unwrap().tokens(), 5.0);
        assert_eq!(c.bucket(op).unwrap().per_second(), 1.0);
        assert_eq!(c.bucket(op).unwrap().last_ms, 0.0);
    }

    #[test]
    fn waits_are_bounded_whatever_the_rate() {
        let o = op("productReviewAndSellerFeedback");
        let mut l = Limiter::new(0.0);
        l.observe(o, 200, Some(1e-300), 0.0);
        l.observe(o, 200, Some(f64::INFINITY), 0.0);
        assert_eq!(l.bucket(o).unwrap().per_second(), 1.0);
        l.observe(o, 200, Some(0.005), 0.0);
        for _ in 0..5 {
            l.acquire(o, 0.0);
        }
        // One token takes 200 s at 0.005/s: asked for in waits of at most a minute.
        assert_eq!(l.acquire(o, 0.0), Decision::Wait { ms: MAX_WAIT_MS });
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
            l.settle(o, 0.0);
        }
        assert_eq!(l.acquire(o, 0.0), Decision::Wait { ms: 1000.0 });
        assert_eq!(l.acquire(o, 400.0), Decision::Wait { ms: 600.0 });
        assert_eq!(l.acquire(o, 1000.0), Decision::SendNow);
        l.settle(o, 1000.0);
        // Other operations have their own buckets.
        assert_eq!(l.acquire(op("getSolicitationActionsForOrder"), 1000.0), Decision::SendNow);
        // Simulated 60 s: 60 more sends at most, never more than the rate allows.
        let mut sent = 0;
        let mut t = 1000.0;
        while t <= 61_000.0 {
            match l.acquire(o, t) {
                Decision::SendNow => {
                    sent += 1;
                    l.settle(o, t);
                }
                Decision::Wait { ms } => t += ms,
            }
        }
        assert_eq!(sent, 60);
    }

    #[test]
    fn requests_in_flight_hold_back_the_refill() {
        // Amazon's bucket takes a token when a request arrives: 5 allowed at 0 that leave later
        // find it full (5), so it refilled nothing meanwhile. Ours must not refill while they are out.
        let o = op("productReviewAndSellerFeedback");
        let mut l = Limiter::new(0.0);
        for _ in 0..5 {
            assert_eq!(l.acquire(o, 0.0), Decision::SendNow);
        }
        assert!(matches!(l.acquire(o, 1000.0), Decision::Wait { .. }), "nothing refilled while all 5 are out");
        l.settle(o, 1000.0);
        // One answered at 1000: one token's room, refilled from then.
        assert_eq!(l.acquire(o, 1500.0), Decision::Wait { ms: 500.0 });
        assert_eq!(l.acquire(o, 2000.0), Decision::SendNow);
        // Past a burst's worth in flight nothing underflows: the room is none, not negative.
        let mut m = Limiter::new(0.0);
        m.restore(&[(o.operation_id.into(), 1.0, 3.0, 0.0, 1e9)], 0.0);
        assert_eq!(m.bucket(o).unwrap().tokens(), 3.0);
        assert_eq!(m.bucket(o).unwrap().in_flight(), 0);
    }

    /// Amazon's side of one operation: the same bucket, taking its token when a request arrives.
    struct Amazon {
        tokens: f64,
        at: f64,
    }
    impl Amazon {
        fn take(&mut self, now: f64, rate: f64, burst: f64) -> bool {
            self.tokens = (self.tokens + (now - self.at) * rate / 1000.0).min(burst);
            self.at = now;
            let ok = self.tokens >= 1.0;
            if ok {
                self.tokens -= 1.0;
            }
            ok
        }
    }

    #[test]
    fn no_429_when_requests_leave_late_and_answers_come_late() {
        // 3 workers at 20/s burst 5 (the bench's sandbox), each request stored before it leaves
        // (0–150 ms) and answered 5–80 ms after it arrives: Amazon never refuses one, and the pace
        // stays near the rate.
        let o = op("productReviewAndSellerFeedback");
        let (rate, burst) = (20.0, 5.0);
        for seed in 1..=200u64 {
            let mut x = seed;
            let mut random = move || {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x % 1000) as f64 / 1000.0
            };
            let mut l = Limiter::new(0.0);
            l.observe(o, 200, Some(rate), 0.0);
            // When each worker asks the limiter next; when each request out is answered; when
            // the requests arrive.
            let mut next = [0.0f64; 3];
            let mut answers: Vec<f64> = Vec::new();
            let mut arrivals: Vec<f64> = Vec::new();
            while arrivals.len() < 200 {
                let w = (0..3).fold(0, |m, i| if next[i] < next[m] { i } else { m });
                let now = next[w];
                answers.sort_by(|a, b| b.total_cmp(a));
                while answers.last().is_some_and(|&t| t <= now) {
                    let t = answers.pop().unwrap_or(now);
                    l.settle(o, t);
                }
                match l.acquire(o, now) {
                    Decision::Wait { ms } => next[w] = now + ms,
                    Decision::SendNow => {
                        let arrival = now + random() * 150.0;
                        arrivals.push(arrival);
                        next[w] = arrival + 5.0 + random() * 75.0;
                        answers.push(next[w]);
                    }
                }
            }
            arrivals.sort_by(f64::total_cmp);
            let mut amazon = Amazon { tokens: burst, at: 0.0 };
            for (i, &t) in arrivals.iter().enumerate() {
                assert!(amazon.take(t, rate, burst), "seed {seed}: 429 for request {i} at {t}");
            }
            let (last, ideal) = (arrivals[199], (200.0 - burst) / rate * 1000.0);
            assert!(last < ideal * 1.1 + 300.0, "seed {seed}: {last} ms for 200 (ideal {ideal})");
        }
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
        assert_eq!(l.bucket(o).unwrap().per_second(), 0.5);
        l.observe(o, 429, None, 0.0);
        assert_eq!(l.acquire(o, 0.0), Decision::Wait { ms: 2000.0 });
        l.observe(o, 200, Some(-1.0), 0.0);
        assert_eq!(l.bucket(o).unwrap().per_second(), 0.5);
        // A request the browser may have sent twice costs two tokens, never more than one below empty.
        l.charge(o, 0.0);
        l.charge(o, 0.0);
        assert_eq!(l.acquire(o, 0.0), Decision::Wait { ms: 4000.0 });
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
