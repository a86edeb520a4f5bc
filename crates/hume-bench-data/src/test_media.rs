//! Generated media files for tests and benchmarks: 16-bit PCM WAVs, bursts of tone in
//! silence, and structurally complete baseline JPEGs (markers, a frame header, a scan, EOI:
//! what the API's checks and the emulator read; nothing decodes their pixels).
//!
//! The same arguments always give the same bytes.
//!
//! ```
//! use hume_bench_data::test_media::{bursts, jpeg, wav};
//!
//! let image = jpeg(640, 480, 7);
//! let info = hume_models::v1::media::inspect_jpeg(&image).expect("a JPEG");
//! assert_eq!((info.width, info.height), (640, 480));
//!
//! // 1 s of 16 kHz mono audio with sound from 200 to 700 ms.
//! let audio = wav(&bursts(1000, &[(200, 500)]));
//! assert_eq!(audio.len(), 44 + 32_000);
//! ```

/// A WAV file: `rate` Hz, `channels`, 16-bit PCM, holding `samples` (interleaved).
pub fn wav_with(rate: u32, channels: u16, samples: &[i16]) -> Vec<u8> {
    let data: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()).collect();
    let len = u32::try_from(data.len()).unwrap_or(u32::MAX);
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&len.saturating_add(36).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes()); // PCM
    out.extend_from_slice(&channels.to_le_bytes());
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * u32::from(channels) * 2).to_le_bytes());
    out.extend_from_slice(&(channels * 2).to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&data);
    out
}

/// A 16 kHz mono 16-bit WAV of `samples`.
pub fn wav(samples: &[i16]) -> Vec<u8> {
    wav_with(16_000, 1, samples)
}

/// A 16 kHz mono 16-bit WAV around `pcm` (s16le bytes; an odd last byte is dropped).
pub fn wav_pcm(pcm: &[u8]) -> Vec<u8> {
    let samples: Vec<i16> = pcm
        .chunks_exact(2)
        .map(|b| i16::from_le_bytes([b[0], b[1]]))
        .collect();
    wav(&samples)
}

/// 16 kHz mono samples, `total_ms` long: a 220 Hz tone with a little (deterministic) noise
/// during each of `bursts` (start ms, length ms), silence elsewhere. The emulator's detector
/// hears each burst as an utterance.
pub fn bursts(total_ms: usize, bursts: &[(usize, usize)]) -> Vec<i16> {
    let mut noise = 0x2545_F491_u32;
    (0..total_ms * 16)
        .map(|i| {
            let ms = i / 16;
            let on = bursts.iter().any(|&(s, l)| (s..s + l).contains(&ms));
            if !on {
                return 0;
            }
            noise ^= noise << 13;
            noise ^= noise >> 17;
            noise ^= noise << 5;
            let tone = 8000.0 * (2.0 * std::f64::consts::PI * 220.0 * i as f64 / 16_000.0).sin();
            let hiss = f64::from(noise % 1000) - 500.0;
            (tone + hiss).round() as i16
        })
        .collect()
}

/// A baseline JPEG of `width` × `height` (three components, 4:2:0) whose 64 scan bytes
/// depend on `seed`, so two seeds give two different images of one size. The scan holds no
/// `0xFF` byte.
pub fn jpeg(width: u16, height: u16, seed: u8) -> Vec<u8> {
    fn segment(out: &mut Vec<u8>, code: u8, body: &[u8]) {
        out.extend_from_slice(&[0xFF, code]);
        let len = u16::try_from(body.len() + 2).unwrap_or(u16::MAX);
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(body);
    }
    let mut out = vec![0xFF, 0xD8];
    segment(&mut out, 0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    let mut sof = vec![8];
    sof.extend_from_slice(&height.to_be_bytes());
    sof.extend_from_slice(&width.to_be_bytes());
    sof.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 0, 3, 0x11, 0]);
    segment(&mut out, 0xC0, &sof);
    segment(&mut out, 0xDA, &[3, 1, 0, 2, 0x11, 3, 0x11, 0, 63, 0]);
    out.extend((0..64u8).map(|i| i.wrapping_mul(31).wrapping_add(seed) % 0xF0));
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}
