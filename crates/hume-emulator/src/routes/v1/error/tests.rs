use hume_models::v1::media::{NonJpegFormat, inspect_audio};
use serde_json::{Value, json};

use super::*;

async fn body(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let bytes = axum::body::to_bytes(response.into_body(), 1 << 20)
        .await
        .unwrap();
    (status, serde_json::from_slice(&bytes).unwrap())
}

#[tokio::test]
async fn error_bodies_carry_type_code_message_and_request_id() {
    let id = RequestId::new("3f9a1c07e2b84d56a0c7e19b5d2f8a64");
    let (status, json) = body(V1Error::config_invalid("bad timer").into_response_for(&id)).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        json,
        json!({"type": "error", "code": "config_invalid", "message": "bad timer",
               "request_id": "3f9a1c07e2b84d56a0c7e19b5d2f8a64"})
    );
    let cases = [
        (V1Error::message_invalid("m"), 400, "message_invalid"),
        (V1Error::invalid_request("m"), 400, "invalid_request"),
        (V1Error::forbidden("m"), 403, "forbidden"),
        (V1Error::not_found("m"), 404, "not_found"),
        (V1Error::method_not_allowed("m"), 405, "method_not_allowed"),
        (V1Error::internal("m"), 500, "internal_error"),
        (V1Error::server_busy("m"), 503, "server_busy"),
        (V1Error::rate_limited(3), 429, "server_busy"),
    ];
    for (error, expected_status, code) in cases {
        let response = error.into_response_for(&id);
        if expected_status == 429 {
            assert_eq!(response.headers()[header::RETRY_AFTER], "3");
        }
        let (status, json) = body(response).await;
        assert_eq!(status.as_u16(), expected_status);
        assert_eq!(json["code"], code);
    }
}

#[tokio::test]
async fn media_errors_map_to_their_status_and_code() {
    let id = RequestId::new("r");
    let odd = inspect_audio(&[1, 2, 3]).unwrap_err();
    let (status, json) = body(V1Error::audio(&odd).into_response_for(&id)).await;
    assert_eq!(
        (status.as_u16(), json["code"].as_str()),
        (400, Some("audio_decode_failed"))
    );
    let mp3 = inspect_audio(b"ID3\x04\x00\x00\x00\x00\x00\x00rest").unwrap_err();
    let (status, json) = body(V1Error::audio(&mp3).into_response_for(&id)).await;
    assert_eq!(
        (status.as_u16(), json["code"].as_str()),
        (415, Some("unsupported_media_type"))
    );
    let png = ImageFormatError::NotJpeg(NonJpegFormat::Png);
    let (status, json) = body(V1Error::image(2, Some("a.png"), &png).into_response_for(&id)).await;
    assert_eq!(
        (status.as_u16(), json["code"].as_str()),
        (415, Some("unsupported_media_type"))
    );
    assert!(
        json["message"]
            .as_str()
            .unwrap()
            .starts_with("image 2 (\"a.png\"): not a jpeg"),
        "{json}"
    );
    let big = ImageFormatError::TooManyBytes { len: 3_000_000 };
    let (status, json) = body(V1Error::image(0, None, &big).into_response_for(&id)).await;
    assert_eq!(
        (status.as_u16(), json["code"].as_str()),
        (413, Some("image_too_large"))
    );
}

#[tokio::test]
async fn unauthorized_bodies_have_no_type_or_code() {
    let (status, json) = body(unauthorized("missing credential", None)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(json, json!({"message": "missing credential"}));
    let id = RequestId::new("abc");
    let (_, json) = body(unauthorized("invalid API key", Some(&id))).await;
    assert_eq!(
        json,
        json!({"message": "invalid API key", "request_id": "abc"})
    );
}
