//! Shared helpers: start an emulator, talk to it with reqwest.

use std::time::Duration;

use hume_emulator::{Emulator, EmulatorConfig, RunningEmulator};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;

pub const KEY: &str = "test-key";

/// An emulator whose jobs finish at once.
pub async fn fast() -> RunningEmulator {
    start(
        EmulatorConfig::default()
            .with_queued_duration(Duration::ZERO)
            .with_in_progress_duration(Duration::from_millis(10)),
    )
    .await
}

pub async fn start(config: EmulatorConfig) -> RunningEmulator {
    Emulator::start(config).await.expect("emulator starts")
}

/// A response, fully read.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
}

#[derive(Clone)]
pub struct Client {
    pub http: reqwest::Client,
    pub base: String,
    pub key: Option<String>,
}

/// One multipart part.
pub enum Part<'a> {
    File {
        name: &'a str,
        content_type: Option<&'a str>,
        data: &'a [u8],
    },
    Json(&'a str),
}

/// A multipart body with `boundary`.
pub fn multipart(boundary: &str, parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match part {
            Part::File {
                name,
                content_type,
                data,
            } => {
                body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                    )
                    .as_bytes(),
                );
                if let Some(ct) = content_type {
                    body.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
                }
                body.extend_from_slice(b"\r\n");
                body.extend_from_slice(data);
            }
            Part::Json(json) => {
                body.extend_from_slice(b"Content-Disposition: form-data; name=\"json\"\r\n\r\n");
                body.extend_from_slice(json.as_bytes());
            }
        }
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

impl Client {
    pub fn new(emulator: &RunningEmulator) -> Self {
        Client {
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
            base: emulator.base_url(),
            key: Some(KEY.to_owned()),
        }
    }

    pub fn with_key(mut self, key: Option<&str>) -> Self {
        self.key = key.map(str::to_owned);
        self
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> Reply {
        let request = match &self.key {
            Some(k) => request.header("X-Hume-Api-Key", k),
            None => request,
        };
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response.bytes().await.expect("body read").to_vec();
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.send(self.http.get(format!("{}{path}", self.base)))
            .await
    }

    pub async fn post_raw(&self, content_type: &str, body: Vec<u8>) -> Reply {
        self.send(
            self.http
                .post(format!("{}/v0/batch/jobs", self.base))
                .header("Content-Type", content_type)
                .body(body),
        )
        .await
    }

    pub async fn post_json(&self, body: &Value) -> Reply {
        self.post_raw("application/json", serde_json::to_vec(body).unwrap())
            .await
    }

    pub async fn post_multipart(&self, parts: &[Part<'_>]) -> Reply {
        let boundary = "test-boundary-7d1f";
        self.post_raw(
            &format!("multipart/form-data; boundary={boundary}"),
            multipart(boundary, parts),
        )
        .await
    }

    /// Starts a job, asserting success; returns its id.
    pub async fn start(&self, body: &Value) -> String {
        let reply = self.post_json(body).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        reply.json()["job_id"].as_str().unwrap().to_owned()
    }

    pub async fn details(&self, id: &str) -> Value {
        let reply = self.get(&format!("/v0/batch/jobs/{id}")).await;
        assert_eq!(reply.status, StatusCode::OK);
        reply.json()
    }

    /// Polls until the job is terminal.
    pub async fn wait(&self, id: &str) -> Value {
        for _ in 0..1000 {
            let details = self.details(id).await;
            if matches!(
                details["state"]["status"].as_str(),
                Some("COMPLETED" | "FAILED")
            ) {
                return details;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        panic!("job {id} never finished");
    }

    pub async fn predictions(&self, id: &str) -> Value {
        let reply = self.get(&format!("/v0/batch/jobs/{id}/predictions")).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        reply.json()
    }
}
