//! The product's flows as sans-IO state machines (docs/style.md "Flows are state machines the
//! driver only runs"; quinn-proto, str0m). A flow never does I/O: the driver asks it what to do
//! (`poll`: send this request, wait this long, or done with a typed result), does it, and hands the
//! answer back (`handle`) with the time. Every decision — token refresh, rate limiting, retries,
//! verification of a create whose outcome is unknown, the bulk queue's per-order lifecycle — is
//! here, and so is exactly-once: `tests/simulation.rs` drives these machines through thousands of
//! generated fault schedules with a virtual clock.
//!
//! Every flow's state can be saved as JSON text between any two steps and restored (a service
//! worker is stopped at any time); `Outgoing::save_first` says when the driver must have saved it
//! before sending. The client's shared state (token, rate-limit buckets with requests in flight) is
//! the `Session`, saved the same way before every send.
mod error;
mod exchange;
mod message;
mod queue;
mod read;
mod review;
mod saved;
mod session;

use serde::Serialize;

pub use error::{api_kind, lwa_kind, FlowError};
pub use message::{FileSpec, MessageResult, SendMessage};
pub use queue::{OrderStage, QueuedReview, QueuedState, Schedule, Window, DAY_MS};
pub use read::Read;
pub use review::{ReviewRequest, ReviewResult};
pub use session::{Session, SessionConfig};

use crate::http::{HttpRequest, HttpResponse};
use crate::out::{Out, ToJson};
use crate::response::Success;

/// What the driver does next.
#[derive(Debug, Clone, PartialEq)]
pub enum Step<T> {
    /// Send this request, then hand its answer to `handle`.
    Send(Outgoing),
    /// Wait this long, then `poll` again.
    Wait(Wait),
    /// The flow is over.
    Done(T),
}

/// A flow's step: its end is a typed outcome or an error.
pub type FlowStep = Step<Result<Outcome, FlowError>>;

/// A request to send.
#[derive(Debug, Clone, PartialEq)]
pub struct Outgoing {
    /// What it is, for loggers: an operationId, "lwaToken" or "uploadFile".
    pub label: &'static str,
    pub request: HttpRequest,
    /// The flow's file whose bytes are the body (an upload's PUT): the driver holds the bytes.
    pub file: Option<usize>,
    /// Give up waiting for the answer after this long.
    pub timeout_ms: f64,
    /// The flow's state (`Machine::save`) must be stored before this leaves: it is a create, and if
    /// its answer is lost the restored flow must know it may have gone, to verify it rather than
    /// send it again.
    pub save_first: bool,
}

const HIDDEN: &str = "[redacted]";

/// Why a create restored from its saved state is verified: it may have left before the stop.
const STOPPED: &str = "The extension stopped while it was being sent.";

impl Outgoing {
    /// What a logger may see of this request: never a secret. The access token's header is
    /// masked, and a token request's whole form (its refresh token and client secret) is left out.
    /// Stricter than `HttpRequest::redacted`, and without its JSON and form parsing: 0.6 KB less
    /// gzip in the shipped wasm (make build).
    pub fn for_log(&self) -> HttpRequest {
        let mut r = self.request.clone();
        for (k, v) in &mut r.headers {
            if k.eq_ignore_ascii_case("x-amz-access-token") {
                *v = HIDDEN.into();
            }
        }
        if self.label == "lwaToken" {
            r.body = Some(HIDDEN.into());
        }
        r
    }
}

/// What a logger may see of the answer to `label`: a token answer's body (the access token) is left out.
pub fn response_for_log(label: &str, r: &HttpResponse) -> HttpResponse {
    let mut r = r.clone();
    if label == "lwaToken" {
        r.body = HIDDEN.into();
    }
    r
}

/// A pause before polling again: for the rate limiter, or before a retry (`retry` says why, once).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Wait {
    pub ms: f64,
    pub retry: Option<RetryInfo>,
}

/// Why a request is sent again, for the driver's `onRetry` hook.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct RetryInfo {
    pub operation: &'static str,
    pub attempt: u32,
    pub wait_ms: f64,
    pub reason: String,
}

/// How a request ended without a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    /// No response at all: the connection failed, or dropped before an answer's head. Nothing is
    /// known about what the server did with the request.
    NoAnswer,
    /// The answer's head came, then the connection broke.
    Broken,
    /// No answer within the time-out.
    Timeout,
    /// The answer was a redirect, which is never followed (issue #12 item 4).
    Redirected,
}

/// What came back for a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    Response(HttpResponse),
    Failed(Transport),
}

/// What a flow ended with.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Outcome {
    Read(Success),
    Review(ReviewResult),
    Message(MessageResult),
    Queued(QueuedState),
    /// The credentials work (a fresh access token came): `null` for JS.
    Checked,
}

impl ToJson for RetryInfo {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("operation").str(self.operation).key("attempt").uint(self.attempt.into());
        o.key("waitMs").num(self.wait_ms).key("reason").str(&self.reason).end();
    }
}

/// Untagged: each outcome as its own type writes itself; `Checked` is `null`.
impl ToJson for Outcome {
    fn to_json(&self, o: &mut Out) {
        match self {
            Outcome::Read(s) => s.to_json(o),
            Outcome::Review(r) => {
                o.obj().key("status").str(r.status).key("orderId").str(&r.order_id).key("reason").opt_str(r.reason.as_deref());
                o.key("requestId").opt_str(r.request_id.as_deref()).key("verified").bool(r.verified);
                o.key("explanation").str(&r.explanation).end();
            }
            Outcome::Message(m) => {
                o.obj().key("status").str(m.status).key("kind").str(m.kind).key("orderId").str(&m.order_id);
                o.key("requestId").opt_str(m.request_id.as_deref()).key("verified").bool(m.verified);
                o.key("attachments").list(&m.attachments).end();
            }
            Outcome::Queued(q) => q.to_json(o),
            Outcome::Checked => {
                o.null();
            }
        }
    }
}

impl ToJson for QueuedState {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("state").str(&self.state).key("orderId").str(&self.order_id).key("stage").str(self.stage.name());
        o.key("reason").opt_str(self.reason.as_deref()).key("due").opt_num(self.due).key("requestId").opt_str(self.request_id.as_deref());
        o.key("verified").bool(self.verified).key("explanation").opt_str(self.explanation.as_deref());
        o.key("attempts").uint(self.attempts.into()).end();
    }
}

/// A flow the driver runs: `poll` for the next step, `handle` the answer of a `Send`, `save` the
/// state between any two steps.
pub trait Machine {
    fn poll(&mut self, session: &mut Session, now_ms: f64) -> FlowStep;
    fn handle(&mut self, session: &mut Session, answer: Answer, now_ms: f64);
    fn save(&mut self) -> String;
}
