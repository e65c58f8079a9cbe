//! `Client`: the core's flows (src/flow) for JS. Each method makes a flow from its arguments (read
//! and capped in mod.rs) and hands it, as a `Run`, to the driver (driver.js), which does what the
//! flow's steps say and nothing else. No decision is made here or there.
use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;

use super::js::{self, JsString};
use super::{api_arg, arg, build_error, files, flow_error, from_js, json_to_js, opt_arg, to_js, JsClientConfig, JsFiles, JsRunOptions};
use crate::caps::MAX_BODY_BYTES;
use crate::catalogue::Operation;
use crate::flow::{
    response_for_log, Answer, Machine, QueuedReview, Read, ReviewRequest, SendMessage, Session, SessionConfig, Step, Transport,
};
use crate::http::HttpResponse;
use crate::ids::Region;
use crate::lwa::Credentials;
use crate::out::Out;
use crate::request::{ApiCall, Endpoint};

#[wasm_bindgen(module = "/src/wasm/driver.js")]
extern "C" {
    /// Runs `run` to its end (driver.js): the only code that sends and waits.
    fn drive(run: Run, config: &JsValue, files: &JsValue, on_save: &JsValue) -> JsValue;
}

/// Runs SP-API flows with the seller's credentials. The credentials and tokens never leave it.
#[wasm_bindgen]
pub struct Client {
    session: Rc<RefCell<Session>>,
    /// The configuration object, for the driver's hooks (saveState, onRetry, log*).
    config: JsValue,
    log: bool,
}

/// One flow being run by the driver.
#[wasm_bindgen]
pub struct Run {
    session: Rc<RefCell<Session>>,
    flow: Box<dyn Machine>,
    log: bool,
    /// What the last send was (an operationId, "lwaToken" or "uploadFile").
    label: &'static str,
    /// The operation of a send not answered yet: its bucket counts it in flight until it is.
    pending: Option<&'static Operation>,
}

/// A run dropped with a send unanswered (its state could not be stored, so it never left; or the
/// driver failed): the bucket stops counting it, or it would hold back the refill for good.
impl Drop for Run {
    fn drop(&mut self) {
        if let (Some(op), Ok(mut s)) = (self.pending.take(), self.session.try_borrow_mut()) {
            // No refill: the time is not known here (a refill at the next request's time is
            // no larger, and this is rare).
            s.limiter.settle(op, f64::NEG_INFINITY);
        }
    }
}

use js::get;

#[wasm_bindgen]
impl Run {
    /// The next step: `{step: "send", label, request, file, timeoutMs, clientState, state, log}`,
    /// `{step: "wait", ms, retry}` or `{step: "done", result}`; a flow that failed throws its error.
    pub fn step(&mut self, now: f64) -> Result<JsValue, JsValue> {
        let step = self.flow.poll(&mut self.session.borrow_mut(), now);
        let mut o = Out::default();
        o.obj().key("step");
        match &step {
            Step::Send(s) => {
                self.label = s.label;
                self.pending = Operation::find(s.label).ok();
                o.str("send").key("label").str(s.label).key("request").item(&s.request);
                o.key("file").opt_int(s.file.map(|f| f as i64)).key("timeoutMs").num(s.timeout_ms);
                // The client's state, to store before the send; the flow's, when it must be stored
                // first (nothing leaves without it).
                o.key("clientState").str(&self.session.borrow().save());
                o.key("state").opt_str(s.save_first.then(|| self.flow.save()).as_deref());
                o.key("log").item(&self.log.then(|| s.for_log()));
            }
            Step::Wait(w) => {
                o.str("wait").key("ms").num(w.ms).key("retry").item(&w.retry);
            }
            Step::Done(Ok(result)) => {
                o.str("done").key("result").item(result);
            }
            Step::Done(Err(e)) => return Err(flow_error(e)),
        }
        o.end();
        json_to_js(o.as_str())
    }

