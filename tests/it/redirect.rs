//! Redirects on both backends: the client follows them itself, keeps the API key on the same
//! origin and drops it when the redirect leaves for another origin (another port).

use hume::HumeError;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::{
    KEY, assert_common_headers, assert_common_headers_without_key, async_client, blocking,
    blocking_client, details, header,
};

const JOB: &str = "job-redirect";

/// The API server redirects details (same origin, relative Location) and artifacts (to the
/// `storage` server). Returns the storage URL path.
async fn mount(api: &MockServer, storage: &MockServer) {
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}")))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("/v0/batch/jobs/{JOB}/moved")),
        )
        .expect(1)
        .mount(api)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}/moved")))
        .respond_with(ResponseTemplate::new(200).set_body_json(details(JOB, "QUEUED")))
        .expect(1)
        .mount(api)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/v0/batch/jobs/{JOB}/artifacts")))
        .respond_with(ResponseTemplate::new(307).insert_header(
            "location",
            format!("{}/signed/{JOB}.zip?sig=abc", storage.uri()),
        ))
        .expect(1)
        .mount(api)
        .await;
    Mock::given(method("GET"))
        .and(path(format!("/signed/{JOB}.zip")))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw(b"PK zip".to_vec(), "application/zip"),
        )
        .expect(1)
        .mount(storage)
        .await;
}

async fn check(api: &MockServer, storage: &MockServer) {
    let api_requests = api.received_requests().await.unwrap();
    assert_eq!(api_requests.len(), 3);
    for req in &api_requests {
        assert_common_headers(req);
    }
    let storage_requests = storage.received_requests().await.unwrap();
    assert_eq!(storage_requests.len(), 1);
    let req = &storage_requests[0];
    assert_eq!(
        header(req, "x-hume-api-key"),
        None,
        "the key must not leave the origin"
    );
    assert_eq!(header(req, "authorization"), None);
    assert!(!format!("{:?}", req.headers).contains(KEY));
    assert_eq!(req.url.query(), Some("sig=abc"));
    assert_common_headers_without_key(req);
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_redirects_keep_the_key_only_on_the_same_origin() {
    let (api, storage) = (MockServer::start().await, MockServer::start().await);
    mount(&api, &storage).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    let client = blocking_client(&api.uri());
    let target = dest.clone();
    blocking(move || {
        let details = client.get_job_details(JOB).unwrap();
        assert_eq!(details.status().as_str(), "QUEUED");
        client.download_job_artifacts(JOB, &target).unwrap();
    })
    .await;
    assert_eq!(std::fs::read(&dest).unwrap(), b"PK zip");
    check(&api, &storage).await;
}

#[tokio::test]
async fn async_redirects_keep_the_key_only_on_the_same_origin() {
    let (api, storage) = (MockServer::start().await, MockServer::start().await);
    mount(&api, &storage).await;
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("a.zip");
    let client = async_client(&api.uri());
    let details = client.get_job_details(JOB).await.unwrap();
    assert_eq!(details.status().as_str(), "QUEUED");
    client.download_job_artifacts(JOB, &dest).await.unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), b"PK zip");
    check(&api, &storage).await;
}

async fn mount_loop(api: &MockServer) {
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(302).insert_header("location", "/v0/batch/jobs/again"))
        .mount(api)
        .await;
}

fn check_loop(err: HumeError) {
    assert!(
        matches!(err, HumeError::TooManyRedirects { limit: 5, .. }),
        "{err:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn blocking_redirect_loop_stops_at_the_limit() {
    let api = MockServer::start().await;
    mount_loop(&api).await;
    let client = blocking_client(&api.uri());
    check_loop(
        blocking(move || client.get_job_details(JOB))
            .await
            .unwrap_err(),
    );
    assert_eq!(api.received_requests().await.unwrap().len(), 6);
}

#[tokio::test]
async fn async_redirect_loop_stops_at_the_limit() {
    let api = MockServer::start().await;
    mount_loop(&api).await;
    check_loop(
        async_client(&api.uri())
            .get_job_details(JOB)
            .await
            .unwrap_err(),
    );
    assert_eq!(api.received_requests().await.unwrap().len(), 6);
}
