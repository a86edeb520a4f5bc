//! Helpers of the v1 tests: clients wired to a mock server with fast policies, the v1
//! fixtures of hume-models (the API's bodies as documented), file writers and a two-burst
//! signal (the WAV and JPEG builders are `hume_bench_data::test_media`'s).

use std::path::{Path, PathBuf};

use hume::ApiKey;
use hume::asynchronous::ExpressionMeasurementClient as AsyncClient;
use hume::blocking::ExpressionMeasurementClient as BlockingClient;
use serde_json::Value;

use crate::support::fast;

/// A blocking v1 client for `base` with the fast test policies.
pub fn v1_blocking_client(base: &str) -> BlockingClient {
    BlockingClient::builder()
        .config(fast())
        .base_url(base)
        .build()
        .expect("blocking v1 client")
}

/// An async v1 client for `base` with the fast test policies.
pub fn v1_async_client(base: &str) -> AsyncClient {
    AsyncClient::builder()
        .config(fast())
        .base_url(base)
        .build()
        .expect("async v1 client")
}

/// A blocking client for `base` with the fast test policies and `key`.
pub fn blocking_client(base: &str, key: &str) -> BlockingClient {
    BlockingClient::builder()
        .config(fast().with_api_key(ApiKey::new(key).expect("test key")))
        .base_url(base)
        .build()
        .expect("blocking client")
}

/// An async client for `base` with the fast test policies and `key`.
pub fn async_client(base: &str, key: &str) -> AsyncClient {
    AsyncClient::builder()
        .config(fast().with_api_key(ApiKey::new(key).expect("test key")))
        .base_url(base)
        .build()
        .expect("async client")
}

/// The bytes of a v1 fixture (`crates/hume-models/tests/fixtures/v1/{name}`).
pub fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../crates/hume-models/tests/fixtures/v1")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A v1 fixture as JSON.
pub fn fixture_json(name: &str) -> Value {
    serde_json::from_slice(&fixture(name)).expect("fixture is JSON")
}

/// Writes `bytes` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write test file");
    path
}

/// Makes `path` `len` bytes long without writing them (a sparse file: no disk used).
pub fn set_len(path: &Path, len: u64) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .expect("open test file")
        .set_len(len)
        .expect("set length");
}

/// Two bursts of a tone ("speech" to the emulator's detector) in silence, as 16 kHz mono
/// s16le samples: 0.5 s silence, 1 s tone, 1 s silence, 4 s tone, 1 s silence (7.5 s).
pub fn two_bursts() -> Vec<u8> {
    let mut samples: Vec<i16> = Vec::new();
    let silence =
        |samples: &mut Vec<i16>, ms: usize| samples.extend(std::iter::repeat_n(0, ms * 16));
    let tone = |samples: &mut Vec<i16>, ms: usize, hz: f64| {
        let start = samples.len();
        samples.extend((0..ms * 16).map(|i| {
            let t = (start + i) as f64 / 16_000.0;
            (8000.0 * (2.0 * std::f64::consts::PI * hz * t).sin()).round() as i16
        }));
    };
    silence(&mut samples, 500);
    tone(&mut samples, 1000, 220.0);
    silence(&mut samples, 1000);
    tone(&mut samples, 4000, 330.0);
    silence(&mut samples, 1000);
    samples.iter().flat_map(|s| s.to_le_bytes()).collect()
}
