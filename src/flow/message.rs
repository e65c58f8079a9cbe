//! Send a buyer message of one kind, with its attachments uploaded first (facts.md "Attachments").
//!
//! Validate: the whole body is checked (built-in rules, text policy) with a placeholder for each
//! attachment before anything is sent. Actions: the kind must be offered now; its schema is
//! applied too. Then, per file: Destination (Uploads API; the answer is used only when it is an
//! Amazon S3 URL with an upload's headers) and Upload (the PUT of the bytes). Create: the message.
//! An unknown outcome is verified by reading the actions: a kind no longer offered was sent; one
//! still offered proves nothing (Messaging offers kinds again after a send), so the result is
//! "outcome unknown" and the message is never sent again on a guess.
use serde::Serialize;
use serde_json::Value;

use super::exchange::{self, Exchange, Failed, SavedExchange, Target};
use super::read::actions_call;
use super::saved::{self, Fields};
use super::{Answer, FlowError, FlowStep, Machine, Outcome, Session, Step};
use crate::caps::{MAX_ATTACHMENT_BYTES, MAX_FILES};
use crate::catalogue::{Api, Operation};
use crate::error::BuildError;
use crate::json::obj;
use crate::limiter::{verify_create, Verification};
use crate::request::{self, Call};
use crate::response::{ApiErrorKind, Success};
use crate::upload::{self, FileInfo, UploadDestination};

/// The attachment id a body carries while it is checked before its files are uploaded.
pub const UPLOAD_PLACEHOLDER: &str = "pending-upload";

/// A file to attach: what it is and the base64 MD5 of its bytes (the driver holds the bytes).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FileSpec {
    #[serde(flatten)]
    pub info: FileInfo,
    pub md5: String,
}

/// The result JS sees (`MessageResult` in the .d.ts).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MessageResult {
    /// "sent".
    pub status: &'static str,
    pub kind: &'static str,
    pub order_id: String,
    pub request_id: Option<String>,
    /// The outcome was unknown after the send and was settled by reading the actions again.
    pub verified: bool,
    /// `{ uploadDestinationId, fileName }` of each attachment.
    pub attachments: Vec<Value>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    Validate,
    Actions,
    Destination(usize),
    Upload(usize),
    Create,
    Verify,
}

const STAGES: [&str; 6] = ["validate", "actions", "destination", "upload", "create", "verify"];

#[derive(Debug, Clone, PartialEq)]
pub struct SendMessage {
    op: &'static Operation,
    order_id: String,
    marketplace_id: String,
    body: Value,
    confirm_links: bool,
    files: Vec<FileSpec>,
    /// The action's schema, from the actions read.
    schema: Option<Value>,
    /// (uploadDestinationId, fileName) of the files uploaded so far.
    uploaded: Vec<(String, String)>,
    dest: Option<UploadDestination>,
    stage: Stage,
    cause: Option<String>,
    ex: Exchange,
    result: Option<Result<Outcome, FlowError>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SavedMessage<'a> {
    v: u64,
    flow: &'static str,
    kind: &'static str,
    order_id: &'a str,
    marketplace_id: &'a str,
    body: &'a Value,
    confirm_links: bool,
    files: &'a [FileSpec],
    schema: &'a Option<Value>,
    uploaded: &'a [(String, String)],
    dest: &'a Option<UploadDestination>,
    stage: &'static str,
    index: usize,
    cause: &'a Option<String>,
    ex: SavedExchange,
}

fn attachment(id: &str, file_name: &str) -> Value {
    obj(vec![("uploadDestinationId", id.into()), ("fileName", file_name.into())])
}