    /// The answer to the last send, as fetch gave it: `{status, type, headers, body}`, or
    /// `{failure: "noAnswer" | "broken" | "timeout"}`. A redirect (never followed) and a body
    /// over the cap are failures. Returns the response for a logger, redacted, when logging.
    pub fn answer(&mut self, answer: JsValue, now: f64) -> JsValue {
        let status = get(&answer, "status").as_f64().unwrap_or(0.0) as u16;
        let body = get(&answer, "body");
        let answer = match get(&answer, "failure").as_string().as_deref() {
            Some("timeout") => Answer::Failed(Transport::Timeout),
            Some("broken") => Answer::Failed(Transport::Broken),
            Some(_) => Answer::Failed(Transport::NoAnswer),
            // Browsers answer a redirect with an opaque one under `redirect: "manual"`; Node hands the 3xx.
            None if get(&answer, "type").as_string().as_deref() == Some("opaqueredirect") || (300..400).contains(&status) => {
                Answer::Failed(Transport::Redirected)
            }
            None => match body.dyn_ref::<JsString>().filter(|b| b.length() as usize <= MAX_BODY_BYTES) {
                Some(_) => {
                    let list = get(&answer, "headers");
                    let count = if js::is_array(&list) { get(&list, "length").as_f64().unwrap_or_default() as usize } else { 0 };
                    let headers = (0..count)
                        .map(|i| get(&list, itoa::Buffer::new().format(i)))
                        .map(|p| (get(&p, "0").as_string().unwrap_or_default(), get(&p, "1").as_string().unwrap_or_default()))
                        .collect();
                    Answer::Response(HttpResponse { status, headers, body: body.as_string().unwrap_or_default() })
                }
                // Measured before it is copied into the core: no answer may fill the wasm memory.
                None => Answer::Failed(Transport::Broken),
            },
        };
        let logged = match (&answer, self.log) {
            (Answer::Response(r), true) => to_js(&response_for_log(self.label, r)).unwrap_or(JsValue::NULL),
            _ => JsValue::NULL,
        };
        self.pending = None;
        self.flow.handle(&mut self.session.borrow_mut(), answer, now);
        logged
    }
}

/// The options of a run: a saved state to go on from, and where to store the state when asked.
fn options(o: Option<JsRunOptions>) -> Result<(Option<String>, JsValue), JsValue> {
    let o: JsValue = o.map_or(JsValue::UNDEFINED, Into::into);
    if o.is_undefined() || o.is_null() {
        return Ok((None, JsValue::UNDEFINED));
    }
    Ok((opt_arg(&get(&o, "state"), "options.state")?, get(&o, "onSave")))
}

impl Client {
    fn run(&self, flow: Result<Box<dyn Machine>, JsValue>, files: &JsValue, on_save: &JsValue) -> JsValue {
        match flow {
            Ok(flow) => {
                drive(Run { session: self.session.clone(), flow, log: self.log, label: "", pending: None }, &self.config, files, on_save)
            }
            Err(e) => js::promise_reject(&e),
        }
    }
}

fn boxed(m: impl Machine + 'static) -> Box<dyn Machine> {
    Box::new(m)
}

