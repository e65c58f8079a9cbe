//! Request a product review and seller feedback, exactly once (Solicitations API).
//!
//! Check: read the actions; not offered → not eligible, nothing sent. Create: send it; 201 →
//! requested. An unknown outcome (5xx, no answer, a lost answer after a restart) or a refusal
//! "not available" although the check offered it (a browser may have resent our create on its own,
//! and the resend was refused because the first went through) → Verify: read the actions again.
//! Not offered any more → it was sent by us: requested. Offered → nothing was taken: one more
//! create, at most two in all. A verification that cannot tell (the read fails, or the review
//! window may have closed in between, which also removes the action) ends "outcome unknown" and
//! the create is never sent again blindly.
use serde::Serialize;

use super::exchange::{self, Exchange, Target};
use super::read::{actions_call, order_call};
use super::saved::{self, Codec};
use super::{Answer, FlowError, FlowStep, Machine, OrderStage, Outcome, Session, Step};
use crate::catalogue::{Api, Operation};
use crate::ids::{Marketplace, OrderId};
use crate::limiter::{verify_create, Verification};
use crate::response::{ApiErrorKind, Success};

const CREATE: &str = "createProductReviewAndSellerFeedbackSolicitation";
/// A verification this close to the end of the review window, or after it, cannot tell a request
/// that went through from a window that closed: both remove the action (facts.md "Business rules").
/// A day, because Amazon's delivery dates are days.
const WINDOW_MARGIN_MS: f64 = 86_400_000.0;
/// Creates whose outcome was unknown and then read as not taken, before giving up for now.
const MAX_UNKNOWN_CREATES: u32 = 2;

const NOT_OFFERED: &str = "Amazon doesn't offer a review request for this order now: one was already requested, or the order is outside the window of 5 to 30 days after delivery.";
const REQUESTED: &str = "Amazon will email the buyer a request for a product review and seller feedback.";
const VERIFIED: &str = "The request went through: Amazon no longer offers a review request for this order.";

/// The result JS sees (`ReviewResult` in the .d.ts).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ReviewResult {
    /// "requested" or "notEligible".
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "\"requested\" | \"notEligible\""))]
    pub status: &'static str,
    pub order_id: String,
    /// Why not, when notEligible: "notOffered" or Amazon's refusal kind.
    pub reason: Option<String>,
    pub request_id: Option<String>,
    /// The outcome was unknown after the send and was settled by reading the actions again.
    pub verified: bool,
    pub explanation: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Check,
    Create,
    Verify,
}

const STAGES: [&str; 3] = ["check", "create", "verify"];

/// Amazon refused our create although the check offered it.
#[derive(Debug, Clone, PartialEq, Default)]
struct Refusal {
    kind: &'static str,
    explanation: String,
    request_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReviewRequest {
    order_id: String,
    marketplace_id: String,
    /// When the review window closes, when known (ms since the epoch).
    closes_at_ms: Option<f64>,
    stage: Stage,
    unknowns: u32,
    verified: bool,
    refused: Option<Refusal>,
    /// Why the create's outcome was unknown, for the error's details.
    cause: Option<String>,
    /// The verification could not tell because the window may have closed.
    ambiguous: bool,
    ex: Exchange,
    result: Option<Result<Outcome, FlowError>>,
}

fn create_op() -> Result<&'static Operation, FlowError> {
    Operation::find(CREATE).map_err(FlowError::Build)
}

impl ReviewRequest {
    /// A request for one order; the ids are checked now, so a bad one sends nothing.
    pub fn new(order_id: &str, marketplace_id: &str, closes_at_ms: Option<f64>) -> Result<ReviewRequest, FlowError> {
        OrderId::parse(order_id).map_err(FlowError::Build)?;
        Marketplace::by_id(marketplace_id).map_err(FlowError::Build)?;
        Ok(ReviewRequest {
            order_id: order_id.into(),
            marketplace_id: marketplace_id.into(),
            closes_at_ms: closes_at_ms.filter(|t| t.is_finite()),
            ex: Exchange::new(Target::Call(actions_call(Api::Solicitations, order_id, marketplace_id))),
            ..ReviewRequest::blank()
        })
    }

    /// An empty request, for a state to be read into.
    pub(crate) fn blank() -> ReviewRequest {
        ReviewRequest {
            order_id: String::new(),
            marketplace_id: String::new(),
            closes_at_ms: None,
            stage: Stage::Check,
            unknowns: 0,
            verified: false,
            refused: None,
            cause: None,
            ambiguous: false,
            ex: Exchange::new(Target::Token),
            result: None,
        }
    }

