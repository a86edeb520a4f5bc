use std::time::Duration;

use hume::HumeError;
use hume_analysis::AnalysisError;

use super::{ExitKind, Failure, classify};
use crate::models::v1::{AudioFileConfig, ErrorResponse, VideoFileConfig};
use crate::models::{JobId, Predictions, ValidationErrors};
use hume::blocking::ExpressionMeasurementClient;
use hume_core::realtime::Refusal;

fn kind(e: impl Into<anyhow::Error>) -> ExitKind {
    classify(&e.into())
}

#[test]
fn codes_are_distinct_and_documented() {
    let all = [
        ExitKind::Other,
        ExitKind::Usage,
        ExitKind::Auth,
        ExitKind::JobFailed,
        ExitKind::Timeout,
        ExitKind::NotFound,
        ExitKind::Validation,
        ExitKind::Interrupted,
    ];
    let mut codes: Vec<u8> = all.iter().map(|k| k.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes, vec![1, 2, 3, 4, 5, 6, 7, 130]);
    for code in codes {
        assert!(super::HELP.contains(&format!("  {code}  ")), "{code}");
    }
}

#[test]
fn client_errors_map_to_their_codes() {
    let job = JobId::new("j");
    assert_eq!(
        kind(HumeError::invalid_api_key(http_status(401))),
        ExitKind::Auth
    );
    assert_eq!(
        kind(HumeError::job_not_found(job.clone())),
        ExitKind::NotFound
    );
    assert_eq!(
        kind(HumeError::job_failed(job.clone(), None)),
        ExitKind::JobFailed
    );
    assert_eq!(
        kind(HumeError::await_timeout(job, Duration::from_secs(1), None)),
        ExitKind::Timeout
    );
    let mut errors = ValidationErrors::new();
    errors.push("urls", "nothing");
    assert_eq!(kind(HumeError::Validation(errors)), ExitKind::Validation);
    assert_eq!(kind(HumeError::rate_limited(None)), ExitKind::Other);
}

fn http_status(code: u16) -> http::StatusCode {
    http::StatusCode::from_u16(code).unwrap()
}

#[test]
fn analysis_and_parse_errors_are_bad_input() {
    assert_eq!(
        kind(AnalysisError::UnknownEmotion {
            name: "Jo".into(),
            suggestions: vec!["Joy".into()]
        }),
        ExitKind::Validation
    );
    assert_eq!(
        kind(AnalysisError::ModelAbsent {
            model: hume_analysis::Model::Face,
            file: "f".into(),
            present: vec![]
        }),
        ExitKind::Validation
    );
    assert_eq!(kind(AnalysisError::Plot("boom".into())), ExitKind::Other);
    let parse = Predictions::from_response(b"{").unwrap_err();
    assert_eq!(
        kind(anyhow::Error::new(parse).context("file x does not hold batch predictions")),
        ExitKind::Validation
    );
}

#[test]
fn own_failures_keep_their_kind_under_context() {
    let e = anyhow::Error::new(Failure::new(ExitKind::Auth, "no api key")).context("while listing");
    assert_eq!(classify(&e), ExitKind::Auth);
    assert_eq!(kind(anyhow::anyhow!("plain")), ExitKind::Other);
}

fn v1_api(status: u16, body: &str) -> HumeError {
    HumeError::v1_api(http_status(status), ErrorResponse::parse(body.as_bytes()))
}

#[test]
fn v1_answers_map_by_status() {
    let body = |code: &str| {
        format!(r#"{{"type":"error","code":"{code}","message":"m","request_id":"r"}}"#)
    };
    assert_eq!(kind(v1_api(403, &body("forbidden"))), ExitKind::Auth);
    assert_eq!(kind(v1_api(404, &body("not_found"))), ExitKind::NotFound);
    for (status, code) in [
        (400, "audio_decode_failed"),
        (400, "config_invalid"),
        (413, "image_too_large"),
        (415, "unsupported_media_type"),
    ] {
        assert_eq!(
            kind(v1_api(status, &body(code))),
            ExitKind::Validation,
            "{code}"
        );
    }
    assert_eq!(kind(v1_api(500, &body("internal_error"))), ExitKind::Other);
    assert_eq!(kind(v1_api(503, &body("server_busy"))), ExitKind::Other);
    assert_eq!(
        kind(v1_api(502, "<html>bad gateway</html>")),
        ExitKind::Other
    );
}

/// A v1 client whose requests could go nowhere: every error below is found before sending.
fn offline_client() -> ExpressionMeasurementClient {
    ExpressionMeasurementClient::builder()
        .api_key(hume::ApiKey::new("k").unwrap())
        .base_url("http://127.0.0.1:9")
        .build()
        .unwrap()
}

#[test]
fn local_checks_of_v1_uploads_are_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let odd = dir.path().join("odd.pcm");
    std::fs::write(&odd, [0u8; 3]).unwrap();
    let err = offline_client()
        .audio()
        .measure(&odd, AudioFileConfig::new())
        .unwrap_err();
    assert!(matches!(err, HumeError::InvalidMedia { .. }), "{err}");
    assert_eq!(kind(err), ExitKind::Validation);

    // Fourteen JPEGs of 1.9 MB each: every image is fine, the request is over 25 MB. The
    // files are sparse past their header, so no disk is used.
    let header: &[u8] = &[
        0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, 0, 64, 0, 64, 1, 1, 0x11, 0, 0xFF, 0xDA, 0, 8, 1, 1, 0,
        0, 63, 0,
    ];
    let images: Vec<_> = (0..14)
        .map(|i| {
            let path = dir.path().join(format!("{i}.jpg"));
            std::fs::write(&path, header).unwrap();
            std::fs::OpenOptions::new()
                .append(true)
                .open(&path)
                .unwrap()
                .set_len(1_900_000)
                .unwrap();
            path
        })
        .collect();
    let err = offline_client()
        .video()
        .measure(&images, VideoFileConfig::new())
        .unwrap_err();
    assert!(matches!(err, HumeError::RequestTooLarge { .. }), "{err}");
    assert_eq!(kind(err), ExitKind::Validation);

    let err = offline_client()
        .video()
        .measure([&odd], VideoFileConfig::new())
        .unwrap_err();
    assert_eq!(kind(err), ExitKind::Validation);
}

#[test]
fn realtime_errors_map_by_kind() {
    let refused = HumeError::realtime_refused(Refusal::UpdateAfterFirstFrame);
    assert_eq!(kind(refused), ExitKind::Validation);
    assert_eq!(
        kind(HumeError::realtime_handshake(http_status(403), "no")),
        ExitKind::Auth
    );
    assert_eq!(
        kind(HumeError::realtime_handshake(http_status(503), "busy")),
        ExitKind::Other
    );
}
