use std::time::Duration;

use hume::HumeError;
use hume_analysis::AnalysisError;

use super::{ExitKind, Failure, classify};
use crate::models::{JobId, ModelType, Predictions, ValidationErrors};

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
    ];
    let mut codes: Vec<u8> = all.iter().map(|k| k.code()).collect();
    codes.sort_unstable();
    codes.dedup();
    assert_eq!(codes, vec![1, 2, 3, 4, 5, 6, 7]);
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
            model: ModelType::Face,
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
