use super::*;

#[test]
fn loopback_hosts_are_served_and_others_only_when_allowed() {
    let limits = Limits::default();
    for ok in [
        "127.0.0.1:8080",
        "127.1.2.3",
        "localhost",
        "LOCALHOST.:9",
        "api.localhost:1",
        "[::1]:8080",
        "[::1]",
    ] {
        assert!(limits.host_allowed(ok), "{ok}");
    }
    for refused in [
        "evil.test",
        "evil.test:8080",
        "127.0.0.1.evil.test",
        "10.0.0.1",
        "[fe80::1]:80",
        "",
        "localhost.evil.test",
    ] {
        assert!(!limits.host_allowed(refused), "{refused}");
    }
    let limits = limits.with_allowed_host("Emulator.Internal");
    assert!(limits.host_allowed("emulator.internal:8080"));
}

#[test]
fn limits_have_floors() {
    let limits = Limits::default()
        .with_max_connections(0)
        .with_max_jobs(0)
        .with_header_read_timeout(Duration::ZERO);
    assert_eq!(limits.max_connections, 1);
    assert_eq!(limits.max_jobs, 1);
    assert!(!limits.header_read_timeout.is_zero());
}
