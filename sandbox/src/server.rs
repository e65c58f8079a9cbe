//! The accept loop: plain TCP or TLS, one hyper HTTP/1.1 connection per socket, each able to be
//! closed from inside a request (the `drop` faults), CONNECT tunnels with `--proxy` (proxy.rs),
//! and a graceful stop.
use crate::gate::Killer;
use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;

/// How the listener speaks.
#[derive(Clone)]
pub enum Mode {
    /// Plain HTTP.
    Plain,
    /// HTTPS with this configuration (`--tls`).
    Tls(Arc<rustls::ServerConfig>),
    /// Plain HTTP that also answers CONNECT, terminating the tunnels' TLS with this configuration
    /// (`--proxy`).
    Proxy(Arc<rustls::ServerConfig>),
}

/// Serves `app` on `listener` until `shutdown` completes; then stops accepting, lets requests in
/// flight finish (at most 3 s) and returns.
pub async fn serve(listener: TcpListener, app: Router, mode: Mode, shutdown: impl Future<Output = ()>) {
    let (acceptor, proxy) = match mode {
        Mode::Plain => (None, None),
        Mode::Tls(c) => (Some(tokio_rustls::TlsAcceptor::from(c)), None),
        Mode::Proxy(c) => (None, Some(tokio_rustls::TlsAcceptor::from(c))),
    };
    let (stop, stopped) = watch::channel(false);
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => {
                let Ok((tcp, _)) = accepted else {
                    // Out of file descriptors or similar: wait a little rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                };
                let _ = tcp.set_nodelay(true);
                let (app, acceptor, proxy, stopped) = (app.clone(), acceptor.clone(), proxy.clone(), stopped.clone());
                connections.spawn(async move {
                    match acceptor {
                        Some(acceptor) => {
                            if let Ok(tls) = acceptor.accept(tcp).await {
                                connection(tls, app, None, stopped).await;
                            }
                        }
                        None => connection(tcp, app, proxy, stopped).await,
                    }
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    let _ = stop.send(true);
    let _ = tokio::time::timeout(Duration::from_secs(3), async { while connections.join_next().await.is_some() {} }).await;
    connections.abort_all();
}

type Answer = Pin<Box<dyn Future<Output = Result<axum::response::Response, Infallible>> + Send>>;

/// One connection's requests. `proxy`: CONNECT opens a tunnel whose requests are served the same
/// way (without a further proxy inside).
fn connection<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
    stream: S,
    app: Router,
    proxy: Option<tokio_rustls::TlsAcceptor>,
    stopped: watch::Receiver<bool>,
) -> Pin<Box<dyn Future<Output = ()> + Send>> {
    Box::pin(serve_connection(stream, app, proxy, stopped))
}

async fn serve_connection<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(
    stream: S,
    app: Router,
    proxy: Option<tokio_rustls::TlsAcceptor>,
    mut stopped: watch::Receiver<bool>,
) {
    let killer = Killer::default();
    let service = {
        let (killer, stopped) = (killer.clone(), stopped.clone());
        hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| -> Answer {
            if req.method() == hyper::Method::CONNECT {
                let (app, stopped) = (app.clone(), stopped.clone());
                let serve: crate::proxy::Serve = Box::new(move |tunnel| connection(tunnel, app, None, stopped));
                let resp = crate::proxy::connect(req, proxy.clone(), serve);
                return Box::pin(async move { Ok(resp) });
            }
            req.extensions_mut().insert(killer.clone());
            Box::pin(app.clone().oneshot(req.map(Body::new)))
        })
    };
    let conn = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service).with_upgrades();
    tokio::pin!(conn);
    tokio::select! {
        _ = conn.as_mut() => {}
        // Dropping the connection closes the socket without another byte.
        _ = killer.0.notified() => {}
        _ = async { let _ = stopped.wait_for(|s| *s).await; } => {
            conn.as_mut().graceful_shutdown();
            let _ = tokio::time::timeout(Duration::from_secs(2), conn).await;
        }
    }
}
