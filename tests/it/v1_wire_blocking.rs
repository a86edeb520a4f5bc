//! The exact wire format of every v1 endpoint through the blocking client (ureq), run inside
//! `spawn_blocking` against wiremock: uploads, run listing and paging, run reads, every error
//! answer, the local checks, and face tracking.

use hume::models::v1::{AudioFileConfig, RunEventsQuery};
use wiremock::MockServer;

use crate::support::blocking;
use crate::v1_support::v1_blocking_client;
use crate::v1_wire_cases::{self as cases, AUDIO, RUN, RUNS, VIDEO};

#[tokio::test(flavor = "multi_thread")]
async fn measure_audio_sends_config_and_one_typed_file_part() {
    let server = MockServer::start().await;
    cases::mount_ok(&server, "POST", AUDIO, "audio-file-response.json", 2).await;
    let dir = tempfile::tempdir().unwrap();
    let media = cases::media(dir.path());
    let client = v1_blocking_client(&server.uri());
    let (wav, raw) = (media.wav.clone(), media.raw.clone());
    let (first, second) = blocking(move || {
        (
            client.audio().measure(&wav, cases::audio_config()),
            client.audio().measure(raw, AudioFileConfig::default()),
        )
    })
    .await;
    cases::check_audio_response(&first.unwrap());
    cases::check_audio_response(&second.unwrap());
    cases::check_audio(&server, &media).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn measure_images_sends_config_and_jpeg_parts_in_order() {
    let server = MockServer::start().await;
    cases::mount_ok(&server, "POST", VIDEO, "video-file-response.json", 1).await;
    let dir = tempfile::tempdir().unwrap();
    let media = cases::media(dir.path());
    let client = v1_blocking_client(&server.uri());
    let files = media.jpegs.clone();
    let response = blocking(move || client.video().measure(&files, cases::video_config()))
        .await
        .unwrap();
    cases::check_video_response(&response);
    cases::check_video(&server, &media).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn list_runs_sends_every_filter() {
    let server = MockServer::start().await;
    cases::mount_ok(&server, "GET", RUNS, "runs-page.json", 1).await;
    let client = v1_blocking_client(&server.uri());
    let page = blocking(move || client.runs().list(&cases::list_query()))
        .await
        .unwrap();
    cases::check_list(&server, &page).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn list_all_runs_follows_the_cursor() {
    let server = MockServer::start().await;
    cases::mount_run_pages(&server).await;
    let client = v1_blocking_client(&server.uri());
    let runs = blocking(move || {
        let mut all = client.runs().list_all(cases::pages_query());
        let runs: Result<Vec<_>, _> = all.by_ref().collect();
        assert!(all.next().is_none(), "the iterator stays finished");
        runs
    })
    .await
    .unwrap();
    cases::check_run_pages(&server, &runs).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn get_run_and_its_events() {
    let server = MockServer::start().await;
    cases::mount_run_reads(&server).await;
    let client = v1_blocking_client(&server.uri());
    let (run, log, page) = blocking(move || {
        (
            client.runs().get(RUN),
            client.runs().events(RUN),
            client
                .runs()
                .events_page(RUN, &RunEventsQuery::new().with_page_size(5)),
        )
    })
    .await;
    cases::check_run(&run.unwrap());
    cases::check_log(&log.unwrap());
    cases::check_run_reads(&server, &page.unwrap()).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_error_answer_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let media = cases::media(dir.path());
    for (fixture, status) in cases::ERRORS {
        let server = MockServer::start().await;
        cases::mount_error(&server, fixture, status).await;
        let client = v1_blocking_client(&server.uri());
        let (wav, jpegs) = (media.wav.clone(), media.jpegs.clone());
        let errors = blocking(move || {
            [
                client
                    .audio()
                    .measure(&wav, AudioFileConfig::new())
                    .unwrap_err(),
                client
                    .video()
                    .measure(&jpegs, Default::default())
                    .unwrap_err(),
                client.runs().list(&Default::default()).unwrap_err(),
                client.runs().get("missing").unwrap_err(),
                client.runs().events("missing").unwrap_err(),
            ]
        })
        .await;
        for err in &errors {
            cases::check_error(err, fixture, status);
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn local_checks_fire_before_any_request() {
    let server = MockServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let inputs = cases::bad_inputs(dir.path());
    let client = v1_blocking_client(&server.uri());
    blocking(move || {
        for (file, config, expect) in &inputs.audio {
            let err = client.audio().measure(file, config.clone()).unwrap_err();
            cases::check_refused(&err, expect);
        }
        for (files, config, expect) in &inputs.video {
            let err = client.video().measure(files, config.clone()).unwrap_err();
            cases::check_refused(&err, expect);
        }
        let bad_query = hume::models::v1::ListRunsQuery::new().with_page_size(0);
        assert!(matches!(
            client.runs().list(&bad_query),
            Err(hume::HumeError::Validation(_))
        ));
        let first = client.runs().list_all(bad_query).next();
        assert!(matches!(first, Some(Err(hume::HumeError::Validation(_)))));
        for id in ["", ".", ".."] {
            assert!(client.runs().get(id).is_err());
            assert!(client.runs().events(id).is_err());
        }
    })
    .await;
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread")]
async fn face_tracker_carries_face_state_between_batches() {
    let server = MockServer::start().await;
    cases::mount_tracked(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let media = cases::media(dir.path());
    let client = v1_blocking_client(&server.uri());
    let batches = [media.jpegs.clone(), media.jpegs.clone()];
    let (responses, state) = blocking(move || {
        let mut tracker = client.video().track_faces(cases::tracked_config());
        assert_eq!(tracker.face_state(), None);
        let responses = tracker.measure_all(batches).unwrap();
        (responses, tracker.face_state().cloned())
    })
    .await;
    assert_eq!(responses.len(), 2);
    assert_eq!(state.unwrap(), "fs-2");
    cases::check_tracked(&server).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_client_reports_its_api_and_default_base_url() {
    let client = hume::blocking::ExpressionMeasurementClient::new("a-key").unwrap();
    assert_eq!(client.base_url().as_str(), "https://api.cloud.hume.ai");
    assert_eq!(client.api_type(), hume::ApiType::Expression);
    assert_eq!(client.api_type().to_string(), "expression");
    let debug = format!("{client:?}");
    assert!(
        debug.starts_with("ExpressionMeasurementClient {"),
        "{debug}"
    );
    assert!(!debug.contains("a-key"), "{debug}");
    let err = hume::blocking::ExpressionMeasurementClient::builder()
        .api_key(hume::ApiKey::new("k").unwrap())
        .base_url("https://api.cloud.hume.ai/v1/expression")
        .build()
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("use \"https://api.cloud.hume.ai\""),
        "{err}"
    );
}
