//! Audio: pacing in the session, frame errors paired by estimate, resending or handing back,
//! and the utterance replayed after a reconnect.

use std::time::Duration;

use hume_models::v1::realtime::{AudioServerMessage, ErrorCode};

use super::open_audio;
use crate::realtime::testing::{
    Harness, audio, audio_created, audio_error, audio_measurement, binaries, describe, events, ms,
    quiet, secs, utterance_end, utterance_start,
};
use crate::realtime::{
    Audio, CloseInfo, Event, SessionConfig, SessionEvent, SessionStats, StreamMode, Submitted,
};

#[test]
fn a_minute_of_100_ms_frames_goes_out_at_real_time_then_the_close() {
    let mut h = open_audio(quiet(), "s-1");
    for i in 0..600u64 {
        h.frame(audio(100, (i % 251) as u8), i);
    }
    h.session.close();
    let did = h.run_until_idle(secs(61));
    let sent = binaries(&did);
    assert_eq!(sent.len(), 600);
    for (i, (data, at)) in sent.iter().enumerate() {
        assert_eq!(u64::from(data[0]), i as u64 % 251, "in order");
        assert_eq!(*at, ms(100 * (i as u64 + 1)), "frame {i}");
    }
    let wall = (sent[599].1 + ms(100) - sent[0].1).as_secs_f64();
    let rate = 60.0 / wall;
    assert!((rate - 1.0).abs() < 0.02, "rate {rate}");
    assert_eq!(
        describe(&did[did.len() - 3..]),
        ["frame 97@60000", "close", "wait 90000"]
    );
}

#[test]
fn a_rate_limited_frame_of_a_recording_is_paired_with_the_newest_frame_and_sent_again() {
    let mut h = open_audio(quiet(), "s-1");
    for tag in 1..=3u8 {
        h.frame(audio(100, tag), tag.into());
    }
    assert_eq!(
        describe(&h.run_until_idle(ms(200))),
        ["frame 1@100", "frame 2@200", "wait 300"]
    );
    h.now = ms(250);
    // Frame 2 (the newest sent) is the one; it goes again before frame 3, after a pause of
    // its own length.
    assert_eq!(
        describe(&h.text(audio_error(ErrorCode::RateLimited, true))),
        ["resending [2] rate_limited", "wait 450"]
    );
    assert_eq!(
        describe(&h.run_until_idle(secs(1))),
        ["frame 2@450", "frame 3@550", "wait"]
    );
    assert_eq!(
        h.session.stats(),
        SessionStats {
            submitted: 3,
            sent: 4,
            resent: 1,
            ..SessionStats::default()
        }
    );
}

#[test]
fn a_recording_waits_for_the_last_frames_answer_before_closing() {
    let mut h = open_audio(quiet(), "s-1");
    h.frame(audio(100, 1), 1);
    h.session.close();
    assert_eq!(
        describe(&h.run_until_idle(ms(100))),
        ["frame 1@100", "wait 600"]
    );
    // The last frame's rate_limited comes back before the close: it goes again first.
    h.now = ms(150);
    assert_eq!(
        describe(&h.text(audio_error(ErrorCode::RateLimited, true))),
        ["resending [1] rate_limited", "wait 350"]
    );
    assert_eq!(
        describe(&h.run_until_idle(ms(350))),
        ["frame 1@350", "wait 850"]
    );
    // The drain deadline counts from when everything had gone again (350 ms).
    assert_eq!(describe(&h.at(ms(850))), ["close", "wait 30350"]);
    assert_eq!(h.session.stats().resent, 1);
}

#[test]
fn a_rate_limited_frame_of_a_live_stream_is_handed_back() {
    let live = quiet().with_mode(StreamMode::Live);
    let mut h = open_audio(live, "s-1");
    for tag in 1..=3u8 {
        h.frame(audio(100, tag), tag.into());
    }
    h.run_until_idle(ms(200));
    h.now = ms(250);
    let did = h.text(audio_error(ErrorCode::RateLimited, true));
    assert_eq!(describe(&did), ["rejected 2", "wait 450"]);
    let Some(SessionEvent::Rejected { tag, data, error }) = events(did).into_iter().next() else {
        panic!("a rejected frame");
    };
    assert_eq!(
        (tag, data, error.code),
        (2, audio(100, 2), ErrorCode::RateLimited)
    );
    assert_eq!(
        describe(&h.run_until_idle(secs(1))),
        ["frame 3@450", "wait"]
    );
}

#[test]
fn an_invalid_frame_the_server_refused_is_a_reply_and_not_sent_again() {
    let mut h = open_audio(quiet(), "s-1");
    h.frame(audio(100, 1), 1);
    h.frame(audio(100, 2), 2);
    h.run_until_idle(ms(100));
    h.now = ms(120);
    assert_eq!(
        describe(&h.text(audio_error(ErrorCode::InvalidAudioFrame, true))),
        ["reply 1 error", "wait 200"]
    );
    assert_eq!(
        describe(&h.run_until_idle(secs(1))),
        ["frame 2@200", "wait"]
    );
}

