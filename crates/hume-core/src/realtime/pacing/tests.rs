use std::time::Duration;

use super::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

/// A small deterministic generator for driver lateness (no clock, no global RNG).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % bound
    }
}

/// Sends `frames` frames of `frame` through an audio pacer started at zero, the driver waking
/// `late()` after each deadline. Returns the send times. With `never_ahead`, checks at each
/// send that the audio sent fits in the wall time since the start.
fn stream_audio(
    pacer: &mut AudioPacer,
    frames: usize,
    frame: Duration,
    never_ahead: bool,
    mut late: impl FnMut() -> Duration,
) -> Vec<Duration> {
    let mut now = Duration::ZERO;
    let mut sends = Vec::with_capacity(frames);
    for _ in 0..frames {
        now = pacer.ready_at(now, frame) + late();
        assert!(pacer.try_send(now, frame), "ready at {now:?}");
        if never_ahead {
            assert!(
                pacer.sent() <= now,
                "{:?} of audio by {now:?}",
                pacer.sent()
            );
        }
        sends.push(now);
    }
    sends
}

/// Audio per wall time over a stream: all the audio, over the span from the first send to
/// the end of the last frame's audio.
fn send_rate(sends: &[Duration], frame: Duration) -> f64 {
    let audio = frame.as_secs_f64() * sends.len() as f64;
    let wall = (sends[sends.len() - 1] + frame - sends[0]).as_secs_f64();
    audio / wall
}

#[test]
fn sixty_seconds_of_100_ms_frames_take_sixty_seconds() {
    let frame = ms(100);
    let mut pacer = AudioPacer::new(Duration::ZERO);
    let sends = stream_audio(&mut pacer, 600, frame, true, || Duration::ZERO);
    assert_eq!(sends[0], ms(100));
    assert_eq!(sends[599], ms(60_000));
    for pair in sends.windows(2) {
        assert_eq!(pair[1] - pair[0], frame);
    }
    let rate = send_rate(&sends, frame);
    assert!((rate - 1.0).abs() < 0.02, "rate {rate}");
    assert_eq!(pacer.sent(), Duration::from_secs(60));
}

#[test]
fn a_driver_that_wakes_late_catches_up_within_two_percent() {
    let frame = ms(100);
    for seed in [1, 7, 42, 2024] {
        let mut rng = Lcg(seed);
        let mut pacer = AudioPacer::new(Duration::ZERO);
        // Each wake-up 0..40 ms late: the burst lets the stream catch up.
        let sends = stream_audio(&mut pacer, 600, frame, true, || ms(rng.below(40)));
        let rate = send_rate(&sends, frame);
        assert!((rate - 1.0).abs() < 0.02, "seed {seed}: rate {rate}");
        let end = sends[599] + frame;
        assert!(end < ms(60_100 + 40), "seed {seed}: ends at {end:?}");
    }
}

#[test]
fn without_a_burst_lateness_accumulates() {
    // Why the burst exists: with none, every late wake-up is lost for good (and each frame
    // goes at the start of its slot, one frame ahead of real time).
    let frame = ms(100);
    let mut pacer = AudioPacer::with_burst(Duration::ZERO, Duration::ZERO);
    let sends = stream_audio(&mut pacer, 600, frame, false, || ms(10));
    let rate = send_rate(&sends, frame);
    assert!(rate < 0.92, "rate {rate}");
}

#[test]
fn credit_builds_up_to_the_burst_only() {
    let mut pacer = AudioPacer::new(Duration::ZERO);
    // Ten idle seconds give 250 ms of credit, not ten seconds.
    let t = Duration::from_secs(10);
    assert!(pacer.try_send(t, ms(100)));
    assert!(pacer.try_send(t, ms(100)));
    assert!(!pacer.try_send(t, ms(100)));
    assert_eq!(pacer.ready_at(t, ms(100)), t + ms(50));
    assert_eq!(pacer.sent(), ms(200));
}

#[test]
fn a_frame_longer_than_the_burst_waits_for_a_full_bucket_then_leaves_a_debt() {
    let mut pacer = AudioPacer::new(Duration::ZERO);
    let ten = Duration::from_secs(10);
    assert_eq!(pacer.ready_at(Duration::ZERO, ten), ms(250));
    assert!(pacer.try_send(ms(250), ten));
    // 250 ms - 10 s of credit: the next 100 ms frame waits 9.85 s.
    assert_eq!(pacer.ready_at(ms(250), ms(100)), ms(250 + 9_750 + 100));
}

#[test]
fn ready_at_is_now_when_the_frame_may_go_and_never_earlier_than_now() {
    let pacer = AudioPacer::new(Duration::ZERO);
    assert_eq!(pacer.ready_at(ms(500), ms(100)), ms(500));
    assert_eq!(pacer.ready_at(ms(30), ms(100)), ms(100));
    // A clock that goes backwards (a driver bug) never makes credit.
    let mut pacer = AudioPacer::new(ms(1000));
    assert!(!pacer.try_send(ms(900), ms(100)));
    assert_eq!(pacer.ready_at(ms(900), ms(100)), ms(1100));
    let mut video = VideoPacer::new(ms(1000));
    video.try_take(ms(1000)).unwrap();
    assert_eq!(
        video.ready_at(ms(0)),
        ms(1000) + Duration::from_nanos(333_333_334)
    );
}

