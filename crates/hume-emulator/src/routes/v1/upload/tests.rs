use axum::body::Body;

use super::*;

const BOUNDARY: &str = "XyZ";

enum P<'a> {
    File(&'a [u8]),
    Named(&'a str, &'a [u8]),
    Nameless(&'a [u8]),
}

fn body(parts: &[P<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    for part in parts {
        out.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let (disposition, data) = match part {
            P::File(data) => (
                "Content-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\nContent-Type: audio/wav".to_owned(),
                *data,
            ),
            P::Named(name, data) => (format!("Content-Disposition: form-data; name=\"{name}\""), *data),
            P::Nameless(data) => ("Content-Disposition: form-data".to_owned(), *data),
        };
        out.extend_from_slice(disposition.as_bytes());
        out.extend_from_slice(b"\r\n\r\n");
        out.extend_from_slice(data);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    out
}

fn request(content_type: &str, body: Vec<u8>) -> Request {
    Request::builder()
        .method("POST")
        .uri("/v1/expression/audio/file")
        .header(header::CONTENT_TYPE, content_type)
        .body(Body::from(body))
        .unwrap()
}

fn multipart(parts: &[P<'_>]) -> Request {
    request(
        &format!("multipart/form-data; boundary={BOUNDARY}"),
        body(parts),
    )
}

const AUDIO: UploadRules = UploadRules {
    max_files: Some(1),
    keep_per_file: 1 << 20,
    too_large: RequestErrorCode::AudioTooLong,
};

const IMAGES: UploadRules = UploadRules {
    max_files: None,
    keep_per_file: 4,
    too_large: RequestErrorCode::ImageTooLarge,
};

/// Reads `request` behind the same body-limit layer as the real router (axum's default
/// 2 MB limit would otherwise cut large bodies short).
async fn read(request: Request, rules: UploadRules) -> Result<Upload, UploadFailure> {
    use std::sync::{Arc, Mutex};

    use axum::extract::DefaultBodyLimit;
    use tower::ServiceExt as _;

    let slot = Arc::new(Mutex::new(None));
    let out = Arc::clone(&slot);
    let app = axum::Router::new()
        .route(
            "/v1/expression/audio/file",
            axum::routing::post(move |request: Request| {
                let out = Arc::clone(&out);
                let rules = rules.clone();
                async move {
                    *out.lock().unwrap() = Some(read_upload(request, rules).await);
                }
            }),
        )
        .layer(DefaultBodyLimit::disable());
    app.oneshot(request).await.unwrap();
    slot.lock().unwrap().take().unwrap()
}

async fn failure(request: Request, rules: UploadRules) -> (RequestErrorCode, String, u64) {
    let failure = read(request, rules).await.unwrap_err();
    (
        failure.error.code,
        failure.error.message,
        failure.media_bytes,
    )
}

#[tokio::test]
async fn files_and_config_are_read_in_order() {
    let upload = read(
        multipart(&[P::Named("config", b"{\"a\":1}"), P::File(b"0123456789")]),
        AUDIO,
    )
    .await
    .unwrap();
    assert_eq!(upload.config.as_deref(), Some(&b"{\"a\":1}"[..]));
    assert_eq!(upload.files.len(), 1);
    let file = &upload.files[0];
    assert_eq!(file.filename.as_deref(), Some("a.wav"));
    assert_eq!(file.content_type.as_deref(), Some("audio/wav"));
    assert_eq!((file.data.as_slice(), file.len), (&b"0123456789"[..], 10));
    assert!(!file.is_cut());
    assert_eq!(upload.media_bytes(), 10);
}

#[tokio::test]
async fn files_keep_a_prefix_but_count_every_byte() {
    let upload = read(multipart(&[P::File(b"0123456789"), P::File(b"ab")]), IMAGES)
        .await
        .unwrap();
    assert_eq!(upload.files[0].data, b"0123");
    assert_eq!(upload.files[0].len, 10);
    assert!(upload.files[0].is_cut());
    assert!(!upload.files[1].is_cut());
    assert_eq!(upload.media_bytes(), 12);
    assert_eq!(upload.config, None);
}

#[tokio::test]
async fn structural_problems_are_message_invalid() {
    let invalid = RequestErrorCode::MessageInvalid;
    let cases: Vec<(Request, &str)> = vec![
        (
            request("application/json", b"{}".to_vec()),
            "multipart/form-data",
        ),
        (multipart(&[]), "no `file` part"),
        (multipart(&[P::Named("config", b"{}")]), "no `file` part"),
        (
            multipart(&[P::File(b"ab"), P::File(b"cd")]),
            "exactly one `file`",
        ),
        (
            multipart(&[P::File(b"ab"), P::Named("json", b"{}")]),
            "unexpected part `json`",
        ),
        (multipart(&[P::Nameless(b"ab")]), "no name"),
        (
            multipart(&[
                P::Named("config", b"{}"),
                P::Named("config", b"{}"),
                P::File(b"ab"),
            ]),
            "at most one `config`",
        ),
        (
            request(
                &format!("multipart/form-data; boundary={BOUNDARY}"),
                b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"\r\n\r\nabc".to_vec(),
            ),
            "could not be read",
        ),
    ];
    for (request, needle) in cases {
        let (code, message, _) = failure(request, AUDIO).await;
        assert_eq!(code, invalid, "{message}");
        assert!(message.contains(needle), "{message:?} lacks {needle:?}");
    }
}

#[tokio::test]
async fn a_large_config_part_is_config_invalid() {
    let big = vec![b' '; MAX_CONFIG_BYTES + 1];
    let (code, message, _) = failure(
        multipart(&[P::Named("config", &big), P::File(b"ab")]),
        AUDIO,
    )
    .await;
    assert_eq!(code, RequestErrorCode::ConfigInvalid);
    assert!(message.contains("larger than"), "{message}");
}

#[tokio::test]
async fn bodies_over_the_request_limit_are_413_with_the_endpoint_code() {
    let big = vec![0u8; MAX_REQUEST_BYTES as usize + 1];
    let (code, message, media) = failure(multipart(&[P::File(&big)]), AUDIO).await;
    assert_eq!(code, RequestErrorCode::AudioTooLong);
    assert!(message.contains("25000000"), "{message}");
    assert!(media > MAX_REQUEST_BYTES);
    // A declared length over the limit is enough.
    let mut declared = multipart(&[P::File(b"ab")]);
    declared
        .headers_mut()
        .insert(header::CONTENT_LENGTH, (MAX_REQUEST_BYTES + 1).into());
    let (code, _, _) = failure(declared, IMAGES).await;
    assert_eq!(code, RequestErrorCode::ImageTooLarge);
}
