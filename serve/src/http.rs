//! serve's HTTP: hyper's HTTP/1.1 server on tokio. What it adds for Cognito's JSON API:
//! bounded connections (one more is answered 503), bounded requests (head size, header
//! count, a deadline on the head — idle time between requests included — and on the
//! body; a body over the limit answered 413 and drained a bounded while, so that the
//! client reads the answer rather than a reset), and the operations run off the
//! connection tasks, so that a slow client holds up no one.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Body, Bytes, Incoming};
use hyper::header::{CONTENT_LENGTH, HeaderName, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use serde_json::Value;
use srp_cognito::ServiceCode;
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Semaphore;

/// Connections served at once: a test suite's parallel clients and their idle keep-alive
/// connections fit; one more is answered 503 and closed.
const MAX_CONNECTIONS: usize = 1024;
/// The largest request head (request line and headers) ...
const MAX_HEAD: usize = 16 * 1024;
/// ... and the most headers in it.
const MAX_HEADERS: usize = 64;
/// The largest request body: Cognito's requests are a few KiB.
pub(crate) const MAX_BODY: usize = 256 * 1024;
/// A request's head must arrive within this, counted from when the connection is ready
/// for it (so an idle keep-alive connection is closed after it too) ...
const HEAD_TIME: Duration = Duration::from_secs(30);
/// ... and its body within this after the head: a request takes at most the two.
const BODY_TIME: Duration = Duration::from_secs(30);
/// After a body refused unread, at most this much of it is read and dropped ...
const MAX_DRAIN: usize = 64 << 20;
/// ... for at most this long, so that closing does not reset the connection under the
/// answer before the client reads it.
const DRAIN_TIME: Duration = Duration::from_secs(1);
/// ... or until the client has sent nothing for this long.
const DRAIN_PAUSE: Duration = Duration::from_millis(100);
/// How long the accept loop waits after a failed accept (descriptors run out), so that it
/// never spins.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(20);

/// A request, as far as `serve` reads it.
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) target: Option<String>,
    /// The region of the SigV4 credential scope (`Authorization: AWS4-HMAC-SHA256
    /// Credential=KEY/DATE/REGION/cognito-idp/aws4_request, ...`), where the request is
    /// signed. The signature itself is not checked: serve is a test double.
    pub(crate) region: Option<String>,
    pub(crate) body: Vec<u8>,
}

/// A response: status, extra headers, body.
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    pub(crate) fn json(status: u16, value: &Value) -> Self {
        Response {
            status,
            headers: vec![("Content-Type".into(), "application/x-amz-json-1.1".into())],
            body: value.to_string().into_bytes(),
        }
    }

    pub(crate) fn empty(status: u16) -> Self {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }
}

/// What answers a request: the operations, on a thread that may block.
pub(crate) type Handler = Arc<dyn Fn(&Request) -> Response + Send + Sync>;

/// Cognito's JSON error shape for a request that could not be read; the connection is
/// closed after it.
pub(crate) fn refusal(status: u16, why: &str) -> Response {
    let kind = ServiceCode::Serialization.name().unwrap_or_default();
    let mut response = Response::json(status, &serde_json::json!({"__type": kind, "message": why}));
    response.headers.extend([
        ("x-amzn-ErrorType".into(), format!("{kind}:")),
        ("Connection".into(), "close".into()),
    ]);
    response
}

/// Serves `listener` until the process ends, on a runtime of its own.
pub(crate) fn run(listener: std::net::TcpListener, handler: Handler) {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("srp-cognito serve: cannot start: {e}");
            return;
        }
    };
    runtime.block_on(async move {
        if let Err(e) = listener.set_nonblocking(true) {
            eprintln!("srp-cognito serve: cannot serve: {e}");
            return;
        }
        match TcpListener::from_std(listener) {
            Ok(listener) => accept(listener, handler).await,
            Err(e) => eprintln!("srp-cognito serve: cannot serve: {e}"),
        }
    });
}

/// The accept loop. Where descriptors run out, one held in reserve is let go to accept
/// the waiting client and answer it 503, rather than leave it hanging.
async fn accept(listener: TcpListener, handler: Handler) {
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut reserve = std::fs::File::open("/dev/null").ok();
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                // Each answer goes out at once, not after the peer's delayed ACK.
                let _ = stream.set_nodelay(true);
                match Arc::clone(&slots).try_acquire_owned() {
                    Ok(slot) => {
                        let handler = Arc::clone(&handler);
                        tokio::spawn(async move {
                            connection(stream, handler).await;
                            drop(slot);
                        });
                    }
                    Err(_) => {
                        tokio::spawn(too_busy(stream));
                    }
                }
            }
            Err(e) => {
                let out_of_descriptors = matches!(e.raw_os_error(), Some(23 | 24));
                if out_of_descriptors && reserve.take().is_some() {
                    if let Ok(Ok((stream, _))) =
                        tokio::time::timeout(ACCEPT_BACKOFF, listener.accept()).await
                    {
                        too_busy(stream).await;
                    }
                    reserve = std::fs::File::open("/dev/null").ok();
                }
                tokio::time::sleep(ACCEPT_BACKOFF).await;
            }
        }
    }
}

/// A 503 for a connection over the limit, written without holding anything long.
async fn too_busy(mut stream: TcpStream) {
    let body = serde_json::json!({"__type": ServiceCode::TooManyRequests.name(),
        "message": "serve has too many connections open"})
    .to_string();
    let response = format!(
        "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/x-amz-json-1.1\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let write = async {
        stream.write_all(response.as_bytes()).await?;
        stream.shutdown().await
    };
    let _ = tokio::time::timeout(Duration::from_millis(100), write).await;
}

