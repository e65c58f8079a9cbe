//! The one place that does network I/O: an `HttpRequest` out through gloo-net (the global
//! `fetch`, so it works in windows, service workers, Firefox event pages and Node), an
//! `HttpResponse` back. Time and timers come from JS here too.
use gloo_net::http::RequestBuilder;
use js_sys::{Promise, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers};

use crate::catalogue::Method;
use crate::http::{HttpRequest, HttpResponse};

#[wasm_bindgen]
extern "C" {
    // The global setTimeout: present in windows, workers and Node alike.
    #[wasm_bindgen(js_name = setTimeout)]
    fn set_timeout(callback: &JsValue, ms: f64) -> JsValue;
}

pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

pub fn random() -> f64 {
    js_sys::Math::random()
}

pub async fn sleep(ms: f64) {
    if ms <= 0.0 {
        return;
    }
    let p = Promise::new(&mut |resolve, _| {
        set_timeout(&resolve, ms);
    });
    let _ = JsFuture::from(p).await;
}

pub enum FetchError {
    /// The connection failed or dropped: nothing is known about what the server did.
    Network(String),
    Timeout,
}

/// Send `req` (with `bytes` as the body when given) and read the whole answer, or give up after
/// `timeout_ms`.
pub async fn send(req: &HttpRequest, bytes: Option<&[u8]>, timeout_ms: f64) -> Result<HttpResponse, FetchError> {
    let net = |e: JsValue| {
        FetchError::Network(
            e.as_string()
                .or_else(|| js_sys::Reflect::get(&e, &"message".into()).ok()?.as_string())
                .unwrap_or_else(|| "network error".into()),
        )
    };
    let headers = Headers::new().map_err(net)?;
    for (k, v) in &req.headers {
        // Browsers refuse some headers (Chrome drops user-agent): skip those rather than fail.
        let _ = headers.set(k, v);
    }
    let controller = AbortController::new().map_err(net)?;
    let signal = controller.signal();
    let abort = Closure::once_into_js(move || controller.abort());
    set_timeout(&abort, timeout_ms);
    let method = match req.method {
        Method::Get => gloo_net::http::Method::GET,
        Method::Post => gloo_net::http::Method::POST,
        Method::Put => gloo_net::http::Method::PUT,
    };
    let builder =
        RequestBuilder::new(&req.url).method(method).headers(gloo_net::http::Headers::from_raw(headers)).abort_signal(Some(&signal));
    let request = match (bytes, &req.body) {
        (Some(b), _) => builder.body(Uint8Array::from(b)),
        (None, Some(text)) => builder.body(text.as_str()),
        (None, None) => builder.build(),
    }
    .map_err(|e| FetchError::Network(e.to_string()))?;
    let timed_out = || signal.aborted();
    let response = match request.send().await {
        Ok(r) => r,
        Err(_) if timed_out() => return Err(FetchError::Timeout),
        Err(e) => return Err(FetchError::Network(e.to_string())),
    };
    let status = response.status();
    let headers = response.headers().entries().collect();
    let body = match response.text().await {
        Ok(b) => b,
        Err(_) if timed_out() => return Err(FetchError::Timeout),
        Err(e) => return Err(FetchError::Network(e.to_string())),
    };
    Ok(HttpResponse { status, headers, body })
}
