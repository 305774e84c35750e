//! `serve-load`: `srp-cognito serve` under load, in-process, in memory and on `--state`:
//! the latency of a keep-alive request that does no SRP, SRP sign-ins per second at
//! concurrency 1, 8 and 32, and what an operation costs after 0, 10^4 and 10^5 stored
//! sign-ins (each a refresh token and a live sign-in the server keeps). Medians; the
//! machine is shared and noisy, so compare figures from one run.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use srp_cognito::request::{InitiateAuthRequest, RespondToAuthChallengeRequest};
use srp_cognito::{AppClient, AuthResponse, Password, PoolId, SignIn, Step};

const PASSWORD: &str = "Load-Password-1!";
/// Users, one per worker at the highest concurrency.
const USERS: usize = 32;

/// One keep-alive connection to serve.
struct Connection {
    reader: BufReader<TcpStream>,
    writer: TcpStream,
}

impl Connection {
    fn open(address: &str) -> io::Result<Self> {
        let stream = TcpStream::connect(address)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        stream.set_nodelay(true)?;
        Ok(Connection {
            reader: BufReader::new(stream.try_clone()?),
            writer: stream,
        })
    }

    /// One operation: its status and JSON.
    fn call(&mut self, operation: &str, body: &Value) -> io::Result<(u16, Value)> {
        let body = body.to_string();
        // One write: a request in pieces waits on Nagle's algorithm and a delayed ACK.
        let request = format!(
            "POST / HTTP/1.1\r\nHost: load\r\nX-Amz-Target: AWSCognitoIdentityProviderService.\
             {operation}\r\nContent-Type: application/x-amz-json-1.1\r\nContent-Length: {}\r\n\r\n\
             {body}",
            body.len()
        );
        self.writer.write_all(request.as_bytes())?;
        let mut status = 0;
        let mut length = 0;
        let mut line = String::new();
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(io::Error::other("serve closed the connection"));
            }
            let text = line.trim_end();
            if text.is_empty() {
                break;
            }
            if let Some(rest) = text.strip_prefix("HTTP/1.1 ") {
                status = rest.get(..3).and_then(|s| s.parse().ok()).unwrap_or(0);
            } else if let Some((name, value)) = text.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; length];
        self.reader.read_exact(&mut body)?;
        Ok((status, serde_json::from_slice(&body).unwrap_or(Value::Null)))
    }

    /// One that must succeed.
    fn ok(&mut self, operation: &str, body: &Value) -> io::Result<Value> {
        let (status, value) = self.call(operation, body)?;
        if status != 200 {
            return Err(io::Error::other(format!("{operation}: {status} {value}")));
        }
        Ok(value)
    }

    /// A whole SRP sign-in.
    fn sign_in(&mut self, pool: &PoolId, client: &str, user: &str) -> io::Result<()> {
        let invalid = |e: &dyn std::fmt::Display| io::Error::other(e.to_string());
        let mut signing = SignIn::user_srp(
            pool.clone(),
            AppClient::new(client).map_err(|e| invalid(&e))?,
            user,
            Password::new(PASSWORD),
        );
        let init = signing.start().map_err(|e| invalid(&e))?;
        let body = serde_json::to_value(InitiateAuthRequest::new(signing.client(), init))?;
        let mut response = self.ok("InitiateAuth", &body)?;
        for _ in 0..=SignIn::MAX_AUTOMATIC_ANSWERS {
            let parsed: AuthResponse = serde_json::from_value(response)?;
            match signing.next(parsed).map_err(|e| invalid(&e))? {
                Step::Respond(respond) => {
                    let body =
                        RespondToAuthChallengeRequest::from_respond(signing.client(), respond);
                    response = self.ok("RespondToAuthChallenge", &serde_json::to_value(body)?)?;
                }
                Step::SignedIn(_) => return Ok(()),
                Step::Pending(_) => break,
            }
        }
        Err(io::Error::other("the sign-in did not end in tokens"))
    }
}

/// A serve in-process, its pool, client and users.
struct Endpoint {
    address: String,
    pool: PoolId,
    client: String,
}

