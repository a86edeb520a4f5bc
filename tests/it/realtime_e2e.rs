//! The realtime sessions of both clients end to end against the in-process emulator's
//! WebSocket endpoints: the same measurements as the upload, video replies paired with their
//! frames, the configuration lock (the client's refusal, and the server's `config_invalid`
//! through a raw socket), bad frames, pacing and a forced rate limit, reconnects after a
//! dropped connection and a 1012 close, a wrong key. Both clients run each scenario at once
//! (the blocking one in `spawn_blocking`).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use hume::HumeError;
use hume::models::v1::{AudioFileConfig, AudioMeasurement, Utterance};
use hume::realtime::{
    Audio, AudioServerMessage, AudioSessionUpdate, CloseReason, ErrorCode, Frame, FrameError,
    JpegFrames, ReconnectCause, Refusal, ResendCause, SessionConfig, SessionEvent, SessionSummary,
    Video, VideoServerMessage, WavFrames,
};
use hume_emulator::{
    Emulator, EmulatorConfig, RealtimeConfig, RunningEmulator, SessionCut, SessionFaults, V1Config,
};
use serde_json::Value;
use tokio_tungstenite::tungstenite::Message;
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;

use crate::realtime_support::{audio, fast_reconnects, feed_and_drain, messages, replies, split};
use crate::support::{KEY, blocking};
use hume_bench_data::test_media::{jpeg, wav_pcm};

use crate::v1_support::{async_client, blocking_client, two_bursts, write};

type Outcome<E> = (
    Vec<SessionEvent<E>>,
    Result<SessionSummary<E>, HumeError>,
    // Frames refused before sending (their tags, when the driver knows them).
    Vec<HumeError>,
);

async fn emulator_with(realtime: RealtimeConfig) -> RunningEmulator {
    Emulator::start(
        EmulatorConfig::default()
            .with_api_key(KEY)
            .with_v1(V1Config::default().with_realtime(realtime)),
    )
    .await
    .expect("emulator starts")
}

/// The emulator with its send-rate check off (tests stream faster than they would live).
async fn relaxed() -> RunningEmulator {
    emulator_with(RealtimeConfig::default().with_relaxed_pacing(true)).await
}

async fn with_faults(faults: SessionFaults) -> RunningEmulator {
    emulator_with(
        RealtimeConfig::default()
            .with_relaxed_pacing(true)
            .with_faults(faults),
    )
    .await
}

/// Both clients behind one set of calls.
#[derive(Clone, Copy, Debug)]
enum Client {
    Blocking,
    Async,
}

/// Frames from a source that can be made again for each client.
type Source = Box<dyn Iterator<Item = Result<Frame, HumeError>> + Send>;

impl Client {
    /// Streams `frames` into an audio session (`update` first) and closes it.
    async fn audio(
        self,
        base: &str,
        config: SessionConfig,
        update: Option<AudioSessionUpdate>,
        frames: Source,
    ) -> Outcome<Audio> {
        match self {
            Client::Blocking => {
                let client = blocking_client(base, KEY);
                blocking(move || {
                    let mut session = client.audio().connect(config).unwrap();
                    if let Some(update) = update {
                        session.update(update).unwrap();
                    }
                    let (events, refused) = split(session.stream(frames));
                    (events, session.close(), refused)
                })
                .await
            }
            Client::Async => {
                let client = async_client(base, KEY);
                let mut session = client.audio().connect(config).await.unwrap();
                if let Some(update) = update {
                    session.update(update).unwrap();
                }
                let (events, refused) = feed_and_drain(&mut session, frames).await;
                let refused = refused.into_iter().map(|(_, error)| error).collect();
                (events, session.close().await, refused)
            }
        }
    }

