//! SP Outreach core: builds, validates and parses Amazon SP-API Messaging, Solicitations and
//! Uploads calls, and decides token refresh, rate limiting and retries from an injected clock.
//! Sans-IO: no socket, no clock, no randomness of its own (docs/style.md). The only I/O lives
//! in `wasm`, the boundary to JavaScript.
// The size and sans-IO rules of clippy.toml, for the library's own code.
#![cfg_attr(not(test), deny(clippy::disallowed_methods, clippy::disallowed_macros))]
pub mod autopilot;
pub mod caps;
pub mod catalogue;
pub mod error;
pub mod flow;
pub mod hal;
pub mod http;
pub mod ids;
pub mod json;
pub mod limiter;
pub mod lwa;
pub mod orders;
pub mod out;
pub mod policy;
pub mod request;
pub mod response;
mod typescript;
pub mod upload;
pub mod validate;
pub mod window;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

#[cfg(target_arch = "wasm32")]
#[global_allocator]
static TALC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

pub use catalogue::{Api, Method, Operation, OPERATIONS};
pub use error::BuildError;
pub use hal::{parse_actions, Action, Actions, HalError};
pub use http::{HttpRequest, HttpResponse};
pub use ids::{Marketplace, OrderId, Region, MARKETPLACES};
pub use json::{ReadError, Reader};
pub use limiter::{Decision, Failure, Limiter, RetryDecision, RetryPolicy, Verification};
pub use lwa::{AccessToken, Credentials, LwaError};
pub use orders::{DateRange, Order, Participation, Query};
pub use policy::{lint, Finding};
pub use request::{build, build_call, build_upload_destination, check_body, ApiCall, Call, Endpoint, Report, UPLOAD_PLACEHOLDER_ID};
pub use response::{parse_response, ApiError, ApiErrorKind, Success};
pub use validate::{validate, Limit, Violation};
pub use window::{review_window, ReviewWindow, WindowState};
