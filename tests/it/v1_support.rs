//! Helpers of the v1 tests: clients wired to a mock server with fast policies, the v1
//! fixtures of hume-models (the API's bodies as documented), and byte builders for WAV and
//! JPEG files (structurally complete, not real media).

use std::path::{Path, PathBuf};

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

/// A WAV file: `rate` Hz, `channels`, 16-bit PCM, holding `samples`.
pub fn wav_with(rate: u32, channels: u16, samples: &[i16]) -> Vec<u8> {
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
pub fn wav(samples: &[i16]) -> Vec<u8> {
    wav_with(16_000, 1, samples)
}

/// A baseline JPEG of `width` × `height`: markers, a frame header, one short scan, EOI.
pub fn jpeg(width: u16, height: u16) -> Vec<u8> {
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
    sof.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0]);
    segment(&mut out, 0xC0, &sof);
    segment(&mut out, 0xDA, &[3, 1, 0x00, 2, 0x00, 3, 0x00, 0, 63, 0]);
    out.extend_from_slice(&[0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78]);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
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

/// A 16 kHz mono 16-bit WAV around `pcm` (s16le bytes).
pub fn wav_pcm(pcm: &[u8]) -> Vec<u8> {
    let samples: Vec<i16> = pcm
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    wav(&samples)
}

/// A JPEG of `width` × `height` whose scan data depends on `seed` (so the emulator sees
/// different images).
pub fn jpeg_seeded(width: u16, height: u16, seed: u8) -> Vec<u8> {
    let mut out = jpeg(width, height);
    let eoi = out.len() - 2;
    let data: Vec<u8> = (0..64u8)
        .map(|i| i.wrapping_mul(31).wrapping_add(seed) % 0xF0)
        .collect();
    out.splice(eoi..eoi, data);
    out
}