    /// Streams `frames` into a video session and closes it.
    async fn video(self, base: &str, frames: Source) -> Outcome<Video> {
        match self {
            Client::Blocking => {
                let client = blocking_client(base, KEY);
                blocking(move || {
                    let mut session = client.video().connect(SessionConfig::default()).unwrap();
                    let (events, refused) = split(session.stream(frames));
                    (events, session.close(), refused)
                })
                .await
            }
            Client::Async => {
                let client = async_client(base, KEY);
                let mut session = client
                    .video()
                    .connect(SessionConfig::default())
                    .await
                    .unwrap();
                let (events, refused) = feed_and_drain(&mut session, frames).await;
                let refused = refused.into_iter().map(|(_, error)| error).collect();
                (events, session.close().await, refused)
            }
        }
    }
}

/// Runs `scenario` on both clients at once and returns (blocking, async).
async fn both<F, Fut, T>(scenario: F) -> [(Client, T); 2]
where
    F: Fn(Client) -> Fut,
    Fut: std::future::Future<Output = T>,
{
    let (b, a) = tokio::join!(scenario(Client::Blocking), scenario(Client::Async));
    [(Client::Blocking, b), (Client::Async, a)]
}

/// `count` frames of `ms` of audio, the i-th filled with the byte `i + 1` (tag `i`).
fn audio_frames(count: u64, ms: usize) -> Source {
    Box::new((0..count).map(move |i| Ok(Frame::new(audio(ms, i as u8 + 1), i))))
}

