//! `Client`: the core's flows (src/flow) for JS. Each method makes a flow from its arguments (read
//! and capped in mod.rs) and hands it, as a `Run`, to the driver (driver.js), which does what the
//! flow's steps say and nothing else. No decision is made here or there.
use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Function, JsString, Promise, Reflect};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::{api_arg, arg, build_error, files, flow_error, from_js, opt_arg, to_js, JsClientConfig, JsFiles, JsRunOptions};
use crate::caps::MAX_BODY_BYTES;
use crate::flow::{
    response_for_log, Answer, Machine, Outcome, QueuedReview, Read, RetryInfo, ReviewRequest, SendMessage, Session, SessionConfig, Step,
    Transport,
};
use crate::http::{HttpRequest, HttpResponse};
use crate::ids::Region;
use crate::lwa::Credentials;
use crate::request::{ApiCall, Endpoint};

#[wasm_bindgen(module = "/src/wasm/driver.js")]
extern "C" {
    /// Runs `run` to its end (driver.js): the only code that sends and waits.
    fn drive(run: Run, config: &JsValue, files: &JsValue, on_save: &JsValue) -> Promise;
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
}

/// A step as the driver reads it.
#[derive(Serialize)]
#[serde(tag = "step", rename_all = "camelCase")]
enum JsStep<'a> {
    #[serde(rename_all = "camelCase")]
    Send {
        label: &'a str,
        request: &'a HttpRequest,
        file: Option<usize>,
        timeout_ms: f64,
        /// The client's state, to store before the send.
        client_state: String,
        /// The flow's state, when it must be stored before the send (nothing leaves without it).
        state: Option<String>,
        log: Option<HttpRequest>,
    },
    Wait {
        ms: f64,
        retry: &'a Option<RetryInfo>,
    },
    Done {
        result: &'a Outcome,
    },
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

#[wasm_bindgen]
impl Run {
    /// The next step: `{step: "send", label, request, file, timeoutMs, clientState, state, log}`,
    /// `{step: "wait", ms, retry}` or `{step: "done", result}`; a flow that failed throws its error.
    pub fn step(&mut self, now: f64) -> Result<JsValue, JsValue> {
        let step = self.flow.poll(&mut self.session.borrow_mut(), now);
        match &step {
            Step::Send(o) => to_js(&JsStep::Send {
                label: {
                    self.label = o.label;
                    o.label
                },
                request: &o.request,
                file: o.file,
                timeout_ms: o.timeout_ms,
                client_state: self.session.borrow().save(),
                state: o.save_first.then(|| self.flow.save()),
                log: self.log.then(|| o.for_log()),
            }),
            Step::Wait(w) => to_js(&JsStep::Wait { ms: w.ms, retry: &w.retry }),
            Step::Done(Ok(result)) => to_js(&JsStep::Done { result }),
            Step::Done(Err(e)) => Err(flow_error(e)),
        }
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
                Some(b) => {
                    let headers = js_sys::Array::from(&get(&answer, "headers"))
                        .iter()
                        .map(|p| (get(&p, "0").as_string().unwrap_or_default(), get(&p, "1").as_string().unwrap_or_default()))
                        .collect();
                    Answer::Response(HttpResponse { status, headers, body: String::from(b) })
                }
                // Measured before it is copied into the core: no answer may fill the wasm memory.
                None => Answer::Failed(Transport::Broken),
            },
        };
        let logged = match (&answer, self.log) {
            (Answer::Response(r), true) => to_js(&response_for_log(self.label, r)).unwrap_or(JsValue::NULL),
            _ => JsValue::NULL,
        };
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
    fn run(&self, flow: Result<Box<dyn Machine>, JsValue>, files: &JsValue, on_save: &JsValue) -> Promise {
        match flow {
            Ok(flow) => drive(Run { session: self.session.clone(), flow, log: self.log, label: "" }, &self.config, files, on_save),
            Err(e) => Promise::reject(&e),
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
        let now = js_sys::Date::now();
        let mut session = Session::new(config, now, (js_sys::Math::random() * 9e15) as u64).map_err(|e| build_error(&e))?;
        if let Some(state) = opt_arg(&get(&c, "state"), "state")? {
            // A state that cannot be read is not used: the client starts afresh rather than not at all.
            let _ = session.restore(&state, now);
        }
        let log = ["logRequest", "logResponse"].iter().any(|k| get(&c, k).is_instance_of::<Function>());
        Ok(Client { session: Rc::new(RefCell::new(session)), config: c, log })
    }

    /// The actions Amazon offers for an order: `api` is "messaging" or "solicitations".
    #[wasm_bindgen(js_name = getActions, unchecked_return_type = "Promise<Actions & { type: \"actions\" }>")]
    pub fn get_actions(
        &self,
        #[wasm_bindgen(unchecked_param_type = "\"messaging\" | \"solicitations\"")] api: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] marketplace_id: JsValue,
    ) -> Promise {
        let flow = (|| Ok(boxed(Read::actions(api_arg(&api)?, &arg(&order_id, "orderId")?, &arg(&marketplace_id, "marketplaceId")?))))();
        self.run(flow, &JsValue::NULL, &JsValue::NULL)
    }

    /// The buyer's language (GetAttributes): write messages in it.
    #[wasm_bindgen(js_name = getAttributes, unchecked_return_type = "Promise<{ type: \"attributes\"; locale: string | null }>")]
    pub fn get_attributes(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] order_id: JsValue,
        #[wasm_bindgen(unchecked_param_type = "string")] marketplace_id: JsValue,
    ) -> Promise {
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
    ) -> Promise {
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
    pub fn get_schema(&self, #[wasm_bindgen(unchecked_param_type = "string")] href: JsValue) -> Promise {
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
    ) -> Promise {
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
    ) -> Promise {
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
    ) -> Promise {
        let flow = arg(&state, "state").and_then(|s| QueuedReview::restore(&s).map(boxed).map_err(|e| flow_error(&e)));
        self.run(flow, &JsValue::NULL, &on_save)
    }

    /// Fetch an access token now: checks the credentials work (the options page's Test connection).
    #[wasm_bindgen(js_name = checkCredentials, unchecked_return_type = "Promise<null>")]
    pub fn check_credentials(&self) -> Promise {
        self.session.borrow_mut().forget_token();
        self.run(Ok(boxed(Read::credentials())), &JsValue::NULL, &JsValue::NULL)
    }
}
