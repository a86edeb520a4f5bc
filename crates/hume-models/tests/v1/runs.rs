//! Runs, run configurations, run events.

use hume_models::v1::realtime::{AudioSessionUpdate, CloseReason};
use hume_models::v1::{
    AudioConfig, AudioRunConfig, ConfigSchema, FaceConfig, ImageConfig, Run, RunConfig,
    RunEndpoint, RunEvent, RunEventKind, RunEventsPage, RunMode, RunStatus, RunSummary, RunsPage,
    VideoRunConfig,
};
use jiff::Timestamp;

use crate::fixtures;

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap()
}

#[test]
fn runs_page_parses_every_status_and_null() {
    let page = RunsPage::from_response(&fixtures::bytes("runs-page.json")).expect("parses");
    assert_eq!(page.runs.len(), 3);
    assert!(!page.is_last());
    assert_eq!(
        page.next_cursor.as_deref(),
        Some("eyJiZWZvcmUiOiIyMDI2LTEwLTIwVDE3OjQ1OjAwLjAwMVoifQ")
    );

    let live = &page.runs[0];
    assert_eq!(live.status, RunStatus::Live);
    assert_eq!(live.endpoint, RunEndpoint::Audio);
    assert_eq!(live.mode, RunMode::Realtime);
    assert_eq!(live.started_at, ts("2026-10-21T09:14:03.512Z"));
    assert_eq!(live.ended_at, None);
    assert_eq!(live.duration(), None);
    assert_eq!(live.bytes_received, None);
    assert_eq!(live.bytes_recorded, Some(1_920_000));
    assert_eq!(live.metered_seconds, 30.0);

    let file = &page.runs[1];
    assert_eq!(
        (file.status.clone(), file.mode.clone()),
        (RunStatus::Ended, RunMode::File)
    );
    assert_eq!(file.endpoint, RunEndpoint::Video);
    assert_eq!(file.duration().unwrap().as_millis(), 1904);

    let failed = &page.runs[2];
    assert_eq!(failed.status, RunStatus::Errored);
    assert_eq!(failed.metered_seconds, 0.0);
    assert_eq!(failed.user_id, "user_22aa90");

    let last = RunsPage::from_response(&fixtures::bytes("runs-page-last.json")).unwrap();
    assert!(last.runs.is_empty() && last.is_last());
}

#[test]
fn audio_run_with_close_details() {
    let run = Run::from_response(&fixtures::bytes("run-audio-realtime.json")).unwrap();
    assert_eq!(run.close_code, Some(1000));
    assert_eq!(run.close_reason, Some(CloseReason::ClientRequest));
    let config = run.config.as_audio().expect("an audio config");
    assert_eq!(config.schema, ConfigSchema::V4);
    assert!(config.audio.is_supported());
    assert_eq!(config.measurement_timer_ms, 3000);
    assert!(run.config.as_video().is_none());
    assert_eq!(*config, AudioRunConfig::default());
    // The summary is what the list shows.
    let summary = run.summary();
    assert_eq!(summary.run_id, run.run_id);
    assert_eq!(summary.metered_seconds, 26.0);
}

#[test]
fn video_file_run_without_close_details() {
    let run = Run::from_response(&fixtures::bytes("run-video-file.json")).unwrap();
    assert_eq!(run.close_code, None);
    assert_eq!(run.close_reason, None);
    let config = run.config.as_video().expect("a video config");
    assert_eq!(config.image, ImageConfig::default());
    assert_eq!(config.face, FaceConfig::new(0.85, 40));
    let json = serde_json::to_value(&run).unwrap();
    assert!(json.get("close_code").is_none() && json.get("close_reason").is_none());
}

#[test]
fn a_client_close_reason_is_kept_as_text() {
    let run =
        Run::from_response(&fixtures::bytes("run-video-realtime-client-reason.json")).unwrap();
    assert_eq!(run.close_code, Some(4000));
    let reason = run.close_reason.unwrap();
    assert_eq!(reason, CloseReason::Other("camera switched off".to_owned()));
    assert!(!reason.is_known());
    assert_eq!(reason.as_str(), "camera switched off");
}

#[test]
fn run_config_of_a_later_schema_is_kept_raw() {
    let mut v = fixtures::value("run-audio-realtime.json");
    v["config"]["schema"] = "v5".into();
    v["config"]["audio"] = serde_json::json!({"codec": "opus"});
    let run = Run::from_value(v.clone()).unwrap();
    match &run.config {
        RunConfig::Other(raw) => assert_eq!(raw, &v["config"]),
        other => panic!("expected Other, got {other:?}"),
    }
    // And it is written back unchanged.
    assert_eq!(serde_json::to_value(&run).unwrap()["config"], v["config"]);
}

#[test]
fn run_config_of_unknown_shape_is_kept_raw() {
    for config in [
        serde_json::json!({"schema": "v4", "text": {"language": "en"}}),
        serde_json::json!({"measurement_timer_ms": 3000}),
        serde_json::json!("v4"),
    ] {
        let parsed: RunConfig = serde_json::from_value(config.clone()).unwrap();
        assert_eq!(parsed, RunConfig::Other(config));
    }
}