    /// `{flow: "review", orderId, marketplaceId, closesAtMs, stage, unknowns, verified, cause,
    /// refused, refusedExplanation, refusedRequestId}`. The request under way is not saved: a stage
    /// starts again when restored, except a create, which is verified (`restored`).
    pub(crate) fn visit(&mut self, c: &mut dyn Codec) {
        c.tag("flow", "review");
        c.text("orderId", &mut self.order_id);
        c.text("marketplaceId", &mut self.marketplace_id);
        c.time("closesAtMs", &mut self.closes_at_ms);
        let mut stage = self.stage as usize;
        c.choice("stage", &mut stage, &STAGES);
        self.stage = [Stage::Check, Stage::Create, Stage::Verify].get(stage).copied().unwrap_or(Stage::Check);
        c.count("unknowns", &mut self.unknowns, MAX_UNKNOWN_CREATES);
        c.flag("verified", &mut self.verified);
        c.opt_text("cause", &mut self.cause);
        let mut refused = self.refused.is_some();
        let mut r = self.refused.take().unwrap_or_default();
        c.flag("refused", &mut refused);
        c.opt_text("refusedRequestId", &mut r.request_id);
        let mut explanation = Some(r.explanation);
        c.opt_text("refusedExplanation", &mut explanation);
        r.explanation = explanation.unwrap_or_default();
        self.refused = refused.then_some(Refusal { kind: "alreadyRequestedOrOutsideWindow", ..r });
    }

    /// After a state was read: the ids checked as `new` does. A create saved before it left may
    /// have gone: the request goes on with the verification. Any other stage starts again.
    pub(crate) fn restored(mut self) -> Result<ReviewRequest, FlowError> {
        ReviewRequest::new(&self.order_id, &self.marketplace_id, self.closes_at_ms)?;
        if self.stage == Stage::Create {
            self.verified = true;
            self.cause.get_or_insert_with(|| super::STOPPED.into());
            self.stage = Stage::Verify;
        }
        self.ex = Exchange::new(self.target());
        Ok(self)
    }

    pub fn restore(text: &str) -> Result<ReviewRequest, FlowError> {
        let mut r = ReviewRequest::blank();
        saved::read(text, &mut |c| r.visit(c))?;
        r.restored()
    }

    /// A create may have gone through and nothing settled it yet: a run that ends now must start
    /// again with the verification, never with a check (issue #11 item 2, bug (a)).
    pub fn pending(&self) -> bool {
        self.stage != Stage::Check
    }

    pub fn order_id(&self) -> &str {
        &self.order_id
    }

    /// Ready to run its current stage again from the start (a later run of a pending
    /// verification): a fresh exchange, nothing left of the run that ended.
    pub(crate) fn rearm(&mut self) {
        self.ex = Exchange::new(self.target());
        self.result = None;
        self.ambiguous = false;
    }

    /// The verification could not tell because the review window may have closed.
    pub fn ambiguous(&self) -> bool {
        self.ambiguous
    }

    /// Where the request is, as the bulk queue shows it.
    pub fn stage(&self) -> OrderStage {
        match self.stage {
            Stage::Check => OrderStage::Checking,
            Stage::Create => OrderStage::Sending,
            Stage::Verify => OrderStage::Verifying,
        }
    }

    fn target(&self) -> Target {
        match self.stage {
            Stage::Create => Target::Call(order_call(CREATE, &self.order_id, &self.marketplace_id)),
            _ => Target::Call(actions_call(Api::Solicitations, &self.order_id, &self.marketplace_id)),
        }
    }

    fn go(&mut self, stage: Stage) {
        self.stage = stage;
        self.ex = Exchange::new(self.target());
    }

    fn done(&mut self, r: Result<ReviewResult, FlowError>) {
        self.result = Some(r.map(Outcome::Review));
    }

    fn result(&self, status: &'static str, reason: Option<String>, request_id: Option<String>, explanation: &str) -> ReviewResult {
        ReviewResult {
            status,
            order_id: self.order_id.clone(),
            reason,
            request_id,
            verified: self.verified,
            explanation: explanation.into(),
        }
    }

    fn unknown(&self, op: &Operation) -> FlowError {
        FlowError::OutcomeUnknown { operation: op.operation_id, order_id: self.order_id.clone(), cause: self.cause.clone() }
    }

