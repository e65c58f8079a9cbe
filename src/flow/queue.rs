//! One order of the bulk queue, from queued to a definite end (issue #11 item 2): the shell stores
//! each order's saved state and runs the orders that are due; every decision is here.
//!
//! queued → checking → sending → verifying → sent, or skipped (with the reason), or scheduled (a
//! time to run again: the window opens, Amazon may list the action tomorrow, or a transient failure
//! backs off), or unknown (the outcome cannot be known: said so in words). A transient failure never
//! ends an order while Amazon may still take it: it goes back to the queue with a back-off that is
//! part of the saved state, so it survives restarts. Only a definite answer ends it: not eligible,
//! the window closed, credentials gone. A create that may have gone out is verified before anything
//! else, on the next run if need be, so an order Amazon took after our send is "sent" even when the
//! worker died in between (bug (a): it used to end "skipped / notOfferedAfterRestart").
use serde::Serialize;

use super::review::{ReviewRequest, ReviewResult};
use super::saved::{self, Codec};
use super::{Answer, FlowError, FlowStep, Machine, Outcome, Session, Step};
use crate::ids::{Marketplace, OrderId};
use crate::window;

pub const DAY_MS: f64 = 86_400_000.0;
/// Orders for which Amazon lists no review action although the window is open are read again a
/// day later, this many times (facts.md "Reported quirks": actions sometimes come back empty for
/// an order that becomes eligible later).
const RECHECKS: u32 = 3;
/// The retry back-off: a minute after the first transient failure, doubling, at most six hours.
const RETRY_BASE_MS: f64 = 60_000.0;
const RETRY_CAP_MS: f64 = 6.0 * 3_600_000.0;
/// Without a known window, an order is retried for at most this long after it was queued: no
/// review window outlasts it (5 to 30 days after delivery, facts.md "Business rules").
const RETRY_SPAN_MS: f64 = 60.0 * DAY_MS;

/// The review window of an order (facts.md "Business rules": from 5 days after the earliest to 30
/// days after the latest delivery date; the rule's numbers are crate::window's).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Window {
    pub opens_at_ms: f64,
    pub closes_at_ms: f64,
}

impl Window {
    /// From the delivery dates (ms since the epoch); `None` when they are not usable.
    pub fn from_delivery(earliest_ms: f64, latest_ms: f64) -> Option<Window> {
        let ok = earliest_ms.is_finite() && latest_ms.is_finite() && earliest_ms >= 0.0 && earliest_ms <= latest_ms;
        let days = |n: i64| (n * window::DAY_MS) as f64;
        ok.then_some(Window {
            opens_at_ms: earliest_ms + days(window::OPENS_AFTER_DAYS),
            closes_at_ms: latest_ms + days(window::CLOSES_AFTER_DAYS),
        })
    }
    pub fn is_open(&self, now: f64) -> bool {
        now >= self.opens_at_ms && now <= self.closes_at_ms
    }
}

/// The seller's scheduling for the order's marketplace: whether orders whose window has not opened
/// wait for it, and on which day of the window to send (0: the first).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Schedule {
    pub enabled: bool,
    pub day: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub enum OrderStage {
    Queued,
    Checking,
    Sending,
    Verifying,
    /// The review request was sent (Amazon took it).
    Sent,
    Skipped,
    /// To run again at `due`.
    Scheduled,
    /// Whether Amazon took it cannot be known; never sent again.
    Unknown,
}

const STAGES: [&str; 8] = ["queued", "checking", "sending", "verifying", "sent", "skipped", "scheduled", "unknown"];
const ALL: [OrderStage; 8] = [
    OrderStage::Queued,
    OrderStage::Checking,
    OrderStage::Sending,
    OrderStage::Verifying,
    OrderStage::Sent,
    OrderStage::Skipped,
    OrderStage::Scheduled,
    OrderStage::Unknown,
];

impl OrderStage {
    pub fn name(self) -> &'static str {
        STAGES[self as usize]
    }
    /// Nothing more will be sent for the order.
    pub fn is_final(self) -> bool {
        matches!(self, OrderStage::Sent | OrderStage::Skipped | OrderStage::Unknown)
    }
}

