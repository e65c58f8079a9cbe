//! Errors of building a request. Every error has a stable `kind` for the JS shell (docs/style.md:
//! bitwarden's flat errors) and a sentence a seller can act on.
use serde::Serialize;
use thiserror::Error;

use crate::out::{Out, ToJson};
use crate::validate::{Limit, Violation};

impl From<Limit> for BuildError {
    fn from(l: Limit) -> BuildError {
        if l.is_body() {
            BuildError::BodyTooLarge(l.message())
        } else {
            BuildError::SchemaTooComplex(l.message())
        }
    }
}

#[derive(Debug, Clone, PartialEq, Error, Serialize)]
#[serde(tag = "kind", content = "details", rename_all = "camelCase")]
pub enum BuildError {
    #[error("\"{0}\" is not an Amazon order id: it must look like 123-1234567-1234567")]
    InvalidOrderId(String),
    #[error("\"{0}\" is not a known Amazon marketplace id")]
    UnknownMarketplace(String),
    #[error("exactly one marketplace id is required, got {0}")]
    MarketplaceCount(usize),
    #[error("marketplace {marketplace} ({country}) belongs to region {marketplace_region}, but the endpoint is region {endpoint_region}")]
    #[serde(rename_all = "camelCase")]
    MarketplaceRegion { marketplace: String, country: String, marketplace_region: String, endpoint_region: String },
    #[error("\"{0}\" is not a known operation or message kind")]
    UnknownOperation(String),
    #[error("\"{0}\" is not a region: use na, eu or fe")]
    InvalidRegion(String),
    #[error("base URL \"{0}\" must start with http:// or https:// and have no query")]
    InvalidBaseUrl(String),
    #[error("{0} is missing or empty")]
    MissingField(&'static str),
    #[error("{operation} takes no request body")]
    BodyNotAllowed { operation: &'static str },
    #[error("the message is invalid: {}", first_message(.0))]
    InvalidBody(Vec<Violation>),
    #[error("the attachment is invalid: {0}")]
    InvalidAttachment(String),
    /// A query parameter of the Orders API that the model does not allow.
    #[error("{parameter}: {reason}")]
    InvalidParameter { parameter: &'static str, reason: String },
    /// The schema cannot be checked within the core's limits (crate::validate::Limit): nothing is
    /// sent on a body that could not be checked.
    #[error("the message could not be checked: {0}")]
    SchemaTooComplex(String),
    #[error("the message is too large to check: {0}")]
    BodyTooLarge(String),
}

/// `{kind, details}`, as the derived `Serialize` writes it (the contract; src/out.rs tests both).
impl ToJson for BuildError {
    fn to_json(&self, o: &mut Out) {
        o.obj().key("kind").str(self.kind()).key("details");
        match self {
            BuildError::InvalidOrderId(s)
            | BuildError::UnknownMarketplace(s)
            | BuildError::UnknownOperation(s)
            | BuildError::InvalidRegion(s)
            | BuildError::InvalidBaseUrl(s)
            | BuildError::InvalidAttachment(s)
            | BuildError::SchemaTooComplex(s)
            | BuildError::BodyTooLarge(s) => {
                o.str(s);
            }
            BuildError::MissingField(s) => {
                o.str(s);
            }
            BuildError::MarketplaceCount(n) => {
                o.uint(*n as u64);
            }
            BuildError::MarketplaceRegion { marketplace, country, marketplace_region, endpoint_region } => {
                o.obj().key("marketplace").str(marketplace).key("country").str(country);
                o.key("marketplaceRegion").str(marketplace_region).key("endpointRegion").str(endpoint_region).end();
            }
            BuildError::BodyNotAllowed { operation } => {
                o.obj().key("operation").str(operation).end();
            }
            BuildError::InvalidBody(v) => {
                o.list(v);
            }
            BuildError::InvalidParameter { parameter, reason } => {
                o.obj().key("parameter").str(parameter).key("reason").str(reason).end();
            }
        }
        o.end();
    }
}

fn first_message(v: &[Violation]) -> String {
    match v {
        [] => "no details".into(),
        [one] => one.message.clone(),
        [first, rest @ ..] => format!("{} (and {} more)", first.message, rest.len()),
    }
}

impl BuildError {
    /// The stable machine-readable kind, as serialized.
    pub fn kind(&self) -> &'static str {
        match self {
            BuildError::InvalidOrderId(_) => "invalidOrderId",
            BuildError::UnknownMarketplace(_) => "unknownMarketplace",
            BuildError::MarketplaceCount(_) => "marketplaceCount",
            BuildError::MarketplaceRegion { .. } => "marketplaceRegion",
            BuildError::UnknownOperation(_) => "unknownOperation",
            BuildError::InvalidRegion(_) => "invalidRegion",
            BuildError::InvalidBaseUrl(_) => "invalidBaseUrl",
            BuildError::MissingField(_) => "missingField",
            BuildError::BodyNotAllowed { .. } => "bodyNotAllowed",
            BuildError::InvalidBody(_) => "invalidBody",
            BuildError::InvalidAttachment(_) => "invalidAttachment",
            BuildError::InvalidParameter { .. } => "invalidParameter",
            BuildError::SchemaTooComplex(_) => "schemaTooComplex",
            BuildError::BodyTooLarge(_) => "bodyTooLarge",
        }
    }
}