impl SendMessage {
    /// A message of `kind` (an operationId or action name, e.g. "confirmDeliveryDetails"). What can
    /// be checked without Amazon is checked now: the kind, the files (count, name, type, size) and
    /// the body's shape.
    pub fn new(
        kind: &str,
        order_id: &str,
        marketplace_id: &str,
        body: Value,
        confirm_links: bool,
        files: Vec<FileSpec>,
    ) -> Result<SendMessage, FlowError> {
        let build = |e| FlowError::Build(e);
        let op = Operation::find(kind).map_err(build)?;
        if !op.is_message() {
            return Err(build(BuildError::UnknownOperation(format!("{} is not a message kind", op.operation_id))));
        }
        let max = request::max_attachments(op) as usize;
        if files.len() > max.min(MAX_FILES) {
            return Err(build(BuildError::InvalidAttachment(format!("{} messages take at most {max} attachments", op.action))));
        }
        let mut total = 0usize;
        for f in &files {
            upload::check_file(&f.info).map_err(build)?;
            total = total.saturating_add(f.info.size);
        }
        if total > MAX_ATTACHMENT_BYTES {
            return Err(build(BuildError::InvalidAttachment(
                "the attachments together are larger than 10 MB, the most Amazon takes in one message".into(),
            )));
        }
        let body = match body {
            Value::Null => Value::Object(Default::default()),
            Value::Object(o) => Value::Object(o),
            other => {
                return Err(build(BuildError::InvalidBody(vec![crate::validate::Violation::new(
                    "$",
                    "type",
                    format!("the message body must be an object, not {}", crate::json::kind(&other)),
                )])))
            }
        };
        Ok(SendMessage {
            op,
            order_id: order_id.into(),
            marketplace_id: marketplace_id.into(),
            body,
            confirm_links,
            files,
            schema: None,
            uploaded: Vec::new(),
            dest: None,
            stage: Stage::Validate,
            cause: None,
            ex: Exchange::new(Target::Call(actions_call(Api::Messaging, order_id, marketplace_id))),
            result: None,
        })
    }

    /// Takes back a saved message. `md5s` are the Content-MD5s of the files the driver holds now:
    /// while files are still to be uploaded they must be the saved ones.
    pub fn restore(text: &str, md5s: &[String]) -> Result<SendMessage, FlowError> {
        let v = saved::parse(text)?;
        let f = Fields::new(&v, "$")?;
        if f.str("flow")? != "message" {
            return Err(FlowError::State { message: "$.flow is not a message".into() });
        }
        let mut files = Vec::new();
        for (i, x) in f.arr("files", MAX_FILES)?.iter().enumerate() {
            let x = Fields::new(x, &format!("$.files[{i}]"))?;
            let size = x.count("size", MAX_ATTACHMENT_BYTES as u32)? as usize;
            let info = FileInfo { file_name: x.str("fileName")?.into(), content_type: x.str("contentType")?.into(), size };
            files.push(FileSpec { info, md5: x.str("md5")?.into() });
        }
        let body = f.value("body").cloned().unwrap_or(Value::Null);
        let mut m = SendMessage::new(f.str("kind")?, f.str("orderId")?, f.str("marketplaceId")?, body, f.bool("confirmLinks")?, files)?;
        m.schema = f.value("schema").filter(|s| s.is_object()).cloned();
        m.cause = f.opt_str("cause")?.map(str::to_owned);
        for (i, pair) in f.arr("uploaded", MAX_FILES)?.iter().enumerate() {
            match pair.as_array().map(Vec::as_slice) {
                Some([Value::String(id), Value::String(name)]) => m.uploaded.push((id.clone(), name.clone())),
                _ => return Err(FlowError::State { message: format!("$.uploaded[{i}] is not an [id, fileName] pair") }),
            }
        }
        let index = f.count("index", MAX_FILES as u32)? as usize;
        let n = m.files.len();
        m.stage = match f.one_of("stage", &STAGES)? {
            0 => Stage::Validate,
            1 => Stage::Actions,
            // A destination or an upload that was going on is asked for again: a pre-signed URL
            // lasts 900 s (facts.md), and the PUT of the same bytes is harmless.
            2 | 3 if index < n && m.uploaded.len() == index => Stage::Destination(index),
            2 | 3 => return Err(FlowError::State { message: "$.index is not the next file to upload".into() }),
            4 => Stage::Create,
            _ => Stage::Verify,
        };
        if matches!(m.stage, Stage::Validate | Stage::Actions | Stage::Destination(_)) && m.files.iter().map(|f| &f.md5).ne(md5s.iter()) {
            return Err(FlowError::State { message: "the files are not the ones of the saved message".into() });
        }
        m.ex = match m.stage {
            Stage::Destination(_) => Exchange::new(m.target()),
            _ => Exchange::restore(m.target(), &f.obj("ex")?)?,
        };
        Ok(m)
    }