/// What a run of the order ended with, for the shell (`QueuedReviewState` in the .d.ts).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[cfg_attr(all(test, not(target_arch = "wasm32")), ts(rename = "QueuedReviewState"))]
#[serde(rename_all = "camelCase")]
pub struct QueuedState {
    /// The saved state to store and run again.
    pub state: String,
    pub order_id: String,
    pub stage: OrderStage,
    pub reason: Option<String>,
    /// When to run again (ms since the epoch), when scheduled.
    pub due: Option<f64>,
    pub request_id: Option<String>,
    pub verified: bool,
    pub explanation: Option<String>,
    /// Transient failures in a row.
    pub attempts: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueuedReview {
    order_id: String,
    marketplace_id: String,
    window: Option<Window>,
    stage: OrderStage,
    reason: Option<String>,
    due: Option<f64>,
    attempts: u32,
    rechecks: u32,
    queued_at: f64,
    request_id: Option<String>,
    verified: bool,
    explanation: Option<String>,
    review: Option<ReviewRequest>,
    /// This run is over: `poll` answers with the state.
    over: bool,
}

impl QueuedReview {
    /// An order joins the queue. With its delivery dates known (`window`): past the window it is
    /// skipped; before it, it waits for the chosen day when the marketplace's scheduling is on and is
    /// skipped when it is off. Without them, Amazon decides when it runs.
    pub fn new(
        order_id: &str,
        marketplace_id: &str,
        window: Option<Window>,
        schedule: Schedule,
        now: f64,
    ) -> Result<QueuedReview, FlowError> {
        let mut q = QueuedReview::blank(order_id, marketplace_id, window, now);
        q.check()?;
        if let Some(w) = window {
            if now > w.closes_at_ms {
                q.skip("windowClosed");
            } else if now < w.opens_at_ms && !schedule.enabled {
                q.skip("windowNotOpen");
            } else if now < w.opens_at_ms {
                // The chosen day within the window (0: the first eligible day), never past its last day.
                let due = (w.opens_at_ms + f64::from(schedule.day.min(24)) * DAY_MS).min(w.closes_at_ms - DAY_MS).max(w.opens_at_ms);
                q.schedule(due, "windowOpens");
            }
        }
        Ok(q)
    }

    /// `{flow: "queuedReview", orderId, marketplaceId, opensAtMs, closesAtMs, stage, reason, due,
    /// attempts, rechecks, queuedAt, requestId, verified, explanation, review?}`.
    fn visit(&mut self, c: &mut dyn Codec) {
        c.tag("flow", "queuedReview");
        c.text("orderId", &mut self.order_id);
        c.text("marketplaceId", &mut self.marketplace_id);
        let (mut opens, mut closes) = (self.window.map(|w| w.opens_at_ms), self.window.map(|w| w.closes_at_ms));
        c.time("opensAtMs", &mut opens);
        c.time("closesAtMs", &mut closes);
        self.window = opens.zip(closes).map(|(opens_at_ms, closes_at_ms)| Window { opens_at_ms, closes_at_ms });
        let mut stage = self.stage as usize;
        c.choice("stage", &mut stage, &STAGES);
        self.stage = ALL.get(stage).copied().unwrap_or(OrderStage::Queued);
        c.opt_text("reason", &mut self.reason);
        c.time("due", &mut self.due);
        c.count("attempts", &mut self.attempts, 1000);
        c.count("rechecks", &mut self.rechecks, RECHECKS);
        let mut queued_at = Some(self.queued_at);
        c.time("queuedAt", &mut queued_at);
        self.queued_at = queued_at.unwrap_or_default();
        c.opt_text("requestId", &mut self.request_id);
        c.flag("verified", &mut self.verified);
        c.opt_text("explanation", &mut self.explanation);
        let had = self.review.is_some();
        let mut review = self.review.take().unwrap_or_else(ReviewRequest::blank);
        if c.nested("review", had, &mut |c| review.visit(c)) {
            self.review = Some(review);
        }
    }

    fn blank(order_id: &str, marketplace_id: &str, window: Option<Window>, now: f64) -> QueuedReview {
        QueuedReview {
            order_id: order_id.into(),
            marketplace_id: marketplace_id.into(),
            window,
            stage: OrderStage::Queued,
            reason: None,
            due: None,
            attempts: 0,
            rechecks: 0,
            queued_at: now,
            request_id: None,
            verified: false,
            explanation: None,
            review: None,
            over: false,
        }
    }

    /// The ids are an Amazon order id and a known marketplace: a bad one sends nothing.
    fn check(&self) -> Result<(), FlowError> {
        OrderId::parse(&self.order_id).map_err(FlowError::Build)?;
        Marketplace::by_id(&self.marketplace_id).map_err(FlowError::Build)?;
        Ok(())
    }

    pub fn restore(text: &str) -> Result<QueuedReview, FlowError> {
        let mut q = QueuedReview::blank("", "", None, 0.0);
        saved::read(text, &mut |c| q.visit(c))?;
        q.check()?;
        if let Some(r) = q.review.take() {
            if r.order_id() != q.order_id {
                return Err(FlowError::State { message: "$.review is for another order".into() });
            }
            q.review = Some(r.restored()?);
        }
        if q.stage == OrderStage::Scheduled && q.due.is_none() {
            return Err(FlowError::State { message: "$.due is missing for a scheduled order".into() });
        }
        Ok(q)
    }

    pub fn stage(&self) -> OrderStage {
        self.stage
    }

    pub fn due(&self) -> Option<f64> {
        self.due
    }

    /// The state to hand to the shell.
    pub fn state(&mut self) -> QueuedState {
        QueuedState {
            state: self.save(),
            order_id: self.order_id.clone(),
            stage: self.stage,
            reason: self.reason.clone(),
            due: self.due,
            request_id: self.request_id.clone(),
            verified: self.verified,
            explanation: self.explanation.clone(),
            attempts: self.attempts,
        }
    }

