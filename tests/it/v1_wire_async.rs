//! The exact wire format of every v1 endpoint through the async client (reqwest), against
//! wiremock. Same cases as `v1_wire_blocking`.

use hume::models::v1::{AudioFileConfig, RunEventsQuery};
use wiremock::MockServer;

use crate::v1_support::v1_async_client;
use crate::v1_wire_cases::{self as cases, AUDIO, RUN, RUNS, VIDEO};

#[tokio::test]
async fn measure_audio_sends_config_and_one_typed_file_part() {
    let server = MockServer::start().await;
    cases::mount_ok(&server, "POST", AUDIO, "audio-file-response.json", 2).await;
    let dir = tempfile::tempdir().unwrap();
    let media = cases::media(dir.path());
    let client = v1_async_client(&server.uri());
    let first = client
        .audio()
        .measure(&media.wav, cases::audio_config())
        .await;
    let second = client
        .audio()
        .measure(&media.raw, AudioFileConfig::default())
        .await;
    cases::check_audio_response(&first.unwrap());
    cases::check_audio_response(&second.unwrap());
    cases::check_audio(&server, &media).await;
}

#[tokio::test]
async fn measure_images_sends_config_and_jpeg_parts_in_order() {
    let server = MockServer::start().await;
    cases::mount_ok(&server, "POST", VIDEO, "video-file-response.json", 1).await;
    let dir = tempfile::tempdir().unwrap();
    let media = cases::media(dir.path());
    let client = v1_async_client(&server.uri());
    let video = client.video();
    let response = video
        .measure(&media.jpegs, cases::video_config())
        .await
        .unwrap();
    cases::check_video_response(&response);
    cases::check_video(&server, &media).await;
}

#[tokio::test]
async fn list_runs_sends_every_filter() {
    let server = MockServer::start().await;
    cases::mount_ok(&server, "GET", RUNS, "runs-page.json", 1).await;
    let client = v1_async_client(&server.uri());
    let page = client.runs().list(&cases::list_query()).await.unwrap();
    cases::check_list(&server, &page).await;
}

#[tokio::test]
async fn list_all_runs_follows_the_cursor() {
    let server = MockServer::start().await;
    cases::mount_run_pages(&server).await;
    let client = v1_async_client(&server.uri());
    let mut all = client.runs().list_all(cases::pages_query());
    let mut runs = Vec::new();
    while let Some(run) = all.next().await {
        runs.push(run.unwrap());
    }
    assert!(all.next().await.is_none(), "the pager stays finished");
    cases::check_run_pages(&server, &runs).await;
}

#[tokio::test]
async fn list_all_runs_collects() {
    let server = MockServer::start().await;
    cases::mount_run_pages(&server).await;
    let client = v1_async_client(&server.uri());
    let runs = client
        .runs()
        .list_all(cases::pages_query())
        .collect()
        .await
        .unwrap();
    cases::check_run_pages(&server, &runs).await;
}

#[tokio::test]
async fn get_run_and_its_events() {
    let server = MockServer::start().await;
    cases::mount_run_reads(&server).await;
    let client = v1_async_client(&server.uri());
    let runs = client.runs();
    let run = runs.get(RUN).await;
    let log = runs.events(RUN).await;
    let page = runs
        .events_page(RUN, &RunEventsQuery::new().with_page_size(5))
        .await;
    cases::check_run(&run.unwrap());
    cases::check_log(&log.unwrap());
    cases::check_run_reads(&server, &page.unwrap()).await;
}

#[tokio::test]
async fn every_error_answer_is_typed() {
    let dir = tempfile::tempdir().unwrap();
    let media = cases::media(dir.path());
    for (fixture, status) in cases::ERRORS {
        let server = MockServer::start().await;
        cases::mount_error(&server, fixture, status).await;
        let client = v1_async_client(&server.uri());
        let errors = [
            client
                .audio()
                .measure(&media.wav, AudioFileConfig::new())
                .await
                .unwrap_err(),
            client
                .video()
                .measure(&media.jpegs, Default::default())
                .await
                .unwrap_err(),
            client.runs().list(&Default::default()).await.unwrap_err(),
            client.runs().get("missing").await.unwrap_err(),
            client.runs().events("missing").await.unwrap_err(),
        ];
        for err in &errors {
            cases::check_error(err, fixture, status);
        }
    }
}

#[tokio::test]
async fn local_checks_fire_before_any_request() {
    let server = MockServer::start().await;
    let dir = tempfile::tempdir().unwrap();
    let inputs = cases::bad_inputs(dir.path());
    let client = v1_async_client(&server.uri());
    for (file, config, expect) in &inputs.audio {
        let err = client
            .audio()
            .measure(file, config.clone())
            .await
            .unwrap_err();
        cases::check_refused(&err, expect);
    }
    for (files, config, expect) in &inputs.video {
        let err = client
            .video()
            .measure(files, config.clone())
            .await
            .unwrap_err();
        cases::check_refused(&err, expect);
    }
    let bad_query = hume::models::v1::ListRunsQuery::new().with_page_size(0);
    assert!(matches!(
        client.runs().list(&bad_query).await,
        Err(hume::HumeError::Validation(_))
    ));
    let first = client.runs().list_all(bad_query).next().await;
    assert!(matches!(first, Some(Err(hume::HumeError::Validation(_)))));
    for id in ["", ".", ".."] {
        assert!(client.runs().get(id).await.is_err());
        assert!(client.runs().events(id).await.is_err());
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn face_tracker_carries_face_state_between_batches() {
    let server = MockServer::start().await;
    cases::mount_tracked(&server).await;
    let dir = tempfile::tempdir().unwrap();
    let media = cases::media(dir.path());
    let client = v1_async_client(&server.uri());
    let mut tracker = client.video().track_faces(cases::tracked_config());
    assert_eq!(tracker.face_state(), None);
    let first = tracker.measure(&media.jpegs).await.unwrap();
    assert_eq!(tracker.face_state().unwrap(), "fs-1");
    let rest = tracker.measure_all([&media.jpegs]).await.unwrap();
    assert_eq!(first.measurements.len(), rest[0].measurements.len());
    assert_eq!(tracker.face_state().unwrap(), "fs-2");
    tracker.reset();
    assert_eq!(tracker.face_state(), None);
    cases::check_tracked(&server).await;
}

#[tokio::test]
async fn uploads_run_concurrently_on_one_runtime() {
    let server = MockServer::start().await;
    cases::mount_ok(&server, "POST", AUDIO, "audio-file-response.json", 16).await;
    let dir = tempfile::tempdir().unwrap();
    let media = cases::media(dir.path());
    let client = v1_async_client(&server.uri());
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let client = client.clone();
            let file = media.wav.clone();
            tokio::spawn(async move {
                client
                    .audio()
                    .measure(file, AudioFileConfig::default())
                    .await
            })
        })
        .collect();
    for task in tasks {
        cases::check_audio_response(&task.await.unwrap().unwrap());
    }
}

#[tokio::test]
async fn the_client_reports_its_api_and_default_base_url() {
    let client = hume::asynchronous::ExpressionMeasurementClient::new("a-key").unwrap();
    assert_eq!(client.base_url().as_str(), hume::DEFAULT_V1_BASE_URL);
    assert_eq!(client.api_type(), hume::ApiType::Expression);
    let debug = format!("{client:?}");
    assert!(!debug.contains("a-key"), "{debug}");
}
