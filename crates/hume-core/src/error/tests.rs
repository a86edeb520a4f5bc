use super::*;
use crate::realtime::{CloseInfo, FrameError};
use crate::transport_error::SendState;
use hume_models::ValidationErrors;
use hume_models::v1::realtime::CloseReason;
use std::error::Error as _;

#[test]
fn is_send_sync_static() {
    fn is<T: Send + Sync + 'static>() {}
    is::<HumeError>();
    // One line: a boxed error travels through `?` into anyhow / Box<dyn Error>.
    let boxed: Box<dyn std::error::Error + Send + Sync + 'static> =
        Box::new(HumeError::InvalidConfig("x".into()));
    assert_eq!(boxed.to_string(), "invalid configuration: x");
}

fn job() -> JobId {
    JobId::new("0f4a7c1e-1111-2222-3333-444455556666")
}

/// One value of every variant, for display and scanning tests.
pub(crate) fn every_variant() -> Vec<HumeError> {
    let mut problems = ValidationErrors::new();
    problems.push("urls", "at most 100 urls");
    vec![
        HumeError::InvalidApiKey {
            status: StatusCode::UNAUTHORIZED,
        },
        HumeError::JobNotFound { job_id: job() },
        HumeError::RateLimited {
            retry_after: Some(Duration::from_secs(7)),
        },
        HumeError::RateLimited { retry_after: None },
        HumeError::Api {
            status: StatusCode::BAD_REQUEST,
            message: "invalid request: urls: at most 100 urls".into(),
            body: ApiErrorBody::from_message("invalid request"),
        },
        HumeError::await_timeout(
            job(),
            Duration::from_secs(300),
            Some(hume_models::BatchJobStatus::InProgress),
        ),
        HumeError::JobFailed {
            job_id: job(),
            message: Some("transcript confidence below threshold".into()),
        },
        HumeError::JobFailed {
            job_id: job(),
            message: None,
        },
        HumeError::Validation(problems),
        HumeError::InvalidConfig("timeout must be at least 1 second".into()),
        HumeError::LocalFile {
            path: "/tmp/missing.mp4".into(),
            source: std::io::Error::new(std::io::ErrorKind::NotFound, "no such file"),
        },
        HumeError::Transport(TransportError::connect("connection refused")),
        HumeError::SubmitUncertain {
            source: Box::new(HumeError::Transport(TransportError::io(
                SendState::MaybeSent,
                "reset by peer",
            ))),
            candidates: vec![JobId::new("job-a"), JobId::new("job-b")],
        },
        HumeError::Decode {
            what: "job details",
            status: StatusCode::OK,
            message: "missing field `state` at line 1 column 2".into(),
            excerpt: "{}".into(),
        },
        HumeError::io("writing /tmp/a.zip", std::io::Error::other("disk full")),
        HumeError::IncompleteDownload {
            path: "/tmp/a.zip".into(),
            expected: 10,
            received: 4,
        },
        HumeError::TooManyRedirects { limit: 5 },
        HumeError::BadRedirect {
            location: "ftp://x".into(),
        },
        HumeError::v1_api(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorResponse::parse(
                br#"{"type":"error","code":"image_too_large","message":"image 2 is too large","request_id":"req-9"}"#,
            ),
        ),
        HumeError::v1_api(
            StatusCode::BAD_GATEWAY,
            ErrorResponse::parse(b"<html>bad gateway</html>"),
        ),
        HumeError::InvalidMedia {
            path: "/tmp/song.mp3".into(),
            problem: MediaProblem::Audio(hume_models::v1::media::AudioFormatError::OddLength {
                len: 3,
            }),
        },
        HumeError::RequestTooLarge {
            bytes: 25_000_100,
            limit: 25_000_000,
        },
        HumeError::realtime_handshake(StatusCode::SERVICE_UNAVAILABLE, "server busy"),
        HumeError::realtime_handshake(StatusCode::NOT_FOUND, ""),
        HumeError::realtime_refused(Refusal::Frame(FrameError::OddLength { len: 3 })),
        HumeError::realtime_refused(Refusal::UpdateAfterFirstFrame),
        HumeError::realtime_refused(Refusal::InvalidUpdate(problems_for_realtime())),
        HumeError::realtime_refused(Refusal::Closing),
        HumeError::Realtime {
            code: ErrorCode::ConfigInvalid,
            message: "session.update after the first frame".into(),
            retryable: false,
            session_id: Some(SessionId::new("run-1")),
        },
        HumeError::Realtime {
            code: ErrorCode::from("brand_new"),
            message: "something new".into(),
            retryable: true,
            session_id: None,
        },
        HumeError::RealtimeSessionEnded {
            end: SessionEnd::Closed {
                reason: CloseReason::IdleTimeout,
            },
            session_id: Some(SessionId::new("run-2")),
        },
        HumeError::RealtimeSessionEnded {
            end: SessionEnd::ConnectionClosed(CloseInfo::new(1012, "restart")),
            session_id: None,
        },
        HumeError::RealtimeSessionEnded {
            end: SessionEnd::KeepaliveTimeout,
            session_id: None,
        },
        HumeError::RealtimeSessionEnded {
            end: SessionEnd::HandshakeTimeout,
            session_id: None,
        },
        HumeError::RealtimeSessionEnded {
            end: SessionEnd::DrainTimeout,
            session_id: None,
        },
        HumeError::RealtimeSessionEnded {
            end: SessionEnd::Aborted,
            session_id: None,
        },
    ]
}

