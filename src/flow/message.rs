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

use super::exchange::{self, Exchange, Failed, Target};
use super::read::actions_call;
use super::saved::{self, Codec};
use super::{Answer, FlowError, FlowStep, Machine, Outcome, Session, Step};
use crate::caps::{MAX_ATTACHMENT_BYTES, MAX_FILES};
use crate::catalogue::{Api, Operation};
use crate::error::BuildError;
use crate::json::obj;
use crate::limiter::{verify_create, Verification};
use crate::request::{self, Call};
use crate::response::{ApiErrorKind, Success};
use crate::upload::{self, FileInfo, UploadDestination};

/// A file to attach: what it is and the base64 MD5 of its bytes (the driver holds the bytes).
#[derive(Debug, Clone, PartialEq)]
pub struct FileSpec {
    pub info: FileInfo,
    pub md5: String,
}

/// The result JS sees (`MessageResult` in the .d.ts).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(all(test, not(target_arch = "wasm32")), derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct MessageResult {
    /// "sent".
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "\"sent\""))]
    pub status: &'static str,
    pub kind: &'static str,
    pub order_id: String,
    pub request_id: Option<String>,
    /// The outcome was unknown after the send and was settled by reading the actions again.
    pub verified: bool,
    /// `{ uploadDestinationId, fileName }` of each attachment.
    #[cfg_attr(all(test, not(target_arch = "wasm32")), ts(type = "{ uploadDestinationId: string; fileName: string }[]"))]
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

/// The saved stages: before the create, the create, the verification.
const STAGES: [&str; 3] = ["start", "create", "verify"];

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
    /// `{flow: "message", kind, orderId, marketplaceId, body, confirmLinks, files: [{fileName,
    /// contentType, size, md5}], schema, uploaded: [{uploadDestinationId, fileName}], stage,
    /// cause}`. The request under way is not saved (see `restore`).
    fn visit(&mut self, c: &mut dyn Codec, kind: &mut String) {
        c.tag("flow", "message");
        c.text("kind", kind);
        c.text("orderId", &mut self.order_id);
        c.text("marketplaceId", &mut self.marketplace_id);
        c.json("body", &mut self.body);
        c.flag("confirmLinks", &mut self.confirm_links);
        let files = &mut self.files;
        let n = c.list("files", files.len(), MAX_FILES, &mut |i, c| {
            if i == files.len() {
                let info = FileInfo { file_name: String::new(), content_type: String::new(), size: 0 };
                files.push(FileSpec { info, md5: String::new() });
            }
            if let Some(f) = files.get_mut(i) {
                c.text("fileName", &mut f.info.file_name);
                c.text("contentType", &mut f.info.content_type);
                let mut size = u32::try_from(f.info.size).unwrap_or(u32::MAX);
                c.count("size", &mut size, MAX_ATTACHMENT_BYTES as u32);
                f.info.size = size as usize;
                c.text("md5", &mut f.md5);
            }
        });
        files.truncate(n);
        let mut schema = self.schema.take().unwrap_or_default();
        c.json("schema", &mut schema);
        self.schema = Some(schema).filter(Value::is_object);
        let uploaded = &mut self.uploaded;
        let n = c.list("uploaded", uploaded.len(), MAX_FILES, &mut |i, c| {
            if i == uploaded.len() {
                uploaded.push((String::new(), String::new()));
            }
            if let Some((id, name)) = uploaded.get_mut(i) {
                c.text("uploadDestinationId", id);
                c.text("fileName", name);
            }
        });
        uploaded.truncate(n);
        // Before the create, a restored message starts again from its check: nothing has reached
        // the buyer, a pre-signed URL lasts 900 s (facts.md) and the PUT of the same bytes is
        // harmless. From the create on, it goes on where it was.
        let mut stage = match self.stage {
            Stage::Create => 1,
            Stage::Verify => 2,
            _ => 0,
        };
        c.choice("stage", &mut stage, &STAGES);
        self.stage = [Stage::Validate, Stage::Create, Stage::Verify].get(stage).copied().unwrap_or(Stage::Validate);
        c.opt_text("cause", &mut self.cause);
    }

    /// Takes back a saved message. `md5s` are the Content-MD5s of the files the driver holds now:
    /// while files are still to be uploaded they must be the saved ones.
    pub fn restore(text: &str, md5s: &[String]) -> Result<SendMessage, FlowError> {
        let mut m = SendMessage::new("confirmDeliveryDetails", "", "", Value::Null, false, Vec::new())?;
        let mut kind = String::new();
        saved::read(text, &mut |c| m.visit(c, &mut kind))?;
        // The kind, the files and the body checked as `new` checks them.
        let mut fresh = SendMessage::new(&kind, &m.order_id, &m.marketplace_id, m.body, m.confirm_links, m.files)?;
        let bad = |m: &str| Err(FlowError::State { message: m.into() });
        if m.stage == Stage::Validate {
            // Everything is done again: with the same files.
            return if fresh.files.iter().map(|f| &f.md5).eq(md5s.iter()) {
                Ok(fresh)
            } else {
                bad("the files are not the ones of the saved message")
            };
        }
        if m.uploaded.len() != fresh.files.len() {
            return bad("$.uploaded does not hold every file");
        }
        // A create saved before it left may have gone: verified, never sent again on a guess.
        (fresh.schema, fresh.uploaded, fresh.cause) = (m.schema, m.uploaded, m.cause);
        fresh.cause.get_or_insert_with(|| super::STOPPED.into());
        fresh.go(Stage::Verify);
        Ok(fresh)
    }

    /// The body with the attachments uploaded so far, or placeholders for all before the uploads.
    fn body(&self, placeholders: bool) -> Value {
        let mut body = self.body.clone();
        if !self.files.is_empty() {
            let list: Vec<Value> = if placeholders {
                self.files.iter().map(|f| attachment(request::UPLOAD_PLACEHOLDER_ID, &f.info.file_name)).collect()
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

    fn save(&mut self) -> String {
        let mut kind = self.op.operation_id.to_owned();
        saved::Writer::text(&mut |c| self.visit(c, &mut kind))
    }
}