    fn skip(&mut self, reason: &str) {
        self.stage = OrderStage::Skipped;
        self.reason = Some(reason.into());
        self.due = None;
        self.review = None;
    }

    fn schedule(&mut self, due: f64, reason: &str) {
        self.stage = OrderStage::Scheduled;
        self.reason = Some(reason.into());
        self.due = Some(due);
    }

    /// The stage of the review request under way.
    fn follow(&mut self) {
        if let Some(r) = &self.review {
            self.stage = r.stage();
        }
    }

    /// A run of the review request ended: where the order goes.
    fn settle(&mut self, s: &mut Session, result: Result<Outcome, FlowError>, now: f64) {
        self.over = true;
        let pending = self.review.as_ref().is_some_and(ReviewRequest::pending);
        let ambiguous = self.review.as_ref().is_some_and(ReviewRequest::ambiguous);
        let e = match result {
            Ok(Outcome::Review(r)) => return self.reviewed(r, now),
            Ok(_) => FlowError::Unexpected { operation: "getSolicitationActionsForOrder" },
            Err(e) => e,
        };
        self.explanation = Some(e.message());
        let reason = if e.credentials() { "credentials" } else { "retry" };
        if ambiguous {
            self.skip(e.kind());
            self.stage = OrderStage::Unknown;
        } else if pending {
            // A verification is still owed: the order comes back to it, whatever the failure.
            self.retry(s, reason, now, true)
        } else if e.credentials() {
            self.skip(reason)
        } else if e.transient() {
            self.retry(s, reason, now, false)
        } else {
            self.skip(e.kind())
        }
    }

    fn reviewed(&mut self, r: ReviewResult, now: f64) {
        self.review = None;
        self.explanation = Some(r.explanation);
        self.request_id = r.request_id;
        self.verified = r.verified;
        match (r.status, r.reason) {
            ("requested", _) => {
                self.stage = OrderStage::Sent;
                self.reason = r.verified.then(|| "verified".to_owned());
                self.due = None;
            }
            (_, Some(reason)) if reason == "notOffered" => {
                let open = self.window.is_some_and(|w| w.is_open(now));
                if open && self.rechecks < RECHECKS {
                    // Not offered although the window is open: Amazon sometimes lists no actions for
                    // an order that becomes eligible later. Look again tomorrow before giving up.
                    self.rechecks += 1;
                    self.schedule(now + DAY_MS, "recheck")
                } else {
                    self.skip("notOffered")
                }
            }
            (_, reason) => self.skip(reason.as_deref().unwrap_or("notOffered")),
        }
    }

    /// Back to the queue after a back-off, the review request kept when a verification is owed.
    /// Within the window when it is known; past it (or past the retry span) the order ends.
    fn retry(&mut self, s: &mut Session, reason: &str, now: f64, keep: bool) {
        match self.review.as_mut() {
            Some(r) if keep => r.rearm(),
            _ => self.review = None,
        }
        let step = (RETRY_BASE_MS * 2f64.powi(self.attempts.min(20) as i32)).min(RETRY_CAP_MS);
        self.attempts = self.attempts.saturating_add(1);
        let due = now + step / 2.0 + s.random() * step / 2.0;
        let limit = match self.window {
            Some(w) => w.closes_at_ms,
            None => self.queued_at + RETRY_SPAN_MS,
        };
        if keep {
            // The verification is owed whatever the window: after it closes, the verification says
            // so (unknown) rather than the order being dropped.
            return self.schedule(due, reason);
        }
        if now >= limit {
            return self.skip(if self.window.is_some() { "windowClosed" } else { "retriesExhausted" });
        }
        self.schedule(due.min(limit.max(now)), reason)
    }
}

impl Machine for QueuedReview {
    fn poll(&mut self, s: &mut Session, now_ms: f64) -> FlowStep {
        if self.over || self.stage.is_final() || (self.stage == OrderStage::Scheduled && self.due.is_some_and(|d| d > now_ms)) {
            self.over = false;
            return Step::Done(Ok(Outcome::Queued(self.state())));
        }
        if self.review.is_none() {
            match ReviewRequest::new(&self.order_id, &self.marketplace_id, self.window.map(|w| w.closes_at_ms)) {
                Ok(r) => self.review = Some(r),
                Err(e) => {
                    self.settle(s, Err(e), now_ms);
                    return self.poll(s, now_ms);
                }
            }
        }
        self.due = None;
        let step = match self.review.as_mut() {
            Some(r) => r.poll(s, now_ms),
            None => Step::Wait(super::Wait { ms: 1.0, retry: None }),
        };
        self.follow();
        match step {
            Step::Done(result) => {
                self.settle(s, result, now_ms);
                self.poll(s, now_ms)
            }
            other => other,
        }
    }

    fn handle(&mut self, s: &mut Session, answer: Answer, now_ms: f64) {
        if let Some(r) = self.review.as_mut() {
            r.handle(s, answer, now_ms);
            self.follow();
        }
    }

    fn save(&mut self) -> String {
        saved::Writer::text(&mut |c| self.visit(c))
    }
}
