//! moto's Cognito (PyPI `moto[server]`) on a free port of 127.0.0.1, one per test, stopped
//! when dropped. A missing moto fails the test with its install command.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// The pinned version `.ci/run` installs.
pub const INSTALL: &str = "'moto[server]==5.2.1'";

/// A running moto server.
pub struct MotoServer {
    child: Child,
    /// `http://127.0.0.1:PORT`.
    pub url: String,
}

impl Drop for MotoServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts moto and waits (at most 30 s) until it accepts connections.
pub fn start() -> MotoServer {
    let mut server = crate::common::tool("moto_server", "moto.server", "--help", INSTALL);
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port();
    let child = server
        .args(["-H", "127.0.0.1", "-p", &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("moto_server starts");
    let moto = MotoServer {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "moto did not start in 30 s");
        std::thread::sleep(Duration::from_millis(50));
    }
    moto
}
