//! One request to a usable answer: a fresh access token first (Login with Amazon, retried while it
//! is unavailable), a slot from the rate limiter, the send, then retries as the retry policy
//! decides — or, for a create whose outcome is unknown, the word that it must be verified. Every
//! flow is made of these; nothing here sleeps, reads a clock or touches a socket.
use super::{Answer, FlowError, Outgoing, RetryInfo, Session, Step, Transport, Wait};
use crate::catalogue::Operation;
use crate::error::BuildError;
use crate::http::HttpRequest;
use crate::limiter::{Decision, Failure, RetryDecision, MAX_WAIT_MS};
use crate::lwa;
use crate::orders::Query;
use crate::request::{self, Call};
use crate::response::{self, ApiErrorKind, Success};
use crate::upload::{self, FileInfo, UploadDestination};

/// What is sent.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Target {
    /// A catalogue operation built from a call: the reads and the creates.
    Call(Call),
    /// A read of the Orders or Sellers API with its own parameters.
    Query(Query),
    /// An action's schema link, on the endpoint's own host (`request::build_schema_read`).
    Schema(String),
    /// The Uploads API's destination for one file of a message of kind `message`.
    Destination { message: &'static Operation, order_id: String, marketplace_id: String, file: FileInfo, md5: String },
    /// The PUT of the bytes of the flow's file `index` to its checked destination.
    Put { dest: UploadDestination, index: usize, file_name: String },
    /// Nothing but a fresh access token (the options page's Test connection).
    Token,
}

impl Target {
    fn build(&self, s: &Session, token: &str) -> Result<HttpRequest, BuildError> {
        match self {
            Target::Call(call) => request::build(call, &s.endpoint, token),
            Target::Query(q) => q.build(&s.endpoint, token),
            Target::Schema(href) => request::build_schema_read(href, &s.endpoint, token).map(|(r, _)| r),
            Target::Destination { message, order_id, marketplace_id, file, md5 } => request::build_upload_destination(
                message.operation_id,
                order_id,
                std::slice::from_ref(marketplace_id),
                file,
                md5,
                &s.endpoint,
                token,
            ),
            Target::Put { dest, .. } => Ok(upload::upload_put(dest)),
            Target::Token => Err(BuildError::MissingField("a request")),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    /// Next: a token if there is none, a slot, then the send.
    Ready,
    /// The token request is out.
    Token,
    /// The request is out.
    Sent,
    /// Waiting before trying again.
    Backoff { until: f64 },
}

/// A usable answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Reply {
    /// The parsed answer; `None` for an upload's PUT.
    pub success: Option<Success>,
    pub request_id: Option<String>,
}

/// No usable answer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Failed {
    pub error: FlowError,
    /// A create may or may not have happened: read Amazon again before anything else.
    pub unknown: bool,
}

pub(crate) type Outcome = Result<Reply, Failed>;

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Exchange {
    target: Target,
    /// The catalogue operation (None for a PUT).
    op: Option<&'static Operation>,
    phase: Phase,
    /// Sends of the request so far.
    attempt: u32,
    /// Token requests so far in this refresh.
    token_attempt: u32,
    /// The token was refreshed once after Amazon rejected it.
    refreshed: bool,
    /// Told once, with the wait it explains.
    note: Option<RetryInfo>,
}

impl Exchange {
    pub(crate) fn new(target: Target) -> Exchange {
        let op = match &target {
            Target::Call(c) => Operation::find(&c.operation).ok(),
            Target::Query(q) => Some(q.op),
            // The actions read it stands in for, for the rate limiter and the errors; a link that
            // is refused has none, and its build error ends the read before anything is sent.
            Target::Schema(href) => Some(schema_op(href)),
            Target::Destination { .. } => Operation::find("createUploadDestinationForResource").ok(),
            Target::Put { .. } | Target::Token => None,
        };
        Exchange { target, op, phase: Phase::Ready, attempt: 0, token_attempt: 0, refreshed: false, note: None }
    }

    pub(crate) fn is_token(&self) -> bool {
        matches!(self.target, Target::Token)
    }

