//! Reconnecting: which ends reconnect, the update sent again, unanswered frames sent again or
//! reported lost, failed attempts, the attempt budget and its reset, and closing meanwhile.

use http::StatusCode;
use hume_models::v1::SessionId;
use hume_models::v1::realtime::{CloseReason, ErrorCode, VideoSessionUpdate};

use super::{open_audio, open_video};
use crate::HumeError;
use crate::realtime::testing::{
    Harness, audio_closed, audio_created, audio_error, describe, done, events, ms, quiet, secs,
    texts, video, video_closed, video_created, video_error, video_result,
};
use crate::realtime::{
    CloseInfo, Event, Phase, ReconnectCause, ReconnectPolicy, SessionEnd, SessionEvent, StreamMode,
    Video,
};

#[test]
fn a_server_restart_reconnects_sends_the_update_then_the_unanswered_frames() {
    let mut h = Harness::<Video>::new(quiet());
    let update = VideoSessionUpdate::new().with_threshold(0.5);
    h.session.update(update).unwrap();
    h.run();
    h.on(Event::Connected);
    assert_eq!(
        describe(&h.text(video_created("s-1"))),
        ["message session.created", "update", "wait"]
    );
    h.frame(video(1), 1);
    h.frame(video(2), 2);
    h.run_until_idle(secs(1));
    h.now = ms(400);
    h.text(video_result(0));
    assert_eq!(
        describe(&h.on(Event::Closed(CloseInfo::new(1012, "restart")))),
        [
            "resending [2] reconnected",
            "reconnecting #1 in 1000ms (with code 1012 (restart))",
            "wait 1400"
        ]
    );
    assert_eq!(h.session.phase(), Phase::Reconnecting);
    assert_eq!(h.session.session_id(), None);
    assert_eq!(describe(&h.at(ms(1400))), ["connect@1400", "wait"]);
    assert_eq!(describe(&h.on(Event::Connected)), ["wait 11400"]);
    let did = h.text(video_created("s-2"));
    assert_eq!(
        describe(&did),
        ["message session.created", "update", "frame 2@1400", "wait"]
    );
    assert_eq!(
        texts(&did),
        [r#"{"type":"session.update","face":{"threshold":0.5}}"#]
    );
    assert_eq!(
        h.session.sessions(),
        [SessionId::new("s-1"), SessionId::new("s-2")]
    );
    let stats = h.session.stats();
    assert_eq!((stats.reconnects, stats.resent, stats.sent), (1, 1, 3));
    // The resent frame's reply comes from the new session.
    assert_eq!(
        describe(&h.text(video_result(0))),
        ["reply 2 measurement.result", "wait"]
    );
}

#[test]
fn server_shutdown_reconnects_even_after_a_normal_close() {
    let mut h = open_video(quiet(), "s-1");
    assert_eq!(
        describe(&h.text(video_closed("s-1", CloseReason::ServerShutdown, 0))),
        ["message session.closed", "wait 5000"]
    );
    let did = h.on(Event::Closed(CloseInfo::new(1000, "")));
    assert_eq!(
        describe(&did),
        ["reconnecting #1 in 1000ms (with code 1000)", "wait 1000"]
    );
    let Some(SessionEvent::Reconnecting {
        cause: ReconnectCause::Closed { reason, .. },
        ..
    }) = events(did).into_iter().next()
    else {
        panic!("reconnecting");
    };
    assert_eq!(reason, Some(CloseReason::ServerShutdown));
}

#[test]
fn a_dropped_connection_reconnects() {
    for close in [
        CloseInfo::abnormal(),
        CloseInfo::new(1001, ""),
        CloseInfo::new(1011, ""),
        CloseInfo::new(1013, "try again"),
    ] {
        let mut h = open_video(quiet(), "s-1");
        let did = describe(&h.on(Event::Closed(close.clone())));
        assert!(
            did[0].starts_with("reconnecting #1 in 1000ms"),
            "{close}: {did:?}"
        );
    }
}

#[test]
fn a_live_stream_reports_the_frames_a_reconnect_lost() {
    let mut h = open_video(quiet().with_mode(StreamMode::Live), "s-1");
    h.frame(video(1), 1);
    h.run();
    assert_eq!(
        describe(&h.on(Event::Closed(CloseInfo::abnormal()))),
        [
            "lost [1]",
            "reconnecting #1 in 1000ms (without a close frame)",
            "wait 1000"
        ]
    );
    assert_eq!(h.session.stats().lost, 1);
    // While reconnecting, live frames are dropped.
    h.now = ms(500);
    assert_eq!(h.frame(video(2), 2), crate::realtime::Submitted::Dropped);
}

#[test]
fn a_normal_close_or_a_policy_close_does_not_reconnect() {
    let mut h = open_video(quiet(), "s-1");
    let error = done(h.on(Event::Closed(CloseInfo::new(1000, "")))).unwrap_err();
    assert_eq!(
        error.to_string(),
        "realtime session s-1 ended: the connection closed with code 1000"
    );
    assert!(!error.is_retryable());

    // Video ends on measurement failures only after five in a row: no reconnect.
    let mut h = open_video(quiet(), "s-1");
    h.frame(video(1), 1);
    h.run();
    h.text(video_error(ErrorCode::InternalError, false));
    h.text(video_closed("s-1", CloseReason::Error, 1));
    let error = done(h.on(Event::Closed(CloseInfo::new(1008, "")))).unwrap_err();
    assert!(matches!(
        error,
        HumeError::Realtime {
            code: ErrorCode::InternalError,
            ..
        }
    ));
}

#[test]
fn an_audio_internal_error_reconnects() {
    let mut h = open_audio(quiet(), "s-1");
    assert_eq!(
        describe(&h.text(audio_error(ErrorCode::InternalError, false))),
        ["message error", "wait"]
    );
    h.text(audio_closed("s-1", CloseReason::Error, 0));
    assert_eq!(
        describe(&h.on(Event::Closed(CloseInfo::new(1008, "")))),
        ["reconnecting #1 in 1000ms (with code 1008)", "wait 1000"]
    );
    h.at(secs(1));
    h.on(Event::Connected);
    assert_eq!(
        describe(&h.text(audio_created("s-2"))),
        ["message session.created", "wait"]
    );
}

#[test]
fn a_failed_attempt_is_retried_unless_its_status_says_it_would_fail_again() {
    let mut h = open_video(quiet(), "s-1");
    h.on(Event::Closed(CloseInfo::abnormal()));
    assert_eq!(describe(&h.at(secs(1))), ["connect@1000", "wait"]);
    let busy = HumeError::realtime_handshake(StatusCode::SERVICE_UNAVAILABLE, "busy");
    assert_eq!(
        describe(&h.on(Event::ConnectFailed(busy))),
        [
            "reconnecting #2 in 1300ms (failed: realtime handshake refused: 503 Service Unavailable: busy)",
            "wait 2300"
        ]
    );
    assert_eq!(describe(&h.at(ms(2300))), ["connect@2300", "wait"]);
    let result = done(h.on(Event::ConnectFailed(HumeError::invalid_api_key(
        StatusCode::UNAUTHORIZED,
    ))));
    assert!(matches!(result, Err(HumeError::InvalidApiKey { .. })));
    assert_eq!(h.session.stats().reconnects, 2);
}

#[test]
fn the_attempt_budget_ends_a_run_of_failures_with_the_last_error() {
    let policy = ReconnectPolicy::default().with_max_attempts(2);
    let mut h = open_video(quiet().with_reconnect(policy), "s-1");
    h.on(Event::Closed(CloseInfo::abnormal()));
    h.at(secs(1));
    let refused = || HumeError::Transport(crate::TransportError::connect("refused"));
    assert_eq!(
        describe(&h.on(Event::ConnectFailed(refused())))[0],
        "reconnecting #2 in 1300ms (failed: connection failed (request not sent))"
    );
    h.at(ms(2300));
    let result = done(h.on(Event::ConnectFailed(refused())));
    assert!(matches!(result, Err(HumeError::Transport(_))));
}

#[test]
fn five_seconds_up_start_the_count_again() {
    let policy = ReconnectPolicy::default().with_max_attempts(1);
    let mut h = open_video(quiet().with_reconnect(policy), "s-1");
    h.now = secs(1);
    assert_eq!(
        describe(&h.on(Event::Closed(CloseInfo::abnormal())))[0],
        "reconnecting #1 in 1000ms (without a close frame)"
    );
    h.at(secs(2));
    h.on(Event::Connected);
    h.text(video_created("s-2"));
    // Up for 6 s: the budget is whole again.
    h.now = secs(8);
    assert_eq!(
        describe(&h.on(Event::Closed(CloseInfo::abnormal())))[0],
        "reconnecting #1 in 1000ms (without a close frame)"
    );
    h.at(secs(9));
    h.on(Event::Connected);
    h.text(video_created("s-3"));
    // Up for 1 s: no attempt left.
    h.now = secs(10);
    let error = done(h.on(Event::Closed(CloseInfo::abnormal()))).unwrap_err();
    assert_eq!(
        error.to_string(),
        "realtime session s-3 ended: the connection closed without a close frame"
    );
    assert!(error.is_retryable());
    assert_eq!(h.session.sessions().len(), 3);
}

#[test]
fn no_reconnect_once_session_close_is_sent() {
    let mut h = open_audio(quiet(), "s-1");
    h.session.close();
    assert_eq!(describe(&h.run()), ["close", "wait 30000"]);
    let error = done(h.on(Event::Closed(CloseInfo::new(1012, "")))).unwrap_err();
    assert!(matches!(
        error,
        HumeError::RealtimeSessionEnded {
            end: SessionEnd::ConnectionClosed(_),
            ..
        }
    ));
}

#[test]
fn closing_while_reconnecting_ends_at_once_with_nothing_left_to_send() {
    let mut h = open_audio(quiet(), "s-1");
    h.on(Event::Closed(CloseInfo::new(1012, "")));
    h.session.close();
    let error = done(h.run()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "realtime session s-1 ended: the connection closed with code 1012"
    );
}

#[test]
fn closing_while_reconnecting_with_frames_left_finishes_them_in_a_new_session() {
    let mut h = open_video(quiet(), "s-1");
    h.frame(video(1), 1);
    h.run();
    assert_eq!(
        describe(&h.on(Event::Closed(CloseInfo::abnormal())))[0],
        "resending [1] reconnected"
    );
    h.session.close();
    assert_eq!(describe(&h.run()), ["wait 1000"]);
    h.at(secs(1));
    h.on(Event::Connected);
    assert_eq!(
        describe(&h.text(video_created("s-2"))),
        ["message session.created", "frame 1@1000", "wait 31000"]
    );
    assert_eq!(
        describe(&h.text(video_result(0))),
        ["reply 1 measurement.result", "close", "wait 31000"]
    );
    h.text(video_closed("s-2", CloseReason::ClientRequest, 1));
    let summary = done(h.on(Event::Closed(CloseInfo::new(1000, "")))).unwrap();
    assert_eq!(
        summary.session_ids,
        [SessionId::new("s-1"), SessionId::new("s-2")]
    );
    assert_eq!(summary.stats.reconnects, 1);
    assert_eq!(summary.closed.received.frames, 1);
}

#[test]
fn a_disabled_policy_never_reconnects() {
    let mut h = open_video(quiet().with_reconnect(ReconnectPolicy::disabled()), "s-1");
    let error = done(h.on(Event::Closed(CloseInfo::new(1012, "")))).unwrap_err();
    assert_eq!(
        error.to_string(),
        "realtime session s-1 ended: the connection closed with code 1012"
    );
    assert!(error.is_retryable(), "a new session could succeed");
}
