//! Just enough HTTP/1.1 for Cognito's JSON API: keep-alive (and `Connection: close`),
//! Content-Length bodies, every size bounded before anything is read into memory. A
//! request that is refused is answered, then the connection is closed gracefully (the
//! write side shut, a bounded amount of what the client still sends drained), so that a
//! client still sending its body reads the answer instead of a reset.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{Shutdown, TcpStream};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The largest request head (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// The largest request body: Cognito's requests are a few KiB.
pub(crate) const MAX_BODY: usize = 256 * 1024;

/// After a refusal, at most this much of what the client still sends is read and dropped
/// before the connection closes ...
const MAX_DRAIN: usize = 64 << 20;
/// ... for at most this long.
const DRAIN_TIME: Duration = Duration::from_secs(1);

/// A request, as far as `serve` reads it.
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) target: Option<String>,
    pub(crate) body: Vec<u8>,
    /// The client asked to close the connection after this request (`Connection: close`,
    /// or HTTP/1.0 without keep-alive).
    pub(crate) close: bool,
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

/// Why a request could not be read.
pub(crate) enum Unreadable {
    /// The peer closed the connection (or timed out) between requests.
    Closed,
    /// A request this server refuses, answered before closing.
    Refused(u16, &'static str),
}

/// Serves requests on `stream` until the peer closes it or sends one that cannot be read.
pub(crate) fn serve_connection(stream: TcpStream, mut handle: impl FnMut(&Request) -> Response) {
    let Ok(read_half) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(read_half);
    let mut writer = stream;
    loop {
        let (response, keep, refused) = match read_request(&mut reader) {
            Ok(request) => (handle(&request), !request.close, false),
            Err(Unreadable::Closed) => return,
            Err(Unreadable::Refused(status, why)) => (refusal(status, why), false, true),
        };
        if write_response(&mut writer, &response, keep).is_err() {
            return;
        }
        if !keep {
            let _ = writer.shutdown(Shutdown::Write);
            if refused {
                drain(&writer, &mut reader);
            }
            return;
        }
    }
}

/// Cognito's JSON error shape for a request that could not be read.
pub(crate) fn refusal(status: u16, why: &str) -> Response {
    let kind = "SerializationException";
    let mut response = Response::json(status, &serde_json::json!({"__type": kind, "message": why}));
    response
        .headers
        .push(("x-amzn-ErrorType".into(), format!("{kind}:")));
    response
}

/// Reads and drops what the client still sends (a body refused unread), up to
/// [`MAX_DRAIN`] bytes or [`DRAIN_TIME`], so that closing does not reset the connection
/// under the answer before the client reads it.
fn drain(stream: &TcpStream, reader: &mut impl Read) {
    let deadline = Instant::now() + DRAIN_TIME;
    let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
    let mut buffer = vec![0u8; 64 * 1024];
    let mut drained = 0;
    while drained < MAX_DRAIN && Instant::now() < deadline {
        match reader.read(&mut buffer) {
            Ok(0) => return,
            Ok(n) => drained += n,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(_) => return,
        }
    }
}

pub(crate) fn read_request(reader: &mut impl BufRead) -> Result<Request, Unreadable> {
    let mut head = Vec::new();
    // Read the head line by line, never past MAX_HEAD.
    loop {
        let mut line = Vec::new();
        let limit = (MAX_HEAD + 1 - head.len()) as u64;
        let read = reader
            .by_ref()
            .take(limit)
            .read_until(b'\n', &mut line)
            .map_err(|_| Unreadable::Closed)?;
        if read == 0 {
            return Err(if head.is_empty() {
                Unreadable::Closed
            } else {
                Unreadable::Refused(400, "the request ended in its head")
            });
        }
        head.extend_from_slice(&line);
        if head.len() > MAX_HEAD {
            return Err(Unreadable::Refused(431, "the request head is too large"));
        }
        if line == b"\r\n" || line == b"\n" {
            break;
        }
    }
    let head = String::from_utf8(head).map_err(|_| Unreadable::Refused(400, "not UTF-8"))?;
    let mut lines = head.lines();
    // METHOD SP request-target SP HTTP/1.x, nothing else.
    let first: Vec<&str> = lines.next().unwrap_or("").split(' ').collect();
    let [method, path, version] = first[..] else {
        return Err(Unreadable::Refused(400, "a malformed request line"));
    };
    if method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || !(path.starts_with('/') || path == "*")
        || !matches!(version, "HTTP/1.1" | "HTTP/1.0")
    {
        return Err(Unreadable::Refused(400, "a malformed request line"));
    }
    let (method, path) = (method.to_owned(), path.to_owned());
    let (mut length, mut target) = (None, None);
    // HTTP/1.0 closes unless asked to keep the connection; HTTP/1.1 keeps it unless asked
    // to close.
    let mut close = version == "HTTP/1.0";
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => {
                if length.is_some() {
                    // Two lengths are how requests are smuggled past a proxy: refused.
                    return Err(Unreadable::Refused(400, "more than one Content-Length"));
                }
                let parsed: usize = value
                    .parse()
                    .map_err(|_| Unreadable::Refused(400, "a bad Content-Length"))?;
                length = Some(parsed);
            }
            "connection" => {
                for option in value.split(',').map(str::trim) {
                    if option.eq_ignore_ascii_case("close") {
                        close = true;
                    } else if option.eq_ignore_ascii_case("keep-alive") {
                        close = false;
                    }
                }
            }
            "transfer-encoding" => {
                return Err(Unreadable::Refused(411, "only Content-Length bodies"));
            }
            "x-amz-target" => target = Some(value.to_owned()),
            _ => {}
        }
    }
    let length = length.unwrap_or(0);
    // Refused before a byte of it is read.
    if length > MAX_BODY {
        return Err(Unreadable::Refused(413, "the request body is too large"));
    }
    let mut body = vec![0u8; length];
    reader
        .read_exact(&mut body)
        .map_err(|_| Unreadable::Refused(400, "the body ended early"))?;
    Ok(Request {
        method,
        path,
        target,
        body,
        close,
    })
}

fn write_response(writer: &mut TcpStream, response: &Response, keep: bool) -> std::io::Result<()> {
    let reason = match response.status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        411 => "Length Required",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    };
    let mut head = format!(
        "HTTP/1.1 {} {reason}\r\nContent-Length: {}\r\n",
        response.status,
        response.body.len()
    );
    for (name, value) in &response.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !keep {
        head.push_str("Connection: close\r\n");
    }
    head.push_str("\r\n");
    writer.write_all(head.as_bytes())?;
    writer.write_all(&response.body)?;
    writer.flush()
}