    /// "validating", "checking", "uploading", "sending" or "verifying".
    pub fn stage_name(&self) -> &'static str {
        match self.stage {
            Stage::Validate => "validating",
            Stage::Actions => "checking",
            Stage::Destination(_) | Stage::Upload(_) => "uploading",
            Stage::Create => "sending",
            Stage::Verify => "verifying",
        }
    }

    /// The body with the attachments uploaded so far, or placeholders for all before the uploads.
    fn body(&self, placeholders: bool) -> Value {
        let mut body = self.body.clone();
        if !self.files.is_empty() {
            let list: Vec<Value> = if placeholders {
                self.files.iter().map(|f| attachment(UPLOAD_PLACEHOLDER, &f.info.file_name)).collect()
            } else {
                self.uploaded.iter().map(|(id, name)| attachment(id, name)).collect()
            };
            if let Some(o) = body.as_object_mut() {
                o.insert("attachments".into(), Value::Array(list));
            }
        }
        body
    }

    fn call(&self, placeholders: bool) -> Call {
        Call {
            operation: self.op.operation_id.into(),
            order_id: self.order_id.clone(),
            marketplace_ids: vec![self.marketplace_id.clone()],
            body: Some(self.body(placeholders)),
            schema: self.schema.clone(),
            confirm_links: self.confirm_links,
        }
    }

    fn target(&self) -> Target {
        match self.stage {
            Stage::Destination(i) | Stage::Upload(i) => match (self.stage, &self.dest, self.files.get(i)) {
                (Stage::Upload(_), Some(dest), Some(f)) => {
                    Target::Put { dest: dest.clone(), index: i, file_name: f.info.file_name.clone() }
                }
                (_, _, Some(f)) => Target::Destination {
                    message: self.op,
                    order_id: self.order_id.clone(),
                    marketplace_id: self.marketplace_id.clone(),
                    file: f.info.clone(),
                    md5: f.md5.clone(),
                },
                _ => Target::Call(self.call(false)),
            },
            Stage::Create => Target::Call(self.call(false)),
            _ => Target::Call(actions_call(Api::Messaging, &self.order_id, &self.marketplace_id)),
        }
    }

    fn go(&mut self, stage: Stage) {
        self.stage = stage;
        self.ex = Exchange::new(self.target());
    }

    fn done(&mut self, r: Result<MessageResult, FlowError>) {
        self.result = Some(r.map(Outcome::Message));
    }

    fn sent(&mut self, request_id: Option<String>, verified: bool) {
        let attachments = self.uploaded.iter().map(|(id, name)| attachment(id, name)).collect();
        let r = MessageResult { status: "sent", kind: self.op.action, order_id: self.order_id.clone(), request_id, verified, attachments };
        self.done(Ok(r))
    }

    /// The body checked as it will be sent, before any request: nothing invalid leaves.
    fn check(&self, s: &Session) -> Result<(), FlowError> {
        request::build(&self.call(true), &s.endpoint, "check").map(|_| ()).map_err(FlowError::Build)
    }

    fn after_uploads(&mut self, next: usize) {
        if next < self.files.len() {
            self.go(Stage::Destination(next))
        } else {
            self.go(Stage::Create)
        }
    }

    fn step(&mut self, s: &Session, outcome: exchange::Outcome) {
        let success = |o: exchange::Outcome| o.map(|r| (r.success, r.request_id));
        match (self.stage, success(outcome)) {
            (Stage::Validate, _) => {}
            (Stage::Actions, Ok((Some(Success::Actions(a)), _))) => {
                let Some(action) = a.find(self.op.action) else {
                    let offered = a.actions.iter().map(|x| x.name.clone()).collect();
                    return self.done(Err(FlowError::KindNotOffered { kind: self.op.action, offered }));
                };
                self.schema = action.schema.clone();
                match self.check(s) {
                    Ok(()) => self.after_uploads(0),
                    Err(e) => self.done(Err(e)),
                }
            }
            (Stage::Destination(i), Ok((Some(Success::UploadDestination(d)), _))) => {
                let md5 = self.files.get(i).map(|f| f.md5.as_str()).unwrap_or_default();
                match upload::check_destination(&d, md5, s.local_origin().as_deref()) {
                    Ok(()) => {
                        self.dest = Some(d);
                        self.go(Stage::Upload(i))
                    }
                    Err(reason) => self.done(Err(FlowError::UploadRefused { reason })),
                }
            }
            (Stage::Upload(i), Ok(_)) => {
                if let (Some(d), Some(f)) = (self.dest.take(), self.files.get(i)) {
                    self.uploaded.push((d.upload_destination_id, f.info.file_name.clone()));
                }
                self.after_uploads(i + 1)
            }
            (Stage::Create, Ok((_, request_id))) => self.sent(request_id, false),
            (Stage::Create, Err(f)) if f.unknown => {
                self.cause = Some(f.error.message());
                self.go(Stage::Verify)
            }
            // Refused as not offered although the actions offered it a moment ago: a browser may have
            // resent our create on its own (Chrome does after a connection dropped before any
            // answer) and the resend was refused because the first went through — or the order
            // changed in between. Amazon's refusal is the same for both: it cannot be known.
            (Stage::Create, Err(Failed { error: FlowError::Api(e), .. })) if e.kind == ApiErrorKind::MessageKindNotOffered => {
                self.cause = Some(e.explanation);
                self.done(Err(self.unknown()))
            }
            (Stage::Verify, Ok((Some(Success::Actions(a)), _))) => match verify_create(self.op, &a) {
                Verification::Sent => self.sent(None, true),
                // Messaging may offer the kind again after a send: never resend on a guess.
                Verification::NotSent | Verification::Unknown => self.done(Err(self.unknown())),
            },
            (Stage::Verify, Err(f)) => {
                if self.cause.is_none() {
                    self.cause = Some(f.error.message());
                }
                self.done(Err(self.unknown()))
            }
            (_, Err(f)) => self.done(Err(f.error)),
            (_, Ok(_)) => self.done(Err(FlowError::Unexpected { operation: self.ex.label() })),
        }
    }

    fn unknown(&self) -> FlowError {
        FlowError::OutcomeUnknown { operation: self.op.operation_id, order_id: self.order_id.clone(), cause: self.cause.clone() }
    }
}

