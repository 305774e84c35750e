//! What serve's integration tests share: a server in-process, raw HTTP, and a whole SRP
//! sign-in through the library's client.
#![allow(dead_code, reason = "each test binary uses a part of what is shared")]

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::Duration;

use serde_json::Value;
use srp_cognito::request::{InitiateAuthRequest, RespondToAuthChallengeRequest};
use srp_cognito::{
    AppClient, AuthResponse, AuthenticationResult, Password, PoolId, Respond, SignIn, Step,
};

pub fn serve() -> String {
    let server = srp_cognito_serve::Server::bind("127.0.0.1:0".parse().unwrap()).unwrap();
    server.spawn().trim_start_matches("http://").to_owned()
}

pub fn connect(address: &str) -> TcpStream {
    let stream = TcpStream::connect(address).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
        .set_write_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
}

/// One response read off `stream`: its status line, head and body (by Content-Length).
pub fn read_response(stream: &mut TcpStream) -> (u16, String, String) {
    let mut bytes = Vec::new();
    let mut byte = [0u8; 1];
    while !bytes.ends_with(b"\r\n\r\n") {
        let n = stream.read(&mut byte).expect("a response head");
        assert_eq!(
            n,
            1,
            "the connection closed in the head: {:?}",
            String::from_utf8_lossy(&bytes)
        );
        bytes.push(byte[0]);
    }
    let head = String::from_utf8(bytes).unwrap();
    let status = head[9..12].parse().unwrap();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim())
        })
        .unwrap_or("0")
        .parse()
        .unwrap();
    let mut body = vec![0u8; length];
    stream.read_exact(&mut body).unwrap();
    (status, head, String::from_utf8(body).unwrap())
}

pub fn post(operation: &str, body: &str, extra: &str) -> String {
    format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityProviderService.{operation}\r\n\
         Content-Type: application/x-amz-json-1.1\r\n{extra}Content-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// One operation on a connection of its own: status and JSON.
pub fn call(address: &str, operation: &str, body: &Value) -> (u16, Value) {
    let mut stream = connect(address);
    stream
        .write_all(post(operation, &body.to_string(), "").as_bytes())
        .unwrap();
    let (status, _, body) = read_response(&mut stream);
    (status, serde_json::from_str(&body).unwrap())
}

/// A whole SRP sign-in over raw HTTP: whether it ended in tokens.
pub fn sign_in(address: &str, pool: &str, client_id: &str, user: &str) -> bool {
    let mut signing = SignIn::user_srp(
        PoolId::parse(pool).unwrap(),
        AppClient::new(client_id).unwrap(),
        user,
        Password::new("Pa55word!"),
    );
    let init = signing.start().unwrap();
    let body = serde_json::to_value(InitiateAuthRequest::new(signing.client(), init)).unwrap();
    let (mut status, mut response) = call(address, "InitiateAuth", &body);
    for _ in 0..=SignIn::MAX_AUTOMATIC_ANSWERS {
        assert_eq!(status, 200, "{response}");
        let parsed: AuthResponse = serde_json::from_value(response).unwrap();
        match signing.next(parsed).unwrap() {
            Step::Respond(respond) => {
                let body = RespondToAuthChallengeRequest::from_respond(signing.client(), respond);
                let body = serde_json::to_value(body).unwrap();
                (status, response) = call(address, "RespondToAuthChallenge", &body);
            }
            Step::SignedIn(_) => return true,
            Step::Pending(_) => return false,
        }
    }
    false
}

/// InitiateAuth for `signing`: status and JSON.
pub fn initiate(address: &str, signing: &mut SignIn) -> (u16, Value) {
    let init = signing.start().unwrap();
    let body = serde_json::to_value(InitiateAuthRequest::new(signing.client(), init)).unwrap();
    call(address, "InitiateAuth", &body)
}

/// RespondToAuthChallenge with `respond`: status and JSON.
pub fn respond(address: &str, signing: &SignIn, respond: Respond) -> (u16, Value) {
    let body = RespondToAuthChallengeRequest::from_respond(signing.client(), respond);
    call(
        address,
        "RespondToAuthChallenge",
        &serde_json::to_value(body).unwrap(),
    )
}

/// How a driven sign-in ended.
#[derive(Debug)]
pub enum End {
    SignedIn(AuthenticationResult),
    /// Waiting on the user: the challenge's name.
    Pending(String),
    /// Refused: status and Cognito's error.
    Refused(u16, Value),
}

/// Goes on from `reply` with `signing` until it signs in, waits on the user or is
/// refused; each challenge Cognito sends (its name and parameters) is pushed to `seen`.
pub fn drive(
    address: &str,
    signing: &mut SignIn,
    mut reply: (u16, Value),
    seen: &mut Vec<(String, Value)>,
) -> End {
    for _ in 0..=SignIn::MAX_AUTOMATIC_ANSWERS {
        let (status, response) = reply;
        if status != 200 {
            return End::Refused(status, response);
        }
        if let Some(name) = response["ChallengeName"].as_str() {
            seen.push((name.to_owned(), response["ChallengeParameters"].clone()));
        }
        let parsed: AuthResponse = serde_json::from_value(response).unwrap();
        match signing.next(parsed).unwrap() {
            Step::Respond(answer) => reply = respond(address, signing, answer),
            Step::SignedIn(result) => return End::SignedIn(result),
            Step::Pending(pending) => return End::Pending(pending.name().to_string()),
        }
    }
    panic!("no end after {} answers", SignIn::MAX_AUTOMATIC_ANSWERS);
}

/// A pool (`CreateUserPool` with `pool`'s members) and a client allowing SRP and refresh
/// (with `client`'s members): their ids.
pub fn pool_and_client(address: &str, pool: Value, client: Value) -> (String, String) {
    let (status, created) = call(address, "CreateUserPool", &pool);
    assert_eq!(status, 200, "{created}");
    let pool_id = created["UserPool"]["Id"].as_str().unwrap().to_owned();
    let mut body = serde_json::json!({"UserPoolId": pool_id, "ClientName": "c",
        "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]});
    if let (Some(body), Some(extra)) = (body.as_object_mut(), client.as_object()) {
        body.extend(extra.clone());
    }
    let (status, created) = call(address, "CreateUserPoolClient", &body);
    assert_eq!(status, 200, "{created}");
    let client_id = created["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    (pool_id, client_id)
}

/// A confirmed user of `pool` with `password` (and an email).
pub fn user(address: &str, pool: &str, username: &str, password: &str) {
    for (operation, body) in [
        (
            "AdminCreateUser",
            serde_json::json!({"UserPoolId": pool, "Username": username, "MessageAction": "SUPPRESS",
                "UserAttributes": [{"Name": "email", "Value": format!("{username}@example.com")}]}),
        ),
        (
            "AdminSetUserPassword",
            serde_json::json!({"UserPoolId": pool, "Username": username, "Password": password, "Permanent": true}),
        ),
    ] {
        let (status, answer) = call(address, operation, &body);
        assert_eq!(status, 200, "{operation}: {answer}");
    }
}

/// A USER_SRP_AUTH sign-in of `username` with `password`.
pub fn srp(pool: &str, client: &str, username: &str, password: &str) -> SignIn {
    SignIn::user_srp(
        PoolId::parse(pool).unwrap(),
        AppClient::new(client).unwrap(),
        username,
        Password::new(password),
    )
}
