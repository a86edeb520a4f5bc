//! The realtime sessions of both clients against a scripted WebSocket server (the wire, the
//! driver loops, reconnects, errors): every scenario runs on the blocking client (in
//! `spawn_blocking`) and on the async one.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use hume::HumeError;
use hume::realtime::{
    AudioServerMessage, AudioSessionUpdate, CloseReason, ErrorCode, ErrorMessage, Frame,
    ReconnectCause, Refusal, ResendCause, SessionConfig, SessionEvent, SessionSummary, Video,
    VideoServerMessage,
};
use hume::{asynchronous, blocking};
use hume_models::v1::realtime::{
    AudioProduced, AudioReceived, AudioSessionClosed, AudioSessionCreated, UtteranceStart,
    VideoProduced, VideoReceived, VideoSessionClosed, VideoSessionCreated,
};
use hume_models::v1::{AudioMeasurement, FrameMeasurement, MeasurementTrigger, Utterance};

use crate::realtime_support::{
    Incoming, KEY, Peer, ScriptedServer, api_key, audio, fast_reconnects, feed_and_drain, messages,
    replies, split,
};
use hume_bench_data::test_media::jpeg;

type Events<E> = Vec<SessionEvent<E>>;
type AudioOutcome = (
    Events<hume::realtime::Audio>,
    Result<SessionSummary<hume::realtime::Audio>, HumeError>,
);
type VideoOutcome = (Events<Video>, Result<SessionSummary<Video>, HumeError>);

fn blocking_client(server: &ScriptedServer) -> blocking::ExpressionMeasurementClient {
    blocking::ExpressionMeasurementClient::builder()
        .api_key(api_key())
        .base_url(server.base_url())
        .build()
        .unwrap()
}

fn async_client(server: &ScriptedServer) -> asynchronous::ExpressionMeasurementClient {
    asynchronous::ExpressionMeasurementClient::builder()
        .api_key(api_key())
        .base_url(server.base_url())
        .build()
        .unwrap()
}

/// Streams `frames` on the blocking client (an update first, if any) and closes.
async fn run_blocking_audio(
    server: &ScriptedServer,
    config: SessionConfig,
    update: Option<AudioSessionUpdate>,
    frames: Vec<Frame>,
) -> AudioOutcome {
    let client = blocking_client(server);
    tokio::task::spawn_blocking(move || {
        let mut session = client.audio().connect(config).unwrap();
        if let Some(update) = update {
            session.update(update).unwrap();
        }
        let events: Vec<_> = session
            .stream(frames.into_iter().map(Ok))
            .map(Result::unwrap)
            .collect();
        (events, session.close())
    })
    .await
    .unwrap()
}

/// The same on the async client: frames from a sender task, events from the stream.
async fn run_async_audio(
    server: &ScriptedServer,
    config: SessionConfig,
    update: Option<AudioSessionUpdate>,
    frames: Vec<Frame>,
) -> AudioOutcome {
    let client = async_client(server);
    let mut session = client.audio().connect(config).await.unwrap();
    if let Some(update) = update {
        session.update(update).unwrap();
    }
    let (events, refused) = feed_and_drain(&mut session, frames.into_iter().map(Ok)).await;
    assert!(refused.is_empty(), "no frame refused");
    (events, session.close().await)
}

fn frames(count: u64, ms: usize) -> Vec<Frame> {
    (0..count)
        .map(|i| Frame::new(audio(ms, i as u8 + 1), i))
        .collect()
}

