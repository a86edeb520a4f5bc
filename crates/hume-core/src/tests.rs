//! Cross-cutting check: the API key never shows up in Debug, Display or logs.

use std::io::Write;
use std::sync::{Arc, Mutex};

use http::{HeaderMap, StatusCode};
use hume_models::JobId;
use tracing_subscriber::fmt::MakeWriter;

use crate::endpoints::{self, details, list, predictions, submit};
use crate::{ApiKey, BaseUrl, ClientConfig, ClientContext};

const KEY: &str = "sk-scan-me-0f9e8d7c6b5a";

#[derive(Clone, Default)]
struct Buffer(Arc<Mutex<Vec<u8>>>);

impl Write for Buffer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Buffer {
    type Writer = Buffer;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[test]
fn key_never_appears_in_debug_display_or_logs() {
    let buffer = Buffer::default();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(buffer.clone())
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .finish();
    let mut texts: Vec<String> = Vec::new();
    tracing::subscriber::with_default(subscriber, || {
        let key = ApiKey::new(KEY).unwrap();
        texts.push(format!("{key:?} {key} {key:#?}"));
        let config = ClientConfig::new()
            .with_api_key(key)
            .with_base_url(BaseUrl::parse("http://127.0.0.1:1").unwrap());
        texts.push(format!("{config:?}"));
        let ctx = ClientContext::new(config, BaseUrl::batch_default()).unwrap();
        texts.push(format!("{ctx:?}"));
        let job = JobId::new("j");
        let req = details::request(&ctx, &job);
        texts.push(format!("{req:?}"));
        // Every mapper path, with bodies that echo the key.
        let echo =
            format!("{{\"message\":\"bad key {KEY}\",\"fault\":{{\"faultstring\":\"{KEY}\"}}}}");
        let text_echo = format!("upstream said {KEY}");
        let mut errors = Vec::new();
        for status in [200u16, 400, 401, 404, 422, 429, 500, 503] {
            let status = StatusCode::from_u16(status).unwrap();
            for body in [echo.as_bytes(), text_echo.as_bytes()] {
                errors.push(endpoints::error_for_status(
                    &ctx,
                    Some(&job),
                    status,
                    &HeaderMap::new(),
                    body,
                ));
                errors.extend(details::decode(&ctx, &job, status, &HeaderMap::new(), body).err());
                errors.extend(
                    predictions::decode_raw(&ctx, &job, status, &HeaderMap::new(), body).err(),
                );
                errors.extend(list::decode(&ctx, status, &HeaderMap::new(), body).err());
                errors.extend(submit::decode(&ctx, status, &HeaderMap::new(), body).err());
            }
        }
        errors.extend(crate::error::tests::every_variant());
        assert!(errors.len() > 50);
        for err in &errors {
            tracing::error!(error = %err, debug = ?err, "scan");
            texts.push(format!("{err} {err:?}"));
            let mut source = std::error::Error::source(err);
            while let Some(s) = source {
                texts.push(s.to_string());
                source = s.source();
            }
        }
    });
    let logs = String::from_utf8(buffer.0.lock().unwrap().clone()).unwrap();
    assert!(
        logs.contains("prepared hume request"),
        "tracing output was captured"
    );
    assert!(
        logs.contains("x-hume-api-key"),
        "headers were logged: {logs}"
    );
    assert!(!logs.contains(KEY), "key leaked into logs");
    for text in &texts {
        assert!(!text.contains(KEY), "key leaked: {text}");
    }
}
