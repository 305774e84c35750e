//! `--state FILE` (an SQLite database): created owner-only; a file that is not a regular
//! file of this user closed to others refused; a second serve on the same file refused; a
//! commit that fails answered `InternalErrorException` and undone, never a 200 that is lost.

use std::path::{Path, PathBuf};

use serde_json::json;
use srp_cognito_serve::Server;

mod common;

use common::call;

/// A fresh folder of this test's own.
fn folder(name: &str) -> PathBuf {
    let folder =
        std::env::temp_dir().join(format!("srp-cognito-state-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

fn server() -> Server {
    Server::bind("127.0.0.1:0".parse().unwrap()).unwrap()
}

fn refused(path: &Path) -> String {
    match server().state_file(path) {
        Ok(_) => panic!("{} was taken as a state file", path.display()),
        Err(message) => message,
    }
}

#[test]
fn the_file_is_created_owner_only_and_a_second_serve_on_it_is_refused() {
    let path = folder("second").join("state.db");
    let first = server().state_file(&path).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "it holds verifiers and the signing key"
        );
    }
    // Two serves on one file would erase each other's work.
    let message = refused(&path);
    assert!(message.contains("another serve"), "{message}");
    drop(first);
    // Closed (the lock with it): the file opens again, as the state it was.
    server().state_file(&path).unwrap();
}

#[test]
fn a_name_ending_in_tmp_is_a_state_file_like_any_other() {
    // The JSON file of old was written to NAME.tmp and renamed: `--state x.tmp` truncated
    // the state in place.
    let path = folder("tmp").join("state.tmp");
    let address = server().state_file(&path).unwrap().spawn();
    let address = address.trim_start_matches("http://");
    let (status, _) = call(address, "CreateUserPool", &json!({"PoolName": "kept"}));
    assert_eq!(status, 200);
    assert!(std::fs::metadata(&path).unwrap().len() > 0);
}

#[cfg(unix)]
#[test]
fn files_that_are_not_a_private_regular_file_are_refused() {
    use std::os::unix::fs::PermissionsExt;
    let folder = folder("refused");
    // Devices, FIFOs and folders: read forever, never, or not at all.
    for path in ["/dev/zero", "/dev/null"] {
        let message = refused(Path::new(path));
        assert!(message.contains("not a regular file"), "{message}");
    }
    let fifo = folder.join("fifo");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    assert!(refused(&fifo).contains("not a regular file"));
    assert!(refused(&folder).contains("not a regular file"));
    // A link is not followed (to a file someone else chose).
    let target = folder.join("target.db");
    std::fs::write(&target, b"").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = folder.join("link.db");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    assert!(refused(&link).contains("not a regular file"));
    // Open to others: world-writable, or readable (it holds secrets).
    for mode in [0o666, 0o644, 0o602] {
        let path = folder.join(format!("open-{mode:o}.db"));
        std::fs::write(&path, b"").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let message = refused(&path);
        assert!(
            message.contains("others may read or write"),
            "{mode:o}: {message}"
        );
    }
    // The same for SQLite's journal beside it, which holds the same secrets.
    let path = folder.join("journal.db");
    let wal = folder.join("journal.db-wal");
    std::fs::write(&wal, b"").unwrap();
    std::fs::set_permissions(&wal, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(refused(&path).contains("journal.db-wal"));
    // Not a state file at all.
    let path = folder.join("text.db");
    std::fs::write(&path, b"{\"version\":1}").unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let message = refused(&path);
    assert!(message.contains("not a state file"), "{message}");
}

#[test]
fn a_commit_that_fails_is_an_internal_error_and_the_operation_is_undone() {
    let path = folder("full").join("state.db");
    let address = server()
        .state_file(&path)
        .unwrap()
        .limit_state_pages(40)
        .spawn();
    let address = address.trim_start_matches("http://");
    let (_, pool) = call(address, "CreateUserPool", &json!({"PoolName": "full"}));
    let pool = pool["UserPool"]["Id"].as_str().unwrap().to_owned();
    let mut created = Vec::new();
    let failed = loop {
        let name = format!("user{}", created.len());
        let (status, body) = call(
            address,
            "AdminCreateUser",
            &json!({"UserPoolId": pool, "Username": name, "TemporaryPassword": "Temporary-1!",
                "UserAttributes": [{"Name": "name", "Value": "x".repeat(1500)}]}),
        );
        if status != 200 {
            assert_eq!(status, 500, "{body}");
            assert_eq!(body["__type"], "InternalErrorException", "{body}");
            assert!(
                body["message"].as_str().unwrap().contains("undone"),
                "{body}"
            );
            break name;
        }
        created.push(name);
        assert!(created.len() < 1000, "the file never filled");
    };
    assert!(!created.is_empty());
    // The failed one does not exist; those answered 200 do.
    let get = |name: &str| {
        call(
            address,
            "AdminGetUser",
            &json!({"UserPoolId": pool, "Username": name}),
        )
    };
    let (status, body) = get(&failed);
    assert_eq!(body["__type"], "UserNotFoundException", "{status} {body}");
    for name in &created {
        assert_eq!(get(name).0, 200, "{name}");
    }
}
