//! Retries of the v1 client on both backends: an upload (POST) is sent again only when the
//! server cannot have processed it (429, 503 `server_busy`, not sent), never after a 500 or a
//! connection lost once it was sent (a run may have been recorded and metered); reads (GET)
//! retry 5xx and lost connections. A retried upload is sent again byte for byte.

use std::path::PathBuf;

use hume::HumeError;
use hume::models::v1::{AudioFileConfig, AudioFileResponse, RequestErrorCode, Run};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use crate::support::blocking;
use hume_bench_data::test_media::wav;

use crate::v1_support::{fixture, v1_async_client, v1_blocking_client, write};
use crate::v1_wire_cases::{AUDIO, RUN, RUNS, ok};

/// The two clients, as one thing to call.
#[derive(Clone, Copy, Debug)]
enum Client {
    Blocking,
    Async,
}

const CLIENTS: [Client; 2] = [Client::Blocking, Client::Async];

impl Client {
    async fn measure(self, base: &str, file: PathBuf) -> Result<AudioFileResponse, HumeError> {
        match self {
            Client::Blocking => {
                let client = v1_blocking_client(base);
                blocking(move || client.audio().measure(file, AudioFileConfig::new())).await
            }
            Client::Async => {
                v1_async_client(base)
                    .audio()
                    .measure(file, AudioFileConfig::new())
                    .await
            }
        }
    }

    async fn get_run(self, base: &str) -> Result<Run, HumeError> {
        match self {
            Client::Blocking => {
                let client = v1_blocking_client(base);
                blocking(move || client.runs().get(RUN)).await
            }
            Client::Async => v1_async_client(base).runs().get(RUN).await,
        }
    }
}

/// `first` once (preferred), then the fixture answer, which is expected iff `retried`.
async fn after(
    server: &MockServer,
    verb: &str,
    at: &str,
    first: Mock,
    answer: &str,
    retried: bool,
) {
    first
        .up_to_n_times(1)
        .with_priority(1)
        .expect(1)
        .mount(server)
        .await;
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(ok(answer))
        .expect(u64::from(retried))
        .mount(server)
        .await;
}

fn answer(status: u16, fixture_name: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(fixture(fixture_name), "application/json")
}

fn upload(first: ResponseTemplate) -> Mock {
    Mock::given(method("POST"))
        .and(path(AUDIO))
        .respond_with(first)
}

/// A connection closed by the server after it read the request.
fn dropped(verb: &str, at: &str) -> Mock {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with_err(|_: &wiremock::Request| std::io::Error::other("connection dropped"))
}

fn speech() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = write(dir.path(), "speech.wav", &wav(&[5, -5, 5, -5]));
    (dir, file)
}

#[tokio::test(flavor = "multi_thread")]
async fn uploads_are_retried_on_server_busy_and_rate_limits_with_the_same_body() {
    let (_dir, file) = speech();
    let busy = answer(503, "error-503-server_busy.json");
    let limited = ResponseTemplate::new(429).insert_header("retry-after", "0");
    for client in CLIENTS {
        for first in [busy.clone(), limited.clone()] {
            let server = MockServer::start().await;
            after(
                &server,
                "POST",
                AUDIO,
                upload(first),
                "audio-file-response.json",
                true,
            )
            .await;
            let response = client.measure(&server.uri(), file.clone()).await;
            assert!(response.is_ok(), "{client:?}: {response:?}");
            let bodies: Vec<Vec<u8>> = server
                .received_requests()
                .await
                .unwrap()
                .into_iter()
                .map(|r| r.body)
                .collect();
            assert_eq!(bodies.len(), 2);
            assert!(
                bodies[0] == bodies[1],
                "{client:?}: the retry sends the same body"
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn an_upload_that_may_have_been_processed_is_not_resent() {
    let (_dir, file) = speech();
    for client in CLIENTS {
        let server = MockServer::start().await;
        let failed = upload(answer(500, "error-500-internal_error.json"));
        after(
            &server,
            "POST",
            AUDIO,
            failed,
            "audio-file-response.json",
            false,
        )
        .await;
        let err = client
            .measure(&server.uri(), file.clone())
            .await
            .unwrap_err();
        assert_eq!(
            err.v1_code(),
            Some(&RequestErrorCode::InternalError),
            "{client:?}"
        );
        assert_eq!(err.request_id().unwrap(), "req_01JAB9ERR5000000000000000");
        assert!(err.is_retryable(), "the caller may decide to send it again");

        let server = MockServer::start().await;
        after(
            &server,
            "POST",
            AUDIO,
            dropped("POST", AUDIO),
            "audio-file-response.json",
            false,
        )
        .await;
        let err = client
            .measure(&server.uri(), file.clone())
            .await
            .unwrap_err();
        assert!(
            matches!(&err, HumeError::Transport(t) if t.may_have_been_sent()),
            "{client:?}: {err:?}"
        );
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn persistent_server_busy_ends_with_the_typed_answer() {
    let (_dir, file) = speech();
    for client in CLIENTS {
        let server = MockServer::start().await;
        upload(answer(503, "error-503-server_busy.json"))
            .expect(3)
            .mount(&server)
            .await;
        let err = client
            .measure(&server.uri(), file.clone())
            .await
            .unwrap_err();
        assert_eq!(
            err.v1_code(),
            Some(&RequestErrorCode::ServerBusy),
            "{client:?}"
        );
        assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn reads_are_retried_on_5xx_and_lost_connections() {
    let at = format!("{RUNS}/{RUN}");
    for client in CLIENTS {
        let server = MockServer::start().await;
        let failed = Mock::given(method("GET"))
            .and(path(&at))
            .respond_with(answer(500, "error-500-internal_error.json"));
        after(&server, "GET", &at, failed, "run-video-file.json", true).await;
        let run = client.get_run(&server.uri()).await;
        assert_eq!(run.unwrap().run_id, RUN, "{client:?}");

        let server = MockServer::start().await;
        after(
            &server,
            "GET",
            &at,
            dropped("GET", &at),
            "run-video-file.json",
            true,
        )
        .await;
        let run = client.get_run(&server.uri()).await;
        assert_eq!(run.unwrap().run_id, RUN, "{client:?}");
    }
}
