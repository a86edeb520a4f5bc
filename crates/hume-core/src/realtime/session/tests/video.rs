//! Video: pacing at 3 fps, every reply paired with its frame, rate limits halving the pace,
//! resends, live dropping, and closing after every answer.

use hume_models::v1::realtime::{ErrorCode, VideoServerMessage};

use super::open_video;
use crate::realtime::testing::{
    Harness, describe, events, ms, quiet, secs, video, video_error, video_result, waits_until,
};
use crate::realtime::{MAX_RESENDS, SessionEvent, StreamMode, Submitted, Video};

/// A video session open at 0 with frames `tags` sent at 3 fps.
fn sent(tags: &[u64]) -> Harness<Video> {
    let mut h = open_video(quiet(), "v-1");
    for &tag in tags {
        h.frame(video(tag as u16), tag);
    }
    h.run_until_idle(secs(60));
    h
}

#[test]
fn frames_go_at_three_per_second_and_each_reply_pairs_with_its_frame() {
    let mut h = open_video(quiet(), "v-1");
    for tag in [10, 11, 12] {
        assert_eq!(h.frame(video(tag as u16), tag), Submitted::Queued);
    }
    assert_eq!(
        describe(&h.run_until_idle(secs(1))),
        ["frame 10@0", "frame 11@333", "frame 12@666", "wait"]
    );
    assert_eq!(h.session.in_flight(), 3);
    h.now = secs(1);
    assert_eq!(
        describe(&h.text(video_result(0))),
        ["reply 10 measurement.result", "wait"]
    );
    // An error answers a frame too; frame_id counts results only and is not used.
    assert_eq!(
        describe(&h.text(video_error(ErrorCode::InvalidImageFrame, true))),
        ["reply 11 error", "wait"]
    );
    let did = h.text(video_result(1));
    let Some(SessionEvent::Reply {
        tag: 12,
        message: VideoServerMessage::MeasurementResult(result),
    }) = events(did).into_iter().next()
    else {
        panic!("the third frame's result");
    };
    assert_eq!(result.frame_id, 1);
    assert_eq!(h.session.in_flight(), 0);
}

#[test]
fn a_rate_limited_frame_goes_again_before_later_frames_at_half_the_rate() {
    let mut h = open_video(quiet(), "v-1");
    for tag in 1..=3 {
        h.frame(video(tag as u16), tag);
    }
    assert_eq!(
        describe(&h.run_until_idle(ms(400))),
        ["frame 1@0", "frame 2@333", "wait 666"]
    );
    h.now = ms(400);
    assert_eq!(
        describe(&h.text(video_error(ErrorCode::RateLimited, true))),
        ["resending [1] rate_limited", "wait 1066"]
    );
    assert_eq!(h.session.video_rate(), Some(1.5));
    assert_eq!(
        describe(&h.run_until_idle(secs(2))),
        ["frame 1@1066", "frame 3@1733", "wait"]
    );
    for (reply, tag) in [(0, 2), (1, 1), (2, 3)] {
        assert_eq!(
            describe(&h.text(video_result(reply))),
            [format!("reply {tag} measurement.result"), "wait".into()]
        );
    }
    assert_eq!(h.session.stats().resent, 1);
    assert_eq!(h.session.stats().sent, 4);
}

#[test]
fn accepted_frames_bring_the_rate_back() {
    let mut h = sent(&[1]);
    h.text(video_error(ErrorCode::RateLimited, true));
    assert_eq!(h.session.video_rate(), Some(1.5));
    // The resent frame and two more, all answered: the rate doubles back to 3.
    for tag in 2..=3 {
        h.frame(video(tag), tag.into());
    }
    h.run_until_idle(secs(10));
    for id in 0..3 {
        h.text(video_result(id));
    }
    assert_eq!(h.session.video_rate(), Some(3.0));
}

#[test]
fn a_live_stream_drops_frames_with_no_budget_and_before_the_session_opens() {
    let live = quiet().with_mode(StreamMode::Live);
    let mut early = Harness::<Video>::new(live);
    assert_eq!(early.frame(video(1), 1), Submitted::Dropped);

    let mut h = open_video(live, "v-1");
    assert_eq!(h.frame(video(1), 1), Submitted::Queued);
    assert_eq!(describe(&h.run()), ["frame 1@0", "wait"]);
    assert_eq!(h.frame(video(2), 2), Submitted::Dropped);
    h.now = ms(100);
    assert_eq!(h.frame(video(3), 3), Submitted::Dropped);
    h.now = ms(334);
    assert_eq!(h.frame(video(4), 4), Submitted::Queued);
    assert_eq!(describe(&h.run()), ["frame 4@334", "wait"]);
    assert_eq!(h.session.stats().dropped, 2);
    assert_eq!(h.session.stats().submitted, 2);
}