impl Machine for SendMessage {
    fn poll(&mut self, s: &mut Session, now_ms: f64) -> FlowStep {
        // Each turn returns or moves the stage on; the stages are at most 2 + 2 × 5 + 2.
        for _ in 0..32 {
            if let Some(r) = self.result.take() {
                return Step::Done(r);
            }
            if self.stage == Stage::Validate {
                match self.check(s) {
                    Ok(()) => self.go(Stage::Actions),
                    Err(e) => self.done(Err(e)),
                }
                continue;
            }
            match self.ex.poll(s, now_ms) {
                Step::Send(o) => return Step::Send(o),
                Step::Wait(w) => return Step::Wait(w),
                Step::Done(outcome) => self.step(s, outcome),
            }
        }
        Step::Wait(super::Wait { ms: 1.0, retry: None })
    }

    fn handle(&mut self, s: &mut Session, answer: Answer, now_ms: f64) {
        if let Some(outcome) = self.ex.handle(s, answer, now_ms) {
            self.step(s, outcome);
        }
    }

    fn save(&self) -> String {
        let (stage, index) = match self.stage {
            Stage::Validate => (0, 0),
            Stage::Actions => (1, 0),
            Stage::Destination(i) => (2, i),
            Stage::Upload(i) => (3, i),
            Stage::Create => (4, 0),
            Stage::Verify => (5, 0),
        };
        let saved = SavedMessage {
            v: saved::VERSION,
            flow: "message",
            kind: self.op.operation_id,
            order_id: &self.order_id,
            marketplace_id: &self.marketplace_id,
            body: &self.body,
            confirm_links: self.confirm_links,
            files: &self.files,
            schema: &self.schema,
            uploaded: &self.uploaded,
            dest: &self.dest,
            stage: STAGES[stage],
            index,
            cause: &self.cause,
            ex: self.ex.save(),
        };
        serde_json::to_string(&saved).unwrap_or_default()
    }
}
