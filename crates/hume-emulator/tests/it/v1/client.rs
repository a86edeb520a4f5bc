//! A small v1 client over reqwest: credentials, multipart bodies built by hand, replies read
//! whole.

use hume_emulator::{Emulator, EmulatorConfig, RunningEmulator};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub use crate::common::{KEY, Reply};

pub async fn emulator() -> RunningEmulator {
    start(EmulatorConfig::default()).await
}

pub async fn start(config: EmulatorConfig) -> RunningEmulator {
    Emulator::start(config).await.expect("emulator starts")
}

/// One multipart part.
pub struct Part<'a> {
    pub name: &'a str,
    pub filename: Option<&'a str>,
    pub content_type: Option<&'a str>,
    pub data: &'a [u8],
}

impl<'a> Part<'a> {
    pub fn file(data: &'a [u8], content_type: &'a str) -> Part<'a> {
        Part {
            name: "file",
            filename: Some("upload"),
            content_type: Some(content_type),
            data,
        }
    }

    pub fn config(json: &'a str) -> Part<'a> {
        Part {
            name: "config",
            filename: None,
            content_type: Some("application/json"),
            data: json.as_bytes(),
        }
    }
}

const BOUNDARY: &str = "hume-v1-test-boundary";

fn multipart(parts: &[Part<'_>]) -> Vec<u8> {
    let mut body = Vec::new();
    for part in parts {
        body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
        let mut disposition = format!("Content-Disposition: form-data; name=\"{}\"", part.name);
        if let Some(filename) = part.filename {
            disposition.push_str(&format!("; filename=\"{filename}\""));
        }
        body.extend_from_slice(disposition.as_bytes());
        body.extend_from_slice(b"\r\n");
        if let Some(ct) = part.content_type {
            body.extend_from_slice(format!("Content-Type: {ct}\r\n").as_bytes());
        }
        body.extend_from_slice(b"\r\n");
        body.extend_from_slice(part.data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

#[derive(Clone)]
pub struct V1 {
    http: reqwest::Client,
    pub base: String,
    key: Option<String>,
    bearer: Option<String>,
}

impl V1 {
    pub fn new(emulator: &RunningEmulator) -> V1 {
        V1 {
            http: reqwest::Client::builder().no_proxy().build().unwrap(),
            base: emulator.base_url(),
            key: Some(KEY.to_owned()),
            bearer: None,
        }
    }

    pub fn with_key(mut self, key: Option<&str>) -> V1 {
        self.key = key.map(str::to_owned);
        self
    }

    pub fn with_bearer(mut self, token: Option<&str>) -> V1 {
        self.bearer = token.map(str::to_owned);
        self
    }

    pub async fn send(&self, method: Method, path: &str, body: Option<(String, Vec<u8>)>) -> Reply {
        let mut request = self.http.request(method, format!("{}{path}", self.base));
        if let Some(key) = &self.key {
            request = request.header("X-Hume-Api-Key", key);
        }
        if let Some(token) = &self.bearer {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        if let Some((content_type, body)) = body {
            request = request.header("Content-Type", content_type).body(body);
        }
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
        self.send(Method::GET, path, None).await
    }

    pub async fn post_parts(&self, path: &str, parts: &[Part<'_>]) -> Reply {
        let content_type = format!("multipart/form-data; boundary={BOUNDARY}");
        self.send(Method::POST, path, Some((content_type, multipart(parts))))
            .await
    }

    /// An audio upload: the file and, if given, a config part.
    pub async fn audio(&self, data: &[u8], content_type: &str, config: Option<&str>) -> Reply {
        let mut parts = Vec::new();
        if let Some(config) = config {
            parts.push(Part::config(config));
        }
        parts.push(Part::file(data, content_type));
        self.post_parts("/v1/expression/audio/file", &parts).await
    }

    /// An image upload: one part per image and, if given, a config part.
    pub async fn images(&self, images: &[&[u8]], config: Option<&str>) -> Reply {
        let mut parts: Vec<Part<'_>> = images.iter().map(|i| Part::file(i, "image/jpeg")).collect();
        if let Some(config) = config {
            parts.push(Part::config(config));
        }
        self.post_parts("/v1/expression/video/file", &parts).await
    }
}

/// Asserts the reply is a v1 error with this status and code; returns its body.
#[track_caller]
pub fn assert_error(reply: &Reply, status: u16, code: &str) -> Value {
    assert_eq!(
        reply.status,
        StatusCode::from_u16(status).unwrap(),
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let body = reply.json();
    assert_eq!(body["type"], "error", "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert!(
        body["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(
        body["request_id"].as_str(),
        Some(request_id(reply).as_str()),
        "the body's request_id is the header's"
    );
    body
}

/// The `X-Request-Id` header (every v1 response has one).
#[track_caller]
pub fn request_id(reply: &Reply) -> String {
    let id = reply
        .headers
        .get("x-request-id")
        .expect("X-Request-Id on every v1 response")
        .to_str()
        .unwrap()
        .to_owned();
    assert_eq!(id.len(), 32, "{id}");
    id
}

#[track_caller]
pub fn ok_json(reply: &Reply) -> Value {
    assert_eq!(
        reply.status,
        StatusCode::OK,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    reply.json()
}
