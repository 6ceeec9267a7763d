//! The HTTP/1.1 server loop, with the bounds `axum::serve` does not set: a client that sends
//! half its headers and then nothing held a connection open for as long as it liked (issue 17).
//!
//! Each connection gets [`Limits::header_read_timeout`] to send a request's headers; hyper
//! starts the same clock when a kept-alive connection waits for its next request, so an idle
//! connection is closed after that time too. At most [`Limits::max_connections`] connections
//! are open at once; beyond that the server stops accepting, and new connections wait in the
//! operating system's queue until one closes.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Bounds on the connections of one server.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// How long a client has to send a request's headers, and how long a kept-alive connection
    /// may sit idle waiting for the next request.
    pub header_read_timeout: Duration,
    /// Connections open at once.
    pub max_connections: usize,
}

impl Default for Limits {
    /// 5 seconds (what Node.js gives an idle connection; a browser reconnects without notice),
    /// and 500 connections (well within the usual limit of 1,024 open files per process, beside
    /// the database's).
    fn default() -> Self {
        Limits { header_read_timeout: Duration::from_secs(5), max_connections: 500 }
    }
}

/// Serves `router` on `listener` until `shutdown` completes, then stops accepting and waits for
/// the open connections to finish their requests. Handlers see the peer's address as
/// `ConnectInfo<SocketAddr>`, as with axum's `into_make_service_with_connect_info`.
pub async fn serve_on(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send,
) {
    let places = Arc::new(Semaphore::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(limits.header_read_timeout).keep_alive(true);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        // A place first, then the connection: beyond the cap, connections wait unaccepted.
        let place = tokio::select! {
            place = places.clone().acquire_owned() => place.expect("the semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, say: wait a little instead of spinning.
                    tracing::warn!(%error, "accepting a connection failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: axum::http::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            router.clone().oneshot(request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A timed-out or broken connection is the client's business; the log has requests only.
            let _ = connection.await;
            drop(place);
        });
    }
    drop(listener);
    graceful.shutdown().await;
}
