//! serve's HTTP under the requests a test suite (or a careless client) sends: a body far
//! over the limit answered with a readable 413, duplicate lengths and malformed request
//! lines refused, `Connection: close` honoured, the health and OpenID documents, and idle
//! connections that hold up no one while sign-ins run in parallel.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

mod common;

use common::{call, connect, post, read_response, serve, sign_in};

#[test]
fn a_50_mb_body_gets_a_readable_413_within_a_second() {
    let address = serve();
    let start = Instant::now();
    let mut stream = connect(&address);
    let head = format!(
        "POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth\r\nContent-Length: {}\r\n\r\n",
        50 << 20
    );
    stream.write_all(head.as_bytes()).unwrap();
    // As most clients do (Python's http.client, and so boto3): the whole body first, then
    // the response, and a failed write is the error the caller sees. The server answers at
    // the head and reads on (a bounded amount), so the body is sent whole and the answer
    // read, rather than the connection reset under the client's writes.
    let chunk = vec![b'x'; 1 << 20];
    for n in 0..50 {
        if let Err(e) = stream.write_all(&chunk) {
            panic!("the body's MiB {n} could not be sent: {e}");
        }
    }
    let (status, head, body) = read_response(&mut stream);
    assert_eq!(status, 413, "{head}");
    assert!(
        head.to_ascii_lowercase().contains("connection: close"),
        "{head}"
    );
    let error: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(error["__type"], "SerializationException");
    assert!(
        start.elapsed() < Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
}

#[test]
fn duplicate_lengths_and_malformed_request_lines_are_refused() {
    let address = serve();
    let body = r#"{"PoolName":"p"}"#;
    for request in [
        // Two Content-Lengths that differ: how requests are smuggled past a proxy. (Two
        // equal ones are one length, as RFC 9110 8.6 allows: the body is read once.)
        format!(
            "POST / HTTP/1.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.CreateUserPool\r\n\
             Content-Length: {}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len(),
            body.len() - 1
        ),
        // A length that is not only digits.
        format!(
            "POST / HTTP/1.1\r\nX-Amz-Target: AWSCognitoIdentityProviderService.CreateUserPool\r\n\
             Content-Length: +{}\r\n\r\n{body}",
            body.len()
        ),
        "GARBAGE\r\n\r\n".to_owned(),
        "POST\r\n\r\n".to_owned(),
        "POST / HTTP/1.1 extra\r\n\r\n".to_owned(),
        "POST / HTTP/2.0\r\n\r\n".to_owned(),
        "post / HTTP/1.1\r\n\r\n".to_owned(),
        "POST nopath HTTP/1.1\r\n\r\n".to_owned(),
    ] {
        let mut stream = connect(&address);
        stream.write_all(request.as_bytes()).unwrap();
        let (status, _, body) = read_response(&mut stream);
        assert_eq!(status, 400, "{request:?}: {body}");
        let mut rest = Vec::new();
        let _ = stream.read_to_end(&mut rest);
        assert!(rest.is_empty(), "closed after a refusal");
    }
}

#[test]
fn connection_close_is_honoured_and_keep_alive_kept() {
    let address = serve();
    let mut stream = connect(&address);
    // Keep-alive: two requests on one connection.
    for _ in 0..2 {
        stream
            .write_all(post("ListUserPools", r#"{"MaxResults":10}"#, "").as_bytes())
            .unwrap();
        let (status, head, _) = read_response(&mut stream);
        assert_eq!(status, 200);
        assert!(
            !head.to_ascii_lowercase().contains("connection: close"),
            "{head}"
        );
    }
    // Connection: close: answered, then closed by the server.
    stream
        .write_all(
            post(
                "ListUserPools",
                r#"{"MaxResults":10}"#,
                "Connection: close\r\n",
            )
            .as_bytes(),
        )
        .unwrap();
    let (status, head, _) = read_response(&mut stream);
    assert_eq!(status, 200);
    assert!(
        head.to_ascii_lowercase().contains("connection: close"),
        "{head}"
    );
    let mut rest = Vec::new();
    assert_eq!(
        stream.read_to_end(&mut rest).unwrap(),
        0,
        "the server closed it"
    );
}

#[test]
fn missing_members_and_wrong_types_are_refused_in_cognitos_words() {
    let address = serve();
    let (status, missing) = call(&address, "CreateUserPool", &json!({"Unknown": 1}));
    assert_eq!(
        (status, missing["__type"].as_str()),
        (400, Some("InvalidParameterException"))
    );
    assert_eq!(
        missing["message"],
        "1 validation error detected: Value null at 'poolName' failed to satisfy constraint: \
         Member must not be null"
    );
    let (_, empty) = call(&address, "CreateUserPool", &json!({"PoolName": ""}));
    assert!(
        empty["message"]
            .as_str()
            .unwrap()
            .contains("length greater than or equal to 1")
    );
    let (status, wrong) = call(&address, "CreateUserPool", &json!({"PoolName": ["p"]}));
    assert_eq!(
        (status, wrong["__type"].as_str()),
        (400, Some("SerializationException"))
    );
    // Unknown members are ignored, as Cognito ignores them.
    let (status, _) = call(
        &address,
        "CreateUserPool",
        &json!({"PoolName": "p", "Unknown": true}),
    );
    assert_eq!(status, 200);
    // An entry of AuthParameters: "Missing required parameter".
    let (_, client) = provision(&address, 0);
    let client = client.as_str();
    let (_, refused) = call(
        &address,
        "InitiateAuth",
        &json!({"ClientId": client, "AuthFlow": "USER_SRP_AUTH", "AuthParameters": {"USERNAME": "u"}}),
    );
    assert_eq!(refused["message"], "Missing required parameter SRP_A");
}

#[test]
fn health_and_the_pools_openid_configuration() {
    let address = serve();
    let get = |path: &str| {
        let mut stream = connect(&address);
        write!(stream, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let (status, _, body) = read_response(&mut stream);
        (status, serde_json::from_str::<Value>(&body).unwrap())
    };
    assert_eq!(get("/health"), (200, json!({"status": "ok"})));
    let (_, pool) = call(&address, "CreateUserPool", &json!({"PoolName": "p"}));
    let pool = pool["UserPool"]["Id"].as_str().unwrap().to_owned();
    let (status, config) = get(&format!("/{pool}/.well-known/openid-configuration"));
    assert_eq!(status, 200);
    let issuer = format!("http://{address}/{pool}");
    assert_eq!(config["issuer"], issuer.as_str());
    assert_eq!(
        config["jwks_uri"],
        format!("{issuer}/.well-known/jwks.json")
    );
    let (status, jwks) = get(&format!("/{pool}/.well-known/jwks.json"));
    assert_eq!(status, 200);
    assert_eq!(jwks["keys"][0]["alg"], "RS256");
    assert_eq!(
        get("/us-east-1_nope/.well-known/openid-configuration").0,
        404
    );
}

/// A pool, an SRP client and `count` confirmed users `user-N` with password `pw`.
fn provision(address: &str, count: usize) -> (String, String) {
    let (_, pool) = call(address, "CreateUserPool", &json!({"PoolName": "p"}));
    let pool = pool["UserPool"]["Id"].as_str().unwrap().to_owned();
    let (_, client) = call(
        address,
        "CreateUserPoolClient",
        &json!({"UserPoolId": pool, "ClientName": "c",
            "ExplicitAuthFlows": ["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]}),
    );
    let client = client["UserPoolClient"]["ClientId"]
        .as_str()
        .unwrap()
        .to_owned();
    for n in 0..count {
        let user = format!("user-{n}");
        for (operation, body) in [
            (
                "AdminCreateUser",
                json!({"UserPoolId": pool, "Username": user, "MessageAction": "SUPPRESS"}),
            ),
            (
                "AdminSetUserPassword",
                json!({"UserPoolId": pool, "Username": user, "Password": "Pa55word!", "Permanent": true}),
            ),
        ] {
            assert_eq!(call(address, operation, &body).0, 200, "{operation}");
        }
    }
    (pool, client)
}

#[test]
fn idle_connections_hold_up_no_one_while_50_sign_ins_run_in_parallel() {
    let address = serve();
    let (pool, client) = provision(&address, 50);
    // 100 connections that send nothing (a test suite's idle keep-alive pool).
    let idle: Vec<TcpStream> = (0..100).map(|_| connect(&address)).collect();
    let start = Instant::now();
    let signed_in: Vec<bool> = std::thread::scope(|scope| {
        let runs: Vec<_> = (0..50)
            .map(|n| {
                let (address, pool, client) = (&address, &pool, &client);
                scope.spawn(move || sign_in(address, pool, client, &format!("user-{n}")))
            })
            .collect();
        runs.into_iter().map(|run| run.join().unwrap()).collect()
    });
    assert!(signed_in.iter().all(|&ok| ok), "{signed_in:?}");
    assert!(
        start.elapsed() < Duration::from_secs(30),
        "{:?}",
        start.elapsed()
    );
    drop(idle);
}
