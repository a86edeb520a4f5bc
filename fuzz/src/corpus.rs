//! [`seeds`]: the inputs mutation starts from.
//!
//! The API fixtures of hume-models (v0 and v1 bodies: predictions of every model, details,
//! lists, errors, runs, file responses), read from the source tree, and generated media: a
//! WAV header with samples, headerless samples, and a small JPEG.

use std::path::Path;

/// Where the fixtures are, in the source tree.
const FIXTURES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../crates/hume-models/tests/fixtures"
);

/// Every seed (the generated media always; the fixtures when the source tree is there).
pub fn seeds() -> Vec<Vec<u8>> {
    let mut seeds = Vec::new();
    collect(Path::new(FIXTURES), &mut seeds);
    seeds.push(wav(16_000, 1, 16, 320));
    seeds.push(wav(44_100, 2, 16, 64));
    seeds.push(vec![0u8; 640]);
    seeds.push(jpeg());
    seeds.push(b"[]".to_vec());
    seeds
}

/// The `.json` files under `dir`, recursively, in a stable order.
fn collect(dir: &Path, seeds: &mut Vec<Vec<u8>>) {
    let Ok(items) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<_> = items.filter_map(|i| i.ok().map(|i| i.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            collect(&path, seeds);
        } else if path.extension().is_some_and(|e| e == "json")
            && let Ok(bytes) = std::fs::read(&path)
        {
            seeds.push(bytes);
        }
    }
}

/// A PCM WAV file: the 44-byte header and `samples` frames of silence.
fn wav(rate: u32, channels: u16, bits: u16, samples: u32) -> Vec<u8> {
    let block = u32::from(channels) * u32::from(bits / 8);
    let data = samples * block;
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&channels.to_le_bytes());
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * block).to_le_bytes());
    out.extend_from_slice(&(block as u16).to_le_bytes());
    out.extend_from_slice(&bits.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data.to_le_bytes());
    out.resize(out.len() + data as usize, 0);
    out
}

/// A structurally complete baseline JPEG of 16x16 pixels (no real image data).
fn jpeg() -> Vec<u8> {
    let mut out = vec![0xFF, 0xD8];
    // SOF0: length 17, 8 bits, 16x16, 3 components.
    out.extend_from_slice(&[
        0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00, 0x10, 0x00, 0x10, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11,
        0x01, 0x03, 0x11, 0x01,
    ]);
    // SOS: length 12, 3 components, then a little entropy-coded data.
    out.extend_from_slice(&[
        0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00,
    ]);
    out.extend_from_slice(&[0x12, 0x34, 0xFF, 0x00, 0x56]);
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}
