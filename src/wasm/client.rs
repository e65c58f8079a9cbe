//! `Client`: whole flows (get actions, request a review, send a message with attachments, get
//! buyer attributes) over gloo-net. Every decision — token freshness, rate limiting, retry or
//! verify — is the core's; this file only waits, sends and reports.
use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, Promise, Reflect};
use serde::Serialize;
use serde_json::Value;
use std::future::Future;
use std::pin::Pin;
use wasm_bindgen::prelude::*;

use super::fetch::{self, FetchError};
use super::{api_error, build_error, core_error, from_js, lwa_error, to_js, JsClientConfig, JsFiles};
use crate::catalogue::{Api, Operation};
use crate::error::BuildError;
use crate::hal::Actions;
use crate::http::{HttpRequest, HttpResponse};
use crate::ids::Region;
use crate::json::obj;
use crate::limiter::{verify_create, Decision, Failure, Limiter, RetryDecision, RetryPolicy, Verification};
use crate::lwa::{self, AccessToken, Credentials};
use crate::request::{self, Call, Endpoint};
use crate::response::{self, ApiErrorKind, Success};
use crate::upload::{self, FileInfo, UploadDestination};

struct Hooks {
    on_retry: Option<Function>,
    log_request: Option<Function>,
    log_response: Option<Function>,
    log_error: Option<Function>,
}

struct Inner {
    credentials: Credentials,
    endpoint: Endpoint,
    lwa_url: Option<String>,
    timeout_ms: f64,
    token: RefCell<Option<AccessToken>>,
    limiter: RefCell<Limiter>,
    policy: RetryPolicy,
    hooks: Hooks,
}

/// Runs SP-API flows with the seller's credentials. The credentials and tokens never leave it.
#[wasm_bindgen]
pub struct Client {
    inner: Rc<Inner>,
}

type Flow = Pin<Box<dyn Future<Output = Result<JsValue, JsValue>>>>;

/// Every flow becomes a Promise through this one non-generic function, so wasm-bindgen's task
/// and promise plumbing exists once in the wasm rather than once per flow.
fn spawn(flow: impl Future<Output = Result<JsValue, JsValue>> + 'static) -> Promise {
    run(Box::pin(flow))
}