/// One connection, until the peer closes it, a request is refused, or it idles past
/// [`HEAD_TIME`].
pub(crate) async fn connection<S>(stream: S, handler: Handler)
where
    S: AsyncRead + AsyncWrite + Unpin + Send + 'static,
{
    let service = service_fn(move |request| respond(request, Arc::clone(&handler)));
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIME)
        .max_buf_size(MAX_HEAD.max(8192))
        .max_headers(MAX_HEADERS)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// One request: its framing checked, its body read (bounded in size and time), then
/// answered by `handler` on a blocking thread.
async fn respond(
    request: hyper::Request<Incoming>,
    handler: Handler,
) -> Result<hyper::Response<Full<Bytes>>, Infallible> {
    let response = match read(request).await {
        Ok(request) => tokio::task::spawn_blocking(move || handler(&request))
            .await
            .unwrap_or_else(|_| {
                Response::json(
                    500,
                    &serde_json::json!({"__type": ServiceCode::InternalError.name(),
                        "message": "serve failed on this request"}),
                )
            }),
        Err(refused) => refused,
    };
    Ok(to_hyper(response))
}

/// The request as `serve` reads it, or the refusal that answers it.
async fn read(request: hyper::Request<Incoming>) -> Result<Request, Response> {
    let (head, body) = request.into_parts();
    // Methods are upper-case tokens; hyper takes any token.
    let method = head.method.as_str();
    if method.is_empty() || !method.bytes().all(|b| b.is_ascii_uppercase()) {
        return Err(refusal(400, "a malformed request line"));
    }
    let path = head.uri.path();
    if !path.starts_with('/') || head.uri.authority().is_some() {
        return Err(refusal(400, "a malformed request line"));
    }
    // Two lengths, equal or not, are how requests are smuggled past a proxy.
    if head.headers.get_all(CONTENT_LENGTH).iter().count() > 1 {
        return Err(refusal(400, "more than one Content-Length"));
    }
    let target = head
        .headers
        .get("x-amz-target")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let region = head
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(scope_region);
    // Refused from its length, before a byte of it is read.
    if body.size_hint().lower() > MAX_BODY as u64 {
        tokio::spawn(drain(body));
        return Err(refusal(413, "the request body is too large"));
    }
    let body = match tokio::time::timeout(BODY_TIME, Limited::new(body, MAX_BODY).collect()).await {
        Ok(Ok(collected)) => collected.to_bytes().to_vec(),
        Ok(Err(e)) if e.is::<http_body_util::LengthLimitError>() => {
            return Err(refusal(413, "the request body is too large"));
        }
        Ok(Err(_)) => return Err(refusal(400, "the body ended early")),
        Err(_) => return Err(refusal(408, "the request body took too long")),
    };
    Ok(Request {
        method: method.to_owned(),
        path: path.to_owned(),
        target,
        region,
        body,
    })
}

/// The region of a SigV4 `Authorization` header's credential scope.
fn scope_region(authorization: &str) -> Option<String> {
    let credential = authorization.split_once("Credential=")?.1;
    let scope = credential.split([',', ' ']).next()?;
    let mut parts = scope.split('/');
    let region = parts.nth(2)?;
    (!region.is_empty() && region.len() <= 32).then(|| region.to_owned())
}

/// Reads and drops what the client still sends of a body refused unread, up to
/// [`MAX_DRAIN`] bytes or [`DRAIN_TIME`], or until it pauses for [`DRAIN_PAUSE`] (a
/// client that waits for the answer before sending its body closes at once).
async fn drain(mut body: Incoming) {
    let deadline = Instant::now() + DRAIN_TIME;
    let mut drained = 0;
    while drained < MAX_DRAIN {
        let left = deadline
            .saturating_duration_since(Instant::now())
            .min(DRAIN_PAUSE);
        match tokio::time::timeout(left, body.frame()).await {
            Ok(Some(Ok(frame))) => {
                drained += frame.data_ref().map_or(0, Bytes::len);
            }
            _ => return,
        }
    }
}

fn to_hyper(response: Response) -> hyper::Response<Full<Bytes>> {
    let mut built = hyper::Response::new(Full::new(Bytes::from(response.body)));
    *built.status_mut() = hyper::StatusCode::from_u16(response.status)
        .unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = built.headers_mut();
    for (name, value) in response.headers {
        if let (Ok(name), Ok(value)) = (
            HeaderName::from_bytes(name.as_bytes()),
            HeaderValue::from_str(&value),
        ) {
            headers.append(name, value);
        }
    }
    built
}

/// For fuzzing: `bytes` as what a client sent on one connection, served as any
/// connection is; the status of each response.
pub(crate) fn statuses(bytes: &[u8], handler: Handler) -> Vec<u16> {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    let input = bytes.to_vec();
    let output = runtime.block_on(async move {
        let (mut client, server) = tokio::io::duplex(64 * 1024);
        let served = tokio::spawn(connection(server, handler));
        let (mut reader, mut writer) = tokio::io::split(&mut client);
        let send = async {
            let _ = writer.write_all(&input).await;
            let _ = writer.shutdown().await;
        };
        let mut output = Vec::new();
        let receive = tokio::io::AsyncReadExt::read_to_end(&mut reader, &mut output);
        let _ = tokio::time::timeout(Duration::from_secs(5), async {
            tokio::join!(send, receive)
        })
        .await;
        served.abort();
        output
    });
    let text = String::from_utf8_lossy(&output);
    text.match_indices("HTTP/1.1 ")
        .filter_map(|(at, _)| text.get(at + 9..at + 12)?.parse().ok())
        .collect()
}