#[test]
fn the_pairing_looks_one_round_trip_back() {
    // Keepalive on: its first ping measures a 150 ms round trip.
    let mut h = Harness::<Audio>::new(SessionConfig::default());
    for tag in 1..=3u8 {
        h.frame(audio(100, tag), tag.into());
    }
    h.run();
    h.on(Event::Connected);
    assert_eq!(
        describe(&h.text(audio_created("s-1"))),
        ["message session.created", "ping", "wait 100"]
    );
    assert_eq!(describe(&h.at(ms(100))), ["frame 1@100", "wait 200"]);
    h.now = ms(150);
    h.on(Event::Pong);
    assert_eq!(h.session.rtt(), Some(ms(150)));
    assert_eq!(describe(&h.at(ms(200))), ["frame 2@200", "wait 300"]);
    // At 260 ms, frame 2 (sent 60 ms ago) cannot have been answered yet: frame 1 it is.
    h.now = ms(260);
    assert_eq!(
        describe(&h.text(audio_error(ErrorCode::RateLimited, true))),
        ["resending [1] rate_limited", "wait 460"]
    );
    // A second error pairs with a frame after the first one.
    h.now = ms(270);
    assert_eq!(
        describe(&h.text(audio_error(ErrorCode::InvalidAudioFrame, true))),
        ["reply 2 error", "wait 460"]
    );
}

#[test]
fn a_frame_error_with_no_frame_sent_is_a_plain_message() {
    let mut h = open_audio(quiet(), "s-1");
    assert_eq!(
        describe(&h.text(audio_error(ErrorCode::RateLimited, true))),
        ["message error", "wait"]
    );
    // Measurements and utterances answer no frame.
    assert_eq!(
        describe(&h.text(audio_measurement(0, 0, 3000))),
        ["message measurement.result", "wait"]
    );
}

#[test]
fn a_malformed_frame_error_still_takes_its_frame() {
    let mut h = open_audio(quiet(), "s-1");
    h.frame(audio(100, 1), 1);
    h.run_until_idle(ms(100));
    assert_eq!(
        describe(&h.text(r#"{"type":"error","code":"invalid_audio_frame"}"#)),
        ["malformed Some(1)", "wait"]
    );
}

/// Ten 100 ms frames (tags 0–9) sent from 100 ms to 1 s, then `messages` from the server,
/// then a dropped connection at 1050 ms; what the drop did.
fn drop_after(config: SessionConfig, messages: &[String]) -> (Harness<Audio>, Vec<String>) {
    let mut h = open_audio(config, "s-1");
    for tag in 0..10u8 {
        h.frame(audio(100, tag), tag.into());
    }
    assert_eq!(binaries(&h.run_until_idle(secs(1))).len(), 10);
    for message in messages {
        h.text(message.clone());
    }
    h.now = ms(1050);
    let did = h.on(Event::Closed(CloseInfo::abnormal()));
    (h, describe(&did))
}

#[test]
fn after_a_reconnect_a_recording_sends_the_utterance_in_progress_again() {
    let (mut h, did) = drop_after(quiet(), &[utterance_start(0, 300)]);
    assert_eq!(
        did,
        [
            "resending [3, 4, 5, 6, 7, 8, 9] reconnected",
            "reconnecting #1 in 1000ms (without a close frame)",
            "wait 2050"
        ]
    );
    assert_eq!(describe(&h.at(ms(2050))), ["connect@2050", "wait"]);
    h.on(Event::Connected);
    h.text(audio_created("s-2"));
    let again = describe(&h.run_until_idle(secs(3)));
    assert_eq!(
        again,
        [
            "frame 3@2150",
            "frame 4@2250",
            "frame 5@2350",
            "frame 6@2450",
            "frame 7@2550",
            "frame 8@2650",
            "frame 9@2750",
            "wait"
        ]
    );
    assert_eq!(h.session.stats().resent, 7);
    assert_eq!(h.session.sessions().len(), 2);
}

#[test]
fn with_no_utterance_open_what_followed_the_last_one_is_sent_again() {
    let (_, did) = drop_after(
        quiet(),
        &[utterance_start(0, 300), utterance_end(0, 300, 700)],
    );
    assert_eq!(did[0], "resending [7, 8, 9] reconnected");
}

#[test]
fn the_replay_is_capped() {
    let capped = quiet().with_audio_replay(ms(200));
    let (_, did) = drop_after(capped, &[utterance_start(0, 300)]);
    assert_eq!(did[0], "resending [8, 9] reconnected");
    let off = quiet().with_audio_replay(Duration::ZERO);
    let (_, did) = drop_after(off, &[utterance_start(0, 300)]);
    assert_eq!(did[0], "reconnecting #1 in 1000ms (without a close frame)");
}

#[test]
fn a_live_stream_sends_nothing_again_and_drops_what_it_had_queued() {
    let live = quiet().with_mode(StreamMode::Live);
    let mut h = Harness::<Audio>::new(live);
    // Nothing is open yet: dropped.
    assert_eq!(h.frame(audio(100, 9), 9), Submitted::Dropped);
    h.run();
    h.on(Event::Connected);
    h.text(audio_created("s-1"));
    for tag in 0..3u8 {
        assert_eq!(h.frame(audio(100, tag), tag.into()), Submitted::Queued);
    }
    h.run_until_idle(ms(200));
    h.text(utterance_start(0, 0));
    h.now = ms(250);
    assert_eq!(
        describe(&h.on(Event::Closed(CloseInfo::new(1012, "")))),
        [
            "lost [2]",
            "reconnecting #1 in 1000ms (with code 1012)",
            "wait 1250"
        ]
    );
    assert_eq!(h.session.stats().dropped, 2);
    assert_eq!(h.session.stats().resent, 0);
}

#[test]
fn audio_messages_come_out_as_they_are() {
    let mut h = open_audio(quiet(), "s-1");
    let measurement = audio_measurement(0, 98, 3098);
    let did = h.text(measurement.clone());
    let Some(SessionEvent::Message(AudioServerMessage::MeasurementResult(m))) =
        events(did).into_iter().next()
    else {
        panic!("a measurement");
    };
    assert_eq!((m.audio_start_ms, m.audio_end_ms), (98, 3098));
}
