use super::*;

const S: fn(u64) -> Duration = Duration::from_secs;

/// Simulates an await against a job that never finishes; returns poll times in seconds.
fn schedule(mut poller: Poller) -> Vec<f64> {
    let mut t = Duration::ZERO;
    let mut polls = vec![0.0];
    loop {
        match poller.next(t) {
            PollStep::Sleep(d) => {
                t += d;
                polls.push(t.as_secs_f64());
            }
            PollStep::TimedOut => return polls,
        }
        assert!(polls.len() < 1000, "runaway schedule");
    }
}

#[test]
fn legacy_schedule_without_jitter() {
    let poller = Poller::new(PollPolicy::default().with_jitter(0.0)).unwrap();
    assert_eq!(
        schedule(poller),
        vec![0.0, 1.0, 3.0, 7.0, 15.0, 31.0, 63.0, 127.0, 255.0, 300.0]
    );
}

#[test]
fn short_timeout_schedule() {
    let poller = Poller::new(PollPolicy::default().with_jitter(0.0).with_timeout(S(5))).unwrap();
    assert_eq!(schedule(poller), vec![0.0, 1.0, 3.0, 5.0]);
    let poller = Poller::new(PollPolicy::default().with_jitter(0.0).with_timeout(S(1))).unwrap();
    assert_eq!(schedule(poller), vec![0.0, 1.0]);
}

#[test]
fn cap_applies_for_long_timeouts() {
    let policy = PollPolicy::default()
        .with_jitter(0.0)
        .with_timeout(S(1000))
        .with_max_delay(S(300));
    let polls = schedule(Poller::new(policy).unwrap());
    assert_eq!(
        polls,
        vec![
            0.0, 1.0, 3.0, 7.0, 15.0, 31.0, 63.0, 127.0, 255.0, 511.0, 811.0, 1000.0
        ]
    );
}

#[test]
fn jitter_is_bounded_and_poll_count_stays_near_minimum() {
    // Extreme random values: all low, all high.
    for r in [0.0, 0.999_999] {
        let poller = Poller::with_rng(PollPolicy::default(), move || r).unwrap();
        let polls = schedule(poller);
        assert_eq!(*polls.last().unwrap(), 300.0);
        assert!((9..=12).contains(&polls.len()), "{r}: {polls:?}");
        let gaps: Vec<f64> = polls.windows(2).map(|w| w[1] - w[0]).collect();
        let factor = if r == 0.0 { 0.8 } else { 1.2 };
        assert!((gaps[0] - factor).abs() < 1e-3, "{gaps:?}");
    }
    let mut seq = [0.1, 0.9, 0.5, 0.3].into_iter().cycle();
    let mut poller = Poller::with_rng(PollPolicy::default(), move || seq.next().unwrap()).unwrap();
    let mut t = Duration::ZERO;
    let mut nominal = 1.0;
    while let PollStep::Sleep(d) = poller.next(t) {
        let remaining = 300.0 - t.as_secs_f64();
        let secs = d.as_secs_f64();
        assert!(secs <= remaining + 1e-9);
        if secs < remaining - 1e-9 {
            assert!(
                secs >= nominal * 0.8 - 1e-9 && secs <= nominal * 1.2 + 1e-9,
                "{secs} vs {nominal}"
            );
        }
        nominal = (nominal * 2.0_f64).min(300.0);
        t += d;
    }
    assert_eq!(t, S(300));
}

#[test]
fn request_time_counts_toward_timeout() {
    let mut poller =
        Poller::new(PollPolicy::default().with_jitter(0.0).with_timeout(S(10))).unwrap();
    assert_eq!(poller.next(S(0)), PollStep::Sleep(S(1)));
    // The poll itself took 8 s: only 2 s remain.
    assert_eq!(poller.next(S(9)), PollStep::Sleep(S(1)));
    assert_eq!(poller.next(S(10)), PollStep::TimedOut);
    assert_eq!(poller.next(S(11)), PollStep::TimedOut);
}

#[test]
fn rejects_timeout_below_one_second() {
    let err =
        Poller::new(PollPolicy::default().with_timeout(Duration::from_millis(999))).unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid configuration: timeout must be at least 1 second"
    );
    assert!(Poller::new(PollPolicy::default().with_timeout(S(1))).is_ok());
    assert!(
        PollPolicy::default()
            .with_initial_delay(Duration::ZERO)
            .validate()
            .is_err()
    );
    assert_eq!(PollPolicy::default().with_jitter(f64::NAN).jitter(), 0.0);
    assert_eq!(PollPolicy::default().with_jitter(3.0).jitter(), 0.5);
}

#[test]
fn adaptive_is_the_default_and_legacy_an_option() {
    assert_eq!(PollPolicy::default().schedule(), PollSchedule::Adaptive);
    let legacy = PollPolicy::legacy();
    assert_eq!(legacy.schedule(), PollSchedule::Legacy);
    assert_eq!(
        legacy.with_schedule(PollSchedule::Adaptive),
        PollPolicy::default()
    );
    // The backoff itself is the same under both.
    let poller = Poller::new(legacy.with_jitter(0.0)).unwrap();
    assert_eq!(
        schedule(poller),
        vec![0.0, 1.0, 3.0, 7.0, 15.0, 31.0, 63.0, 127.0, 255.0, 300.0]
    );
}
