//! The core as wasm in Node and in browser windows (wasm-pack test --node / --headless --chrome /
//! --headless --firefox), against the stand-in server.
#![cfg(target_arch = "wasm32")]
mod wasm_common;

wasm_tests!(sync: pure_functions; async: real_requests, review_flow_exactly_once, unknown_outcome_is_verified_not_resent,
    read_retried_with_hook, message_with_attachment_and_blocked_text, token_refresh_and_bad_credentials, loggers_redact_secrets, timeouts_are_bounded,
    a_stored_review_goes_on_with_its_verification, a_queued_order_runs_to_its_end, redirects_and_foreign_upload_hosts_are_refused,
    the_client_state_is_stored_and_taken_back);
