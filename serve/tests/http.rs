//! serve's HTTP where the hand-written server it replaced failed: a keep-alive answer
//! that stalled on Nagle's algorithm, a slow client held forever by a per-read timeout,
//! heads without bounds on their headers.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

mod common;

use common::{connect, post, read_response, serve};

#[test]
fn keep_alive_answers_come_without_a_delayed_ack_stall() {
    let address = serve();
    let mut stream = connect(&address);
    let request = post("ListUserPools", r#"{"MaxResults":10}"#, "");
    let mut times: Vec<Duration> = (0..21)
        .map(|_| {
            let start = Instant::now();
            stream.write_all(request.as_bytes()).unwrap();
            assert_eq!(read_response(&mut stream).0, 200);
            start.elapsed()
        })
        .collect();
    times.sort();
    // A head and a body in two writes without TCP_NODELAY waited for the client's delayed
    // ACK: ~40 ms for every answer after the first. A fraction of a millisecond here;
    // the bound leaves a noisy machine room.
    assert!(
        times[10] < Duration::from_millis(15),
        "median {:?}",
        times[10]
    );
}

#[test]
fn a_client_that_sends_a_byte_a_second_is_closed_at_the_deadline() {
    let address = serve();
    let mut stream = connect(&address);
    stream
        .set_read_timeout(Some(Duration::from_millis(100)))
        .unwrap();
    let start = Instant::now();
    let head = post("ListUserPools", "{}", "");
    let mut closed = None;
    // Each byte came within the old per-read timeout, so the connection was held forever.
    for byte in head.as_bytes().iter().cycle().take(60) {
        if stream.write_all(&[*byte]).is_err() {
            closed = Some(start.elapsed());
            break;
        }
        let mut buffer = [0u8; 512];
        match stream.read(&mut buffer) {
            Ok(0) => {
                closed = Some(start.elapsed());
                break;
            }
            Ok(_) => {} // an answer (408) before the close
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => {
                closed = Some(start.elapsed());
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(900));
    }
    let closed = closed.expect("still open after a minute");
    assert!(
        (Duration::from_secs(29)..Duration::from_secs(35)).contains(&closed),
        "{closed:?}"
    );
}

#[test]
fn heads_with_too_many_or_too_large_headers_are_refused() {
    let address = serve();
    let many: String = (0..100).map(|n| format!("X-Header-{n}: {n}\r\n")).collect();
    let large = format!("X-Large: {}\r\n", "x".repeat(20 * 1024));
    for extra in [many, large] {
        let mut stream: TcpStream = connect(&address);
        stream
            .write_all(post("ListUserPools", "{}", &extra).as_bytes())
            .unwrap();
        let (status, _, _) = read_response(&mut stream);
        assert_eq!(status, 431);
        let mut rest = Vec::new();
        let _ = stream.read_to_end(&mut rest);
        assert!(rest.is_empty(), "closed after a refusal");
    }
}
