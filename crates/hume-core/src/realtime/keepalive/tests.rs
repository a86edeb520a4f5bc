use std::time::Duration;

use super::*;

fn s(n: u64) -> Duration {
    Duration::from_secs(n)
}

#[test]
fn probes_at_once_then_pings_after_a_quiet_interval() {
    let mut ka = Keepalive::new(KeepalivePolicy::default(), s(0));
    assert_eq!(ka.step(s(0)), KeepaliveStep::Ping);
    assert_eq!(ka.step(s(0)), KeepaliveStep::Until(s(20)));
    ka.pong(Duration::from_millis(60));
    assert_eq!(ka.rtt(), Some(Duration::from_millis(60)));
    // Two more probes, each after the previous pong; the shortest round trip counts.
    let ms = Duration::from_millis;
    assert_eq!(ka.step(ms(60)), KeepaliveStep::Ping);
    ka.pong(ms(100));
    assert_eq!(ka.rtt(), Some(ms(40)));
    assert_eq!(ka.step(ms(100)), KeepaliveStep::Ping);
    ka.pong(ms(190));
    assert_eq!(ka.rtt(), Some(ms(40)));
    // Then quiet until 20 s after the last message.
    assert_eq!(ka.step(ms(190)), KeepaliveStep::Until(ms(20_190)));
    assert_eq!(ka.step(s(1)), KeepaliveStep::Until(ms(20_190)));
    // Messages push the next ping back.
    ka.heard(s(15));
    assert_eq!(ka.step(s(21)), KeepaliveStep::Until(s(35)));
    assert_eq!(ka.step(s(35)), KeepaliveStep::Ping);
    // The round trip keeps its best value.
    ka.pong(s(35) + Duration::from_millis(90));
    assert_eq!(ka.rtt(), Some(Duration::from_millis(40)));
}

#[test]
fn an_unanswered_ping_means_a_dead_connection() {
    let mut ka = Keepalive::new(KeepalivePolicy::default(), s(0));
    assert_eq!(ka.step(s(0)), KeepaliveStep::Ping);
    assert_eq!(ka.step(s(19)), KeepaliveStep::Until(s(20)));
    assert_eq!(ka.step(s(20)), KeepaliveStep::Dead);
    assert_eq!(ka.rtt(), None);
}

#[test]
fn any_message_after_a_ping_proves_the_connection_alive() {
    let mut ka = Keepalive::new(KeepalivePolicy::default(), s(0));
    assert_eq!(ka.step(s(0)), KeepaliveStep::Ping);
    ka.heard(s(5));
    // The pong never comes, but the peer spoke: ping again once quiet.
    assert_eq!(ka.step(s(20)), KeepaliveStep::Until(s(25)));
    assert_eq!(ka.step(s(25)), KeepaliveStep::Ping);
    assert_eq!(ka.rtt(), None);
}

#[test]
fn policy_setters() {
    let policy = KeepalivePolicy::default()
        .with_interval(s(5))
        .with_timeout(s(2));
    assert_eq!((policy.interval(), policy.timeout()), (s(5), s(2)));
    let mut ka = Keepalive::new(policy, s(100));
    for probe in 0..3 {
        assert_eq!(ka.step(s(100 + probe)), KeepaliveStep::Ping);
        ka.pong(s(101 + probe));
    }
    assert_eq!(ka.step(s(103)), KeepaliveStep::Until(s(108)));
    assert_eq!(ka.step(s(108)), KeepaliveStep::Ping);
    assert_eq!(ka.step(s(110)), KeepaliveStep::Dead);
}
