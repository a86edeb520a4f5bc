//! One test per local validation rule; each checks the error names the field.

use hume_models::config::{FaceConfig, ProsodyConfig, Window};
use hume_models::{JobRequest, Models, TranscriptionConfig, ValidationErrors};

fn ok_request() -> JobRequest {
    JobRequest::new().with_url("https://example.com/a.mp4")
}

fn errors(request: &JobRequest, files: usize) -> ValidationErrors {
    request
        .validate_with_uploads(files)
        .expect_err("request should be invalid")
}

fn fields(errs: &ValidationErrors) -> Vec<&str> {
    errs.iter().map(|e| e.field.as_str()).collect()
}

#[test]
fn valid_requests_pass() {
    ok_request().validate().unwrap();
    JobRequest::new().validate_with_uploads(1).unwrap(); // files only
    JobRequest::new().with_file("a.wav").validate().unwrap(); // local files count
    JobRequest::new()
        .with_files((0..101).map(|i| format!("{i}.wav")))
        .validate()
        .expect_err("too many local files");
    JobRequest::new().with_text(["hi"]).validate().unwrap();
    // Boundaries are allowed.
    JobRequest::new()
        .with_urls((0..100).map(|i| format!("https://example.com/{i}.jpg")))
        .with_models(
            Models::new()
                .with(
                    FaceConfig::default()
                        .with_fps_pred(0.0)
                        .with_prob_threshold(1.0)
                        .with_min_face_size(0),
                )
                .with(ProsodyConfig::default().with_window(Window::new(0.5, 0.5))),
        )
        .with_transcription(TranscriptionConfig::default().with_confidence_threshold(0.0))
        .with_callback_url("http://localhost:8080/hook")
        .validate_with_uploads(100)
        .unwrap();
}

#[test]
fn nothing_to_process() {
    let errs = errors(&JobRequest::new(), 0);
    assert_eq!(fields(&errs), ["urls"]);
    assert!(
        errs.to_string().contains("no urls, files or text"),
        "{errs}"
    );
}

#[test]
fn more_than_100_urls() {
    let request =
        JobRequest::new().with_urls((0..101).map(|i| format!("https://example.com/{i}.jpg")));
    let errs = errors(&request, 0);
    assert_eq!(fields(&errs), ["urls"]);
    assert!(errs.errors()[0].message.contains("101"));
}

#[test]
fn more_than_100_text_items_or_files() {
    let request = JobRequest::new().with_text((0..101).map(|i| i.to_string()));
    assert_eq!(fields(&errors(&request, 0)), ["text"]);
    assert_eq!(fields(&errors(&JobRequest::new(), 101)), ["files"]);
}

#[test]
fn negative_fps_pred() {
    let request = ok_request().with_models(FaceConfig::default().with_fps_pred(-1.0));
    assert_eq!(fields(&errors(&request, 0)), ["models.face.fps_pred"]);
    let nan = ok_request().with_models(FaceConfig::default().with_fps_pred(f64::NAN));
    assert_eq!(fields(&errors(&nan, 0)), ["models.face.fps_pred"]);
}

#[test]
fn prob_threshold_outside_unit_interval() {
    for bad in [-0.01, 1.01] {
        let request = ok_request().with_models(FaceConfig::default().with_prob_threshold(bad));
        assert_eq!(fields(&errors(&request, 0)), ["models.face.prob_threshold"]);
    }
}

#[test]
fn confidence_threshold_outside_unit_interval() {
    for bad in [-1.0, 2.0, f64::NAN] {
        let request = ok_request()
            .with_transcription(TranscriptionConfig::default().with_confidence_threshold(bad));
        assert_eq!(
            fields(&errors(&request, 0)),
            ["transcription.confidence_threshold"]
        );
    }
}

