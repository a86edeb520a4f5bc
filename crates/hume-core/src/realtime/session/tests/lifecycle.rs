//! Connecting, the handshake, configuration, frame checks, closing and draining, idle and
//! fatal ends, abort, keepalive, and what a session tolerates.

use bytes::Bytes;
use http::StatusCode;
use hume_models::v1::SessionId;
use hume_models::v1::media::{ImageFormatError, NonJpegFormat};
use hume_models::v1::realtime::{
    AudioServerMessage, AudioSessionUpdate, AudioSessionUpdated, CloseReason, ErrorCode,
    VideoSessionUpdate,
};

use super::{open_audio, open_video};
use crate::HumeError;
use crate::realtime::testing::{
    Harness, audio, audio_closed, audio_created, audio_error, describe, done, ms, quiet, secs,
    texts, video_closed, video_created,
};
use crate::realtime::{
    Action, Audio, CloseInfo, Event, FrameError, Phase, Refusal, SessionConfig, SessionEnd,
    SessionEvent, SessionStats, Submitted, Video,
};

#[test]
fn connects_on_the_first_poll_and_opens_on_session_created() {
    let mut h = Harness::<Audio>::new(quiet());
    assert_eq!(h.session.phase(), Phase::Connecting);
    assert_eq!(describe(&h.run()), ["connect@0", "wait"]);
    // Polled again while connecting: nothing new.
    assert_eq!(describe(&h.run()), ["wait"]);
    assert_eq!(describe(&h.on(Event::Connected)), ["wait 10000"]);
    assert_eq!(h.session.phase(), Phase::Handshaking);
    assert_eq!(h.session.session_id(), None);
    assert_eq!(
        describe(&h.text(audio_created("s-1"))),
        ["message session.created", "wait"]
    );
    assert_eq!(h.session.phase(), Phase::Open);
    assert_eq!(h.session.session_id().map(SessionId::as_str), Some("s-1"));
    assert_eq!(h.session.sessions(), [SessionId::new("s-1")]);
    // The defaults in force, as session.created reported them.
    assert_eq!(
        h.session.config_in_force(),
        Some(&AudioSessionUpdated::default())
    );
}

#[test]
fn the_first_connection_is_never_retried() {
    let mut h = Harness::<Audio>::new(quiet());
    h.run();
    let result = done(h.on(Event::ConnectFailed(HumeError::invalid_api_key(
        StatusCode::UNAUTHORIZED,
    ))));
    assert!(matches!(result, Err(HumeError::InvalidApiKey { .. })));
    assert_eq!(h.session.phase(), Phase::Done);

    // Not even a failure that a later attempt could get past: a wrong URL fails alike.
    let mut h = Harness::<Video>::new(quiet());
    h.run();
    let busy = HumeError::realtime_handshake(StatusCode::SERVICE_UNAVAILABLE, "busy");
    let result = done(h.on(Event::ConnectFailed(busy)));
    assert!(matches!(result, Err(HumeError::RealtimeHandshake { .. })));
    assert_eq!(h.session.stats().reconnects, 0);
}

#[test]
fn a_connection_that_ends_before_it_opens_is_a_failed_connect() {
    let mut h = Harness::<Audio>::new(quiet());
    h.run();
    let result = done(h.on(Event::Closed(CloseInfo::abnormal())));
    let error = result.unwrap_err();
    assert!(matches!(error, HumeError::Transport(_)), "{error:?}");
}

#[test]
fn no_session_created_in_time_closes_and_reconnects() {
    let mut h = Harness::<Audio>::new(quiet());
    h.run();
    h.on(Event::Connected);
    assert_eq!(describe(&h.at(secs(9))), ["wait 10000"]);
    assert_eq!(
        describe(&h.at(secs(10))),
        [
            "close 1002 (no session.created)",
            "reconnecting #1 in 1000ms (handshake)",
            "wait 11000"
        ]
    );
    assert_eq!(h.session.phase(), Phase::Reconnecting);
    assert_eq!(describe(&h.at(secs(11))), ["connect@11000", "wait"]);
}