fn problems_for_realtime() -> ValidationErrors {
    let mut problems = ValidationErrors::new();
    problems.push("measurement_timer_ms", "must be 3000..=10000");
    problems
}

#[test]
fn realtime_errors_say_what_happened() {
    assert_eq!(
        HumeError::realtime_refused(Refusal::Closing).to_string(),
        "not sent: the session is closing or has ended"
    );
    let error = HumeError::Realtime {
        code: ErrorCode::ConfigInvalid,
        message: "too late".into(),
        retryable: false,
        session_id: Some(SessionId::new("run-1")),
    };
    assert_eq!(
        error.to_string(),
        "realtime error config_invalid (session run-1): too late"
    );
    assert_eq!(error.session_id().map(SessionId::as_str), Some("run-1"));
    assert!(!error.is_retryable());
    // An audio internal_error ends the session, but a new one may work.
    let internal = HumeError::Realtime {
        code: ErrorCode::InternalError,
        message: "measurement failed".into(),
        retryable: false,
        session_id: None,
    };
    assert!(internal.is_retryable());
    let ended = HumeError::RealtimeSessionEnded {
        end: SessionEnd::Closed {
            reason: CloseReason::ServerShutdown,
        },
        session_id: Some(SessionId::new("run-3")),
    };
    assert_eq!(
        ended.to_string(),
        "realtime session run-3 ended: the server closed it (server_shutdown)"
    );
    assert!(ended.is_retryable());
    assert_eq!(ended.status(), None);
    let handshake = HumeError::realtime_handshake(StatusCode::TOO_MANY_REQUESTS, "");
    assert_eq!(
        handshake.to_string(),
        "realtime handshake refused: 429 Too Many Requests"
    );
    assert_eq!(handshake.status(), Some(StatusCode::TOO_MANY_REQUESTS));
    assert!(handshake.is_retryable());
    assert!(!HumeError::realtime_handshake(StatusCode::BAD_REQUEST, "x").is_retryable());
    assert!(!HumeError::realtime_refused(Refusal::UpdateAfterFirstFrame).is_retryable());
    assert_eq!(HumeError::TooManyRedirects { limit: 1 }.session_id(), None);
}

#[test]
fn display_is_lowercase_single_line_without_trailing_period() {
    for err in every_variant() {
        let text = err.to_string();
        let first = text.chars().next().unwrap();
        assert!(!first.is_uppercase(), "{text}");
        assert!(!text.ends_with('.'), "{text}");
        assert!(!text.contains('\n'), "{text}");
        // Display does not repeat the source's text.
        if let Some(source) = err.source() {
            assert!(
                !text.contains(&source.to_string()),
                "{text} repeats {source}"
            );
        }
    }
}