#[test]
fn min_face_size_is_an_unsigned_integer() {
    // Negative and fractional sizes do not type-check; on the wire they do not parse.
    for bad in ["-10", "60.5"] {
        let text = format!(r#"{{"min_face_size": {bad}}}"#);
        assert!(
            serde_json::from_str::<FaceConfig>(&text).is_err(),
            "{bad} accepted"
        );
    }
    let whole: FaceConfig = serde_json::from_str(r#"{"min_face_size": 60.0}"#).unwrap();
    assert_eq!(whole.min_face_size, Some(60));
}

#[test]
fn window_length_or_step_below_half_a_second() {
    let request =
        ok_request().with_models(ProsodyConfig::default().with_window(Window::new(0.4, 0.49)));
    assert_eq!(
        fields(&errors(&request, 0)),
        ["models.prosody.window.length", "models.prosody.window.step"]
    );
    let only_step = ok_request()
        .with_models(ProsodyConfig::default().with_window(Window::default().with_step(0.1)));
    assert_eq!(
        fields(&errors(&only_step, 0)),
        ["models.prosody.window.step"]
    );
}

#[test]
fn url_not_http() {
    let request = JobRequest::new().with_urls([
        "https://example.com/ok.jpg",
        "http://example.com/ok.jpg",
        "HTTPS://EXAMPLE.COM/ok.jpg",
        "ftp://example.com/a.jpg",
        "example.com/b.jpg",
        "https://",
        "https://exa mple.com/c.jpg",
    ]);
    assert_eq!(
        fields(&errors(&request, 0)),
        ["urls[3]", "urls[4]", "urls[5]", "urls[6]"]
    );
}

#[test]
fn callback_url_not_http() {
    let request = ok_request().with_callback_url("mailto:me@example.com");
    assert_eq!(fields(&errors(&request, 0)), ["callback_url"]);
}

#[test]
fn every_problem_is_reported_at_once() {
    let request = JobRequest::new()
        .with_urls(["file:///etc/passwd"])
        .with_models(
            Models::new()
                .with(
                    FaceConfig::default()
                        .with_fps_pred(-3.0)
                        .with_prob_threshold(7.0),
                )
                .with(ProsodyConfig::default().with_window(Window::new(0.1, 0.2))),
        )
        .with_transcription(TranscriptionConfig::default().with_confidence_threshold(1.5))
        .with_callback_url("nope");
    let errs = errors(&request, 0);
    assert_eq!(
        fields(&errs),
        [
            "urls[0]",
            "callback_url",
            "models.face.fps_pred",
            "models.face.prob_threshold",
            "models.prosody.window.length",
            "models.prosody.window.step",
            "transcription.confidence_threshold",
        ]
    );
    let text = errs.to_string();
    assert_eq!(text.matches("; ").count(), 6, "{text}");
    assert!(text.starts_with("urls[0]: "), "{text}");
    assert!(errs.has_field("models.face.fps_pred"));
    // It is a std error and survives the wire as the validation error body.
    let _: &dyn std::error::Error = &errs;
    let body = hume_models::ApiErrorBody::validation(errs.clone());
    let back = hume_models::ApiErrorBody::parse(body.to_json().to_string().as_bytes());
    assert_eq!(back.validation_errors(), errs.errors());
}

#[test]
fn urls_another_parser_would_read_differently_are_refused() {
    // The audit's SSRF: a hand-written parser sees host 127.0.0.1 after the `@`, the url
    // crate (and every HTTP client) sees 169.254.169.254 and the path `/@127.0.0.1/...`.
    let tricks = [
        r"http://169.254.169.254\@127.0.0.1/latest/meta-data",
        r"http://127.0.0.1\evil.test/",
        "http://127.0.0.1@169.254.169.254/",
        "http://user:pass@example.com/a.mp4",
        "http://@example.com/a.mp4",
        "http://example.com\t/a.mp4",
        "http://exa\u{0}mple.com/",
    ];
    for url in tricks {
        let request = JobRequest::new().with_url(url).with_callback_url(url);
        let errs = errors(&request, 0);
        assert_eq!(fields(&errs), ["urls[0]", "callback_url"], "{url}");
    }
    let text = errors(&JobRequest::new().with_url(tricks[0]), 0).to_string();
    assert!(text.contains("backslash"), "{text}");
    let text = errors(&JobRequest::new().with_url(tricks[2]), 0).to_string();
    assert!(text.contains("credentials"), "{text}");
    // Ordinary URLs with ports, queries, fragments and an @ in the path still pass.
    let fine = JobRequest::new().with_urls([
        "http://127.0.0.1:8080/hook?x=1#frag",
        "https://example.com/users/@me/a.mp4",
        "https://[::1]:9/x",
    ]);
    assert!(fine.validate().is_ok());
}
