//! Test support for the v1 endpoints and operations: a context, and byte builders for WAV
//! and JPEG files (structurally complete, not real media).

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
                .with_jitter(false)
                .with_initial_backoff(Duration::from_secs(1))
                .with_max_attempts(3),
        );
    Arc::new(ClientContext::new(config, BaseUrl::v1_default()).unwrap())
}

/// A WAV file: `rate` Hz, `channels`, 16-bit PCM, holding `samples`.
pub(crate) fn wav_with(rate: u32, channels: u16, samples: &[i16]) -> Vec<u8> {
    let data: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&channels.to_le_bytes());
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * u32::from(channels) * 2).to_le_bytes());
    out.extend_from_slice(&(channels * 2).to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(&data);
    out
}

/// A 16 kHz mono 16-bit WAV of `samples`.
pub(crate) fn wav(samples: &[i16]) -> Vec<u8> {
    wav_with(16_000, 1, samples)
}

/// A baseline JPEG of `width` × `height`: markers, a frame header, one short scan, EOI.
pub(crate) fn jpeg(width: u16, height: u16) -> Vec<u8> {
    fn segment(out: &mut Vec<u8>, code: u8, body: &[u8]) {
        out.extend_from_slice(&[0xFF, code]);
        out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(body);
    }
    let mut out = vec![0xFF, 0xD8];
    segment(&mut out, 0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    let mut sof = vec![8];
    sof.extend_from_slice(&height.to_be_bytes());
    sof.extend_from_slice(&width.to_be_bytes());
    sof.push(1);
    sof.extend_from_slice(&[1, 0x11, 0]);
    segment(&mut out, 0xC0, &sof);
    segment(&mut out, 0xDA, &[1, 1, 0x00, 0, 63, 0]);
    out.extend_from_slice(&[0x12, 0x34, 0xFF, 0x00, 0x56]);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// Writes `bytes` to `dir/name` and returns the path.
pub(crate) fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}
