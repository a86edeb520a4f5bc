//! Every v1 client method end to end against the in-process emulator, on both clients: audio
//! (WAV and headerless, the timer setting), images (several per request, face tracking with
//! `face_state`), runs (filters, cursor paging, one run, its event log), the errors only the
//! server can find, and a retried read.

use std::path::PathBuf;

use hume::HumeError;
use hume::models::v1::{
    AudioFileConfig, AudioFileResponse, ListRunsQuery, MeasurementTrigger, RequestErrorCode, Run,
    RunEndpoint, RunEventKind, RunEventsPage, RunEventsQuery, RunMode, RunStatus, RunSummary,
    RunsPage, VideoFileConfig, VideoFileResponse,
};
use hume_emulator::{Emulator, EmulatorConfig, FaultConfig, RunningEmulator, V1Config};

use crate::support::{KEY, blocking, fast};
use hume_bench_data::test_media::{jpeg, wav_pcm};

use crate::v1_support::{async_client, blocking_client, two_bursts, write};

/// A key the emulator authenticates but refuses for v1.
const FORBIDDEN: &str = "hk_forbidden-key-for-v1";

async fn emulator_with(config: EmulatorConfig) -> RunningEmulator {
    Emulator::start(
        config
            .with_api_key(KEY)
            .with_v1(V1Config::default().with_forbidden_key(FORBIDDEN)),
    )
    .await
    .expect("emulator starts")
}

async fn emulator() -> RunningEmulator {
    emulator_with(EmulatorConfig::default()).await
}

/// Both clients behind one set of calls.
#[derive(Clone, Copy, Debug)]
enum Client {
    Blocking,
    Async,
}

const CLIENTS: [Client; 2] = [Client::Blocking, Client::Async];

impl Client {
    async fn audio(
        self,
        base: &str,
        file: PathBuf,
        config: AudioFileConfig,
    ) -> Result<AudioFileResponse, HumeError> {
        match self {
            Client::Blocking => {
                let client = blocking_client(base, KEY);
                blocking(move || client.audio().measure(file, config)).await
            }
            Client::Async => async_client(base, KEY).audio().measure(file, config).await,
        }
    }

    async fn video(
        self,
        base: &str,
        files: Vec<PathBuf>,
        config: VideoFileConfig,
    ) -> Result<VideoFileResponse, HumeError> {
        match self {
            Client::Blocking => {
                let client = blocking_client(base, KEY);
                blocking(move || client.video().measure(files, config)).await
            }
            Client::Async => async_client(base, KEY).video().measure(files, config).await,
        }
    }

    /// Measures `batches` with one face tracker; returns every response and the last state.
    async fn tracked(
        self,
        base: &str,
        batches: Vec<Vec<PathBuf>>,
    ) -> (Vec<VideoFileResponse>, Option<String>) {
        match self {
            Client::Blocking => {
                let client = blocking_client(base, KEY);
                blocking(move || {
                    let mut tracker = client.video().track_faces(VideoFileConfig::new());
                    let responses = tracker.measure_all(batches).unwrap();
                    (responses, tracker.face_state().map(|s| s.to_string()))
                })
                .await
            }
            Client::Async => {
                let client = async_client(base, KEY);
                let mut tracker = client.video().track_faces(VideoFileConfig::new());
                let responses = tracker.measure_all(batches).await.unwrap();
                (responses, tracker.face_state().map(|s| s.to_string()))
            }
        }
    }

    async fn list(self, base: &str, query: ListRunsQuery) -> Result<RunsPage, HumeError> {
        match self {
            Client::Blocking => {
                let client = blocking_client(base, KEY);
                blocking(move || client.runs().list(&query)).await
            }
            Client::Async => async_client(base, KEY).runs().list(&query).await,
        }
    }

    async fn list_all(
        self,
        base: &str,
        query: ListRunsQuery,
    ) -> Result<Vec<RunSummary>, HumeError> {
        match self {
            Client::Blocking => {
                let client = blocking_client(base, KEY);
                blocking(move || client.runs().list_all(query).collect()).await
            }
            Client::Async => {
                async_client(base, KEY)
                    .runs()
                    .list_all(query)
                    .collect()
                    .await
            }
        }
    }

    async fn get(self, base: &str, key: &str, run_id: &str) -> Result<Run, HumeError> {
        let run_id = run_id.to_owned();
        match self {
            Client::Blocking => {
                let client = blocking_client(base, key);
                blocking(move || client.runs().get(run_id)).await
            }
            Client::Async => async_client(base, key).runs().get(run_id).await,
        }
    }