#[test]
fn rate_limited_audio_leaves_the_total_and_pauses_for_the_rejected_frame() {
    let mut pacer = AudioPacer::new(Duration::ZERO);
    assert!(pacer.try_send(ms(100), ms(100)));
    assert!(pacer.try_send(ms(200), ms(100)));
    pacer.rate_limited(ms(210), ms(100), ms(100));
    assert_eq!(pacer.sent(), ms(100));
    // 10 ms of credit were dropped and 100 ms owed: the resend waits until 410 ms.
    assert_eq!(pacer.ready_at(ms(210), ms(100)), ms(410));
}

#[test]
fn video_steady_state_is_three_frames_per_second() {
    let mut pacer = VideoPacer::new(Duration::ZERO);
    let mut now = Duration::ZERO;
    let mut sends = Vec::new();
    while now < Duration::from_secs(60) {
        now = pacer.ready_at(now);
        let number = pacer.try_take(now).expect("ready");
        pacer.accepted(number, now);
        sends.push(now);
    }
    // One at once, then one every 1/3 s: 180 in the first 60 s (the 181st lands on 60 s).
    assert_eq!(sends[0], Duration::ZERO);
    assert_eq!(
        sends
            .iter()
            .filter(|t| **t < Duration::from_secs(60))
            .count(),
        180
    );
    for pair in sends.windows(2) {
        let gap = (pair[1] - pair[0]).as_secs_f64();
        assert!((gap - 1.0 / 3.0).abs() < 1e-6, "gap {gap}");
    }
    assert_eq!(pacer.rate(), 3.0);
}

#[test]
fn video_allowance_starts_at_one_frame_and_holds_at_most_two() {
    let mut pacer = VideoPacer::new(Duration::ZERO);
    assert!(pacer.try_take(Duration::ZERO).is_some());
    assert!(pacer.try_take(Duration::ZERO).is_none());
    let later = Duration::from_secs(30);
    assert_eq!(pacer.try_take(later), Some(2));
    assert_eq!(pacer.try_take(later), Some(3));
    assert_eq!(pacer.try_take(later), None);
    assert_eq!(pacer.sends(), 3);
}

#[test]
fn rate_limited_halves_down_to_one_frame_per_two_seconds() {
    let mut pacer = VideoPacer::new(Duration::ZERO);
    let mut now = Duration::ZERO;
    let mut rates = Vec::new();
    for _ in 0..4 {
        now = pacer.ready_at(now);
        let number = pacer.try_take(now).unwrap();
        // The reply comes 5 ms later.
        now += ms(5);
        pacer.rate_limited(number, now);
        rates.push(pacer.rate());
    }
    assert_eq!(rates, [1.5, 0.75, MIN_VIDEO_FPS, MIN_VIDEO_FPS]);
    // The allowance emptied: the next frame waits a whole period at 0.5 fps.
    assert_eq!(pacer.ready_at(now), now + Duration::from_secs(2));
}

#[test]
fn replies_to_frames_sent_before_a_change_are_ignored() {
    let mut pacer = VideoPacer::new(Duration::ZERO);
    let t = Duration::from_secs(10);
    let a = pacer.try_take(t).unwrap();
    let b = pacer.try_take(t).unwrap();
    pacer.rate_limited(a, t);
    assert_eq!(pacer.rate(), 1.5);
    // b was sent at the old rate: its rejection is the same burst, not a new one.
    pacer.rate_limited(b, t);
    assert_eq!(pacer.rate(), 1.5);
    // Nor does its acceptance count towards recovery.
    for _ in 0..10 {
        pacer.accepted(b, t);
    }
    assert_eq!(pacer.rate(), 1.5);
}

#[test]
fn accepted_frames_double_the_rate_back_to_three() {
    let mut pacer = VideoPacer::new(Duration::ZERO);
    let mut now = Duration::ZERO;
    for _ in 0..3 {
        now = pacer.ready_at(now);
        let n = pacer.try_take(now).unwrap();
        pacer.rate_limited(n, now);
    }
    assert_eq!(pacer.rate(), MIN_VIDEO_FPS);
    let mut rates = vec![pacer.rate()];
    let mut times = vec![now];
    while pacer.rate() < MAX_VIDEO_FPS {
        now = pacer.ready_at(now);
        let n = pacer.try_take(now).unwrap();
        pacer.accepted(n, now);
        if pacer.rate() != *rates.last().unwrap() {
            rates.push(pacer.rate());
            times.push(now);
        }
    }
    assert_eq!(rates, [0.5, 1.0, 2.0, 3.0]);
    // Three frames at each reduced rate: 2 s apart, then 1 s, then 0.5 s.
    let took = (times[3] - times[0]).as_secs_f64();
    assert!(
        (took - (3.0 * 2.0 + 3.0 * 1.0 + 3.0 * 0.5)).abs() < 1e-6,
        "{took}"
    );
    // At full rate acceptance changes nothing.
    let n = pacer.try_take(now + Duration::from_secs(1)).unwrap();
    pacer.accepted(n, now);
    assert_eq!(pacer.rate(), MAX_VIDEO_FPS);
}

#[test]
fn once_slowed_the_burst_is_at_most_one_second_of_frames() {
    let mut pacer = VideoPacer::new(Duration::ZERO);
    let n = pacer.try_take(Duration::ZERO).unwrap();
    pacer.rate_limited(n, Duration::ZERO);
    let second = pacer.try_take(Duration::from_secs(5)).unwrap();
    pacer.rate_limited(second, Duration::from_secs(5));
    assert_eq!(pacer.rate(), 0.75);
    // A long pause builds one frame of allowance, not two.
    let later = Duration::from_secs(60);
    assert!(pacer.try_take(later).is_some());
    assert!(pacer.try_take(later).is_none());
}
