use super::*;

#[test]
fn only_loopback_and_allowed_hosts() {
    let none: Vec<String> = Vec::new();
    assert!(host_allowed("http://127.0.0.1:9/hook", &none));
    assert!(host_allowed("http://127.8.0.1/hook", &none));
    assert!(host_allowed("http://localhost:8080/hook", &none));
    assert!(host_allowed("http://[::1]:8080/hook", &none));
    assert!(!host_allowed("https://example.com/hook", &none));
    assert!(!host_allowed("http://10.0.0.1/hook", &none));
    assert!(!host_allowed("http://127.0.0.1.evil.com/hook", &none));
    assert!(host_allowed(
        "https://hooks.test/x",
        &["hooks.test".to_owned()]
    ));
}
