//! How a flow fails: one enum, each variant with a stable `kind`, a `source` and a sentence a seller
//! can act on (docs/style.md: bitwarden's flat errors). The wasm boundary turns it into the one JS
//! error shape `{ name: "SpOutreachError", kind, source, message, details }`.

use crate::catalogue::{Api, Operation};
use crate::error::BuildError;
use crate::lwa::{LwaError, LwaErrorKind};
use crate::out::{Out, ToJson};
use crate::response::{ApiError, ApiErrorKind};

#[derive(Debug, Clone, PartialEq)]
pub enum FlowError {
    /// Nothing was sent: the input is not something Amazon would take.
    Build(BuildError),
    /// Amazon answered with an error.
    Api(ApiError),
    /// Login with Amazon refused the token request.
    Lwa(LwaError),
    /// No answer: the connection failed, dropped or broke.
    Network {
        operation: &'static str,
    },
    Timeout {
        operation: &'static str,
        ms: f64,
    },
    /// Amazon answered with a redirect; it is never followed (issue #12 item 4).
    Redirected {
        operation: &'static str,
    },
    /// The answer parsed but is not what the operation returns.
    Unexpected {
        operation: &'static str,
    },
    /// Amazon does not offer this message kind for the order now.
    KindNotOffered {
        kind: &'static str,
        offered: Vec<String>,
    },
    /// The file's PUT to its upload destination failed.
    UploadFailed {
        file_name: String,
        status: u16,
        body: String,
    },
    /// The upload destination is not an Amazon S3 URL with an upload's headers: nothing was uploaded.
    UploadRefused {
        reason: String,
    },
    /// A create may or may not have gone through and reading Amazon again could not tell.
    OutcomeUnknown {
        operation: &'static str,
        order_id: String,
        cause: Option<String>,
    },
    /// Amazon kept offering the review request after two creates whose outcome was unknown.
    NotSent {
        order_id: String,
    },
    /// A saved state could not be read back.
    State {
        message: String,
    },
}

/// The details: what `details_json` writes.
impl ToJson for FlowError {
    fn to_json(&self, o: &mut Out) {
        match self {
            FlowError::Build(e) => e.to_json(o),
            FlowError::Api(e) => e.to_json(o),
            FlowError::Lwa(e) => e.to_json(o),
            FlowError::Network { operation } | FlowError::Redirected { operation } | FlowError::Unexpected { operation } => {
                o.obj().key("operation").str(operation).end();
            }
            FlowError::Timeout { operation, ms } => {
                o.obj().key("operation").str(operation).key("timeoutMs").num(*ms).end();
            }
            FlowError::UploadFailed { status, body, .. } => {
                o.obj().key("body").str(body).key("status").uint((*status).into()).end();
            }
            FlowError::KindNotOffered { kind, offered } => {
                o.obj().key("kind").str(kind).key("offered").list(offered).end();
            }
            FlowError::OutcomeUnknown { operation, order_id, cause } => {
                o.obj().key("cause").opt_str(cause.as_deref()).key("operation").str(operation).key("orderId").str(order_id).end();
            }
            FlowError::UploadRefused { reason } => {
                o.obj().key("reason").str(reason).end();
            }
            FlowError::NotSent { order_id } => {
                o.obj().key("orderId").str(order_id).end();
            }
            FlowError::State { message } => {
                o.obj().key("message").str(message).end();
            }
        }
    }
}

