//! What bad clients get: slow connections time out while others are served, only loopback
//! `Host` names are answered, and stores and request sizes are bounded.

use std::time::{Duration, Instant};

use hume_emulator::{EmulatorConfig, Limits};
use reqwest::StatusCode;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::common::{Client, KEY, Part, start};

fn fast_config() -> EmulatorConfig {
    EmulatorConfig::default()
        .with_queued_duration(Duration::ZERO)
        .with_in_progress_duration(Duration::from_millis(10))
}

#[tokio::test]
async fn slow_connections_time_out_and_normal_requests_still_succeed() {
    let limits = Limits::default()
        .with_max_connections(16)
        .with_header_read_timeout(Duration::from_millis(500));
    let emulator = start(fast_config().with_limits(limits)).await;
    let addr = emulator.addr();
    // 50 slowloris connections: a request line, then one header byte now and then.
    let mut slow = Vec::new();
    for _ in 0..50 {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream
            .write_all(b"GET /v0/batch/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: ")
            .await
            .unwrap();
        slow.push(stream);
    }
    let drip = tokio::spawn(async move {
        let started = Instant::now();
        let mut closed = 0;
        for stream in &mut slow {
            // Each connection ends within the header timeout (give it generous slack).
            let mut buf = [0u8; 256];
            let ended = tokio::time::timeout(Duration::from_secs(20), async {
                loop {
                    if stream.write_all(b"a").await.is_err() {
                        return;
                    }
                    match tokio::time::timeout(Duration::from_millis(100), stream.read(&mut buf))
                        .await
                    {
                        Ok(Ok(0) | Err(_)) => return,
                        Ok(Ok(_)) => {} // a 408 or similar
                        Err(_) => {}
                    }
                }
            })
            .await;
            if ended.is_ok() {
                closed += 1;
            }
        }
        (closed, started.elapsed())
    });
    // Meanwhile, ordinary clients are served.
    let client = Client::new(&emulator);
    for _ in 0..10 {
        let id = client
            .start(&json!({"urls": ["https://m.example.com/a.jpg"]}))
            .await;
        assert_eq!(client.wait(&id).await["state"]["status"], "COMPLETED");
    }
    let (closed, _) = drip.await.unwrap();
    assert_eq!(closed, 50, "every slow connection was closed by the server");
    let id = client.start(&json!({"text": ["after the storm"]})).await;
    client.wait(&id).await;
}

#[tokio::test]
async fn only_loopback_host_names_are_served() {
    let emulator = start(fast_config()).await;
    let client = Client::new(&emulator);
    let url = format!("{}/v0/batch/jobs", emulator.base_url());
    for (host, expected) in [
        ("127.0.0.1", StatusCode::OK),
        ("localhost:1234", StatusCode::OK),
        ("rebound.evil.test", StatusCode::FORBIDDEN),
        ("evil.test:80", StatusCode::FORBIDDEN),
    ] {
        let response = client
            .http
            .get(&url)
            .header("Host", host)
            .header("X-Hume-Api-Key", KEY)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected, "{host}");
    }
    // The v1 routes are behind the same check.
    let response = client
        .http
        .get(format!("{}/v1/expression/runs", emulator.base_url()))
        .header("Host", "evil.test")
        .header("X-Hume-Api-Key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let allowing =
        start(fast_config().with_limits(Limits::default().with_allowed_host("emulator.test")))
            .await;
    let response = client
        .http
        .get(format!("{}/v0/batch/jobs", allowing.base_url()))
        .header("Host", "emulator.test:8080")
        .header("X-Hume-Api-Key", KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn text_and_predictions_per_job_are_bounded_with_a_400() {
    let emulator = start(fast_config()).await;
    let client = Client::new(&emulator);
    // The audit: 1 MiB of text became a 455 MiB predictions body.
    let text = "happy words here ".repeat(64 * 1024);
    let reply = client.post_json(&json!({"text": [text]})).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["errors"][0]["field"], "text");
    // Every frame of 100 archives of videos.
    let urls: Vec<String> = (0..100)
        .map(|i| format!("https://m.example.com/clips{i}.zip"))
        .collect();
    let reply = client
        .post_json(&json!({"urls": urls, "models": {"face": {"fps_pred": 0}}}))
        .await;
    assert_eq!(
        reply.status,
        StatusCode::BAD_REQUEST,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert!(
        reply.json()["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("predictions")
    );
    assert_eq!(emulator.job_count(), 0);
    // An ordinary job is fine.
    client.start(&json!({"text": ["a good day"]})).await;
}

#[tokio::test]
async fn the_job_store_is_bounded() {
    // Jobs that never end in the test's time: a full store refuses new ones.
    let running = EmulatorConfig::default()
        .with_queued_duration(Duration::from_secs(3600))
        .with_limits(Limits::default().with_max_jobs(2));
    let emulator = start(running).await;
    let client = Client::new(&emulator);
    client.start(&json!({"text": ["one"]})).await;
    client.start(&json!({"text": ["two"]})).await;
    let reply = client.post_json(&json!({"text": ["three"]})).await;
    assert_eq!(reply.status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(emulator.job_count(), 2);
    // Jobs that end make room: the oldest ended one goes.
    let emulator = start(fast_config().with_limits(Limits::default().with_max_jobs(2))).await;
    let client = Client::new(&emulator);
    let first = client.start(&json!({"text": ["one"]})).await;
    client.wait(&first).await;
    let second = client.start(&json!({"text": ["two"]})).await;
    client.wait(&second).await;
    let third = client.start(&json!({"text": ["three"]})).await;
    assert_eq!(emulator.job_count(), 2);
    assert_eq!(
        client.get(&format!("/v0/batch/jobs/{first}")).await.status,
        StatusCode::NOT_FOUND
    );
    client.wait(&third).await;
}

#[tokio::test]
async fn uploads_are_bounded() {
    let emulator =
        start(fast_config().with_limits(Limits::default().with_max_upload_bytes(1000))).await;
    let client = Client::new(&emulator);
    let data = vec![7u8; 2000];
    let reply = client
        .post_multipart(&[Part::File {
            name: "big.mp4",
            content_type: Some("video/mp4"),
            data: &data,
        }])
        .await;
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let reply = client
        .post_multipart(&[Part::File {
            name: "small.mp4",
            content_type: Some("video/mp4"),
            data: &data[..100],
        }])
        .await;
    assert_eq!(reply.status, StatusCode::OK);
}

#[tokio::test]
async fn a_callback_url_read_differently_by_other_parsers_is_refused_at_submit() {
    let emulator = start(fast_config()).await;
    let client = Client::new(&emulator);
    let reply = client
        .post_json(&json!({
            "urls": ["https://m.example.com/a.jpg"],
            "callback_url": "http://169.254.169.254\\@127.0.0.1/latest/meta-data",
        }))
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["errors"][0]["field"], "callback_url");
}