/// An audio server: `session.created`, `session.updated` for an update, then every frame
/// until `session.close`, an utterance over all of it, `session.closed` and a 1000 close.
/// What it received goes to `log`.
async fn audio_session(mut peer: Peer, id: &str, log: Arc<Mutex<Vec<Incoming>>>) {
    peer.audio(AudioSessionCreated::with_defaults(id)).await;
    let mut audio_ms = 0;
    let mut frames = 0;
    loop {
        let incoming = peer.next().await;
        log.lock().unwrap().push(incoming.clone());
        match incoming {
            Incoming::Json(json) if json["type"] == "session.update" => {
                let update: AudioSessionUpdate = serde_json::from_value(json).unwrap();
                peer.audio(update.resolve()).await;
            }
            Incoming::Binary(data, _) => {
                audio_ms += data.len() as u64 / 32;
                frames += 1;
            }
            Incoming::Json(json) if json["type"] == "session.close" => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    peer.audio(UtteranceStart::new(0, 0)).await;
    let measurement = AudioMeasurement::new(
        0,
        0,
        0,
        audio_ms,
        MeasurementTrigger::SpeechEnded,
        vec![],
        vec![],
    );
    peer.audio(measurement).await;
    peer.audio(Utterance::new(0, 0, audio_ms)).await;
    let closed = AudioSessionClosed::new(
        id,
        CloseReason::ClientRequest,
        AudioReceived::new(audio_ms, frames),
        AudioProduced::new(1, 1),
    );
    peer.audio(closed).await;
    peer.close(1000, "").await;
}

fn binary_times(log: &[Incoming]) -> Vec<Duration> {
    log.iter()
        .filter_map(|i| match i {
            Incoming::Binary(_, at) => Some(*at),
            _ => None,
        })
        .collect()
}

async fn full_audio_session(blocking: bool) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    let server =
        ScriptedServer::start(move |_, peer| audio_session(peer, "s-1", seen.clone())).await;
    let update = AudioSessionUpdate::new().with_measurement_timer_ms(5000);
    let (events, summary) = if blocking {
        run_blocking_audio(
            &server,
            SessionConfig::default(),
            Some(update),
            frames(10, 100),
        )
        .await
    } else {
        run_async_audio(
            &server,
            SessionConfig::default(),
            Some(update),
            frames(10, 100),
        )
        .await
    };
    let summary = summary.unwrap();
    assert_eq!(summary.closed.received.frames, 10);
    assert_eq!(summary.closed.received.audio_duration_ms, 1000);
    assert_eq!(summary.session_ids.len(), 1);
    assert_eq!(summary.stats.sent, 10);
    let types: Vec<&str> = messages(&events).iter().map(|m| m.type_name()).collect();
    assert_eq!(
        types,
        [
            "session.created",
            "session.updated",
            "utterance.start",
            "measurement.result",
            "utterance.end",
            "session.closed"
        ]
    );
    let updated = messages(&events)[1];
    assert!(
        matches!(updated, AudioServerMessage::SessionUpdated(u) if u.measurement_timer_ms == 5000)
    );
    let log = log.lock().unwrap().clone();
    // The update went before the first frame; the frames in order; then session.close.
    assert!(matches!(&log[0], Incoming::Json(j) if j["type"] == "session.update"));
    let sent: Vec<u8> = log
        .iter()
        .filter_map(|i| match i {
            Incoming::Binary(data, _) => Some(data[0]),
            _ => None,
        })
        .collect();
    assert_eq!(sent, (1..=10).collect::<Vec<u8>>());
    // Paced: 1 s of audio never arrives faster than real time (the bucket starts empty, so
    // the first 100 ms frame waits 100 ms; a 250 ms burst at most).
    let times = binary_times(&log);
    let span = times[9] - times[0];
    assert!(
        span >= Duration::from_millis(650),
        "10 frames of 100 ms in {span:?}"
    );
    assert_eq!(server.keys(), [KEY]);
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_a_full_audio_session_is_paced_and_returns_the_totals() {
    full_audio_session(true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn async_a_full_audio_session_is_paced_and_returns_the_totals() {
    full_audio_session(false).await;
}

/// A video server answering each frame in order: a result, or `invalid_image_frame` for the
/// frame at `bad`.
async fn video_session(mut peer: Peer, bad: usize) {
    peer.video(VideoSessionCreated::with_defaults("v-1")).await;
    let (mut frames, mut results) = (0u64, 0u64);
    loop {
        match peer.next().await {
            Incoming::Binary(..) if frames as usize == bad => {
                frames += 1;
                let error = ErrorMessage::new(ErrorCode::InvalidImageFrame, "not a jpeg", true);
                peer.video(error).await;
            }
            Incoming::Binary(..) => {
                frames += 1;
                peer.video(FrameMeasurement::new(results, vec![])).await;
                results += 1;
            }
            Incoming::Json(json) if json["type"] == "session.close" => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    let closed = VideoSessionClosed::new(
        "v-1",
        CloseReason::ClientRequest,
        VideoReceived::new(frames),
        VideoProduced::new(results),
    );
    peer.video(closed).await;
    peer.close(1000, "").await;
}

async fn video_pairs(blocking: bool) {
    let server = ScriptedServer::start(|_, peer| video_session(peer, 2)).await;
    let frames: Vec<Frame> = (0..4)
        .map(|i| Frame::new(jpeg(64 + i, 64, 0), 1000 + u64::from(i)))
        .collect();
    let (events, summary): VideoOutcome = if blocking {
        let client = blocking_client(&server);
        tokio::task::spawn_blocking(move || {
            let mut session = client.video().connect(SessionConfig::default()).unwrap();
            let events: Vec<_> = session
                .stream(frames.into_iter().map(Ok))
                .map(Result::unwrap)
                .collect();
            (events, session.close())
        })
        .await
        .unwrap()
    } else {
        let client = async_client(&server);
        let mut session = client
            .video()
            .connect(SessionConfig::default())
            .await
            .unwrap();
        let (events, _) = feed_and_drain(&mut session, frames.into_iter().map(Ok)).await;
        (events, session.close().await)
    };
    let replies = replies(&events);
    let tags: Vec<u64> = replies.iter().map(|(tag, _)| *tag).collect();
    assert_eq!(
        tags,
        [1000, 1001, 1002, 1003],
        "one reply per frame, in order"
    );
    assert!(
        matches!(replies[2].1, VideoServerMessage::Error(e) if e.code == ErrorCode::InvalidImageFrame)
    );
    let ids: Vec<u64> = replies
        .iter()
        .filter_map(|(_, m)| match m {
            VideoServerMessage::MeasurementResult(r) => Some(r.frame_id),
            _ => None,
        })
        .collect();
    assert_eq!(ids, [0, 1, 2], "frame_id counts only answered frames");
    let summary = summary.unwrap();
    assert_eq!(summary.closed.received.frames, 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_video_replies_pair_one_to_one_with_frames() {
    video_pairs(true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn async_video_replies_pair_one_to_one_with_frames() {
    video_pairs(false).await;
}

/// A server that ends the session with `config_invalid` at the first frame, as the API does
/// for a `session.update` after it.
async fn config_invalid_session(mut peer: Peer) {
    peer.audio(AudioSessionCreated::with_defaults("s-cfg"))
        .await;
    // The first frame (the client refused the update itself; the server's answer is what
    // the API does when one arrives after a frame).
    while !matches!(
        peer.next().await,
        Incoming::Binary(..) | Incoming::Closed(_)
    ) {}
    let error = ErrorMessage::new(
        ErrorCode::ConfigInvalid,
        "session.update after the first frame",
        false,
    );
    peer.audio(error).await;
    let closed = AudioSessionClosed::new(
        "s-cfg",
        CloseReason::Error,
        AudioReceived::new(100, 1),
        AudioProduced::new(0, 0),
    );
    peer.audio(closed).await;
    peer.close(1008, "config_invalid").await;
}

fn assert_config_invalid(result: Result<SessionSummary<hume::realtime::Audio>, HumeError>) {
    match result {
        Err(HumeError::Realtime {
            code, session_id, ..
        }) => {
            assert_eq!(code, ErrorCode::ConfigInvalid);
            assert_eq!(session_id.unwrap().as_str(), "s-cfg");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_an_update_after_the_first_frame_is_refused_and_config_invalid_ends_the_session() {
    let server = ScriptedServer::start(|_, peer| config_invalid_session(peer)).await;
    let client = blocking_client(&server);
    let result = tokio::task::spawn_blocking(move || {
        let mut session = client.audio().connect(fast_reconnects()).unwrap();
        session.send_frame(audio(100, 1), 0).unwrap();
        let refused = session.update(AudioSessionUpdate::new()).unwrap_err();
        assert!(matches!(
            refused,
            HumeError::RealtimeRefused {
                refusal: Refusal::UpdateAfterFirstFrame,
                ..
            }
        ));
        let events: Vec<_> = session.by_ref().collect();
        assert!(
            events
                .iter()
                .all(|e| !matches!(e, SessionEvent::Reconnecting { .. }))
        );
        session.close()
    })
    .await
    .unwrap();
    assert_config_invalid(result);
    assert_eq!(server.connections(), 1, "config_invalid never reconnects");
}

#[tokio::test(flavor = "multi_thread")]
async fn async_an_update_after_the_first_frame_is_refused_and_config_invalid_ends_the_session() {
    let server = ScriptedServer::start(|_, peer| config_invalid_session(peer)).await;
    let client = async_client(&server);
    let mut session = client.audio().connect(fast_reconnects()).await.unwrap();
    session.send_frame(audio(100, 1), 0).await.unwrap();
    assert!(matches!(
        session.update(AudioSessionUpdate::new()),
        Err(HumeError::RealtimeRefused {
            refusal: Refusal::UpdateAfterFirstFrame,
            ..
        })
    ));
    while let Some(event) = session.next().await {
        assert!(!matches!(event, SessionEvent::Reconnecting { .. }));
    }
    assert_config_invalid(session.close().await);
    assert_eq!(server.connections(), 1, "config_invalid never reconnects");
}

/// An audio server that answers the frame at `bad` with `invalid_audio_frame`, measures the
/// rest and closes cleanly; `log` gets the frames.
async fn invalid_frame_session(mut peer: Peer, bad: usize, log: Arc<Mutex<Vec<u8>>>) {
    peer.audio(AudioSessionCreated::with_defaults("s-odd"))
        .await;
    let mut n = 0;
    loop {
        match peer.next().await {
            Incoming::Binary(data, _) => {
                log.lock().unwrap().push(data[0]);
                if n == bad {
                    let error = ErrorMessage::new(ErrorCode::InvalidAudioFrame, "odd length", true);
                    peer.audio(error).await;
                }
                n += 1;
            }
            Incoming::Json(json) if json["type"] == "session.close" => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    let closed = AudioSessionClosed::new(
        "s-odd",
        CloseReason::ClientRequest,
        AudioReceived::new(n as u64 * 100, n as u64),
        AudioProduced::new(0, 0),
    );
    peer.audio(closed).await;
    peer.close(1000, "").await;
}

async fn invalid_frame_goes_on(blocking: bool) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    let server =
        ScriptedServer::start(move |_, peer| invalid_frame_session(peer, 1, seen.clone())).await;
    let odd = Frame::new(vec![1u8; 3], 99);
    let mut input = frames(4, 100);
    input.insert(2, odd);
    let (events, summary) = if blocking {
        let client = blocking_client(&server);
        tokio::task::spawn_blocking(move || {
            let mut session = client.audio().connect(SessionConfig::default()).unwrap();
            let (events, refused) = split(session.stream(input.into_iter().map(Ok)));
            assert_eq!(refused.len(), 1, "the odd frame is refused before sending");
            (events, session.close())
        })
        .await
        .unwrap()
    } else {
        let client = async_client(&server);
        let mut session = client
            .audio()
            .connect(SessionConfig::default())
            .await
            .unwrap();
        let (events, refused) = feed_and_drain(&mut session, input.into_iter().map(Ok)).await;
        assert_eq!(refused.len(), 1, "the odd frame is refused before sending");
        assert_eq!(refused[0].0, 99);
        assert!(matches!(
            &refused[0].1,
            HumeError::RealtimeRefused {
                refusal: Refusal::Frame(_),
                ..
            }
        ));
        (events, session.close().await)
    };
    // The server's invalid_audio_frame is paired with the frame it answered, and the session
    // went on: every good frame arrived and the close was clean.
    let (tag, message) = *replies(&events)
        .first()
        .expect("a reply to the rejected frame");
    assert_eq!(tag, 1);
    assert!(
        matches!(message, AudioServerMessage::Error(e) if e.code == ErrorCode::InvalidAudioFrame)
    );
    assert_eq!(*log.lock().unwrap(), [1, 2, 3, 4]);
    assert_eq!(summary.unwrap().closed.received.frames, 4);
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_an_odd_frame_is_refused_an_invalid_one_answered_and_the_session_goes_on() {
    invalid_frame_goes_on(true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn async_an_odd_frame_is_refused_an_invalid_one_answered_and_the_session_goes_on() {
    invalid_frame_goes_on(false).await;
}

/// A server that enforces the rate on its clock (more than 300 ms of audio ahead of real time
/// → `rate_limited`), and also rejects the frame at `force` once; counts what it accepted.
async fn rate_limiting_session(
    mut peer: Peer,
    force: Option<usize>,
    log: Arc<Mutex<(u64, u64, Vec<u8>)>>,
) {
    peer.audio(AudioSessionCreated::with_defaults("s-rate"))
        .await;
    let mut accepted_ms = 0u64;
    let mut n = 0;
    loop {
        match peer.next().await {
            Incoming::Binary(data, at) => {
                let ms = data.len() as u64 / 32;
                let too_fast = accepted_ms + ms > at.as_millis() as u64 + 300;
                let forced = force == Some(n);
                n += 1;
                if too_fast || forced {
                    if too_fast {
                        log.lock().unwrap().0 += 1;
                    }
                    let error = ErrorMessage::new(ErrorCode::RateLimited, "slow down", true);
                    peer.audio(error).await;
                } else {
                    accepted_ms += ms;
                    let mut log = log.lock().unwrap();
                    log.1 += 1;
                    log.2.push(data[0]);
                }
            }
            Incoming::Json(json) if json["type"] == "session.close" => break,
            other => panic!("unexpected {other:?}"),
        }
    }
    let accepted = log.lock().unwrap().1;
    let closed = AudioSessionClosed::new(
        "s-rate",
        CloseReason::ClientRequest,
        AudioReceived::new(accepted_ms, accepted),
        AudioProduced::new(0, 0),
    );
    peer.audio(closed).await;
    peer.close(1000, "").await;
}

async fn paced_and_rate_limit_survived(blocking: bool) {
    let log = Arc::new(Mutex::new((0, 0, Vec::new())));
    let seen = log.clone();
    let server =
        ScriptedServer::start(move |_, peer| rate_limiting_session(peer, Some(3), seen.clone()))
            .await;
    let input = frames(12, 100);
    let (events, summary) = if blocking {
        run_blocking_audio(&server, SessionConfig::default(), None, input).await
    } else {
        run_async_audio(&server, SessionConfig::default(), None, input).await
    };
    let (too_fast, accepted, order) = log.lock().unwrap().clone();
    assert_eq!(
        too_fast, 0,
        "paced: the server never saw audio ahead of real time"
    );
    assert_eq!(
        accepted, 12,
        "the forced rejection was sent again: every frame measured"
    );
    assert_eq!(
        order,
        (1..=12).collect::<Vec<u8>>(),
        "resent before any later frame"
    );
    let resent: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            SessionEvent::Resending {
                tags,
                cause: ResendCause::Rejected(error),
            } => Some((tags.clone(), error.code.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(resent, [(vec![3], ErrorCode::RateLimited)]);
    let summary = summary.unwrap();
    assert_eq!(summary.closed.received.frames, 12);
    assert_eq!(summary.stats.resent, 1);
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_sending_is_paced_and_a_forced_rate_limit_is_survived() {
    paced_and_rate_limit_survived(true).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn async_sending_is_paced_and_a_forced_rate_limit_is_survived() {
    paced_and_rate_limit_survived(false).await;
}

/// Connection 0 takes `cut` frames and then ends (`code`: a close frame; `None`: dropped);
/// connection 1 runs a full session. `log` gets every frame's first byte per connection.
async fn reconnecting_session(
    index: usize,
    mut peer: Peer,
    cut: usize,
    code: Option<u16>,
    log: Arc<Mutex<Vec<Vec<u8>>>>,
) {
    if index == 0 {
        peer.audio(AudioSessionCreated::with_defaults("s-a")).await;
        log.lock().unwrap().push(Vec::new());
        let mut seen = 0;
        while seen < cut {
            if let Incoming::Binary(data, _) = peer.next().await {
                log.lock().unwrap()[0].push(data[0]);
                seen += 1;
            }
        }
        match code {
            Some(code) => peer.close(code, "service restart").await,
            None => peer.drop_connection(),
        }
        return;
    }
    let session_log = Arc::new(Mutex::new(Vec::new()));
    audio_session(peer, "s-b", session_log.clone()).await;
    let frames = session_log
        .lock()
        .unwrap()
        .iter()
        .filter_map(|i| match i {
            Incoming::Binary(data, _) => Some(data[0]),
            _ => None,
        })
        .collect();
    log.lock().unwrap().push(frames);
}

async fn reconnects_and_completes(blocking: bool, code: Option<u16>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let seen = log.clone();
    let server = ScriptedServer::start(move |index, peer| {
        reconnecting_session(index, peer, 3, code, seen.clone())
    })
    .await;
    let input = frames(6, 100);
    let (events, summary) = if blocking {
        run_blocking_audio(&server, fast_reconnects(), None, input).await
    } else {
        run_async_audio(&server, fast_reconnects(), None, input).await
    };
    let summary = summary.unwrap();
    let ids: Vec<&str> = summary.session_ids.iter().map(|id| id.as_str()).collect();
    assert_eq!(ids, ["s-a", "s-b"]);
    assert_eq!(summary.stats.reconnects, 1);
    let reconnecting = events.iter().find_map(|e| match e {
        SessionEvent::Reconnecting { cause, .. } => Some(cause),
        _ => None,
    });
    match (reconnecting, code) {
        (Some(ReconnectCause::Closed { close, .. }), Some(code)) => {
            assert_eq!(close.code, Some(code))
        }
        (Some(ReconnectCause::Closed { close, .. }), None) => assert_eq!(close.code, None),
        (other, _) => panic!("{other:?}"),
    }
    // The second script logs its frames once its close is sent, which may be after the
    // client has its summary: wait for it (bounded).
    for _ in 0..200 {
        if log.lock().unwrap().len() == 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let log = log.lock().unwrap().clone();
    assert_eq!(log.len(), 2, "both connections ran their scripts");
    assert_eq!(log[0], [1, 2, 3]);
    // No utterance was open: the new session gets (at most the replay window of) the audio
    // after the last utterance, i.e. what the old one may not have measured, then the rest.
    let second = &log[1];
    assert_eq!(
        second[second.len() - 3..],
        [4, 5, 6],
        "the stream completed: {second:?}"
    );
    assert!(
        second.windows(2).all(|w| w[0] < w[1]),
        "in order: {second:?}"
    );
    assert_eq!(server.connections(), 2);
    assert_eq!(server.keys(), [KEY, KEY]);
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_a_dropped_connection_reconnects_and_the_stream_completes() {
    reconnects_and_completes(true, None).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn async_a_dropped_connection_reconnects_and_the_stream_completes() {
    reconnects_and_completes(false, None).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_a_1012_close_reconnects_and_the_stream_completes() {
    reconnects_and_completes(true, Some(1012)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn async_a_1012_close_reconnects_and_the_stream_completes() {
    reconnects_and_completes(false, Some(1012)).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_key_fails_at_once_without_reconnecting() {
    let server = ScriptedServer::start_with(|_, _peer| async {}, |_| Some(401)).await;
    let client = blocking_client(&server);
    let error =
        tokio::task::spawn_blocking(move || client.audio().connect(fast_reconnects()).unwrap_err())
            .await
            .unwrap();
    assert!(
        matches!(error, HumeError::InvalidApiKey { .. }),
        "{error:?}"
    );
    assert!(!error.to_string().contains(KEY));
    let error = async_client(&server)
        .video()
        .connect(fast_reconnects())
        .await
        .unwrap_err();
    assert!(
        matches!(error, HumeError::InvalidApiKey { .. }),
        "{error:?}"
    );
    tokio::time::sleep(Duration::from_millis(100)).await;
    assert_eq!(
        server.connections(),
        2,
        "one handshake per client, no retry"
    );
}
