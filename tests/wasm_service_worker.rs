//! The core as wasm inside a real ServiceWorkerGlobalScope (Chrome and Firefox), as the
//! extension's background runs it, against the stand-in server.
#![cfg(target_arch = "wasm32")]
mod wasm_common;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_service_worker);

wasm_tests!(sync: pure_functions; async: real_requests, review_flow_exactly_once, unknown_outcome_is_verified_not_resent,
    message_with_attachment_and_blocked_text, a_stored_review_goes_on_with_its_verification, a_queued_order_runs_to_its_end);
