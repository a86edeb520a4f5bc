//! Error bodies: every documented status and code, the 401 body, and shapes we do not know.

use hume_models::v1::{AuthenticationError, ErrorBody, ErrorResponse, RequestErrorCode, RequestId};

use crate::fixtures;

#[test]
fn every_error_fixture_parses_with_its_code_matching_its_status() {
    let names = fixtures::named("error-");
    assert!(names.len() >= 11);
    for name in names {
        let status: u16 = name[6..9].parse().unwrap();
        let body = fixtures::bytes(&name);
        let classified = ErrorResponse::parse(&body);
        if status == 401 {
            let auth = AuthenticationError::from_response(&body).unwrap();
            assert_eq!(
                classified,
                ErrorResponse::Authentication(auth.clone()),
                "{name}"
            );
            assert!(classified.code().is_none());
            assert!(!classified.message().is_empty());
            continue;
        }
        let parsed = ErrorBody::from_response(&body).unwrap();
        assert!(parsed.code.is_known(), "{name}");
        assert_eq!(parsed.code.http_status(), Some(status), "{name}");
        assert!(name.contains(parsed.code.as_str()), "{name}");
        assert!(parsed.request_id.is_some(), "{name}");
        assert_eq!(classified, ErrorResponse::Error(parsed.clone()), "{name}");
        assert_eq!(classified.code(), Some(&parsed.code));
        assert_eq!(classified.request_id(), parsed.request_id.as_ref());
        assert_eq!(classified.message(), parsed.message);
        assert_eq!(
            classified.to_string(),
            format!("{}: {}", parsed.code, parsed.message)
        );
        // Written back exactly as received.
        fixtures::assert_serialises_to(&parsed, &fixtures::value(&name));
        assert_eq!(classified.to_json(), fixtures::value(&name));
    }
}

#[test]
fn every_documented_request_code_is_known_and_has_a_status() {
    let wire = [
        "message_invalid",
        "config_invalid",
        "audio_decode_failed",
        "image_decode_failed",
        "invalid_request",
        "forbidden",
        "not_found",
        "method_not_allowed",
        "audio_too_long",
        "image_too_large",
        "unsupported_media_type",
        "internal_error",
        "server_busy",
    ];
    assert_eq!(RequestErrorCode::KNOWN.len(), wire.len());
    for w in wire {
        let code = RequestErrorCode::from_wire(w);
        assert!(code.is_known(), "{w}");
        assert_eq!(code.as_str(), w);
        assert!(code.http_status().is_some(), "{w}");
    }
    assert_eq!(RequestErrorCode::AudioTooLong.http_status(), Some(413));
    assert_eq!(RequestErrorCode::ServerBusy.http_status(), Some(503));
}

#[test]
fn an_unknown_code_is_kept() {
    let body = br#"{"type":"error","code":"quota_exceeded","message":"monthly quota used","request_id":"r1"}"#;
    let e = ErrorBody::from_response(body).unwrap();
    assert_eq!(e.code, RequestErrorCode::Other("quota_exceeded".into()));
    assert_eq!(e.code.http_status(), None);
    assert_eq!(
        serde_json::to_string(&e).unwrap(),
        std::str::from_utf8(body).unwrap()
    );
}

#[test]
fn the_401_body_keeps_its_optional_request_id() {
    let with = AuthenticationError::from_response(&fixtures::bytes("error-401-rejected-key.json"))
        .unwrap();
    assert_eq!(
        with.request_id,
        Some(RequestId::new("req_01JAB9ERR4010000000000000"))
    );
    let without =
        AuthenticationError::from_response(&fixtures::bytes("error-401-no-credentials.json"))
            .unwrap();
    assert_eq!(without.request_id, None);
    let json = serde_json::to_value(&without).unwrap();
    assert!(json.get("request_id").is_none());
    assert_eq!(
        ErrorResponse::parse(&fixtures::bytes("error-401-no-credentials.json")).request_id(),
        None
    );
}

#[test]
fn other_shapes_are_classified_never_rejected() {
    let cases: [(&[u8], &str); 6] = [
        (b"upstream connect error", "upstream connect error"),
        (b"", "empty body"),
        (b"  ", "empty body"),
        (br#"{"detail":"Not Found"}"#, r#"{"detail":"Not Found"}"#),
        (br#"[1,2]"#, "[1,2]"),
        // A code that is not a string does not make a typed body.
        (br#"{"code":5,"message":"x"}"#, "x"),
    ];
    for (body, message) in cases {
        let e = ErrorResponse::parse(body);
        assert_eq!(e.message(), message, "{:?}", String::from_utf8_lossy(body));
        assert!(e.code().is_none());
    }
    assert!(matches!(
        ErrorResponse::parse(b"nope"),
        ErrorResponse::Text(_)
    ));
    assert!(matches!(
        ErrorResponse::parse(br#"{"a":1}"#),
        ErrorResponse::Other(_)
    ));
    // A body whose type does not fit keeps its JSON.
    let weird = br#"{"code":"not_found","message":"x","request_id":17}"#;
    assert!(matches!(
        ErrorResponse::parse(weird),
        ErrorResponse::Other(_)
    ));
}

#[test]
fn long_text_bodies_are_cut() {
    let body = "x".repeat(10_000);
    match ErrorResponse::parse(body.as_bytes()) {
        ErrorResponse::Text(t) => assert_eq!(t.len(), hume_models::EXCERPT_LIMIT),
        other => panic!("{other:?}"),
    }
}

#[test]
fn built_bodies_match_the_wire_shape() {
    let e = ErrorBody::new(RequestErrorCode::NotFound, "no run with this id", "req_1");
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        serde_json::json!({"type": "error", "code": "not_found",
                           "message": "no run with this id", "request_id": "req_1"})
    );
    let a = AuthenticationError::new("bad key", Some("req_2".into()));
    assert_eq!(
        ErrorResponse::from(a.clone()).to_json(),
        serde_json::json!({"message": "bad key", "request_id": "req_2"})
    );
    assert_eq!(
        ErrorResponse::from(e).code(),
        Some(&RequestErrorCode::NotFound)
    );
}
