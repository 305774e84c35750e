//! Just enough HTTP/1.1 for Cognito's JSON API: keep-alive, Content-Length bodies, every
//! size bounded before anything is read into memory.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

use serde_json::Value;

/// The largest request head (request line and headers).
const MAX_HEAD: usize = 16 * 1024;
/// The largest request body: Cognito's requests are a few KiB.
pub(crate) const MAX_BODY: usize = 256 * 1024;

/// A request, as far as `serve` reads it.
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) path: String,
    pub(crate) target: Option<String>,
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
        let (response, keep) = match read_request(&mut reader) {
            Ok(request) => (handle(&request), true),
            Err(Unreadable::Closed) => return,
            Err(Unreadable::Refused(status, why)) => {
                let body = serde_json::json!({"__type": "SerializationException", "message": why});
                (Response::json(status, &body), false)
            }
        };
        if write_response(&mut writer, &response, keep).is_err() || !keep {
            return;
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
    let mut first = lines.next().unwrap_or("").split(' ');
    let (method, path) = (
        first.next().unwrap_or("").to_owned(),
        first.next().unwrap_or("/").to_owned(),
    );
    let (mut length, mut target) = (0usize, None);
    for line in lines {
        let Some((name, value)) = line.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-length" => {
                length = value
                    .parse()
                    .map_err(|_| Unreadable::Refused(400, "a bad Content-Length"))?;
            }
            "transfer-encoding" => {
                return Err(Unreadable::Refused(411, "only Content-Length bodies"));
            }
            "x-amz-target" => target = Some(value.to_owned()),
            _ => {}
        }
    }
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