fn run(flow: Flow) -> Promise {
    wasm_bindgen_futures::future_to_promise(flow)
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn get_string(obj: &JsValue, key: &str) -> Option<String> {
    get(obj, key).as_string()
}

fn get_fn(obj: &JsValue, key: &str) -> Option<Function> {
    get(obj, key).dyn_into::<Function>().ok()
}

#[wasm_bindgen]
impl Client {
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsClientConfig) -> Result<Client, JsValue> {
        let c: JsValue = config.into();
        if !c.is_object() {
            return Err(build_error(&BuildError::MissingField("the client configuration")));
        }
        let credentials = Credentials {
            client_id: get_string(&c, "clientId").unwrap_or_default(),
            client_secret: get_string(&c, "clientSecret").unwrap_or_default(),
            refresh_token: get_string(&c, "refreshToken").unwrap_or_default(),
        };
        // Checks the credentials are present now rather than at the first send.
        lwa::token_request(&credentials, None).map_err(|e| build_error(&e))?;
        let region = Region::parse(&get_string(&c, "region").unwrap_or_default()).map_err(|e| build_error(&e))?;
        let endpoint = Endpoint { region, sandbox: get(&c, "sandbox").as_bool().unwrap_or(false), base_url: get_string(&c, "baseUrl") };
        endpoint.base().map_err(|e| build_error(&e))?;
        let lwa_url = get_string(&c, "lwaUrl");
        if let Some(u) = &lwa_url {
            request::checked_base_url(u).map_err(|e| build_error(&e))?;
        }
        let timeout_ms = get(&c, "timeoutMs").as_f64().filter(|t| t.is_finite() && *t > 0.0).unwrap_or(30_000.0);
        let hooks = Hooks {
            on_retry: get_fn(&c, "onRetry"),
            log_request: get_fn(&c, "logRequest"),
            log_response: get_fn(&c, "logResponse"),
            log_error: get_fn(&c, "logError"),
        };
        let inner = Inner {
            credentials,
            endpoint,
            lwa_url,
            timeout_ms,
            token: RefCell::new(None),
            limiter: RefCell::new(Limiter::new(fetch::now_ms())),
            policy: RetryPolicy::default(),
            hooks,
        };
        if let Some(state) = get_string(&c, "limiterState") {
            if let Some(rows) = Limiter::parse_state(&state) {
                let in_flight = get(&c, "limiterInFlight").as_f64().filter(|n| n.is_finite()).unwrap_or(0.0);
                inner.limiter.borrow_mut().restore(&rows, in_flight, fetch::now_ms());
            }
        }
        Ok(Client { inner: Rc::new(inner) })
    }

    /// The actions Amazon offers for an order: `api` is "messaging" or "solicitations".
    #[wasm_bindgen(js_name = getActions, unchecked_return_type = "Promise<Actions>")]
    pub fn get_actions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"messaging\" | \"solicitations\"")] api: String,
        order_id: String,
        marketplace_id: String,
    ) -> Promise {
        let inner = self.inner.clone();
        spawn(async move {
            let api = match api.as_str() {
                "messaging" => Api::Messaging,
                "solicitations" => Api::Solicitations,
                other => return Err(build_error(&BuildError::UnknownOperation(crate::ids::truncate(other)))),
            };
            to_js(&inner.actions(api, &order_id, &marketplace_id).await?)
        })
    }

    /// Request a product review and seller feedback, exactly once: checks the actions first, and
    /// settles an unknown outcome by reading them again, never by resending blindly.
    #[wasm_bindgen(js_name = requestReview, unchecked_return_type = "Promise<ReviewResult>")]
    pub fn request_review(&self, order_id: String, marketplace_id: String) -> Promise {
        let inner = self.inner.clone();
        spawn(async move { to_js(&inner.request_review(&order_id, &marketplace_id).await?) })
    }

    /// Send a message of `kind` (e.g. "confirmDeliveryDetails"), uploading `files` first through
    /// the Uploads API. The body is checked against the built-in rules, the action's schema and the
    /// text policy before anything is sent.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<MessageResult>")]
    pub fn send_message(
        &self,
        kind: String,
        order_id: String,
        marketplace_id: String,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] body: JsValue,
        files: Option<JsFiles>,
        confirm_links: Option<bool>,
    ) -> Promise {
        let inner = self.inner.clone();
        spawn(async move {
            let body: Value = if body.is_undefined() || body.is_null() {
                Value::Object(Default::default())
            } else {
                from_js(body, "the message body", Ok)?
            };
            let files = read_files(files.map(JsValue::from))?;
            to_js(&inner.send_message(&kind, &order_id, &marketplace_id, body, files, confirm_links.unwrap_or(false)).await?)
        })
    }

    /// The buyer's language (GetAttributes): write messages in it.
    #[wasm_bindgen(js_name = getAttributes, unchecked_return_type = "Promise<{ locale: string | null }>")]
    pub fn get_attributes(&self, order_id: String, marketplace_id: String) -> Promise {
        let inner = self.inner.clone();
        spawn(async move {
            let op = find("GetAttributes")?;
            let call = call(op, &order_id, &marketplace_id, None);
            match inner.execute(op, &|t| request::build(&call, &inner.endpoint, t)).await? {
                Success::Attributes { locale } => to_js(&obj(vec![("locale", locale.into())])),
                other => Err(unexpected(op, &other)),
            }
        })
    }

    /// The rate limiter's buckets, as JSON text for `limiterState` of a client made later (after a
    /// service worker restart): Amazon's buckets don't refill because ours were forgotten.
    #[wasm_bindgen(js_name = limiterState)]
    pub fn limiter_state(&self) -> String {
        serde_json::to_string(&self.inner.limiter.borrow().snapshot()).unwrap_or_default()
    }

    /// Fetch an access token now: checks the credentials work (the options page's Test connection).
    #[wasm_bindgen(js_name = checkCredentials, unchecked_return_type = "Promise<void>")]
    pub fn check_credentials(&self) -> Promise {
        let inner = self.inner.clone();
        spawn(async move {
            inner.token.replace(None);
            inner.access_token().await?;
            Ok(JsValue::UNDEFINED)
        })
    }
}