    async fn events(self, base: &str, run_id: &str) -> Result<RunEventsPage, HumeError> {
        let run_id = run_id.to_owned();
        match self {
            Client::Blocking => {
                let client = blocking_client(base, KEY);
                blocking(move || client.runs().events(run_id)).await
            }
            Client::Async => async_client(base, KEY).runs().events(run_id).await,
        }
    }

    async fn events_page(
        self,
        base: &str,
        run_id: &str,
        query: RunEventsQuery,
    ) -> Result<RunEventsPage, HumeError> {
        let run_id = run_id.to_owned();
        match self {
            Client::Blocking => {
                let client = blocking_client(base, KEY);
                blocking(move || client.runs().events_page(run_id, &query)).await
            }
            Client::Async => {
                async_client(base, KEY)
                    .runs()
                    .events_page(run_id, &query)
                    .await
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn audio_two_bursts_are_two_utterances_as_wav_or_headerless() {
    let emulator = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let pcm = two_bursts();
    let wav = write(dir.path(), "bursts.wav", &wav_pcm(&pcm));
    let raw = write(dir.path(), "bursts.pcm", &pcm);
    let silence = write(dir.path(), "silence.pcm", &vec![0u8; 32_000]);
    for client in CLIENTS {
        let base = emulator.base_url();
        let from_wav = client
            .audio(&base, wav.clone(), AudioFileConfig::new())
            .await
            .unwrap();
        assert_eq!(from_wav.utterances.len(), 2, "{client:?}: {from_wav:?}");
        assert_eq!(from_wav.received.audio_duration_ms, 7500);
        assert!(from_wav.measurements.len() >= 2);
        assert!(
            from_wav
                .measurements
                .iter()
                .any(|m| m.trigger == MeasurementTrigger::SpeechEnded)
        );
        let from_raw = client
            .audio(&base, raw.clone(), AudioFileConfig::new())
            .await
            .unwrap();
        assert_eq!(from_raw.utterances, from_wav.utterances, "{client:?}");
        assert_ne!(
            from_raw.run_id, from_wav.run_id,
            "each upload is its own run"
        );

        // The timer changes how often the 4 s burst is measured.
        let slow = client
            .audio(
                &base,
                wav.clone(),
                AudioFileConfig::new().with_measurement_timer_ms(10_000),
            )
            .await
            .unwrap();
        assert!(slow.measurements.len() < from_wav.measurements.len());

        let quiet = client
            .audio(&base, silence.clone(), AudioFileConfig::default())
            .await
            .unwrap();
        assert!(quiet.utterances.is_empty() && quiet.measurements.is_empty());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn images_give_one_result_each_and_a_tracker_keeps_face_ids() {
    let emulator = emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let images: Vec<PathBuf> = (0..4u8)
        .map(|i| write(dir.path(), &format!("frame-{i}.jpg"), &jpeg(1280, 720, i)))
        .collect();
    for client in CLIENTS {
        let base = emulator.base_url();
        let response = client
            .video(
                &base,
                images[..3].to_vec(),
                VideoFileConfig::new().with_threshold(0.5).with_min_size(10),
            )
            .await
            .unwrap();
        assert_eq!(response.received.frames, 3);
        let frames: Vec<u64> = response.measurements.iter().map(|m| m.frame_id).collect();
        assert_eq!(frames, [0, 1, 2]);
        assert_eq!(response.face_state, None, "not asked for");
        for (_, face) in response.faces() {
            let bbox = face.bbox;
            assert!(bbox.x0 >= 0.0 && bbox.y0 >= 0.0 && bbox.x1 <= 1280.0 && bbox.y1 <= 720.0);
            assert!(face.confidence >= 0.5);
        }

        // Two batches through a tracker: the second continues the first's numbering, so the
        // same images get the same ids they would get inside one request.
        let together = client
            .video(&base, images.clone(), VideoFileConfig::new())
            .await
            .unwrap();
        let (tracked, state) = client
            .tracked(&base, vec![images[..2].to_vec(), images[2..].to_vec()])
            .await;
        assert!(state.is_some(), "{client:?}");
        let ids = |responses: &[&VideoFileResponse]| -> Vec<Option<u64>> {
            responses
                .iter()
                .flat_map(|r| r.faces().map(|(_, f)| f.face_id))
                .collect()
        };
        assert_eq!(
            ids(&[&tracked[0], &tracked[1]]),
            ids(&[&together]),
            "{client:?}"
        );
        let untracked = client
            .video(&base, images[2..].to_vec(), VideoFileConfig::new())
            .await
            .unwrap();
        let fresh = ids(&[&untracked]);
        if fresh.iter().flatten().next().is_some() {
            assert_eq!(
                fresh.iter().flatten().min(),
                Some(&0),
                "a new request restarts at 0"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn runs_are_listed_paged_read_and_their_events_gathered() {
    let emulator = emulator().await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let wav = write(dir.path(), "bursts.wav", &wav_pcm(&two_bursts()));
    let image = write(dir.path(), "face.jpg", &jpeg(640, 480, 7));
    let audio_run = Client::Async
        .audio(&base, wav.clone(), AudioFileConfig::new())
        .await
        .unwrap()
        .run_id;
    let video_run = Client::Async
        .video(&base, vec![image.clone(), image], VideoFileConfig::new())
        .await
        .unwrap()
        .run_id;
    Client::Async
        .audio(&base, wav, AudioFileConfig::new())
        .await
        .unwrap();
    for i in 0..3 {
        emulator
            .record_run_event(audio_run.as_str(), RunEventKind::RateLimited, None)
            .unwrap_or_else(|| panic!("event {i} recorded"));
    }
    for client in CLIENTS {
        let all = client
            .list_all(&base, ListRunsQuery::new().with_page_size(1))
            .await;
        let all = all.unwrap();
        assert_eq!(
            all.len(),
            3,
            "{client:?}: one run per upload, paged one by one"
        );
        assert_eq!(all[1].run_id, video_run, "newest first");
        assert!(all.windows(2).all(|w| w[0].started_at >= w[1].started_at));

        let audio_only = ListRunsQuery::new()
            .with_endpoint(RunEndpoint::Audio)
            .with_mode(RunMode::File)
            .with_status(RunStatus::Ended)
            .with_started_after(all[2].started_at);
        let page = client.list(&base, audio_only.clone()).await.unwrap();
        assert_eq!(page.runs.len(), 2, "{client:?}");
        assert!(page.next_cursor.is_none());
        let paged = client
            .list_all(&base, audio_only.with_page_size(1))
            .await
            .unwrap();
        assert_eq!(paged, page.runs);
        let first = client
            .list(&base, ListRunsQuery::new().with_page_size(2))
            .await
            .unwrap();
        assert!(first.next_cursor.is_some());

        let run = client.get(&base, KEY, audio_run.as_str()).await.unwrap();
        assert_eq!(run.run_id, audio_run);
        assert_eq!(run.endpoint, RunEndpoint::Audio);
        assert_eq!(run.config.as_audio().unwrap().measurement_timer_ms, 3000);
        let video = client.get(&base, KEY, video_run.as_str()).await.unwrap();
        assert!(video.metered_seconds >= 10.0);

        let log = client.events(&base, audio_run.as_str()).await.unwrap();
        assert_eq!(log.events.len(), 3, "{client:?}");
        assert!(log.next_cursor.is_none());
        let one = client
            .events_page(
                &base,
                audio_run.as_str(),
                RunEventsQuery::new().with_page_size(2),
            )
            .await
            .unwrap();
        assert_eq!(one.events.len(), 2);
        assert!(one.next_cursor.is_some());
        let none = client.events(&base, video_run.as_str()).await.unwrap();
        assert!(none.events.is_empty(), "file runs record no events");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn errors_only_the_server_can_find_are_typed() {
    let emulator = emulator().await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let wav = write(dir.path(), "bursts.wav", &wav_pcm(&two_bursts()));
    let run = Client::Async
        .audio(&base, wav, AudioFileConfig::new())
        .await
        .unwrap()
        .run_id;
    // Intact up to its frame header (the local check passes), cut in its scan data.
    let mut cut = jpeg(320, 240, 3);
    cut.truncate(cut.len() - 20);
    let cut = write(dir.path(), "cut.jpg", &cut);
    let good = write(dir.path(), "good.jpg", &jpeg(320, 240, 4));
    for client in CLIENTS {
        // Credential checks on reads; uploads refused the same way are in
        // `an_upload_refused_before_its_body_is_read_gets_the_answer`.
        let err = client
            .get(&base, "hk_wrong-key", run.as_str())
            .await
            .unwrap_err();
        assert!(
            matches!(err, HumeError::InvalidApiKey { status, .. } if status.as_u16() == 401),
            "{client:?}: {err:?}"
        );
        let err = client
            .get(&base, FORBIDDEN, run.as_str())
            .await
            .unwrap_err();
        assert_eq!(err.v1_code(), Some(&RequestErrorCode::Forbidden), "{err:?}");
        assert!(err.request_id().is_some());

        let err = client
            .get(&base, KEY, "run_does_not_exist")
            .await
            .unwrap_err();
        assert_eq!(err.v1_code(), Some(&RequestErrorCode::NotFound), "{err:?}");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(404));

        let err = client
            .video(
                &base,
                vec![good.clone(), cut.clone()],
                VideoFileConfig::new(),
            )
            .await
            .unwrap_err();
        assert_eq!(
            err.v1_code(),
            Some(&RequestErrorCode::ImageDecodeFailed),
            "{client:?}: {err:?}"
        );
        assert!(err.request_id().is_some());
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_read_refused_as_busy_is_retried() {
    // Without retries the refusal is the answer: 503 `server_busy`.
    let emulator = emulator_with(
        EmulatorConfig::default().with_faults(FaultConfig::none().with_reject_first(1)),
    )
    .await;
    let once = hume::asynchronous::ExpressionMeasurementClient::builder()
        .config(fast().with_retry(hume::RetryPolicy::none()))
        .base_url(emulator.base_url())
        .build()
        .unwrap();
    let err = once.runs().list(&ListRunsQuery::new()).await.unwrap_err();
    assert_eq!(
        err.v1_code(),
        Some(&RequestErrorCode::ServerBusy),
        "{err:?}"
    );
    assert!(err.is_retryable());
    for client in CLIENTS {
        let emulator = emulator_with(
            EmulatorConfig::default().with_faults(FaultConfig::none().with_reject_first(2)),
        )
        .await;
        let page = client
            .list(&emulator.base_url(), ListRunsQuery::new())
            .await;
        assert!(page.unwrap().runs.is_empty(), "{client:?}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn measure_bytes_are_the_servers_response_on_both_clients() {
    let emulator = emulator().await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let wav = write(dir.path(), "bursts.wav", &wav_pcm(&two_bursts()));
    let jpg = write(dir.path(), "face.jpg", &jpeg(640, 480, 7));
    for client in CLIENTS {
        let (audio, video) = match client {
            Client::Blocking => {
                let c = blocking_client(&base, KEY);
                let (wav, jpg) = (wav.clone(), jpg.clone());
                blocking(move || {
                    (
                        c.audio().measure_bytes(&wav, AudioFileConfig::new()),
                        c.video().measure_bytes([&jpg], VideoFileConfig::new()),
                    )
                })
                .await
            }
            Client::Async => {
                let c = async_client(&base, KEY);
                (
                    c.audio().measure_bytes(&wav, AudioFileConfig::new()).await,
                    c.video()
                        .measure_bytes([&jpg], VideoFileConfig::new())
                        .await,
                )
            }
        };
        // The bytes are a response of their own (a new run), byte for byte what the
        // typed methods parse.
        let audio = AudioFileResponse::from_response(&audio.unwrap()).unwrap();
        assert_eq!(audio.utterances.len(), 2, "{client:?}");
        let video = VideoFileResponse::from_response(&video.unwrap()).unwrap();
        assert_eq!(video.measurements.len(), 1, "{client:?}");

        // The local checks still come first.
        let odd = write(dir.path(), "odd.pcm", &[0u8; 3]);
        let err = match client {
            Client::Blocking => {
                let c = blocking_client(&base, KEY);
                blocking(move || c.audio().measure_bytes(odd, AudioFileConfig::new())).await
            }
            Client::Async => {
                async_client(&base, KEY)
                    .audio()
                    .measure_bytes(odd, AudioFileConfig::new())
                    .await
            }
        }
        .unwrap_err();
        assert!(matches!(err, HumeError::InvalidMedia { .. }), "{err}");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_upload_refused_before_its_body_is_read_gets_the_answer() {
    // The emulator refuses a bad key (and injected 503s) in layers that run before any handler
    // reads the body; it reads the upload anyway, so the client sees the answer and not a
    // broken pipe. Several megabytes, so the body is still on its way when the answer is ready.
    let emulator = emulator().await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let long: Vec<u8> = two_bursts().repeat(40);
    let wav = write(dir.path(), "long.wav", &wav_pcm(&long));
    assert!(std::fs::metadata(&wav).unwrap().len() > 4_000_000);
    let client = blocking_client(&base, "hk_wrong-key");
    let file = wav.clone();
    let err = blocking(move || client.audio().measure(file, AudioFileConfig::new()))
        .await
        .unwrap_err();
    assert!(
        matches!(err, HumeError::InvalidApiKey { .. }),
        "blocking: {err:?}"
    );
    let err = async_client(&base, "hk_wrong-key")
        .audio()
        .measure(wav.clone(), AudioFileConfig::new())
        .await
        .unwrap_err();
    assert!(
        matches!(err, HumeError::InvalidApiKey { .. }),
        "async: {err:?}"
    );

    // A 503 `server_busy` answered before the body is read is retried, and the upload lands.
    for client in CLIENTS {
        let emulator = emulator_with(
            EmulatorConfig::default().with_faults(FaultConfig::none().with_reject_first(1)),
        )
        .await;
        let response = client
            .audio(&emulator.base_url(), wav.clone(), AudioFileConfig::new())
            .await
            .unwrap_or_else(|e| panic!("{client:?}: {e:?}"));
        assert!(!response.utterances.is_empty(), "{client:?}");
    }
}