impl Endpoint {
    fn start(state: Option<&PathBuf>) -> io::Result<Self> {
        let mut server =
            srp_cognito_serve::Server::bind("127.0.0.1:0".parse().map_err(io::Error::other)?)?;
        if let Some(path) = state {
            server = server.state_file(path).map_err(io::Error::other)?;
        }
        let address = server.spawn().trim_start_matches("http://").to_owned();
        let mut connection = Connection::open(&address)?;
        let pool = connection.ok("CreateUserPool", &json!({"PoolName": "load"}))?;
        let pool = pool["UserPool"]["Id"].as_str().unwrap_or("").to_owned();
        let client = connection.ok(
            "CreateUserPoolClient",
            &json!({"UserPoolId": pool, "ClientName": "load", "ExplicitAuthFlows":
                ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_ADMIN_USER_PASSWORD_AUTH"]}),
        )?;
        let client = client["UserPoolClient"]["ClientId"]
            .as_str()
            .unwrap_or("")
            .to_owned();
        for n in 0..USERS {
            let user = format!("user-{n}");
            connection.ok(
                "AdminCreateUser",
                &json!({"UserPoolId": pool, "Username": user, "MessageAction": "SUPPRESS"}),
            )?;
            connection.ok(
                "AdminSetUserPassword",
                &json!({"UserPoolId": pool, "Username": user, "Password": PASSWORD,
                    "Permanent": true}),
            )?;
        }
        Ok(Endpoint {
            address,
            pool: PoolId::parse(&pool).map_err(io::Error::other)?,
            client,
        })
    }

    /// A sign-in without SRP (ADMIN_USER_PASSWORD_AUTH): tokens, a refresh token kept.
    fn admin_body(&self, n: usize) -> Value {
        json!({"UserPoolId": self.pool.as_str(), "ClientId": self.client,
            "AuthFlow": "ADMIN_USER_PASSWORD_AUTH",
            "AuthParameters": {"USERNAME": format!("user-{}", n % USERS), "PASSWORD": PASSWORD}})
    }
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

fn micros(time: Duration) -> String {
    format!("{:.0} µs", time.as_secs_f64() * 1e6)
}

/// `count` times `operation` on one connection: the median.
fn timed(
    connection: &mut Connection,
    count: usize,
    mut operation: impl FnMut(&mut Connection, usize) -> io::Result<()>,
) -> io::Result<Duration> {
    let mut times = Vec::with_capacity(count);
    for n in 0..count {
        let start = Instant::now();
        operation(connection, n)?;
        times.push(start.elapsed());
    }
    Ok(median(times))
}

/// Sign-ins per second with `workers` clients signing in for `time`.
fn sign_ins_per_second(endpoint: &Endpoint, workers: usize, time: Duration) -> io::Result<f64> {
    let start = Instant::now();
    let counts = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || -> io::Result<u64> {
                    let mut connection = Connection::open(&endpoint.address)?;
                    let user = format!("user-{worker}");
                    let mut done = 0;
                    while start.elapsed() < time {
                        connection.sign_in(&endpoint.pool, &endpoint.client, &user)?;
                        done += 1;
                    }
                    Ok(done)
                })
            })
            .collect();
        runs.into_iter()
            .map(|run| {
                run.join()
                    .unwrap_or_else(|_| Err(io::Error::other("a worker failed")))
            })
            .collect::<io::Result<Vec<u64>>>()
    })?;
    let total: u64 = counts.iter().sum();
    #[expect(
        clippy::cast_precision_loss,
        reason = "a count of sign-ins, far below 2^52"
    )]
    Ok(total as f64 / start.elapsed().as_secs_f64())
}

/// Stores sign-ins (ADMIN_USER_PASSWORD_AUTH, 8 clients) until `stored` reach `target`.
fn store_sign_ins(endpoint: &Endpoint, stored: &mut usize, target: usize) -> io::Result<()> {
    let missing = target.saturating_sub(*stored);
    let workers = 8;
    std::thread::scope(|scope| {
        let runs: Vec<_> = (0..workers)
            .map(|worker| {
                scope.spawn(move || -> io::Result<()> {
                    let mut connection = Connection::open(&endpoint.address)?;
                    for n in (worker..missing).step_by(workers) {
                        connection.ok("AdminInitiateAuth", &endpoint.admin_body(n))?;
                    }
                    Ok(())
                })
            })
            .collect();
        runs.into_iter().try_for_each(|run| {
            run.join()
                .unwrap_or_else(|_| Err(io::Error::other("a worker failed")))
        })
    })?;
    *stored = (*stored).max(target);
    Ok(())
}

/// Runs the measurements and prints them as the README's table.
pub(crate) fn run(quick: bool, seconds: u64) -> io::Result<()> {
    let folder = std::env::temp_dir().join(format!("srp-cognito-load-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder)?;
    let levels: &[usize] = if quick {
        &[0, 1_000]
    } else {
        &[0, 10_000, 100_000]
    };
    let time = Duration::from_secs(seconds);
    println!("| | in memory | on `--state` |");
    println!("|---|---|---|");
    let mut rows: Vec<(String, [String; 2])> = Vec::new();
    let mut row = |name: String, column: usize, value: String| match rows
        .iter_mut()
        .find(|(n, _)| *n == name)
    {
        Some((_, values)) => values[column] = value,
        None => {
            let mut values = [String::new(), String::new()];
            values[column] = value;
            rows.push((name, values));
        }
    };
    for (column, state) in [None, Some(folder.join("state.db"))].iter().enumerate() {
        let endpoint = Endpoint::start(state.as_ref())?;
        // A connection for each measurement: serve closes one idle for 30 s.
        let mut connection = Connection::open(&endpoint.address)?;
        let list = json!({"MaxResults": 10});
        let latency = timed(&mut connection, 2_000, |c, _| {
            c.ok("ListUserPools", &list).map(drop)
        })?;
        row(
            "keep-alive ListUserPools (median)".into(),
            column,
            micros(latency),
        );
        for workers in [1, 8, 32] {
            let rate = sign_ins_per_second(&endpoint, workers, time)?;
            row(
                format!("SRP sign-ins per second, {workers} at once"),
                column,
                format!("{rate:.0}"),
            );
        }
        let mut stored = 0;
        for &level in levels {
            store_sign_ins(&endpoint, &mut stored, level)?;
            let mut connection = Connection::open(&endpoint.address)?;
            let read = timed(&mut connection, 300, |c, _| {
                c.ok("ListUserPools", &list).map(drop)
            })?;
            row(
                format!("ListUserPools after {level} sign-ins"),
                column,
                micros(read),
            );
            let write = timed(&mut connection, 300, |c, n| {
                c.ok("AdminInitiateAuth", &endpoint.admin_body(n)).map(drop)
            })?;
            row(
                format!("AdminInitiateAuth (no SRP; a refresh token kept) after {level}"),
                column,
                micros(write),
            );
            stored += 300;
        }
        eprintln!(
            "serve-load: {} done",
            if column == 0 { "in memory" } else { "--state" }
        );
    }
    for (name, [memory, state]) in &rows {
        println!("| {name} | {memory} | {state} |");
    }
    let _ = std::fs::remove_dir_all(&folder);
    Ok(())
}
