use super::*;

const S: fn(u64) -> Duration = Duration::from_secs;

#[test]
fn a_drip_fails_at_the_end_of_the_first_window() {
    // The audit's slow drip: one byte every 2 s.
    let mut floor = RateFloor::new(MinTransferRate::new(1024, S(10)), S(0));
    for t in [2, 4, 6, 8] {
        floor.record(S(t), 1).unwrap();
    }
    let err = floor.record(S(10), 1).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::TimedOut);
    assert!(err.to_string().contains("too slowly"), "{err}");
}

#[test]
fn a_steady_or_bursty_body_passes_window_after_window() {
    let mut floor = RateFloor::new(MinTransferRate::new(1024, S(10)), S(0));
    for t in 1..=100 {
        floor.record(S(t), 200).unwrap();
    }
    // One large read after a long wait counts for its whole wait.
    let mut floor = RateFloor::new(MinTransferRate::new(1024, S(10)), S(0));
    floor.record(S(25), 4096).unwrap();
    floor.record(S(26), 0).unwrap();
}

#[test]
fn a_zero_window_is_one_second() {
    let rate = MinTransferRate::new(1, Duration::ZERO);
    assert_eq!(rate.window(), S(1));
    assert_eq!(MinTransferRate::default().bytes(), 1024);
}
