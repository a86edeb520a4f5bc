//! Test support for the v1 endpoints and operations: a context and a file writer (the WAV
//! and JPEG builders are `hume_bench_data::test_media`'s).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use crate::config::{ClientConfig, ClientContext};
use crate::{ApiKey, BaseUrl, RetryPolicy};

/// The key of every v1 test context.
pub(crate) const KEY: &str = "sk-v1-endpoint-secret-42";

/// A context for `http://127.0.0.1:4010` with exact retries: 1 s doubling, no jitter, 3
/// attempts.
pub(crate) fn ctx() -> Arc<ClientContext> {
    let config = ClientConfig::new()
        .with_api_key(ApiKey::new(KEY).unwrap())
        .with_base_url(BaseUrl::parse("http://127.0.0.1:4010").unwrap())
        .with_retry(
            RetryPolicy::default()
                .with_multiplier(2.0)
                .with_jitter(false)
                .with_initial_backoff(Duration::from_secs(1))
                .with_max_attempts(3),
        );
    Arc::new(ClientContext::new(config, BaseUrl::v1_default()).unwrap())
}

/// Writes `bytes` to `dir/name` and returns the path.
pub(crate) fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