#[wasm_bindgen]
impl Client {
    #[wasm_bindgen(constructor)]
    pub fn new(config: JsClientConfig) -> Result<Client, JsValue> {
        let c: JsValue = config.into();
        if !c.is_object() {
            return Err(build_error(&crate::error::BuildError::MissingField("the client configuration")));
        }
        let s = |k: &'static str| opt_arg(&get(&c, k), k).map(Option::unwrap_or_default);
        let credentials = Credentials { client_id: s("clientId")?, client_secret: s("clientSecret")?, refresh_token: s("refreshToken")? };
        let region = Region::parse(&s("region")?).map_err(|e| build_error(&e))?;
        let sandbox = get(&c, "sandbox").as_bool().unwrap_or(false);
        let endpoint = Endpoint { region, sandbox, base_url: opt_arg(&get(&c, "baseUrl"), "baseUrl")? };
        let lwa_url = opt_arg(&get(&c, "lwaUrl"), "lwaUrl")?;
        let config = SessionConfig { credentials, endpoint, lwa_url, timeout_ms: get(&c, "timeoutMs").as_f64() };
        let now = js::now();
        let mut session = Session::new(config, now, (js::random() * 9e15) as u64).map_err(|e| build_error(&e))?;
        if let Some(state) = opt_arg(&get(&c, "state"), "state")? {
            // A state that cannot be read is not used: the client starts afresh rather than not at all.
            let _ = session.restore(&state, now);
        }
        let log = ["logRequest", "logResponse"].iter().any(|k| get(&c, k).is_function());
        Ok(Client { session: Rc::new(RefCell::new(session)), config: c, log })
    }

