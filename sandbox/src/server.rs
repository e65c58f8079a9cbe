//! The accept loop: plain TCP or TLS, one hyper HTTP/1.1 connection per socket, each able to be
//! closed from inside a request (the `drop` faults), and a graceful stop.
use crate::gate::Killer;
use axum::body::Body;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncWrite};
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinSet;
use tower::ServiceExt;

/// Serves `app` on `listener` until `shutdown` completes; then stops accepting, lets requests in
/// flight finish (at most 3 s) and returns.
pub async fn serve(listener: TcpListener, app: Router, tls: Option<Arc<rustls::ServerConfig>>, shutdown: impl Future<Output = ()>) {
    let acceptor = tls.map(tokio_rustls::TlsAcceptor::from);
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
                let (app, acceptor, stopped) = (app.clone(), acceptor.clone(), stopped.clone());
                connections.spawn(async move {
                    match acceptor {
                        Some(acceptor) => {
                            if let Ok(tls) = acceptor.accept(tcp).await {
                                connection(tls, app, stopped).await;
                            }
                        }
                        None => connection(tcp, app, stopped).await,
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

async fn connection<S: AsyncRead + AsyncWrite + Unpin + Send + 'static>(stream: S, app: Router, mut stopped: watch::Receiver<bool>) {
    let killer = Killer::default();
    let service = {
        let killer = killer.clone();
        hyper::service::service_fn(move |mut req: hyper::Request<Incoming>| {
            req.extensions_mut().insert(killer.clone());
            app.clone().oneshot(req.map(Body::new))
        })
    };
    let conn = hyper::server::conn::http1::Builder::new().serve_connection(TokioIo::new(stream), service);
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