#[test]
fn display_carries_context() {
    let e = HumeError::Api {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        message: "bad window".into(),
        body: ApiErrorBody::from_message("bad window"),
    };
    assert_eq!(
        e.to_string(),
        "api error 422 Unprocessable Entity: bad window"
    );
    assert_eq!(
        HumeError::JobNotFound {
            job_id: JobId::new("abc")
        }
        .to_string(),
        "job not found: abc"
    );
    assert_eq!(
        HumeError::RateLimited {
            retry_after: Some(Duration::from_secs(7))
        }
        .to_string(),
        "rate limited by the api (retry after 7s)"
    );
    assert_eq!(
        HumeError::RateLimited { retry_after: None }.to_string(),
        "rate limited by the api"
    );
    let ambiguous = HumeError::SubmitUncertain {
        source: Box::new(HumeError::Transport(TransportError::io(
            SendState::MaybeSent,
            "reset",
        ))),
        candidates: vec![JobId::new("job-a"), JobId::new("job-b")],
    };
    assert_eq!(
        ambiguous.to_string(),
        "job submission outcome unknown: the job may or may not exist (candidates: job-a, \
         job-b); list jobs before submitting again"
    );
    assert_eq!(ambiguous.candidates().len(), 2);
    assert_eq!(
        HumeError::JobFailed {
            job_id: JobId::new("j1"),
            message: Some("boom".into())
        }
        .to_string(),
        "job j1 failed: boom"
    );
    assert_eq!(
        HumeError::JobFailed {
            job_id: JobId::new("j1"),
            message: None
        }
        .to_string(),
        "job j1 failed"
    );
    let transport = HumeError::Transport(TransportError::connect("refused"));
    assert_eq!(
        transport.to_string(),
        "connection failed (request not sent)"
    );
    assert_eq!(transport.source().unwrap().to_string(), "refused");
}

#[test]
fn v1_errors_display_status_code_message_and_request_id() {
    let body = br#"{"type":"error","code":"image_too_large","message":"image 2 is too large","request_id":"req-9"}"#;
    let e = HumeError::v1_api(StatusCode::PAYLOAD_TOO_LARGE, ErrorResponse::parse(body));
    assert_eq!(
        e.to_string(),
        "api error 413 Payload Too Large, code image_too_large: image 2 is too large (request id req-9)"
    );
    assert_eq!(e.v1_code(), Some(&RequestErrorCode::ImageTooLarge));
    assert_eq!(e.request_id().unwrap(), "req-9");
    assert_eq!(e.status(), Some(StatusCode::PAYLOAD_TOO_LARGE));
    assert!(!e.is_retryable());
    let e = HumeError::v1_api(
        StatusCode::SERVICE_UNAVAILABLE,
        ErrorResponse::parse(b"<html>down</html>"),
    );
    assert_eq!(
        e.to_string(),
        "api error 503 Service Unavailable: <html>down</html>"
    );
    assert!(e.is_retryable() && e.v1_code().is_none() && e.request_id().is_none());
    let e = HumeError::RequestTooLarge {
        bytes: 25_000_100,
        limit: 25_000_000,
    };
    assert_eq!(
        e.to_string(),
        "request of 25000100 bytes is over the api's limit of 25000000 bytes; send fewer or smaller files per request"
    );
    assert_eq!(e.status(), None);
    let e = HumeError::InvalidMedia {
        path: "clip.raw".into(),
        problem: MediaProblem::Audio(hume_models::v1::media::AudioFormatError::OddLength {
            len: 3,
        }),
    };
    assert_eq!(
        e.to_string(),
        "cannot upload clip.raw: headerless audio has an odd length (3 bytes); 16-bit samples need an even length"
    );
    let mut problems = ValidationErrors::new();
    problems.push(
        "measurement_timer_ms",
        "100 is outside 3000..=10000 milliseconds",
    );
    assert_eq!(
        HumeError::Validation(problems).to_string(),
        "invalid request: measurement_timer_ms: 100 is outside 3000..=10000 milliseconds"
    );
}

#[test]
fn await_timeout_says_polling_stopped_and_how_to_resume() {
    let e = HumeError::await_timeout(
        "job-123",
        Duration::from_secs(300),
        Some(hume_models::BatchJobStatus::InProgress),
    );
    let text = e.to_string();
    assert_eq!(
        text,
        "stopped polling job job-123 after 300s (last status IN_PROGRESS); the job keeps \
         running: resume with `client.get_job(\"job-123\").await_complete()`"
    );
    assert!(!text.contains('\n') && !text.contains("terminated"));
    assert_eq!(
        text,
        text.to_lowercase().replace("in_progress", "IN_PROGRESS")
    );
    let e = HumeError::await_timeout("j", Duration::from_millis(1500), None);
    assert!(
        e.to_string().contains("after 1.5s (last status unknown)"),
        "{e}"
    );
    assert_eq!(e.job_id().unwrap().as_str(), "j");
}