    /// The actions Amazon offers for an order: `api` is "messaging" or "solicitations".
    #[wasm_bindgen(js_name = getActions, unchecked_return_type = "Promise<Actions & { type: \"actions\" }>")]
    pub fn get_actions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"messaging\" | \"solicitations\"")] api: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] marketplace_id: JsValue,
    ) -> JsValue {
        let flow = (|| Ok(boxed(Read::actions(api_arg(&api)?, &arg(&order_id, "orderId")?, &arg(&marketplace_id, "marketplaceId")?))))();
        self.run(flow, &JsValue::NULL, &JsValue::NULL)
    }

    /// The buyer's language (GetAttributes): write messages in it.
    #[wasm_bindgen(js_name = getAttributes, unchecked_return_type = "Promise<{ type: \"attributes\"; locale: string | null }>")]
    pub fn get_attributes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] marketplace_id: JsValue,
    ) -> JsValue {
        let flow = (|| Ok(boxed(Read::attributes(&arg(&order_id, "orderId")?, &arg(&marketplace_id, "marketplaceId")?))))();
        self.run(flow, &JsValue::NULL, &JsValue::NULL)
    }

    /// A read of the Orders or Sellers API — `getOrder`, `searchOrders` or
    /// `getMarketplaceParticipations`, the calls `buildRequest` takes — with the client's token,
    /// rate limits and retries: an order's marketplace, status and delivery window (issue #10).
    #[wasm_bindgen(unchecked_return_type = "Promise<Success>")]
    pub fn read(
        &self,
        #[wasm_bindgen(unchecked_param_type = "GetOrderCall | SearchOrdersCall | { operation: \"getMarketplaceParticipations\" }")]
        call: JsValue,
    ) -> JsValue {
        let flow = from_js(call, "the call", ApiCall::from_value).and_then(|c| match c {
            ApiCall::Query(q) => Ok(boxed(Read::query(q))),
            ApiCall::Order(c) => Err(build_error(&crate::error::BuildError::UnknownOperation(format!(
                "{}: not an Orders or Sellers read (getActions and getAttributes read an order's actions)",
                crate::ids::truncate(&c.operation)
            )))),
        });
        self.run(flow, &JsValue::NULL, &JsValue::NULL)
    }

    /// An action's JSON Schema from its `schemaHref` (an answer that links the schema without
    /// embedding it), read from the client's own SP-API host: a link to any other host, or any
    /// path but a Messaging or Solicitations schema, is refused before a token could go there.
    #[wasm_bindgen(js_name = getSchema, unchecked_return_type = "Promise<{ type: \"schema\"; schema: Record<string, unknown> }>")]
    pub fn get_schema(&self, #[wasm_bindgen(unchecked_param_type = "string")] href: JsValue) -> JsValue {
        let flow = arg(&href, "the schema link").map(|h| boxed(Read::schema(&h)));
        self.run(flow, &JsValue::NULL, &JsValue::NULL)
    }

    /// Request a product review and seller feedback, exactly once: checks the actions first, and
    /// settles an unknown outcome by reading them again, never by resending blindly. With
    /// `options.state` it goes on from a state `options.onSave` stored before a create left.
    #[wasm_bindgen(js_name = requestReview, unchecked_return_type = "Promise<ReviewResult>")]
    pub fn request_review(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] marketplace_id: JsValue,
        options: Option<JsRunOptions>,
    ) -> JsValue {
        let run = (|| {
            let (state, on_save) = self::options(options)?;
            let flow = match state {
                Some(text) => ReviewRequest::restore(&text),
                None => ReviewRequest::new(&arg(&order_id, "orderId")?, &arg(&marketplace_id, "marketplaceId")?, None),
            };
            Ok((boxed(flow.map_err(|e| flow_error(&e))?), on_save))
        })();
        match run {
            Ok((flow, on_save)) => self.run(Ok(flow), &JsValue::NULL, &on_save),
            Err(e) => self.run(Err(e), &JsValue::NULL, &JsValue::NULL),
        }
    }

    /// Send a message of `kind` (e.g. "confirmDeliveryDetails"), uploading `files` first through
    /// the Uploads API. The body is checked against the built-in rules, the action's schema and the
    /// text policy before anything is sent. With `options.state` it goes on from a stored state.
    #[wasm_bindgen(js_name = sendMessage, unchecked_return_type = "Promise<MessageResult>")]
    #[allow(clippy::too_many_arguments)]
    pub fn send_message(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] kind: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] marketplace_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, unknown>")] body: JsValue,
        files: Option<JsFiles>,
        confirm_links: Option<bool>,
        options: Option<JsRunOptions>,
    ) -> JsValue {
        let files: JsValue = files.map_or(JsValue::NULL, Into::into);
        let run = (|| {
            let specs = self::files(&files)?;
            let (state, on_save) = self::options(options)?;
            let flow = match state {
                Some(text) => SendMessage::restore(&text, &specs.iter().map(|f| f.md5.clone()).collect::<Vec<_>>()),
                None => {
                    let body = if body.is_undefined() { serde_json::Value::Null } else { from_js(body, "the message body", Ok)? };
                    let (kind, order, market) = (arg(&kind, "kind")?, arg(&order_id, "orderId")?, arg(&marketplace_id, "marketplaceId")?);
                    SendMessage::new(&kind, &order, &market, body, confirm_links.unwrap_or(false), specs)
                }
            };
            Ok((boxed(flow.map_err(|e| flow_error(&e))?), on_save))
        })();
        match run {
            Ok((flow, on_save)) => self.run(Ok(flow), &files, &on_save),
            Err(e) => self.run(Err(e), &JsValue::NULL, &JsValue::NULL),
        }
    }

    /// Run one order of the bulk queue from its saved state (`queueReview` makes the first) until
    /// it rests: sent, skipped, scheduled or unknown. `onSave` stores the state before a create.
    #[wasm_bindgen(js_name = runQueuedReview, unchecked_return_type = "Promise<QueuedReviewState>")]
    pub fn run_queued_review(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] state: JsValue,
        #[wasm_bindgen(unchecked_param_type = "(state: string) => unknown")] on_save: JsValue,
    ) -> JsValue {
        let flow = arg(&state, "state").and_then(|s| QueuedReview::restore(&s).map(boxed).map_err(|e| flow_error(&e)));
        self.run(flow, &JsValue::NULL, &on_save)
    }

    /// Fetch an access token now: checks the credentials work (the options page's Test connection).
    #[wasm_bindgen(js_name = checkCredentials, unchecked_return_type = "Promise<null>")]
    pub fn check_credentials(&self) -> JsValue {
        self.session.borrow_mut().forget_token();
        self.run(Ok(boxed(Read::credentials())), &JsValue::NULL, &JsValue::NULL)
    }
}