impl FlowError {
    /// "build" (nothing was sent), "api" (Amazon answered), "lwa", "network", "timeout", "outcome".
    pub fn source(&self) -> &'static str {
        match self {
            FlowError::Build(_) | FlowError::State { .. } => "build",
            FlowError::Api(_) | FlowError::Unexpected { .. } | FlowError::KindNotOffered { .. } => "api",
            FlowError::UploadFailed { .. } | FlowError::UploadRefused { .. } => "api",
            FlowError::Lwa(_) => "lwa",
            FlowError::Network { .. } | FlowError::Redirected { .. } => "network",
            FlowError::Timeout { .. } => "timeout",
            FlowError::OutcomeUnknown { .. } | FlowError::NotSent { .. } => "outcome",
        }
    }

    /// The stable machine-readable kind.
    pub fn kind(&self) -> &'static str {
        match self {
            FlowError::Build(e) => e.kind(),
            FlowError::Api(e) => api_kind(e.kind),
            FlowError::Lwa(e) => lwa_kind(e.kind),
            FlowError::Network { .. } => "network",
            FlowError::Timeout { .. } => "timeout",
            FlowError::Redirected { .. } => "redirectRefused",
            FlowError::Unexpected { .. } => "malformedResponse",
            FlowError::KindNotOffered { .. } => "messageKindNotOffered",
            FlowError::UploadFailed { .. } => "uploadFailed",
            FlowError::UploadRefused { .. } => "uploadDestinationRefused",
            FlowError::OutcomeUnknown { .. } => "outcomeUnknown",
            FlowError::NotSent { .. } => "notSent",
            FlowError::State { .. } => "invalidState",
        }
    }

    /// What happened, in words a seller understands.
    pub fn message(&self) -> String {
        match self {
            FlowError::Build(e) => e.to_string(),
            FlowError::Api(e) => e.explanation.clone(),
            FlowError::Lwa(e) => e.explanation.clone(),
            FlowError::Network { .. } => "Amazon could not be reached, or its answer broke off.".into(),
            FlowError::Timeout { ms, .. } => format!("Amazon did not answer within {} ms", *ms as u64),
            FlowError::Redirected { .. } => "Amazon answered with a redirect, which is never followed.".into(),
            FlowError::Unexpected { operation } => format!("{operation} returned an unexpected result"),
            FlowError::KindNotOffered { .. } => {
                "Amazon doesn't offer this kind of message for this order right now; which kinds are offered depends on the order's status."
                    .into()
            }
            FlowError::UploadFailed { file_name, status, .. } => format!("The upload of {file_name} failed (HTTP {status})."),
            FlowError::UploadRefused { reason } => format!("The attachment was not uploaded: {reason}."),
            FlowError::OutcomeUnknown { operation, order_id, .. } => {
                let what = Operation::find(operation).map_or("the message", what);
                format!("It is not known whether {what} for order {order_id} went through, and it was not sent again. Check the order before trying again.")
            }
            FlowError::NotSent { .. } => "Amazon did not confirm the review request twice; it was not sent. Try again later.".into(),
            FlowError::State { message } => format!("The saved state could not be read: {message}"),
        }
    }

    /// The typed details JS finds under `error.details`, as JSON text: the build, API or LWA
    /// error itself, or an object of the variant's fields (keys in alphabetical order).
    pub fn details_json(&self) -> String {
        crate::out::text(self)
    }

    /// Worth trying again later: nothing says the order cannot be done — Amazon was unreachable,
    /// busy or slow, or did not confirm. Only a definite answer (not eligible, window closed,
    /// credentials gone, bad input) is not (issue #11 item 2).
    pub fn transient(&self) -> bool {
        match self {
            FlowError::Network { .. } | FlowError::Timeout { .. } | FlowError::Redirected { .. } => true,
            FlowError::NotSent { .. } | FlowError::Unexpected { .. } => true,
            // A token rejected again right after a refresh: the next try refreshes again, and Login
            // with Amazon says so definitely if the authorisation is gone.
            FlowError::Api(e) => {
                matches!(
                    e.kind,
                    ApiErrorKind::ServerError | ApiErrorKind::QuotaExceeded | ApiErrorKind::MalformedResponse | ApiErrorKind::TokenRejected
                )
            }
            FlowError::Lwa(e) => matches!(e.kind, LwaErrorKind::Unavailable | LwaErrorKind::Malformed),
            _ => false,
        }
    }

    /// The seller's credentials or the app's authorisation no longer work: nothing will until the
    /// seller fixes them in the options.
    pub fn credentials(&self) -> bool {
        match self {
            FlowError::Lwa(e) => !matches!(e.kind, LwaErrorKind::Unavailable | LwaErrorKind::Malformed),
            FlowError::Api(e) => e.kind == ApiErrorKind::AccessDenied,
            _ => false,
        }
    }

    /// The error when the transport gave no usable answer to `operation`.
    pub(crate) fn transport(operation: &'static str, how: super::Transport, timeout_ms: f64) -> FlowError {
        match how {
            super::Transport::Timeout => FlowError::Timeout { operation, ms: timeout_ms },
            super::Transport::Redirected => FlowError::Redirected { operation },
            super::Transport::NoAnswer | super::Transport::Broken => FlowError::Network { operation },
        }
    }
}