#[test]
fn constructors_build_the_struct_variants() {
    assert!(matches!(
        HumeError::invalid_api_key(StatusCode::UNAUTHORIZED),
        HumeError::InvalidApiKey { status, .. } if status == StatusCode::UNAUTHORIZED
    ));
    assert_eq!(
        HumeError::job_not_found("x").to_string(),
        "job not found: x"
    );
    assert_eq!(
        HumeError::rate_limited(Some(Duration::from_secs(2))).to_string(),
        "rate limited by the api (retry after 2s)"
    );
    assert_eq!(
        HumeError::job_failed("x", Some("bad media".into())).to_string(),
        "job x failed: bad media"
    );
    let uncertain = HumeError::submit_uncertain(HumeError::rate_limited(None));
    assert!(uncertain.job_may_exist());
    assert_eq!(uncertain.status(), Some(StatusCode::TOO_MANY_REQUESTS));
}

#[test]
fn predicates() {
    let api = |code: u16| HumeError::Api {
        status: StatusCode::from_u16(code).unwrap(),
        message: String::new(),
        body: ApiErrorBody::Text(String::new()),
    };
    assert!(api(500).is_retryable());
    assert!(!api(400).is_retryable());
    assert_eq!(api(418).status(), Some(StatusCode::IM_A_TEAPOT));
    assert!(HumeError::RateLimited { retry_after: None }.is_retryable());
    assert_eq!(
        HumeError::RateLimited { retry_after: None }.status(),
        Some(StatusCode::TOO_MANY_REQUESTS)
    );
    assert!(HumeError::Transport(TransportError::connect("x")).is_retryable());
    assert!(!HumeError::Transport(TransportError::tls("x")).is_retryable());
    let uncertain = HumeError::submit_uncertain(api(502));
    assert!(uncertain.job_may_exist() && uncertain.candidates().is_empty());
    assert!(!uncertain.is_retryable());
    assert_eq!(uncertain.status(), Some(StatusCode::BAD_GATEWAY));
    assert!(uncertain.to_string().contains("may or may not exist"));
    assert!(!api(502).job_may_exist());
    assert_eq!(
        HumeError::InvalidApiKey {
            status: StatusCode::FORBIDDEN
        }
        .status(),
        Some(StatusCode::FORBIDDEN)
    );
    assert_eq!(HumeError::TooManyRedirects { limit: 1 }.status(), None);
}

#[test]
fn excerpt_is_capped_and_scrubbed() {
    let key = "sk-SECRET-KEY";
    let body = format!("{{\"echo\":\"{key}\",\"pad\":\"{}\"}}", "é".repeat(600));
    let ex = excerpt(body.as_bytes(), Some(key));
    assert!(ex.len() <= EXCERPT_LIMIT, "{}", ex.len());
    assert!(!ex.contains(key));
    assert!(ex.contains("[redacted]"));
    assert!(ex.ends_with('…'));
    assert_eq!(excerpt(b"short", None), "short");
    assert_eq!(
        crate::scrub::scrub(b"aXXbXX", "XX").as_ref(),
        b"a[redacted]b[redacted]"
    );
    // An escaped echo is caught too.
    let ex = excerpt(br#"{"echo":"sk-SECRET-KEY"}"#, Some(key));
    assert_eq!(ex, r#"{"echo":"[redacted]"}"#);
}

#[test]
fn scrubbed_removes_the_key_from_every_piece_of_server_text() {
    let key = "sk/SECRET";
    let body = ApiErrorBody::from_value(serde_json::json!({"why": {"sk/SECRET": ["sk/SECRET"]}}));
    let errors = [
        HumeError::Api {
            status: StatusCode::BAD_REQUEST,
            message: "bad sk/SECRET".into(),
            body,
        },
        HumeError::job_failed("job", Some(r"failed for sk\/SECRET".into())),
        HumeError::Decode {
            what: "job details",
            status: StatusCode::OK,
            message: "invalid type: string \"sk/SECRET\"".into(),
            excerpt: "sk%2FSECRET".into(),
        },
        HumeError::BadRedirect {
            location: "gopher://x/?k=sk/SECRET".into(),
        },
        HumeError::realtime_handshake(StatusCode::BAD_GATEWAY, "sk/SECRET"),
        HumeError::submit_uncertain(HumeError::job_failed("j", Some("sk/SECRET".into()))),
        HumeError::InvalidId(
            hume_models::path_segment::check_id("job id", "sk/SECRET").unwrap_err(),
        ),
    ];
    for err in errors {
        let err = err.scrubbed(key);
        let shown = format!("{err} {err:?} {:?}", err.source());
        assert!(!shown.contains("SECRET"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}
