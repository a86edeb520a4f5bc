//! Fault injection: every kind observable on the wire, and a seeded run replays exactly.

use std::time::{Duration, Instant};

use hume_emulator::{EmulatorConfig, FaultConfig};
use reqwest::StatusCode;

use crate::common::{KEY, start};

/// Long enough that an ordinary request on a loaded machine is never mistaken for a slow one.
const SLOW: Duration = Duration::from_millis(800);

#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    Status(u16),
    Slow(u16),
    Dropped,
    Truncated { declared: u64 },
}

async fn outcomes(seed: u64, n: usize) -> Vec<Outcome> {
    let faults = FaultConfig::none()
        .with_server_error(0.15)
        .with_rate_limit(0.15, 7)
        .with_drop_connection(0.15)
        .with_truncate_body(0.15)
        .with_slow(0.1, SLOW);
    let emulator = start(
        EmulatorConfig::default()
            .with_seed(seed)
            .with_faults(faults),
    )
    .await;
    // A fresh connection per request: the client never retries on a reused connection.
    let http = reqwest::Client::builder()
        .no_proxy()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap();
    let mut out = Vec::new();
    for _ in 0..n {
        let started = Instant::now();
        let sent = http
            .get(format!("{}/v0/batch/jobs", emulator.base_url()))
            .header("X-Hume-Api-Key", KEY)
            .send()
            .await;
        let response = match sent {
            Ok(r) => r,
            Err(_) => {
                out.push(Outcome::Dropped);
                continue;
            }
        };
        let status = response.status();
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(response.headers()["retry-after"], "7");
        }
        let declared = response.content_length();
        match response.bytes().await {
            Ok(body) => {
                let slow = started.elapsed() >= SLOW;
                if status.is_server_error() || status == StatusCode::TOO_MANY_REQUESTS {
                    let message =
                        serde_json::from_slice::<serde_json::Value>(&body).unwrap()["message"]
                            .clone();
                    assert!(message.as_str().is_some_and(|m| m.contains("injected")));
                }
                out.push(if slow {
                    Outcome::Slow(status.as_u16())
                } else {
                    Outcome::Status(status.as_u16())
                });
            }
            Err(_) => {
                let declared = declared.expect("a truncated body declares its length");
                out.push(Outcome::Truncated { declared });
            }
        }
    }
    emulator.shutdown().await;
    out
}

#[tokio::test]
async fn seeded_faults_replay_and_cover_every_kind() {
    let a = outcomes(11, 40).await;
    let b = outcomes(11, 40).await;
    assert_eq!(a, b, "same seed, same sequence");
    for predicate in [
        |o: &Outcome| *o == Outcome::Status(503),
        |o: &Outcome| *o == Outcome::Status(429),
        |o: &Outcome| *o == Outcome::Dropped,
        |o: &Outcome| matches!(o, Outcome::Truncated { .. }),
        |o: &Outcome| *o == Outcome::Slow(200),
        |o: &Outcome| *o == Outcome::Status(200),
    ] {
        assert!(a.iter().any(predicate), "{a:?}");
    }
    let c = outcomes(12, 40).await;
    assert_ne!(a, c, "another seed, another sequence");
}

#[tokio::test]
async fn truncated_bodies_declare_more_than_they_send() {
    let emulator =
        start(EmulatorConfig::default().with_faults(FaultConfig::none().with_truncate_body(1.0)))
            .await;
    let (head, body) = raw_get(emulator.addr(), "/v0/batch/jobs/missing").await;
    let declared: usize = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length: ")
                .map(|v| v.trim().parse().unwrap())
        })
        .expect("content-length");
    assert!(head.starts_with("HTTP/1.1 404"), "{head}");
    assert!(body.len() < declared, "{} < {declared}", body.len());
    assert_eq!(body.len(), declared / 2);
}

/// A raw HTTP/1.1 GET: the response head and whatever body bytes arrive before the close.
async fn raw_get(addr: std::net::SocketAddr, path: &str) -> (String, Vec<u8>) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(
            format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hume-Api-Key: {KEY}\r\n\r\n")
                .as_bytes(),
        )
        .await
        .unwrap();
    let mut all = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut all)).await;
    let split = all
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a response head")
        + 4;
    (
        String::from_utf8_lossy(&all[..split]).into_owned(),
        all[split..].to_vec(),
    )
}

#[tokio::test]
async fn dropped_connections_send_nothing() {
    let emulator =
        start(EmulatorConfig::default().with_faults(FaultConfig::none().with_drop_connection(1.0)))
            .await;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(emulator.addr())
        .await
        .unwrap();
    stream
        .write_all(
            format!(
                "GET /v0/batch/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hume-Api-Key: {KEY}\r\n\r\n"
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let mut all = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut all))
        .await
        .expect("closed promptly");
    assert!(all.is_empty(), "{}", String::from_utf8_lossy(&all));
}

#[tokio::test]
async fn reject_first_n_then_serve() {
    let emulator =
        start(EmulatorConfig::default().with_faults(FaultConfig::none().with_reject_first(2)))
            .await;
    let client = crate::common::Client::new(&emulator);
    let statuses: Vec<u16> = {
        let mut v = Vec::new();
        for _ in 0..4 {
            v.push(client.get("/v0/batch/jobs").await.status.as_u16());
        }
        v
    };
    assert_eq!(statuses, [503, 503, 200, 200]);
}

#[tokio::test]
async fn dropped_after_processing_creates_the_job_but_sends_nothing() {
    let emulator = start(
        EmulatorConfig::default().with_faults(FaultConfig::none().with_drop_after_processing(1.0)),
    )
    .await;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut stream = tokio::net::TcpStream::connect(emulator.addr())
        .await
        .unwrap();
    let body = r#"{"urls":["https://m.example.com/a.mp4"]}"#;
    stream
        .write_all(
            format!(
                "POST /v0/batch/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hume-Api-Key: {KEY}\r\n\
                 Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                body.len()
            )
            .as_bytes(),
        )
        .await
        .unwrap();
    let mut all = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut all))
        .await
        .expect("closed promptly");
    assert!(all.is_empty(), "{}", String::from_utf8_lossy(&all));
    assert_eq!(emulator.job_count(), 1, "the job was created");
}

#[tokio::test]
async fn create_jobs_makes_many_jobs_at_once() {
    let emulator = start(EmulatorConfig::default()).await;
    let request = hume_models::JobRequest::new().with_url("https://m.example.com/a.mp4");
    let ids = emulator.create_jobs(&request, 200).await.unwrap();
    assert_eq!(ids.len(), 200);
    assert_eq!(emulator.job_count(), 200);
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), 200);
    let invalid = emulator
        .create_jobs(&hume_models::JobRequest::new(), 1)
        .await
        .unwrap_err();
    assert!(invalid.to_string().contains("urls"), "{invalid}");
}