/// What a create of `op` is, in a seller's words.
fn what(op: &Operation) -> &'static str {
    if op.api == Api::Solicitations {
        "the review request"
    } else {
        "the message"
    }
}

/// ApiErrorKind's serialized name ("quotaExceeded").
pub fn api_kind(kind: ApiErrorKind) -> &'static str {
    match kind {
        ApiErrorKind::AlreadyRequestedOrOutsideWindow => "alreadyRequestedOrOutsideWindow",
        ApiErrorKind::OutsideReviewWindow => "outsideReviewWindow",
        ApiErrorKind::MessageKindNotOffered => "messageKindNotOffered",
        ApiErrorKind::AttachmentMissing => "attachmentMissing",
        ApiErrorKind::InvalidInput => "invalidInput",
        ApiErrorKind::NotFound => "notFound",
        ApiErrorKind::AccessDenied => "accessDenied",
        ApiErrorKind::TokenRejected => "tokenRejected",
        ApiErrorKind::PayloadTooLarge => "payloadTooLarge",
        ApiErrorKind::UnsupportedMediaType => "unsupportedMediaType",
        ApiErrorKind::QuotaExceeded => "quotaExceeded",
        ApiErrorKind::ServerError => "serverError",
        ApiErrorKind::MalformedResponse => "malformedResponse",
        ApiErrorKind::Unexpected => "unexpected",
    }
}

/// "lwa" + the LWA kind: lwaInvalidGrant, lwaInvalidClient, …
pub fn lwa_kind(kind: LwaErrorKind) -> &'static str {
    match kind {
        LwaErrorKind::InvalidGrant => "lwaInvalidGrant",
        LwaErrorKind::InvalidClient => "lwaInvalidClient",
        LwaErrorKind::UnauthorizedClient => "lwaUnauthorizedClient",
        LwaErrorKind::InvalidRequest => "lwaInvalidRequest",
        LwaErrorKind::Unavailable => "lwaUnavailable",
        LwaErrorKind::Malformed => "lwaMalformed",
        LwaErrorKind::Other => "lwaOther",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_match_their_serialized_names() {
        // api_kind and lwa_kind are written out so the wasm needs no serializer to name a kind;
        // they must say what serde says.
        use crate::response::ApiErrorKind as K;
        for k in [
            K::AlreadyRequestedOrOutsideWindow,
            K::OutsideReviewWindow,
            K::MessageKindNotOffered,
            K::AttachmentMissing,
            K::InvalidInput,
            K::NotFound,
            K::AccessDenied,
            K::TokenRejected,
            K::PayloadTooLarge,
            K::UnsupportedMediaType,
            K::QuotaExceeded,
            K::ServerError,
            K::MalformedResponse,
            K::Unexpected,
        ] {
            assert_eq!(serde_json::to_value(k).unwrap(), api_kind(k), "{k:?}");
        }
        use crate::lwa::LwaErrorKind as L;
        for k in [L::InvalidGrant, L::InvalidClient, L::UnauthorizedClient, L::InvalidRequest, L::Unavailable, L::Malformed, L::Other] {
            let name = serde_json::to_value(k).unwrap().as_str().unwrap().to_owned();
            assert_eq!(format!("lwa{}{}", name[..1].to_uppercase(), &name[1..]), lwa_kind(k));
        }
    }
}