#[test]
fn an_update_given_early_goes_first_once_the_session_is_open() {
    let mut h = Harness::<Audio>::new(quiet());
    let update = AudioSessionUpdate::new().with_measurement_timer_ms(6000);
    h.session.update(update.clone()).unwrap();
    assert!(h.session.can_update());
    assert_eq!(h.frame(audio(100, 1), 1), Submitted::Queued);
    assert!(!h.session.can_update());
    h.run();
    h.on(Event::Connected);
    let did = h.text(audio_created("s-1"));
    assert_eq!(
        describe(&did),
        ["message session.created", "update", "wait 100"]
    );
    assert_eq!(
        texts(&did),
        [r#"{"type":"session.update","measurement_timer_ms":6000}"#]
    );
    assert_eq!(describe(&h.at(ms(100))), ["frame 1@100", "wait"]);
    let updated = AudioServerMessage::from(update.resolve()).to_json();
    assert_eq!(
        describe(&h.text(updated)),
        ["message session.updated", "wait"]
    );
    assert_eq!(
        h.session.config_in_force().unwrap().measurement_timer_ms,
        6000
    );
}

#[test]
fn an_update_while_open_goes_at_once_and_each_replaces_the_last() {
    let mut h = open_audio(quiet(), "s-1");
    h.session
        .update(AudioSessionUpdate::new().with_measurement_timer_ms(4000))
        .unwrap();
    assert_eq!(describe(&h.run()), ["update", "wait"]);
    h.session.update(AudioSessionUpdate::new()).unwrap();
    assert_eq!(
        texts(&h.run()),
        [r#"{"type":"session.update"}"#],
        "an update is the whole configuration"
    );
}

#[test]
fn an_update_after_the_first_frame_is_refused_before_anything_is_sent() {
    let mut h = open_audio(quiet(), "s-1");
    h.frame(audio(100, 1), 1);
    let error = h.session.update(AudioSessionUpdate::new()).unwrap_err();
    assert!(matches!(
        error,
        HumeError::RealtimeRefused {
            refusal: Refusal::UpdateAfterFirstFrame,
            ..
        }
    ));
    assert!(
        error
            .to_string()
            .starts_with("not sent: session.update after the first frame would end the session")
    );
    assert!(!error.is_retryable());
    // Only the frame goes out.
    assert_eq!(describe(&h.at(ms(100))), ["frame 1@100", "wait"]);
}

#[test]
fn an_invalid_update_is_refused() {
    let mut h = Harness::<Audio>::new(quiet());
    let error = h
        .session
        .update(AudioSessionUpdate::new().with_measurement_timer_ms(100))
        .unwrap_err();
    assert!(matches!(
        error,
        HumeError::RealtimeRefused {
            refusal: Refusal::InvalidUpdate(_),
            ..
        }
    ));
    assert!(
        error.to_string().contains("measurement_timer_ms"),
        "{error}"
    );
    let mut v = Harness::<Video>::new(quiet());
    assert!(
        v.session
            .update(VideoSessionUpdate::new().with_threshold(1.5))
            .is_err()
    );
    // Nothing was kept: the session opens without an update.
    h.run();
    h.on(Event::Connected);
    assert_eq!(
        describe(&h.text(audio_created("s-1"))),
        ["message session.created", "wait"]
    );
}

#[test]
fn a_bad_frame_is_refused_and_the_session_goes_on() {
    let mut h = open_audio(quiet(), "s-1");
    let error = h.session.send_frame(vec![0u8; 3], 1, h.now).unwrap_err();
    assert!(matches!(
        error,
        HumeError::RealtimeRefused {
            refusal: Refusal::Frame(FrameError::OddLength { len: 3 }),
            ..
        }
    ));
    assert!(error.to_string().contains("odd length"), "{error}");
    assert_eq!(h.session.stats().submitted, 0);
    assert!(
        h.session.can_update(),
        "a refused frame is not a first frame"
    );
    assert_eq!(h.frame(audio(100, 2), 2), Submitted::Queued);
    assert_eq!(describe(&h.at(ms(100))), ["frame 2@100", "wait"]);

    let mut v = open_video(quiet(), "v-1");
    let error = v
        .session
        .send_frame(Bytes::from_static(b"\x89PNG\r\n\x1a\n0000"), 1, v.now)
        .unwrap_err();
    assert!(matches!(
        error,
        HumeError::RealtimeRefused {
            refusal: Refusal::Frame(FrameError::Image(ImageFormatError::NotJpeg(
                NonJpegFormat::Png
            ))),
            ..
        }
    ));
    assert_eq!(describe(&v.run()), ["wait"]);
}

#[test]
fn close_sends_what_is_queued_then_drains_to_the_totals() {
    let mut h = open_audio(quiet(), "s-1");
    h.frame(audio(100, 1), 1);
    h.session.close();
    assert_eq!(describe(&h.run()), ["wait 100"]);
    // After the last frame, a moment for its answer (no round trip measured: 500 ms).
    assert_eq!(describe(&h.at(ms(100))), ["frame 1@100", "wait 600"]);
    assert_eq!(describe(&h.at(ms(600))), ["close", "wait 30100"]);
    assert_eq!(
        describe(&h.text(audio_closed("s-1", CloseReason::ClientRequest, 1))),
        ["message session.closed", "wait 5600"]
    );
    let summary = done(h.on(Event::Closed(CloseInfo::new(1000, "")))).unwrap();
    assert_eq!(summary.closed.reason, CloseReason::ClientRequest);
    assert_eq!(summary.closed.received.frames, 1);
    assert_eq!(summary.session_ids, [SessionId::new("s-1")]);
    assert_eq!(
        summary.stats,
        SessionStats {
            submitted: 1,
            sent: 1,
            ..SessionStats::default()
        }
    );
    assert_eq!(h.session.phase(), Phase::Done);
}

#[test]
fn the_client_closes_when_the_server_does_not_after_session_closed() {
    let mut h = open_audio(quiet(), "s-1");
    h.session.close();
    assert_eq!(describe(&h.run()), ["close", "wait 30000"]);
    h.now = ms(200);
    h.text(audio_closed("s-1", CloseReason::ClientRequest, 0));
    assert_eq!(describe(&h.at(ms(5199))), ["wait 5200"]);
    assert_eq!(describe(&h.at(ms(5200))), ["close 1000", "done ok"]);
}

#[test]
fn no_session_closed_within_the_drain_timeout_ends_the_session() {
    let mut h = open_audio(quiet(), "s-1");
    h.session.close();
    assert_eq!(describe(&h.run()), ["close", "wait 30000"]);
    let did = h.at(secs(30));
    let error = done(did).unwrap_err();
    assert!(matches!(
        error,
        HumeError::RealtimeSessionEnded {
            end: SessionEnd::DrainTimeout,
            ..
        }
    ));
    assert_eq!(
        error.to_string(),
        "realtime session s-1 ended: session.closed did not come in time after session.close"
    );
}

#[test]
fn an_idle_timeout_ends_the_session_without_a_reconnect() {
    let mut h = open_audio(quiet(), "s-1");
    assert_eq!(
        describe(&h.text(audio_closed("s-1", CloseReason::IdleTimeout, 0))),
        ["message session.closed", "wait 5000"]
    );
    let error = done(h.on(Event::Closed(CloseInfo::new(1000, "")))).unwrap_err();
    assert_eq!(
        error.to_string(),
        "realtime session s-1 ended: the server closed it (idle_timeout)"
    );
    assert!(!error.is_retryable());
    assert_eq!(error.session_id().map(SessionId::as_str), Some("s-1"));
    // Done once; a driver that polls again gets an error, not a hang.
    let again = h.run();
    assert!(matches!(done(again), Err(HumeError::Io { .. })));
}

#[test]
fn a_fatal_error_ends_the_session_with_the_servers_error() {
    let mut h = open_audio(quiet(), "s-1");
    assert_eq!(
        describe(&h.text(audio_error(ErrorCode::ConfigInvalid, false))),
        ["message error", "wait"]
    );
    h.text(audio_closed("s-1", CloseReason::Error, 0));
    let error = done(h.on(Event::Closed(CloseInfo::new(1008, "")))).unwrap_err();
    assert!(matches!(
        &error,
        HumeError::Realtime {
            code: ErrorCode::ConfigInvalid,
            retryable: false,
            ..
        }
    ));
    assert_eq!(
        error.to_string(),
        "realtime error config_invalid (session s-1): config_invalid for a test"
    );
    assert!(!error.is_retryable());
}

#[test]
fn nothing_is_taken_once_closing() {
    let mut h = open_audio(quiet(), "s-1");
    h.session.close();
    for error in [
        h.session.send_frame(audio(100, 1), 1, h.now).unwrap_err(),
        h.session.update(AudioSessionUpdate::new()).unwrap_err(),
    ] {
        assert!(matches!(
            error,
            HumeError::RealtimeRefused {
                refusal: Refusal::Closing,
                ..
            }
        ));
    }
    assert!(!h.session.can_update());
    // A second close changes nothing.
    h.session.close();
    assert_eq!(describe(&h.run()), ["close", "wait 30000"]);
}

#[test]
fn abort_closes_at_once() {
    let mut h = open_audio(quiet(), "s-1");
    h.frame(audio(100, 1), 1);
    h.session.abort();
    assert_eq!(
        describe(&h.run()),
        [
            "close 1000 (client abort)",
            "done err realtime session s-1 ended: aborted by the client"
        ]
    );
    let mut idle = Harness::<Video>::new(quiet());
    idle.session.abort();
    assert_eq!(
        describe(&idle.run()),
        ["done err realtime session ended: aborted by the client"]
    );
}

#[test]
fn unknown_messages_and_binary_messages_are_tolerated() {
    let mut h = open_audio(quiet(), "s-1");
    assert_eq!(
        describe(&h.text(r#"{"type":"session.warning","detail":"x"}"#)),
        ["message session.warning", "wait"]
    );
    assert_eq!(
        describe(&h.on(Event::Binary(Bytes::from_static(b"\x00\x01")))),
        ["wait"]
    );
    assert_eq!(describe(&h.text("not json")), ["malformed None", "wait"]);
    assert_eq!(
        describe(&h.text(r#"{"type":"session.updated","audio":5}"#)),
        ["malformed None", "wait"]
    );
    // Events that do not fit the state are ignored.
    assert_eq!(describe(&h.on(Event::Connected)), ["wait"]);
    let stray = HumeError::invalid_api_key(StatusCode::UNAUTHORIZED);
    assert_eq!(describe(&h.on(Event::ConnectFailed(stray))), ["wait"]);
    assert_eq!(describe(&h.on(Event::Pong)), ["wait"]);
    assert_eq!(h.session.phase(), Phase::Open);
}

#[test]
fn keepalive_pings_measure_the_round_trip_and_detect_a_dead_connection() {
    let mut h = Harness::<Audio>::new(SessionConfig::default());
    h.run();
    h.on(Event::Connected);
    assert_eq!(
        describe(&h.text(audio_created("s-1"))),
        ["message session.created", "ping", "wait 20000"]
    );
    h.now = ms(30);
    // Two more probes, each right after the previous pong; the shortest round trip counts.
    assert_eq!(describe(&h.on(Event::Pong)), ["ping", "wait 20030"]);
    assert_eq!(h.session.rtt(), Some(ms(30)));
    h.now = ms(50);
    assert_eq!(describe(&h.on(Event::Pong)), ["ping", "wait 20050"]);
    assert_eq!(h.session.rtt(), Some(ms(20)));
    h.now = ms(90);
    assert_eq!(describe(&h.on(Event::Pong)), ["wait 20090"]);
    assert_eq!(h.session.rtt(), Some(ms(20)));
    assert_eq!(describe(&h.at(ms(20_090))), ["ping", "wait 40090"]);
    assert_eq!(
        describe(&h.at(ms(40_090))),
        [
            "close 1011 (keepalive ping timeout)",
            "reconnecting #1 in 1000ms (keepalive)",
            "wait 41090"
        ]
    );
}

#[test]
fn debug_output_is_short() {
    let mut h = open_audio(quiet(), "s-1");
    h.frame(audio(10_000, 1), 1);
    let text = format!("{:?}", h.session);
    assert!(text.contains("queued: 1") && text.contains("s-1"), "{text}");
    assert!(text.len() < 1000, "{text}");
    let action = Action::<Audio>::SendBinary(audio(10_000, 1));
    assert_eq!(format!("{action:?}"), "SendBinary(320000 bytes)");
    let rejected = SessionEvent::<Audio>::Rejected {
        tag: 4,
        data: audio(10_000, 1),
        error: crate::realtime::testing::error(ErrorCode::RateLimited, true),
    };
    let text = format!("{rejected:?}");
    assert!(
        text.starts_with("Rejected { tag: 4, len: 320000, error:"),
        "{text}"
    );
}

#[test]
fn close_before_connecting_still_sends_what_was_given() {
    let mut h = Harness::<Audio>::new(quiet());
    h.frame(audio(100, 1), 1);
    h.session.close();
    assert_eq!(describe(&h.run()), ["connect@0", "wait"]);
    h.on(Event::Connected);
    assert_eq!(
        describe(&h.text(audio_created("s-1"))),
        ["message session.created", "wait 100"]
    );
    assert_eq!(describe(&h.at(ms(100))), ["frame 1@100", "wait 600"]);
    assert_eq!(describe(&h.at(ms(600))), ["close", "wait 30100"]);
}

#[test]
fn abort_in_every_phase() {
    // Handshaking: the connection is closed first.
    let mut h = Harness::<Audio>::new(quiet());
    h.run();
    h.on(Event::Connected);
    h.session.abort();
    assert_eq!(
        describe(&h.run()),
        [
            "close 1000 (client abort)",
            "done err realtime session ended: aborted by the client"
        ]
    );
    // Connecting or reconnecting: no connection to close.
    let mut h = Harness::<Audio>::new(quiet());
    h.run();
    h.session.abort();
    assert_eq!(
        describe(&h.run()),
        ["done err realtime session ended: aborted by the client"]
    );
    let mut h = open_audio(quiet(), "s-1");
    h.on(Event::Closed(CloseInfo::abnormal()));
    assert_eq!(h.session.phase(), Phase::Reconnecting);
    h.session.abort();
    assert_eq!(
        describe(&h.run()),
        ["done err realtime session s-1 ended: aborted by the client"]
    );
    // Done: nothing more happens.
    h.session.abort();
    h.session.close();
    assert_eq!(h.session.phase(), Phase::Done);
}

#[test]
fn a_close_before_session_created_follows_the_reconnect_rules() {
    let mut h = Harness::<Video>::new(quiet());
    h.run();
    h.on(Event::Connected);
    assert_eq!(
        describe(&h.on(Event::Closed(CloseInfo::new(1013, "try again later")))),
        [
            "reconnecting #1 in 1000ms (with code 1013 (try again later))",
            "wait 1000"
        ]
    );
    // Events that belong to no connection are ignored while reconnecting.
    assert_eq!(
        describe(&h.on(Event::Closed(CloseInfo::abnormal()))),
        ["wait 1000"]
    );
    assert_eq!(describe(&h.text(video_created("stray"))), ["wait 1000"]);
    assert!(h.session.sessions().is_empty());
}

#[test]
fn a_server_that_says_shutdown_but_keeps_the_connection_is_closed_then_reconnected() {
    let mut h = open_video(quiet(), "s-1");
    h.text(video_closed("s-1", CloseReason::ServerShutdown, 0));
    assert_eq!(
        describe(&h.at(secs(5))),
        [
            "close 1000",
            "reconnecting #1 in 1000ms (with code 1000)",
            "wait 6000"
        ]
    );
}

#[test]
fn huge_timeouts_never_overflow_the_clock() {
    let forever = std::time::Duration::MAX;
    let config = SessionConfig::default()
        .with_handshake_timeout(forever)
        .with_drain_timeout(forever)
        .with_close_grace(forever)
        .with_keepalive(Some(
            crate::realtime::KeepalivePolicy::default()
                .with_interval(forever)
                .with_timeout(forever),
        ));
    let mut h = Harness::<Audio>::new(config);
    h.run();
    assert_eq!(
        describe(&h.on(Event::Connected)),
        [format!("wait {}", forever.as_millis())]
    );
    h.now = secs(1);
    assert_eq!(
        describe(&h.text(audio_created("s-1"))),
        [
            "message session.created".to_string(),
            "ping".into(),
            format!("wait {}", forever.as_millis())
        ]
    );
    h.session.close();
    assert_eq!(describe(&h.run())[0], "close");
    h.text(audio_closed("s-1", CloseReason::ClientRequest, 0));
    assert!(done(h.on(Event::Closed(CloseInfo::new(1000, "")))).is_ok());
}
