//! The handshake: authentication, non-WebSocket requests, the session cap, shutdown.

use std::time::Duration;

use hume_emulator::{EmulatorConfig, RealtimeConfig, V1Config};
use hume_models::v1::realtime::{AudioServerMessage, CloseReason};
use hume_models::v1::{RunEndpoint, RunMode, RunStatus};

use super::ws::{AUDIO, End, VIDEO, connect, ended_run, run, session_id, try_connect};
use crate::v1::client::{V1, assert_error, emulator, start};

#[tokio::test]
async fn a_bad_or_missing_key_refuses_the_handshake_with_the_v1_401() {
    let emulator = emulator().await;
    for path in [AUDIO, VIDEO] {
        let refused = try_connect(&emulator, path, Some("wrong-key"))
            .await
            .err()
            .expect("refused");
        assert_eq!(refused.status, 401);
        assert!(refused.body["message"].is_string(), "{}", refused.body);
        assert!(
            refused.body["request_id"].is_string(),
            "a rejected key has a request id"
        );
        assert!(
            refused.body.get("code").is_none(),
            "a 401 is not an ErrorBody"
        );
        let refused = try_connect(&emulator, path, None)
            .await
            .err()
            .expect("refused");
        assert_eq!(refused.status, 401);
    }
    assert_eq!(emulator.run_count(), 0, "no session, no run");
}

#[tokio::test]
async fn a_forbidden_key_gets_403() {
    let emulator =
        start(EmulatorConfig::default().with_v1(V1Config::default().with_forbidden_key("no-v1")))
            .await;
    let refused = try_connect(&emulator, AUDIO, Some("no-v1"))
        .await
        .err()
        .expect("refused");
    assert_eq!(refused.status, 403);
    assert_eq!(refused.body["code"], "forbidden");
}

#[tokio::test]
async fn plain_http_requests_are_refused() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    assert_error(&client.get(AUDIO).await, 400, "invalid_request");
    let reply = client.post_parts(VIDEO, &[]).await;
    assert_error(&reply, 405, "method_not_allowed");
}

#[tokio::test]
async fn the_session_cap_refuses_one_more_with_503() {
    let emulator = start(EmulatorConfig::default().with_v1(
        V1Config::default().with_realtime(RealtimeConfig::default().with_max_sessions(1)),
    ))
    .await;
    let mut first = connect(&emulator, AUDIO).await;
    first.next_json().await;
    assert_eq!(emulator.session_count(), 1);
    let refused = try_connect(&emulator, VIDEO, Some(crate::v1::client::KEY))
        .await
        .err()
        .expect("over the cap");
    assert_eq!(refused.status, 503);
    assert_eq!(refused.body["code"], "server_busy");
    first.close_session().await;
    first.end().await;
    for _ in 0..100 {
        if emulator.session_count() == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let mut second = connect(&emulator, VIDEO).await;
    assert_eq!(second.next_json().await["type"], "session.created");
}

#[tokio::test]
async fn a_session_is_a_live_run_until_it_ends() {
    let emulator = emulator().await;
    let mut ws = connect(&emulator, AUDIO).await;
    let id = session_id(&ws.next_json().await);
    let live = run(&emulator, &id).await;
    assert_eq!(live.status, RunStatus::Live);
    assert_eq!(
        (live.mode, live.endpoint),
        (RunMode::Realtime, RunEndpoint::Audio)
    );
    assert_eq!(
        (live.ended_at, live.bytes_received, live.close_code),
        (None, None, None)
    );
    assert_eq!(live.metered_seconds, 0.0);
    ws.close_session().await;
    let (texts, end) = ws.end().await;
    assert_eq!(end, End::Closed(1000, "client_request".to_owned()));
    let closed = AudioServerMessage::from_json(texts.last().unwrap()).unwrap();
    assert!(closed.is_session_closed());
    let ended = ended_run(&emulator, &id).await;
    assert_eq!(ended.status, RunStatus::Ended);
    assert_eq!(ended.close_code, Some(1000));
    assert_eq!(ended.close_reason, Some(CloseReason::ClientRequest));
    assert_eq!(ended.bytes_received, Some(0));
    assert_eq!(ended.metered_seconds, 0.0, "no media, nothing billed");
    assert!(ended.ended_at.unwrap() >= ended.started_at);
}

#[tokio::test]
async fn shutting_down_closes_sessions_with_server_shutdown() {
    let emulator = emulator().await;
    let mut ws = connect(&emulator, VIDEO).await;
    ws.next_json().await;
    let shutdown = tokio::spawn(emulator.shutdown());
    let (texts, end) = ws.end().await;
    assert_eq!(end, End::Closed(1001, "server_shutdown".to_owned()));
    let closed: serde_json::Value = serde_json::from_str(texts.last().unwrap()).unwrap();
    assert_eq!(closed["type"], "session.closed");
    assert_eq!(closed["reason"], "server_shutdown");
    shutdown.await.unwrap();
}

#[tokio::test]
async fn a_client_close_frame_is_recorded_with_its_code_and_text() {
    let emulator = emulator().await;
    let mut ws = connect(&emulator, AUDIO).await;
    let id = session_id(&ws.next_json().await);
    ws.close_with(1000, "done here").await;
    let ended = ended_run(&emulator, &id).await;
    assert_eq!(ended.status, RunStatus::Ended);
    assert_eq!(ended.close_code, Some(1000));
    assert_eq!(
        ended.close_reason,
        Some(CloseReason::Other("done here".to_owned()))
    );
    let mut ws = connect(&emulator, AUDIO).await;
    let id = session_id(&ws.next_json().await);
    ws.close_with(1011, "client failure").await;
    assert_eq!(ended_run(&emulator, &id).await.status, RunStatus::Errored);
}

#[tokio::test]
async fn idle_sessions_are_closed() {
    let emulator = start(
        EmulatorConfig::default().with_v1(V1Config::default().with_realtime(
            RealtimeConfig::default().with_idle_timeout(Duration::from_millis(300)),
        )),
    )
    .await;
    let mut ws = connect(&emulator, AUDIO).await;
    let id = session_id(&ws.next_json().await);
    let (texts, end) = ws.end().await;
    assert_eq!(end, End::Closed(1000, "idle_timeout".to_owned()));
    match AudioServerMessage::from_json(texts.last().unwrap()).unwrap() {
        AudioServerMessage::SessionClosed(closed) => {
            assert_eq!(closed.reason, CloseReason::IdleTimeout);
        }
        other => panic!("{other:?}"),
    }
    let ended = ended_run(&emulator, &id).await;
    assert_eq!(ended.close_reason, Some(CloseReason::IdleTimeout));
    assert_eq!(ended.status, RunStatus::Ended);
}

#[tokio::test]
async fn http_faults_apply_to_the_handshake() {
    let emulator = start(
        EmulatorConfig::default()
            .with_faults(hume_emulator::FaultConfig::none().with_reject_first(1)),
    )
    .await;
    let refused = try_connect(&emulator, AUDIO, Some(crate::v1::client::KEY))
        .await
        .err()
        .expect("the first request is refused");
    assert_eq!(refused.status, 503);
    assert_eq!(refused.body["code"], "server_busy");
    let mut ws = connect(&emulator, AUDIO).await;
    assert_eq!(ws.next_json().await["type"], "session.created");
}
