//! Session faults: dropped connections, 1012 and 1013 closes, forced rate limits.

use std::time::Duration;

use hume_emulator::{
    EmulatorConfig, RealtimeConfig, RunningEmulator, SessionCut, SessionFaults, V1Config,
};
use hume_models::v1::RunStatus;
use hume_models::v1::realtime::{AudioServerMessage, CloseReason, ErrorCode, VideoServerMessage};

use super::ws::{AUDIO, End, VIDEO, connect, ended_run, session_id};
use crate::v1::client::start;
use crate::v1::media::jpeg;

async fn with_faults(faults: SessionFaults) -> RunningEmulator {
    start(
        EmulatorConfig::default().with_v1(
            V1Config::default().with_realtime(
                RealtimeConfig::default()
                    .with_relaxed_pacing(true)
                    .with_faults(faults),
            ),
        ),
    )
    .await
}

#[tokio::test]
async fn a_dropped_connection_after_n_frames() {
    let emulator = with_faults(
        SessionFaults::none()
            .with_cut(SessionCut::Drop)
            .with_cut_after_frames(3),
    )
    .await;
    let mut ws = connect(&emulator, VIDEO).await;
    let id = session_id(&ws.next_json().await);
    for seed in 0..3 {
        ws.binary(&jpeg(320, 240, seed)).await;
    }
    let (texts, end) = ws.end().await;
    assert_eq!(texts.len(), 3, "the three frames were answered first");
    assert_eq!(end, End::Dropped, "no close frame");
    let run = ended_run(&emulator, &id).await;
    assert_eq!(run.status, RunStatus::Errored);
    assert_eq!(
        (run.close_code, run.close_reason),
        (Some(1011), Some(CloseReason::Error))
    );
}

#[tokio::test]
async fn a_1012_close_hits_only_the_first_session() {
    let emulator = with_faults(
        SessionFaults::none()
            .with_cut(SessionCut::Restart)
            .with_cut_after_frames(2)
            .with_cut_sessions(1),
    )
    .await;
    let mut first = connect(&emulator, AUDIO).await;
    let id = session_id(&first.next_json().await);
    first.binary(&[0; 3200]).await;
    first.binary(&[0; 3200]).await;
    let (texts, end) = first.end().await;
    assert!(
        texts.is_empty(),
        "no session.closed before an injected close"
    );
    assert_eq!(end, End::Closed(1012, "service restart".to_owned()));
    let run = ended_run(&emulator, &id).await;
    assert_eq!(run.close_code, Some(1012));
    assert_eq!(run.close_reason, Some(CloseReason::ServerShutdown));
    assert_eq!(run.status, RunStatus::Ended);

    let mut second = connect(&emulator, AUDIO).await;
    session_id(&second.next_json().await);
    for _ in 0..5 {
        second.binary(&[0; 3200]).await;
    }
    second.close_session().await;
    match second.next_audio().await {
        AudioServerMessage::SessionClosed(closed) => assert_eq!(closed.received.frames, 5),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn a_1013_close_after_a_time() {
    let emulator = with_faults(
        SessionFaults::none()
            .with_cut(SessionCut::TryAgainLater)
            .with_cut_after(Duration::from_millis(200)),
    )
    .await;
    let mut ws = connect(&emulator, AUDIO).await;
    let id = session_id(&ws.next_json().await);
    let (_, end) = ws.end().await;
    assert_eq!(end, End::Closed(1013, "try again later".to_owned()));
    let run = ended_run(&emulator, &id).await;
    assert_eq!(
        (run.status, run.close_code),
        (RunStatus::Errored, Some(1013))
    );
}

#[tokio::test]
async fn every_nth_frame_is_rate_limited() {
    let emulator = with_faults(SessionFaults::none().with_rate_limit_every(3)).await;
    let mut ws = connect(&emulator, VIDEO).await;
    session_id(&ws.next_json().await);
    let mut limited = Vec::new();
    for i in 0..9 {
        ws.binary(&jpeg(320, 240, i)).await;
        if let VideoServerMessage::Error(e) = ws.next_video().await {
            assert_eq!(e.code, ErrorCode::RateLimited);
            limited.push(i);
        }
    }
    assert_eq!(limited, [2, 5, 8]);
    ws.close_session().await;
    match ws.next_video().await {
        VideoServerMessage::SessionClosed(closed) => assert_eq!(closed.received.frames, 6),
        other => panic!("{other:?}"),
    }
}