#[test]
fn a_v4_config_with_a_wrong_field_is_an_error_with_its_path() {
    let mut v = fixtures::value("run-video-file.json");
    v["config"]["face"]["min_size"] = "big".into();
    let err = Run::from_value(v).unwrap_err();
    assert_eq!(err.path(), "config");
    assert!(err.to_string().contains("min_size") || err.to_string().contains("string"));
}

#[test]
fn run_configs_follow_the_session_configuration() {
    let resolved = AudioSessionUpdate::new()
        .with_measurement_timer_ms(7000)
        .resolve();
    let run = AudioRunConfig::from(&resolved);
    assert_eq!(run, AudioRunConfig::new(AudioConfig::default(), 7000));
    let video = VideoRunConfig::default();
    assert_eq!(video.face, FaceConfig::new(0.9, 60));
    assert_eq!(
        serde_json::to_value(RunConfig::from(video)).unwrap(),
        serde_json::json!({"schema": "v4", "image": {"type": "image/jpeg"},
                           "face": {"threshold": 0.9, "min_size": 60}})
    );
}

#[test]
fn built_runs_serialise_like_the_fixtures() {
    let summary = RunSummary::new(
        "run_01JAB6R2SESSION000000000AA",
        "user_7c1f0e",
        RunStatus::Ended,
        RunEndpoint::Audio,
        RunMode::Realtime,
        ts("2026-10-21T09:00:00Z"),
        26.0,
    )
    .with_ended_at(ts("2026-10-21T09:00:26.413Z"))
    .with_bytes_received(832_000)
    .with_bytes_recorded(832_000);
    let run = Run::new(summary, AudioRunConfig::default().into())
        .with_close(1000, CloseReason::ClientRequest);
    fixtures::assert_serialises_to(&run, &fixtures::value("run-audio-realtime.json"));
}

#[test]
fn run_events_page_with_every_kind() {
    let page = RunEventsPage::from_response(&fixtures::bytes("run-events-page.json")).unwrap();
    assert!(page.at_cap && page.gaps && !page.is_last());
    assert_eq!(page.capped_kinds, [RunEventKind::RateLimited]);
    let kinds: Vec<&str> = page.events.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "invalid_audio_frame",
            "rate_limited",
            "message_too_large",
            "inference_failed",
            "video_recording_abandoned"
        ]
    );
    assert!(page.events.iter().all(|e| e.kind.is_known()));
    let e = &page.events;
    assert_eq!(
        e[0].reject_detail(),
        Some("frame has an odd number of bytes")
    );
    assert_eq!(e[1].detail, None);
    assert_eq!(e[2].limit_bytes(), Some(1_048_576));
    assert_eq!(
        (e[3].retryable(), e[3].consecutive()),
        (Some(true), Some(2))
    );
    assert_eq!(e[4].reason(), Some("storage unavailable"));
    assert_eq!(e[4].seq, 5);
    assert_eq!(e[0].at, ts("2026-10-21T09:00:01.103Z"));
    // Accessors on the wrong kind find nothing.
    assert_eq!(e[0].limit_bytes(), None);

    let empty =
        RunEventsPage::from_response(&fixtures::bytes("run-events-page-empty.json")).unwrap();
    assert!(empty.events.is_empty() && empty.is_last() && !empty.at_cap);
}

#[test]
fn built_events_serialise_without_absent_fields() {
    let e = RunEvent::new(1, ts("2026-10-21T09:00:04Z"), RunEventKind::RateLimited);
    assert_eq!(
        serde_json::to_value(&e).unwrap(),
        serde_json::json!({"seq": 1, "at": "2026-10-21T09:00:04Z", "kind": "rate_limited"})
    );
    let mut detail = serde_json::Map::new();
    detail.insert("limit_bytes".into(), 1_048_576.into());
    let e = RunEvent::new(
        2,
        ts("2026-10-21T09:00:07.253Z"),
        RunEventKind::MessageTooLarge,
    )
    .with_detail(detail);
    assert_eq!(e.limit_bytes(), Some(1_048_576));
    let page = RunEventsPage::new(vec![e], false, vec![], false, None);
    assert!(
        serde_json::to_value(&page)
            .unwrap()
            .get("next_cursor")
            .is_none()
    );
}

#[test]
fn timestamps_with_offsets_are_read_as_instants() {
    let mut v = fixtures::value("runs-page.json");
    v["runs"][1]["started_at"] = "2026-10-21T10:02:11+02:00".into();
    // Python's isoformat: microseconds and a numeric offset.
    v["runs"][1]["ended_at"] = "2026-10-21T08:02:12.904000+00:00".into();
    let page = RunsPage::from_response(&serde_json::to_vec(&v).unwrap()).unwrap();
    assert_eq!(page.runs[1].started_at, ts("2026-10-21T08:02:11Z"));
    assert_eq!(page.runs[1].ended_at, Some(ts("2026-10-21T08:02:12.904Z")));
    // Written back in the shortest RFC 3339 form, UTC.
    let json = serde_json::to_value(&page.runs[1]).unwrap();
    assert_eq!(json["started_at"], "2026-10-21T08:02:11Z");
}
