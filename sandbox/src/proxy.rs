//! `--proxy`: sp-sandbox as an HTTP proxy (RFC 9110 §9.3.6 CONNECT) for the host names it
//! emulates. A client with `HTTPS_PROXY=http://127.0.0.1:PORT` that trusts the certificate
//! (`--write-certificate`, or GET /_sandbox/certificate) reaches Login with Amazon, SP-API in
//! every region, Seller Central and S3 under their real names — no hosts file, no port 443, no
//! code change. The tunnel's TLS is terminated here and its requests go to the same router.
//! Tunnels to any other host are refused: nothing leaves the machine.
use crate::hosts;
use axum::body::Body;
use axum::http::{header, Request, Response, StatusCode};
use hyper::upgrade::Upgraded;
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::pin::Pin;
use tokio_rustls::server::TlsStream;
use tokio_rustls::TlsAcceptor;

/// A tunnel's stream once its TLS is terminated.
pub type Tunnel = TlsStream<TokioIo<Upgraded>>;

/// Serves the requests of one tunnel (the server's own connection loop).
pub type Serve = Box<dyn FnOnce(Tunnel) -> Pin<Box<dyn Future<Output = ()> + Send>> + Send>;

fn refuse(status: StatusCode, why: String) -> Response<Body> {
    let mut resp = Response::new(Body::from(why));
    *resp.status_mut() = status;
    resp.headers_mut().insert(header::CONTENT_TYPE, header::HeaderValue::from_static("text/plain; charset=utf-8"));
    resp
}

/// Answers a CONNECT: 200 and a TLS tunnel to the emulator for a served host; 403 for any other
/// host; 405 when sp-sandbox runs without `--proxy`.
pub fn connect<B: Send + 'static>(req: Request<B>, acceptor: Option<TlsAcceptor>, serve: Serve) -> Response<Body> {
    let Some(acceptor) = acceptor else {
        return refuse(StatusCode::METHOD_NOT_ALLOWED, "sp-sandbox answers CONNECT only with --proxy.\n".into());
    };
    let Some(authority) = req.uri().authority().map(|a| a.host().to_ascii_lowercase()) else {
        return refuse(StatusCode::BAD_REQUEST, "CONNECT needs host:port.\n".into());
    };
    if !hosts::is_served(&authority) {
        return refuse(
            StatusCode::FORBIDDEN,
            format!("sp-sandbox --proxy tunnels only to the Amazon host names it emulates, not to {authority}.\n"),
        );
    }
    tokio::spawn(async move {
        let Ok(upgraded) = hyper::upgrade::on(req).await else { return };
        if let Ok(tls) = acceptor.accept(TokioIo::new(upgraded)).await {
            serve(tls).await;
        }
    });
    Response::new(Body::empty())
}
