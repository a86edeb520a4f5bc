//! Error bodies parsed into the typed ApiErrorBody.

use hume_models::{ApiErrorBody, ValidationError, ValidationErrors};
use serde_json::json;

use crate::fixtures;

fn parse(name: &str) -> ApiErrorBody {
    ApiErrorBody::parse(&fixtures::bytes(name))
}

#[test]
fn every_error_fixture_is_a_recognised_shape() {
    for name in fixtures::named("error-") {
        let body = parse(&name);
        assert!(body.is_recognised(), "{name}: {body:?}");
        assert!(!body.message().is_empty(), "{name}");
    }
}

#[test]
fn invalid_api_key_fault() {
    let body = parse("error-invalid-api-key.json");
    assert_eq!(
        body,
        ApiErrorBody::Fault {
            faultstring: "Invalid ApiKey".into(),
            errorcode: Some("oauth.v2.InvalidApiKey".into()),
        }
    );
    assert!(body.is_invalid_api_key());
    assert!(!body.is_job_not_found());
    assert_eq!(body, ApiErrorBody::invalid_api_key());
    assert_eq!(
        body.to_json(),
        fixtures::value("error-invalid-api-key.json")
    );
    assert_eq!(body.message(), "Invalid ApiKey (oauth.v2.InvalidApiKey)");
}

#[test]
fn missing_api_key_fault() {
    let body = parse("error-missing-api-key.json");
    assert!(body.is_invalid_api_key());
    assert_eq!(body, ApiErrorBody::missing_api_key());
    // Only the errorcode says it is a key problem here.
    let other_fault = ApiErrorBody::parse(br#"{"fault":{"faultstring":"Spike arrest violation","detail":{"errorcode":"policies.ratelimit.SpikeArrestViolation"}}}"#);
    assert!(matches!(other_fault, ApiErrorBody::Fault { .. }));
    assert!(!other_fault.is_invalid_api_key());
    // A fault without detail.
    let bare = ApiErrorBody::parse(br#"{"fault":{"faultstring":"Invalid ApiKey"}}"#);
    assert!(bare.is_invalid_api_key());
}

#[test]
fn message_bodies() {
    let body = parse("error-job-not-found.json");
    assert_eq!(body, ApiErrorBody::job_not_found());
    assert!(body.is_job_not_found());
    assert_eq!(body.message(), "job not found");
    assert_eq!(body.to_json(), json!({"message": "job not found"}));
    let rate = parse("error-rate-limited.json");
    assert_eq!(
        rate,
        ApiErrorBody::from_message("Too many requests, slow down")
    );
    assert!(!rate.is_job_not_found());
    // FastAPI's string detail is a message too.
    assert_eq!(
        ApiErrorBody::parse(br#"{"detail":"Not Found"}"#),
        ApiErrorBody::from_message("Not Found")
    );
}

#[test]
fn validation_bodies() {
    let body = parse("error-validation.json");
    let expected = ValidationErrors::from(vec![
        ValidationError::new("urls[3]", "must be an http:// or https:// url"),
        ValidationError::new("models.face.fps_pred", "must be >= 0, got -1"),
    ]);
    assert_eq!(body, ApiErrorBody::validation(expected.clone()));
    assert_eq!(body.validation_errors(), expected.errors());
    assert_eq!(body.to_json(), fixtures::value("error-validation.json"));
    assert!(
        body.message().contains("urls[3]: must be"),
        "{}",
        body.message()
    );

    let fastapi = parse("error-validation-fastapi.json");
    let fields: Vec<&str> = fastapi
        .validation_errors()
        .iter()
        .map(|e| e.field.as_str())
        .collect();
    assert_eq!(fields, ["body.urls[3]", "body.models.face.prob_threshold"]);
    assert_eq!(
        fastapi.validation_errors()[0].message,
        "invalid or missing URL scheme"
    );
}

#[test]
fn unknown_shapes_and_non_json_are_kept() {
    let other = ApiErrorBody::parse(br#"{"error":{"code":500}}"#);
    assert_eq!(other, ApiErrorBody::Other(json!({"error": {"code": 500}})));
    assert!(!other.is_recognised());
    assert!(other.message().contains("500"));
    let text = ApiErrorBody::parse(b"<html>502 Bad Gateway</html>");
    assert_eq!(
        text,
        ApiErrorBody::Text("<html>502 Bad Gateway</html>".into())
    );
    assert_eq!(text.message(), "<html>502 Bad Gateway</html>");
    assert_eq!(ApiErrorBody::parse(b"").message(), "empty body");
    let huge = vec![b'z'; 10_000];
    match ApiErrorBody::parse(&huge) {
        ApiErrorBody::Text(t) => assert_eq!(t.len(), hume_models::EXCERPT_LIMIT),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        ApiErrorBody::parse(b"[1,2]"),
        ApiErrorBody::Other(_)
    ));
}

#[test]
fn error_bodies_round_trip_through_serde() {
    for name in fixtures::named("error-") {
        let body = parse(&name);
        let text = serde_json::to_string(&body).unwrap();
        let back: ApiErrorBody = serde_json::from_str(&text).unwrap();
        assert_eq!(back, body, "{name}");
    }
}