struct File {
    info: FileInfo,
    bytes: Vec<u8>,
}

fn read_files(files: Option<JsValue>) -> Result<Vec<File>, JsValue> {
    let Some(files) = files.filter(|f| !f.is_undefined() && !f.is_null()) else { return Ok(Vec::new()) };
    let arr =
        files.dyn_into::<js_sys::Array>().map_err(|_| build_error(&BuildError::InvalidAttachment("files must be an array".into())))?;
    let mut out = Vec::new();
    for f in arr.iter() {
        let bytes = get(&f, "bytes")
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| build_error(&BuildError::InvalidAttachment("each file needs its bytes as a Uint8Array".into())))?
            .to_vec();
        let info = FileInfo {
            file_name: get_string(&f, "fileName").unwrap_or_default(),
            content_type: get_string(&f, "contentType").unwrap_or_default(),
            size: bytes.len(),
        };
        upload::check_file(&info).map_err(|e| build_error(&e))?;
        out.push(File { info, bytes });
    }
    Ok(out)
}

fn find(name: &str) -> Result<&'static Operation, JsValue> {
    Operation::find(name).map_err(|e| build_error(&e))
}

fn call(op: &Operation, order_id: &str, marketplace_id: &str, body: Option<Value>) -> Call {
    Call {
        operation: op.operation_id.into(),
        order_id: order_id.into(),
        marketplace_ids: vec![marketplace_id.into()],
        body,
        schema: None,
        confirm_links: false,
    }
}

