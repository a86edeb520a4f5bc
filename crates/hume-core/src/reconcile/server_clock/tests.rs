use super::*;

#[test]
fn nothing_learned_gives_no_window() {
    assert_eq!(ServerClock::new().earliest_created(1_000, 0), None);
}

#[test]
fn each_job_narrows_the_offset() {
    let mut clock = ServerClock::new();
    // The server runs 5 s ahead; round trips of 40 ms and 10 ms.
    clock.observe(1_000, 1_040, 6_020);
    assert_eq!(clock.offset_bounds(), Some((4_980, 5_020)));
    clock.observe(2_000, 2_010, 7_001);
    assert_eq!(clock.offset_bounds(), Some((4_991, 5_001)));
    // A wider observation keeps the narrower bounds.
    clock.observe(3_000, 3_500, 8_100);
    assert_eq!(clock.offset_bounds(), Some((4_991, 5_001)));
    assert_eq!(clock.earliest_created(10_000, 500), Some(14_491));
}

#[test]
fn a_server_behind_the_client_gives_a_negative_offset() {
    let mut clock = ServerClock::new();
    clock.observe(10_000, 10_020, 2_010);
    assert_eq!(clock.offset_bounds(), Some((-8_010, -7_990)));
    assert_eq!(clock.earliest_created(20_000, 1_000), Some(10_990));
}

#[test]
fn bounds_that_do_not_meet_are_replaced_by_the_newest() {
    let mut clock = ServerClock::new();
    clock.observe(1_000, 1_010, 1_005);
    // The server's clock stepped 60 s forward.
    clock.observe(2_000, 2_010, 62_005);
    assert_eq!(clock.offset_bounds(), Some((59_995, 60_005)));
}

#[test]
fn a_reply_read_before_it_was_sent_is_ignored() {
    let mut clock = ServerClock::new();
    clock.observe(2_000, 1_000, 5_000);
    assert_eq!(clock.offset_bounds(), None);
}

#[test]
fn extreme_times_saturate() {
    let mut clock = ServerClock::new();
    clock.observe(i64::MIN, i64::MAX, i64::MAX);
    assert!(clock.offset_bounds().is_some());
    assert!(clock.earliest_created(i64::MIN, i64::MAX).is_some());
}