#[test]
fn a_live_stream_gets_a_rate_limited_frame_back() {
    let mut h = open_video(quiet().with_mode(StreamMode::Live), "v-1");
    h.frame(video(5), 5);
    h.run();
    let did = h.text(video_error(ErrorCode::RateLimited, true));
    assert_eq!(describe(&did), ["rejected 5", "wait"]);
    let Some(SessionEvent::Rejected { data, .. }) = events(did).into_iter().next() else {
        panic!("rejected");
    };
    assert_eq!(data, video(5));
    assert_eq!(h.session.video_rate(), Some(1.5));
}

#[test]
fn a_retryable_internal_error_sends_the_frame_once_more() {
    let mut h = sent(&[1]);
    h.now = ms(100);
    assert_eq!(
        describe(&h.text(video_error(ErrorCode::InternalError, true))),
        ["resending [1] internal_error", "wait 333"]
    );
    assert_eq!(describe(&h.at(ms(334))), ["frame 1@334", "wait"]);
    assert_eq!(
        describe(&h.text(video_error(ErrorCode::InternalError, true))),
        ["reply 1 error", "wait"]
    );
    // Not retryable: the reply at once.
    h.frame(video(2), 2);
    h.run_until_idle(secs(2));
    assert_eq!(
        describe(&h.text(video_error(ErrorCode::InternalError, false))),
        ["reply 2 error", "wait"]
    );
    // Still the full rate: a failed measurement says nothing about the send rate.
    assert_eq!(h.session.video_rate(), Some(3.0));
}

#[test]
fn a_frame_rate_limited_again_and_again_gives_up_after_max_resends() {
    let mut h = sent(&[1]);
    for round in 0..MAX_RESENDS {
        let did = h.text(video_error(ErrorCode::RateLimited, true));
        assert_eq!(
            describe(&did)[0],
            "resending [1] rate_limited",
            "round {round}"
        );
        let until = waits_until(&did).unwrap();
        assert_eq!(
            describe(&h.at(until))[0],
            format!("frame 1@{}", until.as_millis())
        );
    }
    assert_eq!(
        describe(&h.text(video_error(ErrorCode::RateLimited, true))),
        ["reply 1 error", "wait"]
    );
    assert_eq!(h.session.stats().resent, u64::from(MAX_RESENDS));
}

#[test]
fn a_recording_closes_only_once_every_frame_is_answered() {
    let mut h = sent(&[1, 2]);
    h.now = ms(400);
    h.session.close();
    assert_eq!(describe(&h.run()), ["wait 30400"]);
    assert_eq!(
        describe(&h.text(video_result(0))),
        ["reply 1 measurement.result", "wait 30400"]
    );
    // The last answer is a rate limit: the frame goes again first.
    let did = h.text(video_error(ErrorCode::RateLimited, true));
    assert_eq!(describe(&did), ["resending [2] rate_limited", "wait 1066"]);
    let until = waits_until(&did).unwrap();
    assert_eq!(describe(&h.at(until)), ["frame 2@1066", "wait 31066"]);
    assert_eq!(
        describe(&h.text(video_result(1))),
        ["reply 2 measurement.result", "close", "wait 31066"]
    );
}

#[test]
fn a_live_stream_closes_without_waiting_for_answers() {
    let mut h = open_video(quiet().with_mode(StreamMode::Live), "v-1");
    h.frame(video(1), 1);
    h.session.close();
    assert_eq!(describe(&h.run()), ["frame 1@0", "close", "wait 30000"]);
    // The answer still comes, paired, before session.closed.
    assert_eq!(
        describe(&h.text(video_result(0))),
        ["reply 1 measurement.result", "wait 30000"]
    );
}

#[test]
fn a_malformed_reply_still_takes_its_frame() {
    let mut h = sent(&[1, 2, 3]);
    assert_eq!(
        describe(&h.text(r#"{"type":"measurement.result","frame_id":"zero"}"#)),
        ["malformed Some(1)", "wait"]
    );
    assert_eq!(
        describe(&h.text(r#"{"type":"error","code":"rate_limited"}"#)),
        ["malformed Some(2)", "wait"]
    );
    // An error about a text message answers no frame.
    assert_eq!(
        describe(&h.text(r#"{"type":"error","code":"message_invalid"}"#)),
        ["malformed None", "wait"]
    );
    assert_eq!(
        describe(&h.text(video_result(0))),
        ["reply 3 measurement.result", "wait"]
    );
    // Nothing in flight: a stray result is a plain message.
    assert_eq!(
        describe(&h.text(video_result(1))),
        ["message measurement.result", "wait"]
    );
    assert_eq!(
        describe(&h.text(video_error(ErrorCode::InvalidImageFrame, true))),
        ["message error", "wait"]
    );
}

#[test]
fn errors_about_messages_answer_no_frame() {
    let mut h = sent(&[1]);
    assert_eq!(
        describe(&h.text(video_error(ErrorCode::MessageInvalid, true))),
        ["message error", "wait"]
    );
    assert_eq!(h.session.in_flight(), 1);
}
