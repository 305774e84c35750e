//! A plain HTTP/1.1 server on 127.0.0.1 for tests: each request (its X-Amz-Target and
//! body) goes to a handler whose answer is sent back. The mock Cognito, the scripted
//! replies of the hostile tests and the SDK's request checks all run on it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};

/// An answer: status, extra headers, body.
pub type Reply = (u16, Vec<(String, String)>, String);

/// Serves `handler` on a free port of 127.0.0.1 until the test ends; returns the URL.
pub fn serve<F>(mut handler: F) -> String
where
    F: FnMut(&str, &[u8]) -> Reply + Send + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let url = format!("http://{}/", listener.local_addr().expect("addr"));
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(stream.try_clone().expect("clone"));
            let mut writer = stream;
            while let Some((target, body)) = read_request(&mut reader) {
                let (status, headers, body) = handler(&target, &body);
                let mut head = format!("HTTP/1.1 {status} X\r\nContent-Length: {}\r\n", body.len());
                for (name, value) in headers {
                    head.push_str(&format!("{name}: {value}\r\n"));
                }
                head.push_str("\r\n");
                if writer
                    .write_all(head.as_bytes())
                    .and_then(|()| writer.write_all(body.as_bytes()))
                    .is_err()
                {
                    break;
                }
            }
        }
    });
    url
}

/// Reads one request (headers and a Content-Length body): its X-Amz-Target and body;
/// None at the end of the stream.
fn read_request(reader: &mut BufReader<TcpStream>) -> Option<(String, Vec<u8>)> {
    let mut line = String::new();
    if reader.read_line(&mut line).ok()? == 0 {
        return None;
    }
    let (mut length, mut target) = (0usize, String::new());
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok()?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "x-amz-target" => target = value.trim().to_owned(),
            _ => {}
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).ok()?;
    Some((target, body))
}