fn rate_limited(events: &[SessionEvent<Audio>]) -> usize {
    messages(events)
        .into_iter()
        .filter(|m| matches!(m, AudioServerMessage::Error(e) if e.code == ErrorCode::RateLimited))
        .count()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_full_audio_session_measures_what_the_upload_measures() {
    let emulator = relaxed().await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let wav: PathBuf = write(dir.path(), "bursts.wav", &wav_pcm(&two_bursts()));
    let upload = async_client(&base, KEY)
        .audio()
        .measure(wav.clone(), AudioFileConfig::new())
        .await
        .unwrap();
    assert_eq!(upload.utterances.len(), 2);
    let results = both(|client| {
        let (base, wav) = (base.clone(), wav.clone());
        async move {
            let frames: Source = Box::new(WavFrames::open(&wav).unwrap());
            client
                .audio(&base, SessionConfig::default(), None, frames)
                .await
        }
    })
    .await;
    for (client, (events, summary, refused)) in results {
        assert!(refused.is_empty(), "{client:?}: {refused:?}");
        let messages = messages(&events);
        let measurements: Vec<AudioMeasurement> = messages
            .iter()
            .filter_map(|m| match m {
                AudioServerMessage::MeasurementResult(m) => Some(m.clone()),
                _ => None,
            })
            .collect();
        let utterances: Vec<Utterance> = messages
            .iter()
            .filter_map(|m| match m {
                AudioServerMessage::UtteranceEnd(u) => Some(*u),
                _ => None,
            })
            .collect();
        assert!(!measurements.is_empty(), "{client:?}");
        assert_eq!(measurements, upload.measurements, "{client:?}");
        assert_eq!(utterances, upload.utterances, "{client:?}");
        assert_eq!(rate_limited(&events), 0, "{client:?}: paced");
        let summary = summary.unwrap();
        assert_eq!(summary.closed.reason, CloseReason::ClientRequest);
        assert_eq!(summary.closed.received.audio_duration_ms, 7_500);
        assert_eq!(summary.closed.produced.utterances, 2);
        assert_eq!(summary.session_ids.len(), 1);
        assert_eq!(summary.stats.reconnects, 0);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn video_replies_pair_one_to_one_with_the_frames() {
    let emulator = relaxed().await;
    let base = emulator.base_url();
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<PathBuf> = (0..5u8)
        .map(|i| write(dir.path(), &format!("f{i}.jpg"), &jpeg(64, 48, i + 1)))
        .collect();
    let results = both(|client| {
        let (base, paths) = (base.clone(), paths.clone());
        async move {
            // 10 fps of timestamps: tags 0, 100, ..., 400 ms.
            let frames: Source = Box::new(JpegFrames::new(paths).with_fps(10.0));
            client.video(&base, frames).await
        }
    })
    .await;
    for (client, (events, summary, refused)) in results {
        assert!(refused.is_empty(), "{client:?}: {refused:?}");
        let replies = replies(&events);
        let tags: Vec<u64> = replies.iter().map(|(tag, _)| *tag).collect();
        assert_eq!(tags, [0, 100, 200, 300, 400], "{client:?}: one reply each");
        for (tag, message) in &replies {
            assert!(
                matches!(message, VideoServerMessage::MeasurementResult(_)),
                "{client:?} {tag}: {message:?}"
            );
        }
        // No measurement arrived outside a reply.
        assert!(events.iter().all(|e| !matches!(
            e,
            SessionEvent::Message(VideoServerMessage::MeasurementResult(_))
        )));
        let summary = summary.unwrap();
        assert_eq!(summary.closed.received.frames, 5, "{client:?}");
        assert_eq!(summary.stats.sent, 5);
    }
}

/// Opens a raw WebSocket session on the emulator (the client's checks out of the way).
async fn raw_session(
    emulator: &RunningEmulator,
    path: &str,
) -> tokio_tungstenite::WebSocketStream<tokio::net::TcpStream> {
    let url = format!(
        "{}{path}",
        emulator.base_url().replacen("http://", "ws://", 1)
    );
    let mut request = url.into_client_request().unwrap();
    request
        .headers_mut()
        .insert("X-Hume-Api-Key", HeaderValue::from_static(KEY));
    let addr = emulator.base_url().replacen("http://", "", 1);
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let (mut ws, _) = tokio_tungstenite::client_async(request, tcp).await.unwrap();
    let created = next_json(&mut ws).await;
    assert_eq!(created["type"], "session.created");
    ws
}

/// The next text message as JSON; `Null` once the connection ends.
async fn next_json<S>(ws: &mut tokio_tungstenite::WebSocketStream<S>) -> Value
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(text))) => return serde_json::from_str(text.as_str()).unwrap(),
            Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return Value::Null,
            Some(Ok(_)) => {}
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_update_after_the_first_frame_is_refused_locally_and_ends_the_session_on_the_server() {
    let emulator = relaxed().await;
    let base = emulator.base_url();
    // The client refuses the update itself, nothing sent, and the session goes on.
    let results = both(|client| {
        let base = base.clone();
        async move {
            match client {
                Client::Blocking => {
                    let client = blocking_client(&base, KEY);
                    blocking(move || {
                        let mut session = client.audio().connect(SessionConfig::default())?;
                        session.send_frame(audio(100, 1), 0)?;
                        let refused = session.update(AudioSessionUpdate::new()).unwrap_err();
                        session.send_frame(audio(100, 2), 1)?;
                        Ok::<_, HumeError>((refused, session.close()?))
                    })
                    .await
                }
                Client::Async => {
                    let client = async_client(&base, KEY);
                    let session = client.audio().connect(SessionConfig::default()).await?;
                    session.send_frame(audio(100, 1), 0).await?;
                    let refused = session.update(AudioSessionUpdate::new()).unwrap_err();
                    session.send_frame(audio(100, 2), 1).await?;
                    Ok((refused, session.close().await?))
                }
            }
        }
    })
    .await;
    for (client, result) in results {
        let (refused, summary) = result.unwrap();
        assert!(
            matches!(
                refused,
                HumeError::RealtimeRefused {
                    refusal: Refusal::UpdateAfterFirstFrame,
                    ..
                }
            ),
            "{client:?}: {refused:?}"
        );
        assert_eq!(summary.closed.received.frames, 2, "{client:?}");
        assert_eq!(summary.closed.reason, CloseReason::ClientRequest);
    }

    // The server's rule, which the client's refusal spares its users: config_invalid ends it.
    let mut ws = raw_session(&emulator, "/v1/expression/audio/realtime").await;
    ws.send(Message::Binary(audio(100, 1).into()))
        .await
        .unwrap();
    ws.send(Message::Text(r#"{"type":"session.update"}"#.into()))
        .await
        .unwrap();
    let error = next_json(&mut ws).await;
    assert_eq!(error["type"], "error");
    assert_eq!(error["code"], "config_invalid");
    let closed = next_json(&mut ws).await;
    assert_eq!(closed["type"], "session.closed");
    assert_eq!(next_json(&mut ws).await, Value::Null, "the session is over");
}

#[tokio::test(flavor = "multi_thread")]
async fn an_odd_length_frame_gets_invalid_audio_frame_and_the_session_continues() {
    let emulator = relaxed().await;
    let base = emulator.base_url();
    // The client: the odd frame is refused before sending, the rest is measured.
    let results = both(|client| {
        let base = base.clone();
        async move {
            let frames: Vec<Frame> = vec![
                Frame::new(audio(100, 1), 0),
                Frame::new(vec![1u8; 3_201], 1),
                Frame::new(audio(100, 3), 2),
                Frame::new(audio(100, 4), 3),
            ];
            let frames: Source = Box::new(frames.into_iter().map(Ok));
            client
                .audio(&base, SessionConfig::default(), None, frames)
                .await
        }
    })
    .await;
    for (client, (_, summary, refused)) in results {
        assert_eq!(refused.len(), 1, "{client:?}: {refused:?}");
        assert!(
            matches!(
                &refused[0],
                HumeError::RealtimeRefused {
                    refusal: Refusal::Frame(FrameError::OddLength { .. }),
                    ..
                }
            ),
            "{client:?}: {:?}",
            refused[0]
        );
        let summary = summary.unwrap();
        assert_eq!(summary.closed.received.frames, 3, "{client:?}");
        assert_eq!(summary.closed.received.audio_duration_ms, 300);
    }

    // The server: `invalid_audio_frame`, and the session takes the next frames.
    let mut ws = raw_session(&emulator, "/v1/expression/audio/realtime").await;
    ws.send(Message::Binary(vec![1u8; 3_201].into()))
        .await
        .unwrap();
    let error = next_json(&mut ws).await;
    assert_eq!(error["type"], "error");
    assert_eq!(error["code"], "invalid_audio_frame");
    for fill in 1..=2 {
        ws.send(Message::Binary(audio(100, fill).into()))
            .await
            .unwrap();
    }
    ws.send(Message::Text(r#"{"type":"session.close"}"#.into()))
        .await
        .unwrap();
    let closed = loop {
        let message = next_json(&mut ws).await;
        if message["type"] == "session.closed" || message.is_null() {
            break message;
        }
    };
    assert_eq!(closed["reason"], "client_request");
    assert_eq!(closed["received"]["frames"], 2);
    assert_eq!(closed["received"]["audio_duration_ms"], 200);
}

#[tokio::test(flavor = "multi_thread")]
async fn sending_too_fast_is_paced_so_no_rate_limited_arrives() {
    // The emulator's real send-rate check (its default 500 ms burst): frames are submitted
    // as fast as the source yields them, 2 s of audio.
    let emulator = emulator_with(RealtimeConfig::default()).await;
    let base = emulator.base_url();
    let results = both(|client| {
        let base = base.clone();
        async move {
            client
                .audio(&base, SessionConfig::default(), None, audio_frames(20, 100))
                .await
        }
    })
    .await;
    for (client, (events, summary, refused)) in results {
        assert!(refused.is_empty(), "{client:?}");
        assert_eq!(rate_limited(&events), 0, "{client:?}: {events:?}");
        let summary = summary.unwrap();
        assert_eq!(summary.closed.received.frames, 20, "{client:?}");
        assert_eq!(summary.closed.received.audio_duration_ms, 2_000);
        assert_eq!(summary.stats.resent, 0);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_forced_rate_limit_is_survived_with_every_frame_measured() {
    // Every 4th frame the emulator handles is answered `rate_limited`, whatever the rate.
    let emulator = with_faults(SessionFaults::none().with_rate_limit_every(4)).await;
    let base = emulator.base_url();
    let results = both(|client| {
        let base = base.clone();
        async move {
            client
                .audio(&base, SessionConfig::default(), None, audio_frames(10, 100))
                .await
        }
    })
    .await;
    for (client, (events, summary, refused)) in results {
        assert!(refused.is_empty(), "{client:?}");
        let resends: Vec<&Vec<u64>> = events
            .iter()
            .filter_map(|e| match e {
                SessionEvent::Resending {
                    tags,
                    cause: ResendCause::Rejected(error),
                } if error.code == ErrorCode::RateLimited => Some(tags),
                _ => None,
            })
            .collect();
        // Handled frames 4, 8 and 12 are refused: tags 3, 6 (the 8th handled is the 7th
        // frame after one resend) and 9 (the 12th handled, after two).
        assert_eq!(resends, [&vec![3], &vec![6], &vec![9]], "{client:?}");
        let summary = summary.unwrap();
        assert_eq!(
            summary.closed.received.frames, 10,
            "{client:?}: every frame"
        );
        assert_eq!(summary.closed.received.audio_duration_ms, 1_000);
        assert_eq!(summary.stats.resent, 3);
    }
}

/// Streams 12 frames into an emulator that cuts the first session after 5 frames.
async fn reconnect_after(cut: SessionCut) {
    let results = both(|client| async move {
        let emulator = with_faults(
            SessionFaults::none()
                .with_cut(cut)
                .with_cut_after_frames(5)
                .with_cut_sessions(1),
        )
        .await;
        let outcome = client
            .audio(
                &emulator.base_url(),
                fast_reconnects(),
                None,
                audio_frames(12, 100),
            )
            .await;
        (outcome, emulator.session_count())
    })
    .await;
    for (client, ((events, summary, refused), _)) in results {
        assert!(refused.is_empty(), "{client:?}");
        let causes: Vec<&ReconnectCause> = events
            .iter()
            .filter_map(|e| match e {
                SessionEvent::Reconnecting { cause, .. } => Some(cause),
                _ => None,
            })
            .collect();
        assert_eq!(causes.len(), 1, "{client:?}: {causes:?}");
        match causes[0] {
            ReconnectCause::Closed { close, .. } => {
                assert_eq!(close.code, cut.close_code(), "{client:?}")
            }
            other => panic!("{client:?}: {other:?}"),
        }
        let summary = summary.unwrap();
        assert_eq!(summary.session_ids.len(), 2, "{client:?}");
        assert_eq!(summary.stats.reconnects, 1);
        assert_eq!(summary.stats.submitted, 12);
        // The stream completed on the second session: at least the 7 frames after the cut
        // (and whatever the replay window sent again).
        assert!(
            summary.closed.received.frames >= 7,
            "{client:?}: {:?}",
            summary.closed
        );
        assert_eq!(summary.closed.reason, CloseReason::ClientRequest);
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_dropped_connection_reconnects_and_the_stream_completes() {
    reconnect_after(SessionCut::Drop).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_1012_close_reconnects_and_the_stream_completes() {
    reconnect_after(SessionCut::Restart).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_key_fails_at_once_without_reconnecting() {
    let emulator = relaxed().await;
    let base = emulator.base_url();
    const WRONG: &str = "hk_wrong-key-0000000000";
    let started = Instant::now();
    let client = blocking_client(&base, WRONG);
    let blocking_error = blocking(move || client.audio().connect(SessionConfig::default()))
        .await
        .unwrap_err();
    let async_error = async_client(&base, WRONG)
        .video()
        .connect(SessionConfig::default())
        .await
        .unwrap_err();
    for error in [blocking_error, async_error] {
        assert!(
            matches!(error, HumeError::InvalidApiKey { .. }),
            "{error:?}"
        );
        assert!(!format!("{error} {error:?}").contains(WRONG));
    }
    // A reconnect would have waited its first delay (1 s at least) before trying again.
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "no reconnect: {:?}",
        started.elapsed()
    );
    assert_eq!(emulator.session_count(), 0);
}