fn unexpected(op: &Operation, s: &Success) -> JsValue {
    core_error("api", "malformedResponse", &format!("{} returned an unexpected result", op.operation_id), s)
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ReviewResult {
    status: &'static str,
    order_id: String,
    reason: Option<String>,
    request_id: Option<String>,
    verified: bool,
    explanation: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct MessageResult {
    status: &'static str,
    kind: &'static str,
    order_id: String,
    request_id: Option<String>,
    verified: bool,
    attachments: Vec<Value>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RetryInfo<'a> {
    operation: &'a str,
    attempt: u32,
    wait_ms: f64,
    reason: String,
}

/// Why a send ended without a usable answer: the JS error to throw, and what the retry policy needs.
enum SendError {
    Fatal(JsValue),
    /// A create's outcome is unknown: verify.
    Unknown(JsValue),
}

impl From<JsValue> for SendError {
    fn from(v: JsValue) -> Self {
        SendError::Fatal(v)
    }
}

impl SendError {
    fn into_js(self) -> JsValue {
        match self {
            SendError::Fatal(e) | SendError::Unknown(e) => e,
        }
    }
}

impl Inner {
    fn call_hook(&self, hook: &Option<Function>, args: &[JsValue]) {
        if let Some(f) = hook {
            let a = js_sys::Array::new();
            for v in args {
                a.push(v);
            }
            // A throwing logger must not break a send.
            let _ = f.apply(&JsValue::NULL, &a);
        }
    }

    fn log_request(&self, op: &str, r: &HttpRequest) {
        if self.hooks.log_request.is_some() {
            self.call_hook(&self.hooks.log_request, &[op.into(), to_js(&r.redacted()).unwrap_or(JsValue::NULL)]);
        }
    }

    fn log_response(&self, op: &str, r: &HttpResponse) {
        if self.hooks.log_response.is_some() {
            self.call_hook(&self.hooks.log_response, &[op.into(), to_js(&r.redacted()).unwrap_or(JsValue::NULL)]);
        }
    }

    fn log_error(&self, op: &str, e: &JsValue) {
        self.call_hook(&self.hooks.log_error, &[op.into(), e.clone()]);
    }

    async fn retry_wait(&self, op: &str, attempt: u32, wait_ms: f64, reason: String) {
        if self.hooks.on_retry.is_some() {
            let info = RetryInfo { operation: op, attempt, wait_ms, reason };
            self.call_hook(&self.hooks.on_retry, &[to_js(&info).unwrap_or(JsValue::NULL)]);
        }
        fetch::sleep(wait_ms).await;
    }

    /// A fresh access token: the cached one, or a new one from Login with Amazon.
    async fn access_token(&self) -> Result<String, JsValue> {
        if let Some(t) = self.token.borrow().as_ref().filter(|t| t.is_fresh(fetch::now_ms())) {
            return Ok(t.access_token.clone());
        }
        let req = lwa::token_request(&self.credentials, self.lwa_url.as_deref()).map_err(|e| build_error(&e))?;
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.log_request("lwaToken", &req);
            let failure = match fetch::send(&req, None, self.timeout_ms).await {
                Ok(resp) => {
                    self.log_response("lwaToken", &resp);
                    match lwa::parse_token_response(&resp, fetch::now_ms()) {
                        Ok(token) => {
                            let value = token.access_token.clone();
                            self.token.replace(Some(token));
                            return Ok(value);
                        }
                        Err(e) if e.retryable && attempt < self.policy.max_attempts => format!("Login with Amazon answered {}", e.status),
                        Err(e) => {
                            let err = lwa_error(&e);
                            self.log_error("lwaToken", &err);
                            return Err(err);
                        }
                    }
                }
                Err(FetchError::Network(m)) if attempt < self.policy.max_attempts => m,
                Err(FetchError::Timeout) if attempt < self.policy.max_attempts => "timed out".into(),
                Err(e) => return Err(self.network_error("lwaToken", e)),
            };
            self.retry_wait("lwaToken", attempt, self.policy.backoff(attempt, fetch::random()), failure).await;
        }
    }

    fn network_error(&self, op: &str, e: FetchError) -> JsValue {
        let err = match e {
            FetchError::Network(m) => core_error(
                "network",
                "network",
                &format!("Amazon could not be reached: {m}"),
                &obj(vec![("operation", op.into()), ("message", m.into())]),
            ),
            FetchError::Timeout => core_error(
                "timeout",
                "timeout",
                &format!("Amazon did not answer within {} ms", self.timeout_ms as u64),
                &obj(vec![("operation", op.into()), ("timeoutMs", self.timeout_ms.into())]),
            ),
        };
        self.log_error(op, &err);
        err
    }

    /// Wait until the limiter lets `op` go.
    async fn wait_for_slot(&self, op: &Operation) {
        loop {
            let d = self.limiter.borrow_mut().acquire(op, fetch::now_ms());
            match d {
                Decision::SendNow => return,
                Decision::Wait { ms } => fetch::sleep(ms).await,
            }
        }
    }

    /// Send one operation to a usable answer: fresh token, rate limit, retries as the core decides.
    /// `build` is a `dyn` closure so that this loop exists once in the wasm, not once per caller.
    async fn execute(&self, op: &Operation, build: &dyn Fn(&str) -> Result<HttpRequest, BuildError>) -> Result<Success, JsValue> {
        self.execute_with(op, build, None).await.map(|(s, _)| s).map_err(SendError::into_js)
    }

    /// As `execute`, returning the request id too, and telling an unknown create outcome apart.
    async fn execute_with(
        &self,
        op: &Operation,
        build: &dyn Fn(&str) -> Result<HttpRequest, BuildError>,
        bytes: Option<&[u8]>,
    ) -> Result<(Success, Option<String>), SendError> {
        let name = op.operation_id;
        let mut attempt = 0;
        let mut refreshed = false;
        loop {
            let token = self.access_token().await?;
            let req = build(&token).map_err(|e| build_error(&e))?;
            self.wait_for_slot(op).await;
            attempt += 1;
            self.log_request(name, &req);
            let (failure, err) = match fetch::send(&req, bytes, self.timeout_ms).await {
                Ok(resp) => {
                    self.log_response(name, &resp);
                    self.limiter.borrow_mut().observe(op, resp.status, response::rate_limit(&resp), fetch::now_ms());
                    match response::parse_response(op, &resp) {
                        Ok(s) => return Ok((s, response::request_id(&resp))),
                        Err(e) if e.kind == ApiErrorKind::TokenRejected && !refreshed => {
                            // Nothing was done with a rejected token: refresh once and send again.
                            refreshed = true;
                            self.token.replace(None);
                            attempt -= 1;
                            continue;
                        }
                        Err(e) => {
                            let js = api_error(&e);
                            if !(e.retryable || e.outcome_unknown) {
                                self.log_error(name, &js);
                                return Err(SendError::Fatal(js));
                            }
                            (Failure::Status { status: e.status }, js)
                        }
                    }
                }
                Err(FetchError::Network(m)) => (Failure::Network, self.network_error(name, FetchError::Network(m))),
                Err(FetchError::Timeout) => (Failure::Timeout, self.network_error(name, FetchError::Timeout)),
            };
            match self.policy.decide(op, attempt, failure, fetch::random()) {
                RetryDecision::Retry { wait_ms } => {
                    let reason = match failure {
                        Failure::Status { status } => format!("HTTP {status}"),
                        Failure::Network => "network error".into(),
                        Failure::Timeout => "timeout".into(),
                    };
                    self.retry_wait(name, attempt, wait_ms, reason).await;
                }
                RetryDecision::Verify => return Err(SendError::Unknown(err)),
                RetryDecision::GiveUp { .. } => {
                    self.log_error(name, &err);
                    return Err(SendError::Fatal(err));
                }
            }
        }
    }

    async fn actions(&self, api: Api, order_id: &str, marketplace_id: &str) -> Result<Actions, JsValue> {
        let op = find(match api {
            Api::Solicitations => "getSolicitationActionsForOrder",
            _ => "getMessagingActionsForOrder",
        })?;
        let call = call(op, order_id, marketplace_id, None);
        match self.execute(op, &|t| request::build(&call, &self.endpoint, t)).await? {
            Success::Actions(a) => Ok(a),
            other => Err(unexpected(op, &other)),
        }
    }

    async fn request_review(&self, order_id: &str, marketplace_id: &str) -> Result<ReviewResult, JsValue> {
        let op = find("createProductReviewAndSellerFeedbackSolicitation")?;
        let create = call(op, order_id, marketplace_id, None);
        // Reject bad ids before any network use.
        request::build(&create, &self.endpoint, "check").map_err(|e| build_error(&e))?;
        let result = |status, reason: Option<String>, request_id, verified, explanation: String| ReviewResult {
            status,
            order_id: order_id.into(),
            reason,
            request_id,
            verified,
            explanation,
        };
        let actions = self.actions(Api::Solicitations, order_id, marketplace_id).await?;
        if !actions.offers(op) {
            return Ok(result(
                "notEligible",
                Some("notOffered".into()),
                None,
                false,
                "Amazon doesn't offer a review request for this order now: one was already requested, or the order is outside the window of 5 to 30 days after delivery.".into(),
            ));
        }
        let mut verified = false;
        // At most two creates, the second only after reading the actions proved the first was not sent.
        for _ in 0..2 {
            match self.execute_with(op, &|t| request::build(&create, &self.endpoint, t), None).await {
                Ok((_, request_id)) => {
                    return Ok(result(
                        "requested",
                        None,
                        request_id,
                        verified,
                        "Amazon will email the buyer a request for a product review and seller feedback.".into(),
                    ))
                }
                Err(SendError::Fatal(e)) => {
                    let (kind, explanation, request_id) = refusal(e)?;
                    // Refused although the actions offered it a moment ago: a browser may have
                    // resent our create on its own after a connection dropped before any answer
                    // (Chrome does, on a reused connection), and the resend was refused because the
                    // first one went through. Reading the actions again tells.
                    if kind == "alreadyRequestedOrOutsideWindow" {
                        if let Ok(actions) = self.actions(Api::Solicitations, order_id, marketplace_id).await {
                            if verify_create(op, &actions) == Verification::Sent {
                                return Ok(result(
                                    "requested",
                                    None,
                                    request_id,
                                    true,
                                    "The request went through: Amazon no longer offers a review request for this order.".into(),
                                ));
                            }
                        }
                    }
                    return Ok(result("notEligible", Some(kind), request_id, verified, explanation));
                }
                Err(SendError::Unknown(e)) => {
                    verified = true;
                    let actions = self
                        .actions(Api::Solicitations, order_id, marketplace_id)
                        .await
                        .map_err(|_| outcome_unknown(op, order_id, e.clone()))?;
                    match verify_create(op, &actions) {
                        Verification::Sent => {
                            return Ok(result(
                                "requested",
                                None,
                                None,
                                true,
                                "The request went through: Amazon no longer offers a review request for this order.".into(),
                            ))
                        }
                        Verification::NotSent => continue,
                        Verification::Unknown => return Err(outcome_unknown(op, order_id, e)),
                    }
                }
            }
        }
        Err(core_error(
            "outcome",
            "notSent",
            "Amazon did not confirm the review request twice; it was not sent. Try again later.",
            &obj(vec![("orderId", order_id.into())]),
        ))
    }

    async fn send_message(
        &self,
        kind: &str,
        order_id: &str,
        marketplace_id: &str,
        mut body: Value,
        files: Vec<File>,
        confirm_links: bool,
    ) -> Result<MessageResult, JsValue> {
        let op = find(kind)?;
        if !op.is_message() {
            return Err(build_error(&BuildError::UnknownOperation(format!("{kind} is not a message kind"))));
        }
        if files.len() > request::max_attachments(op) as usize {
            return Err(build_error(&BuildError::InvalidAttachment(format!(
                "{} messages take at most {} attachments",
                op.action,
                request::max_attachments(op)
            ))));
        }
        // Stand-in attachment entries so the whole body is checked before any upload.
        if !files.is_empty() {
            let placeholders: Vec<Value> = files
                .iter()
                .map(|f| obj(vec![("uploadDestinationId", "pending".into()), ("fileName", f.info.file_name.as_str().into())]))
                .collect();
            if let Some(o) = body.as_object_mut() {
                o.insert("attachments".into(), Value::Array(placeholders));
            }
        }
        let mut message = Call { body: Some(body.clone()), confirm_links, ..call(op, order_id, marketplace_id, None) };
        request::build(&message, &self.endpoint, "check").map_err(|e| build_error(&e))?;
        let actions = self.actions(Api::Messaging, order_id, marketplace_id).await?;
        let Some(action) = actions.find(op.action) else {
            return Err(core_error(
                "api",
                "messageKindNotOffered",
                "Amazon doesn't offer this kind of message for this order right now; which kinds are offered depends on the order's status.",
                &obj(vec![("kind", op.action.into()), ("offered", actions.actions.iter().map(|a| a.name.clone()).collect::<Vec<_>>().into())]),
            ));
        };
        message.schema = action.schema.clone();
        request::build(&message, &self.endpoint, "check").map_err(|e| build_error(&e))?;
        let mut attachments = Vec::new();
        for f in &files {
            let dest = self.upload(op, order_id, marketplace_id, f).await?;
            attachments.push(upload::attachment(&dest, &f.info.file_name));
        }
        if !attachments.is_empty() {
            if let Some(o) = body.as_object_mut() {
                o.insert("attachments".into(), Value::Array(attachments.clone()));
            }
            message.body = Some(body);
        }
        match self.execute_with(op, &|t| request::build(&message, &self.endpoint, t), None).await {
            Ok((_, request_id)) => {
                Ok(MessageResult { status: "sent", kind: op.action, order_id: order_id.into(), request_id, verified: false, attachments })
            }
            Err(SendError::Fatal(e)) => Err(e),
            Err(SendError::Unknown(e)) => {
                let actions =
                    self.actions(Api::Messaging, order_id, marketplace_id).await.map_err(|_| outcome_unknown(op, order_id, e.clone()))?;
                match verify_create(op, &actions) {
                    Verification::Sent => Ok(MessageResult {
                        status: "sent",
                        kind: op.action,
                        order_id: order_id.into(),
                        request_id: None,
                        verified: true,
                        attachments,
                    }),
                    // Messaging may offer the kind again after a send: never resend on a guess.
                    Verification::NotSent | Verification::Unknown => Err(outcome_unknown(op, order_id, e)),
                }
            }
        }
    }

    async fn upload(&self, message: &Operation, order_id: &str, marketplace_id: &str, f: &File) -> Result<UploadDestination, JsValue> {
        let op = find("createUploadDestinationForResource")?;
        let md5 = upload::content_md5(&f.bytes);
        let markets = [marketplace_id.to_owned()];
        let dest = match self
            .execute(op, &|t| request::build_upload_destination(message.action, order_id, &markets, &f.info, &md5, &self.endpoint, t))
            .await?
        {
            Success::UploadDestination(d) => d,
            other => return Err(unexpected(op, &other)),
        };
        let put = upload::upload_put(&dest);
        self.log_request("uploadFile", &put);
        let resp = fetch::send(&put, Some(&f.bytes), self.timeout_ms).await.map_err(|e| self.network_error("uploadFile", e))?;
        self.log_response("uploadFile", &resp);
        if !(200..300).contains(&resp.status) {
            let (errors, detail) = response::parse_error_body(&resp.body);
            let e = core_error(
                "api",
                "uploadFailed",
                &format!("The upload of {} failed (HTTP {}).", f.info.file_name, resp.status),
                &obj(vec![
                    ("status", resp.status.into()),
                    ("errors", serde_json::to_value(errors).unwrap_or_default()),
                    ("detail", detail.into()),
                    ("body", resp.body.chars().take(300).collect::<String>().into()),
                ]),
            );
            self.log_error("uploadFile", &e);
            return Err(e);
        }
        Ok(dest)
    }
}

/// A create that Amazon refused for a business reason becomes a result; anything else stays an error.
fn refusal(e: JsValue) -> Result<(String, String, Option<String>), JsValue> {
    let kind = get_string(&e, "kind").unwrap_or_default();
    let business = ["alreadyRequestedOrOutsideWindow", "outsideReviewWindow"];
    if business.contains(&kind.as_str()) {
        let details = get(&e, "details");
        let explanation = get_string(&details, "explanation").unwrap_or_default();
        Ok((kind, explanation, get_string(&details, "requestId")))
    } else {
        Err(e)
    }
}

fn outcome_unknown(op: &Operation, order_id: &str, cause: JsValue) -> JsValue {
    let what = if op.api == Api::Solicitations { "the review request" } else { "the message" };
    core_error(
        "outcome",
        "outcomeUnknown",
        &format!("It is not known whether {what} for order {order_id} went through, and it was not sent again. Check the order before trying again."),
        &obj(vec![("operation", op.operation_id.into()), ("orderId", order_id.into()), ("cause", get_string(&cause, "message").into())]),
    )
}