    pub(crate) fn label(&self) -> &'static str {
        self.op.map_or("uploadFile", |o| o.operation_id)
    }

    fn needs_token(&self) -> bool {
        !matches!(self.target, Target::Put { .. })
    }

    fn outgoing(&self, s: &Session, label: &'static str, request: HttpRequest) -> Outgoing {
        let file = match self.target {
            Target::Put { index, .. } => Some(index),
            _ => None,
        };
        // A create's state is saved before it leaves: if its answer is lost, the flow that is
        // restored knows it may have gone and verifies it.
        let save_first = label != "lwaToken" && self.op.is_some_and(|o| o.creates);
        Outgoing { label, request, file, timeout_ms: s.timeout_ms, save_first }
    }

    /// The next step, or the outcome when there is one without sending.
    pub(crate) fn poll(&mut self, s: &mut Session, now: f64) -> Step<Outcome> {
        // Each turn moves the phase on or returns; a lost answer is handled once per turn.
        for _ in 0..4 {
            match self.phase {
                Phase::Token | Phase::Sent => {
                    // Polled with a request out: its answer was lost (a restored state).
                    if let Some(done) = self.handle(s, Answer::Failed(Transport::NoAnswer), now) {
                        return Step::Done(done);
                    }
                }
                Phase::Backoff { until } if now < until => {
                    return Step::Wait(Wait { ms: (until - now).min(MAX_WAIT_MS), retry: self.note.take() });
                }
                Phase::Backoff { .. } => self.phase = Phase::Ready,
                Phase::Ready => return self.send(s, now),
            }
        }
        Step::Wait(Wait { ms: 1.0, retry: None })
    }

    fn send(&mut self, s: &mut Session, now: f64) -> Step<Outcome> {
        let failed = |error| Step::Done(Err(Failed { error, unknown: false }));
        let mut token = String::new();
        if self.needs_token() {
            match s.token.as_ref().filter(|t| t.is_fresh(now)) {
                Some(t) => token = t.access_token.clone(),
                None => {
                    let req = match lwa::token_request(&s.credentials, s.lwa_url.as_deref()) {
                        Ok(r) => r,
                        Err(e) => return failed(FlowError::Build(e)),
                    };
                    self.token_attempt += 1;
                    self.phase = Phase::Token;
                    return Step::Send(self.outgoing(s, "lwaToken", req));
                }
            }
        }
        if self.is_token() {
            return Step::Done(Ok(Reply { success: None, request_id: None }));
        }
        if let Some(op) = self.op {
            if let Decision::Wait { ms } = s.limiter.acquire(op, now) {
                return Step::Wait(Wait { ms, retry: None });
            }
        }
        match self.target.build(s, &token) {
            Ok(req) => {
                self.attempt += 1;
                self.phase = Phase::Sent;
                Step::Send(self.outgoing(s, self.label(), req))
            }
            Err(e) => {
                if let Some(op) = self.op {
                    s.limiter.settle(op, now);
                }
                failed(FlowError::Build(e))
            }
        }
    }

    /// Takes the answer to the request that `poll` sent; the outcome when the exchange is over.
    pub(crate) fn handle(&mut self, s: &mut Session, answer: Answer, now: f64) -> Option<Outcome> {
        match self.phase {
            Phase::Token => self.token_answer(s, answer, now),
            Phase::Sent => match self.op {
                Some(op) => self.api_answer(s, op, answer, now),
                None => self.put_answer(s, answer),
            },
            // An answer nobody asked for (a driver that sent twice): ignored.
            _ => None,
        }
    }

    fn backoff(&mut self, attempt: u32, wait_ms: f64, reason: String, now: f64) {
        self.note =
            Some(RetryInfo { operation: if self.phase == Phase::Token { "lwaToken" } else { self.label() }, attempt, wait_ms, reason });
        self.phase = Phase::Backoff { until: now + wait_ms };
    }

    fn token_answer(&mut self, s: &mut Session, answer: Answer, now: f64) -> Option<Outcome> {
        let more = self.token_attempt < s.policy.max_attempts;
        let reason = match answer {
            Answer::Response(r) => match lwa::parse_token_response(&r, now) {
                Ok(token) => {
                    s.token = Some(token);
                    self.token_attempt = 0;
                    self.phase = Phase::Ready;
                    return None;
                }
                Err(e) if e.retryable && more => format!("Login with Amazon answered {}", e.status),
                Err(e) => return Some(Err(Failed { error: FlowError::Lwa(e), unknown: false })),
            },
            Answer::Failed(how) if more => transport_reason(how).into(),
            Answer::Failed(how) => return Some(Err(Failed { error: FlowError::transport("lwaToken", how, s.timeout_ms), unknown: false })),
        };
        let random = s.random();
        let wait = s.policy.backoff(self.token_attempt, random);
        self.backoff(self.token_attempt, wait, reason, now);
        None
    }

    fn api_answer(&mut self, s: &mut Session, op: &'static Operation, answer: Answer, now: f64) -> Option<Outcome> {
        s.limiter.settle(op, now);
        let (failure, error) = match answer {
            Answer::Response(r) => {
                s.limiter.observe(op, r.status, response::rate_limit(&r), now);
                let parsed = match self.target {
                    Target::Schema(_) => response::parse_schema_response(op, &r),
                    _ => response::parse_response(op, &r),
                };
                match parsed {
                    Ok(success) => return Some(Ok(Reply { success: Some(success), request_id: response::request_id(&r) })),
                    Err(e) if e.kind == ApiErrorKind::TokenRejected && !self.refreshed => {
                        // Nothing was done with a rejected token: refresh it once and send again.
                        self.refreshed = true;
                        s.token = None;
                        self.attempt = self.attempt.saturating_sub(1);
                        self.phase = Phase::Ready;
                        return None;
                    }
                    Err(e) if !(e.retryable || e.outcome_unknown) => return Some(Err(Failed { error: FlowError::Api(e), unknown: false })),
                    Err(e) => (Failure::Status { status: e.status }, FlowError::Api(e)),
                }
            }
            // A redirect is never followed: a read gives up at once, a create's outcome is unknown.
            Answer::Failed(Transport::Redirected) if !op.creates => {
                return Some(Err(Failed { error: FlowError::Redirected { operation: op.operation_id }, unknown: false }))
            }
            Answer::Failed(how) => (
                {
                    if how == Transport::NoAnswer {
                        // Chromium sends a request again by itself when a reused connection closes
                        // with no answer: Amazon may have taken two tokens (make bench, "drop
                        // after": 3 429s per run without this, none with it).
                        s.limiter.charge(op, now);
                    }
                    if how == Transport::Timeout {
                        Failure::Timeout
                    } else {
                        Failure::Network
                    }
                },
                FlowError::transport(op.operation_id, how, s.timeout_ms),
            ),
        };
        let random = s.random();
        match s.policy.decide(op, self.attempt, failure, random) {
            RetryDecision::Retry { wait_ms } => {
                let reason = match failure {
                    Failure::Status { status } => format!("HTTP {status}"),
                    Failure::Network => "network error".into(),
                    Failure::Timeout => "timeout".into(),
                };
                self.backoff(self.attempt, wait_ms, reason, now);
                None
            }
            RetryDecision::Verify => Some(Err(Failed { error, unknown: true })),
            RetryDecision::GiveUp { .. } => Some(Err(Failed { error, unknown: false })),
        }
    }

    /// The PUT's answer: 2xx, or the upload failed (S3 answers errors as XML: its start is kept).
    fn put_answer(&mut self, s: &mut Session, answer: Answer) -> Option<Outcome> {
        let Target::Put { file_name, .. } = &self.target else { return None };
        let error = match answer {
            Answer::Response(r) if (200..300).contains(&r.status) => return Some(Ok(Reply { success: None, request_id: None })),
            Answer::Response(r) => {
                FlowError::UploadFailed { file_name: file_name.clone(), status: r.status, body: r.body.chars().take(300).collect() }
            }
            Answer::Failed(how) => FlowError::transport("uploadFile", how, s.timeout_ms),
        };
        Some(Err(Failed { error, unknown: false }))
    }
}

/// The actions read whose rate and errors a schema link shares: Solicitations for its links,
/// Messaging for every other (a link that is neither is refused when it is built).
fn schema_op(href: &str) -> &'static Operation {
    // The path without a leading `https://host` (char patterns only: a `&str` pattern brings the
    // two-way substring search into the wasm, response.rs).
    let path = match href.strip_prefix('/') {
        Some(p) => p,
        None => href.splitn(4, '/').nth(3).unwrap_or(""),
    };
    let solicitations = path.starts_with("solicitations/");
    let id = if solicitations { "getSolicitationActionsForOrder" } else { "getMessagingActionsForOrder" };
    // Both are in the catalogue (its tests say so): the first entry only if that changed.
    Operation::find(id).unwrap_or(&crate::catalogue::OPERATIONS[0])
}

fn transport_reason(how: Transport) -> &'static str {
    match how {
        Transport::Timeout => "timed out",
        Transport::Redirected => "redirect refused",
        Transport::NoAnswer | Transport::Broken => "network error",
    }
}
