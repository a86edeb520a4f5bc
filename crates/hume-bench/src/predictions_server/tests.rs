use super::*;

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .new_agent()
}

fn server_with(body: &[u8]) -> (tempfile::TempDir, PredictionsServer) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("p.json");
    std::fs::write(&path, body).expect("write");
    let server = PredictionsServer::start(path, "k1".into()).expect("start");
    (dir, server)
}

#[test]
fn serves_the_file_to_the_right_key_twice_on_one_agent() {
    let (_dir, server) = server_with(b"[{\"source\":{\"type\":\"text\"}}]");
    let agent = agent();
    let url = format!("{}/v0/batch/jobs/abc/predictions", server.base_url());
    for _ in 0..2 {
        let mut response = agent
            .get(&url)
            .header("X-Hume-Api-Key", "k1")
            .call()
            .expect("request");
        assert_eq!(response.status(), 200);
        let body = response.body_mut().read_to_vec().expect("body");
        assert_eq!(body, b"[{\"source\":{\"type\":\"text\"}}]");
    }
}

#[test]
fn wrong_key_is_401_and_other_paths_404() {
    let (_dir, server) = server_with(b"[]");
    let agent = agent();
    let base = server.base_url();
    let url = format!("{base}/v0/batch/jobs/abc/predictions");
    let response = agent
        .get(&url)
        .header("X-Hume-Api-Key", "nope")
        .call()
        .expect("request");
    assert_eq!(response.status(), 401);
    let response = agent.get(&url).call().expect("request");
    assert_eq!(response.status(), 401);
    for path in [
        "/v0/batch/jobs/abc",
        "/v0/batch/jobs//predictions",
        "/other",
    ] {
        let response = agent
            .get(&format!("{base}{path}"))
            .header("X-Hume-Api-Key", "k1")
            .call()
            .expect("request");
        assert_eq!(response.status(), 404, "{path}");
    }
}

#[test]
fn recognises_only_the_predictions_path() {
    assert!(is_predictions_path("/v0/batch/jobs/123/predictions"));
    assert!(!is_predictions_path("/v0/batch/jobs/123/artifacts"));
    assert!(!is_predictions_path("/v0/batch/jobs/a/b/predictions"));
    assert!(!is_predictions_path("/v0/batch/jobs/predictions"));
}
