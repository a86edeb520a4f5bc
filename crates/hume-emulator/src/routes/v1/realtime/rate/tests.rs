use std::time::Duration;

use super::*;

fn ms(n: u64) -> Duration {
    Duration::from_millis(n)
}

#[test]
fn starts_full_and_refuses_beyond_the_burst() {
    // Audio: 1000 ms per second, 500 ms burst.
    let mut bucket = TokenBucket::full(1000.0, 500.0, ms(0));
    assert!(bucket.try_take(ms(0), 100.0));
    assert!(bucket.try_take(ms(0), 400.0));
    assert!(!bucket.try_take(ms(0), 100.0), "the burst is used up");
    assert!(!bucket.try_take(ms(99), 100.0));
    assert!(
        bucket.try_take(ms(100), 100.0),
        "100 ms later, 100 ms of audio"
    );
}

#[test]
fn real_time_sending_is_never_refused() {
    let mut bucket = TokenBucket::full(1000.0, 500.0, ms(0));
    // 100 ms frames, one every 100 ms from t = 0, for a minute.
    for i in 0..600 {
        assert!(bucket.try_take(ms(i * 100), 100.0), "frame {i}");
    }
}

#[test]
fn a_refused_frame_takes_nothing() {
    let mut bucket = TokenBucket::full(1000.0, 500.0, ms(0));
    assert!(bucket.try_take(ms(0), 500.0));
    assert!(!bucket.try_take(ms(50), 100.0));
    assert!((bucket.tokens_at(ms(50)) - 50.0).abs() < 1e-6);
}

#[test]
fn a_frame_longer_than_the_capacity_leaves_a_debt() {
    let mut bucket = TokenBucket::full(1000.0, 500.0, ms(0));
    // A 10 s frame needs only a full bucket, then 9.5 s of debt is waited out.
    assert!(bucket.try_take(ms(0), 10_000.0));
    assert!((bucket.tokens_at(ms(0)) + 9_500.0).abs() < 1e-6);
    assert!(!bucket.try_take(ms(9_599), 100.0));
    assert!(bucket.try_take(ms(9_600), 100.0));
}

#[test]
fn credit_never_exceeds_the_capacity() {
    let mut bucket = TokenBucket::full(3.0, 3.0, ms(0));
    assert!((bucket.tokens_at(ms(60_000)) - 3.0).abs() < 1e-9);
    for _ in 0..3 {
        assert!(bucket.try_take(ms(60_000), 1.0));
    }
    assert!(!bucket.try_take(ms(60_000), 1.0));
    // A third of a second later, one more frame.
    assert!(!bucket.try_take(ms(60_333), 1.0));
    assert!(bucket.try_take(ms(60_334), 1.0));
}

#[test]
fn time_going_backwards_counts_from_the_last_update() {
    let mut bucket = TokenBucket::full(1000.0, 100.0, ms(1_000));
    assert!(bucket.try_take(ms(1_000), 100.0));
    assert!(!bucket.try_take(ms(500), 50.0));
    assert!(bucket.try_take(ms(1_050), 50.0));
}
