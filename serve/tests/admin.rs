//! What test suites for Cognito emulators call and serve lacked: groups (with
//! `cognito:groups` in the tokens), pages past the first of ListUsers, ListUserPools and
//! ListUserPoolClients, ListUsers' `AttributesToGet`, users' creation and change dates, and
//! AdminCreateUser's `MessageAction` RESEND.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::{Value, json};

mod common;

use common::{End, call, drive, initiate, pool_and_client, serve, srp, user};

const PASSWORD: &str = "Pa55word!";

fn ok(address: &str, operation: &str, body: &Value) -> Value {
    let (status, answer) = call(address, operation, body);
    assert_eq!(status, 200, "{operation}: {answer}");
    answer
}

fn refused(address: &str, operation: &str, body: &Value) -> String {
    let (status, answer) = call(address, operation, body);
    assert_eq!(status, 400, "{operation}: {answer}");
    answer["__type"].as_str().unwrap().to_owned()
}

/// The claims of a JWT (unverified: serve signed it; other tests verify its signature).
fn claims(token: &str) -> Value {
    let payload = token.split('.').nth(1).unwrap();
    serde_json::from_slice(&Base64UrlUnpadded::decode_vec(payload).unwrap()).unwrap()
}

#[test]
fn groups_are_kept_listed_and_named_in_the_tokens() {
    let address = serve();
    let (pool, client) = pool_and_client(&address, json!({"PoolName": "groups"}), json!({}));
    user(&address, &pool, "gina", PASSWORD);
    user(&address, &pool, "hank", PASSWORD);
    for (name, precedence, role) in [
        ("readers", Some(5), None),
        (
            "admins",
            Some(1),
            Some("arn:aws:iam::123456789012:role/admin"),
        ),
        ("everyone", None, None),
    ] {
        let mut body = json!({"UserPoolId": pool, "GroupName": name, "Description": name});
        if let Some(precedence) = precedence {
            body["Precedence"] = json!(precedence);
        }
        if let Some(role) = role {
            body["RoleArn"] = json!(role);
        }
        let created = ok(&address, "CreateGroup", &body);
        assert_eq!(created["Group"]["GroupName"], name);
        assert_eq!(created["Group"]["UserPoolId"], pool.as_str());
    }
    assert_eq!(
        refused(
            &address,
            "CreateGroup",
            &json!({"UserPoolId": pool, "GroupName": "admins"})
        ),
        "GroupExistsException"
    );
    let got = ok(
        &address,
        "GetGroup",
        &json!({"UserPoolId": pool, "GroupName": "admins"}),
    );
    assert_eq!(got["Group"]["Precedence"], 1);
    assert_eq!(
        refused(
            &address,
            "GetGroup",
            &json!({"UserPoolId": pool, "GroupName": "nope"})
        ),
        "ResourceNotFoundException"
    );
    // Two to a page: three groups take two pages.
    let first = ok(
        &address,
        "ListGroups",
        &json!({"UserPoolId": pool, "Limit": 2}),
    );
    assert_eq!(first["Groups"].as_array().unwrap().len(), 2);
    let next = first["NextToken"].as_str().expect("a next page");
    let second = ok(
        &address,
        "ListGroups",
        &json!({"UserPoolId": pool, "Limit": 2, "NextToken": next}),
    );
    assert_eq!(second["Groups"].as_array().unwrap().len(), 1);
    assert!(second.get("NextToken").is_none(), "{second}");

    for group in ["readers", "admins", "everyone"] {
        let body = json!({"UserPoolId": pool, "Username": "gina", "GroupName": group});
        ok(&address, "AdminAddUserToGroup", &body);
    }
    ok(
        &address,
        "AdminAddUserToGroup",
        &json!({"UserPoolId": pool, "Username": "hank", "GroupName": "readers"}),
    );
    assert_eq!(
        refused(
            &address,
            "AdminAddUserToGroup",
            &json!({"UserPoolId": pool, "Username": "gina", "GroupName": "nope"})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        refused(
            &address,
            "AdminAddUserToGroup",
            &json!({"UserPoolId": pool, "Username": "nobody", "GroupName": "readers"})
        ),
        "UserNotFoundException"
    );
    let mine = ok(
        &address,
        "AdminListGroupsForUser",
        &json!({"UserPoolId": pool, "Username": "gina"}),
    );
    let names: Vec<&str> = mine["Groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["GroupName"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["admins", "everyone", "readers"]);
    let readers = ok(
        &address,
        "ListUsersInGroup",
        &json!({"UserPoolId": pool, "GroupName": "readers"}),
    );
    assert_eq!(readers["Users"].as_array().unwrap().len(), 2);

    // The tokens name the groups, the lowest precedence first, and the role.
    let mut signing = srp(&pool, &client, "gina", PASSWORD);
    let reply = initiate(&address, &mut signing);
    let End::SignedIn(result) = drive(&address, &mut signing, reply, &mut Vec::new()) else {
        panic!("not signed in");
    };
    let id_token = result.id_token.as_ref().expect("an ID token");
    for token in [
        id_token.expose_secret(),
        result.access_token.expose_secret(),
    ] {
        let claims = claims(token);
        assert_eq!(
            claims["cognito:groups"],
            json!(["admins", "readers", "everyone"])
        );
        assert_eq!(
            claims["cognito:preferred_role"],
            "arn:aws:iam::123456789012:role/admin"
        );
    }

    // Removed from one, and a group deleted: gone from the user's list.
    ok(
        &address,
        "AdminRemoveUserFromGroup",
        &json!({"UserPoolId": pool, "Username": "gina", "GroupName": "readers"}),
    );
    ok(
        &address,
        "DeleteGroup",
        &json!({"UserPoolId": pool, "GroupName": "everyone"}),
    );
    let mine = ok(
        &address,
        "AdminListGroupsForUser",
        &json!({"UserPoolId": pool, "Username": "gina"}),
    );
    assert_eq!(mine["Groups"].as_array().unwrap().len(), 1);
    // UpdateGroup: what is left out goes back to its default.
    let updated = ok(
        &address,
        "UpdateGroup",
        &json!({"UserPoolId": pool, "GroupName": "admins", "Description": "new"}),
    );
    assert_eq!(updated["Group"]["Description"], "new");
    assert!(updated["Group"].get("Precedence").is_none(), "{updated}");
}

#[test]
fn lists_go_on_past_their_first_page() {
    let address = serve();
    let (pool, _) = pool_and_client(&address, json!({"PoolName": "pages"}), json!({}));
    for n in 0..5 {
        user(&address, &pool, &format!("user-{n}"), PASSWORD);
        ok(
            &address,
            "CreateUserPoolClient",
            &json!({"UserPoolId": pool, "ClientName": format!("c{n}")}),
        );
        ok(
            &address,
            "CreateUserPool",
            &json!({"PoolName": format!("p{n}")}),
        );
    }
    // Every page, until there is no token: each item once.
    let all = |operation: &str, body: Value, items: &str, token: &str| -> Vec<Value> {
        let mut seen = Vec::new();
        let mut body = body;
        loop {
            let page = ok(&address, operation, &body);
            let items = page[items].as_array().unwrap();
            assert!(items.len() <= 2, "{page}");
            seen.extend(items.iter().cloned());
            match page.get(token).and_then(Value::as_str) {
                Some(next) => body[token] = json!(next),
                None => return seen,
            }
        }
    };
    let users = all(
        "ListUsers",
        json!({"UserPoolId": pool, "Limit": 2}),
        "Users",
        "PaginationToken",
    );
    let names: Vec<&str> = users
        .iter()
        .map(|u| u["Username"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["user-0", "user-1", "user-2", "user-3", "user-4"]);
    // Each user's dates, as Cognito gives them.
    for user in &users {
        assert!(
            user["UserCreateDate"].as_u64().unwrap() > 1_700_000_000,
            "{user}"
        );
        assert!(
            user["UserLastModifiedDate"].as_u64().unwrap()
                >= user["UserCreateDate"].as_u64().unwrap()
        );
    }
    let clients = all(
        "ListUserPoolClients",
        json!({"UserPoolId": pool, "MaxResults": 2}),
        "UserPoolClients",
        "NextToken",
    );
    assert_eq!(clients.len(), 6);
    let pools = all(
        "ListUserPools",
        json!({"MaxResults": 2}),
        "UserPools",
        "NextToken",
    );
    assert_eq!(pools.len(), 6);
    // A filter and a page together; a token that is not one.
    let filtered = all(
        "ListUsers",
        json!({"UserPoolId": pool, "Limit": 2, "Filter": "username ^= \"user-\""}),
        "Users",
        "PaginationToken",
    );
    assert_eq!(filtered.len(), 5);
    assert_eq!(
        refused(
            &address,
            "ListUsers",
            &json!({"UserPoolId": pool, "PaginationToken": "not a token!"})
        ),
        "InvalidParameterException"
    );
    // AttributesToGet: only those.
    let only = ok(
        &address,
        "ListUsers",
        &json!({"UserPoolId": pool, "AttributesToGet": ["email"], "Limit": 1}),
    );
    let attributes = only["Users"][0]["Attributes"].as_array().unwrap();
    assert_eq!(attributes.len(), 1, "{only}");
    assert_eq!(attributes[0]["Name"], "email");
}

#[test]
fn admin_create_user_resends_an_invitation_with_a_new_temporary_password() {
    let address = serve();
    let (pool, client) = pool_and_client(&address, json!({"PoolName": "resend"}), json!({}));
    ok(
        &address,
        "AdminCreateUser",
        &json!({"UserPoolId": pool, "Username": "ivy", "TemporaryPassword": "First-Temp-1!"}),
    );
    let resent = ok(
        &address,
        "AdminCreateUser",
        &json!({"UserPoolId": pool, "Username": "ivy", "TemporaryPassword": "Second-Temp-2!",
            "MessageAction": "RESEND"}),
    );
    assert_eq!(resent["User"]["UserStatus"], "FORCE_CHANGE_PASSWORD");
    // The new temporary password is the one that signs in (to NEW_PASSWORD_REQUIRED).
    for (password, challenge) in [
        ("First-Temp-1!", None),
        ("Second-Temp-2!", Some("NEW_PASSWORD_REQUIRED")),
    ] {
        let mut signing = srp(&pool, &client, "ivy", password);
        let reply = initiate(&address, &mut signing);
        match (
            drive(&address, &mut signing, reply, &mut Vec::new()),
            challenge,
        ) {
            (End::Refused(400, error), None) => {
                assert_eq!(error["__type"], "NotAuthorizedException");
            }
            (End::Pending(name), Some(expected)) => assert_eq!(name, expected),
            (end, _) => panic!("{password}: {end:?}"),
        }
    }
    assert_eq!(
        refused(
            &address,
            "AdminCreateUser",
            &json!({"UserPoolId": pool, "Username": "nobody", "MessageAction": "RESEND"})
        ),
        "UserNotFoundException"
    );
    user(&address, &pool, "jack", PASSWORD);
    assert_eq!(
        refused(
            &address,
            "AdminCreateUser",
            &json!({"UserPoolId": pool, "Username": "jack", "MessageAction": "RESEND"})
        ),
        "UnsupportedUserStateException"
    );
    assert_eq!(
        refused(
            &address,
            "AdminCreateUser",
            &json!({"UserPoolId": pool, "Username": "kim", "MessageAction": "EMAIL"})
        ),
        "InvalidParameterException"
    );
}

#[test]
fn a_pool_is_created_in_the_region_the_request_is_signed_for() {
    use std::io::Write;
    let address = serve();
    let body = r#"{"PoolName":"frankfurt"}"#;
    let mut stream = common::connect(&address);
    stream
        .write_all(
            common::post(
                "CreateUserPool",
                body,
                "Authorization: AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261208/eu-central-1/\
                 cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=00\r\n",
            )
            .as_bytes(),
        )
        .unwrap();
    let (status, _, created) = common::read_response(&mut stream);
    assert_eq!(status, 200, "{created}");
    let created: Value = serde_json::from_str(&created).unwrap();
    let id = created["UserPool"]["Id"].as_str().unwrap();
    assert!(id.starts_with("eu-central-1_"), "{id}");
    assert_eq!(
        created["UserPool"]["Arn"],
        format!("arn:aws:cognito-idp:eu-central-1:000000000000:userpool/{id}")
    );
    // Unsigned (or signed with no region): us-east-1, as before.
    let unsigned = ok(&address, "CreateUserPool", &json!({"PoolName": "default"}));
    assert!(
        unsigned["UserPool"]["Id"]
            .as_str()
            .unwrap()
            .starts_with("us-east-1_")
    );
}

#[test]
fn aliases_stay_unique_and_attributes_are_updated_and_deleted() {
    let address = serve();
    let (pool, client) = pool_and_client(
        &address,
        json!({"PoolName": "aliases", "AliasAttributes": ["email"]}),
        json!({}),
    );
    user(&address, &pool, "lena", PASSWORD); // lena@example.com
    user(&address, &pool, "mike", PASSWORD);
    // Another user's email, by an administrator, at sign-up, or on creation: refused, so
    // that the email typed at sign-in finds one user.
    let taken = json!([{"Name": "email", "Value": "lena@example.com"}]);
    for (operation, body) in [
        (
            "AdminUpdateUserAttributes",
            json!({"UserPoolId": pool, "Username": "mike", "UserAttributes": taken}),
        ),
        (
            "AdminCreateUser",
            json!({"UserPoolId": pool, "Username": "nina", "UserAttributes": taken}),
        ),
        (
            "SignUp",
            json!({"ClientId": client, "Username": "olga", "Password": PASSWORD,
                "UserAttributes": taken}),
        ),
    ] {
        assert_eq!(
            refused(&address, operation, &body),
            "AliasExistsException",
            "{operation}"
        );
    }
    assert_eq!(
        refused(
            &address,
            "AdminCreateUser",
            &json!({"UserPoolId": pool, "Username": "nina", "ForceAliasCreation": true})
        ),
        "InvalidParameterException"
    );
    // Her own email again is no conflict.
    ok(
        &address,
        "AdminUpdateUserAttributes",
        &json!({"UserPoolId": pool, "Username": "lena", "UserAttributes": taken}),
    );

    // The user's own: update, delete an attribute, delete themselves.
    let mut signing = srp(&pool, &client, "mike", PASSWORD);
    let reply = initiate(&address, &mut signing);
    let End::SignedIn(result) = drive(&address, &mut signing, reply, &mut Vec::new()) else {
        panic!("not signed in");
    };
    let token = result.access_token.expose_secret();
    ok(
        &address,
        "UpdateUserAttributes",
        &json!({"AccessToken": token, "UserAttributes": [{"Name": "name", "Value": "Mike"}]}),
    );
    let me = ok(&address, "GetUser", &json!({"AccessToken": token}));
    assert!(
        me["UserAttributes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["Value"] == "Mike"),
        "{me}"
    );
    ok(
        &address,
        "DeleteUserAttributes",
        &json!({"AccessToken": token, "UserAttributeNames": ["name"]}),
    );
    ok(
        &address,
        "AdminDeleteUserAttributes",
        &json!({"UserPoolId": pool, "Username": "mike", "UserAttributeNames": ["email"]}),
    );
    let me = ok(&address, "GetUser", &json!({"AccessToken": token}));
    let names: Vec<&str> = me["UserAttributes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["sub"], "{me}");
    assert_eq!(
        refused(
            &address,
            "AdminDeleteUserAttributes",
            &json!({"UserPoolId": pool, "Username": "mike", "UserAttributeNames": ["sub"]})
        ),
        "InvalidParameterException"
    );
    ok(&address, "DeleteUser", &json!({"AccessToken": token}));
    assert_eq!(
        refused(
            &address,
            "AdminGetUser",
            &json!({"UserPoolId": pool, "Username": "mike"})
        ),
        "UserNotFoundException"
    );
}