    /// Moves on from an exchange's outcome.
    fn step(&mut self, outcome: exchange::Outcome, now: f64) {
        let op = match create_op() {
            Ok(op) => op,
            Err(e) => return self.done(Err(e)),
        };
        match (self.stage, outcome) {
            (Stage::Check, Ok(reply)) => match reply.success {
                Some(Success::Actions(a)) if a.offers(op) => self.go(Stage::Create),
                Some(Success::Actions(_)) => {
                    let r = self.result("notEligible", Some("notOffered".into()), None, NOT_OFFERED);
                    self.done(Ok(r))
                }
                _ => self.done(Err(FlowError::Unexpected { operation: "getSolicitationActionsForOrder" })),
            },
            (Stage::Check, Err(f)) => self.done(Err(f.error)),
            (Stage::Create, Ok(reply)) => {
                let explanation = if self.verified { VERIFIED } else { REQUESTED };
                let r = self.result("requested", None, reply.request_id, explanation);
                self.done(Ok(r))
            }
            (Stage::Create, Err(f)) if f.unknown => {
                self.cause = Some(f.error.message());
                self.verified = true;
                self.go(Stage::Verify);
            }
            (Stage::Create, Err(f)) => match f.error {
                FlowError::Api(e) if e.kind == ApiErrorKind::AlreadyRequestedOrOutsideWindow => {
                    self.cause = Some(e.explanation.clone());
                    self.refused =
                        Some(Refusal { kind: "alreadyRequestedOrOutsideWindow", explanation: e.explanation, request_id: e.request_id });
                    self.go(Stage::Verify);
                }
                FlowError::Api(e) if e.kind == ApiErrorKind::OutsideReviewWindow => {
                    let r = self.result("notEligible", Some("outsideReviewWindow".into()), e.request_id, &e.explanation);
                    self.done(Ok(r))
                }
                // A definite answer: nothing was taken, nothing is pending.
                error => {
                    self.stage = Stage::Check;
                    self.done(Err(error))
                }
            },
            (Stage::Verify, Ok(reply)) => match reply.success {
                Some(Success::Actions(a)) => match verify_create(op, &a) {
                    Verification::Sent if self.closes_at_ms.is_some_and(|c| now >= c - WINDOW_MARGIN_MS) => {
                        self.ambiguous = true;
                        self.cause = Some("Amazon no longer offers a review request for this order, and its review window may have closed, which also removes it.".into());
                        self.done(Err(self.unknown(op)))
                    }
                    Verification::Sent => {
                        self.verified = true;
                        let request_id = self.refused.as_ref().and_then(|r| r.request_id.clone());
                        let r = self.result("requested", None, request_id, VERIFIED);
                        self.done(Ok(r))
                    }
                    _ => match self.refused.take() {
                        // Refused, and still offered: the refusal stands.
                        Some(refusal) => {
                            let r = self.result("notEligible", Some(refusal.kind.into()), refusal.request_id, &refusal.explanation);
                            self.done(Ok(r))
                        }
                        // Nothing was taken: one more create, at most two in all.
                        None if self.unknowns + 1 < MAX_UNKNOWN_CREATES => {
                            self.unknowns += 1;
                            self.go(Stage::Create)
                        }
                        None => {
                            self.stage = Stage::Check;
                            self.done(Err(FlowError::NotSent { order_id: self.order_id.clone() }))
                        }
                    },
                },
                _ => self.done(Err(FlowError::Unexpected { operation: "getSolicitationActionsForOrder" })),
            },
            (Stage::Verify, Err(f)) => {
                if self.cause.is_none() {
                    self.cause = Some(f.error.message());
                }
                self.done(Err(self.unknown(op)))
            }
        }
    }
}

impl Machine for ReviewRequest {
    fn poll(&mut self, s: &mut Session, now_ms: f64) -> FlowStep {
        // Each turn either returns or moves the stage on (at most Check → Create → Verify → Create
        // → Verify → done).
        for _ in 0..8 {
            if let Some(r) = self.result.take() {
                return Step::Done(r);
            }
            match self.ex.poll(s, now_ms) {
                Step::Send(o) => return Step::Send(o),
                Step::Wait(w) => return Step::Wait(w),
                Step::Done(outcome) => self.step(outcome, now_ms),
            }
        }
        Step::Wait(super::Wait { ms: 1.0, retry: None })
    }

    fn handle(&mut self, s: &mut Session, answer: Answer, now_ms: f64) {
        if let Some(outcome) = self.ex.handle(s, answer, now_ms) {
            self.step(outcome, now_ms);
        }
    }

    fn save(&mut self) -> String {
        saved::Writer::text(&mut |c| self.visit(c))
    }
}
