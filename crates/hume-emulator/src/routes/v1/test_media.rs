//! Generated media for the route tests: structurally valid JPEGs (the emulator reads their
//! markers, never their pixels) and 16 kHz mono WAVs.

/// A JPEG of `width × height` whose scan data depends on `seed` (so two seeds make two
/// different images of the same size).
pub(crate) fn jpeg(width: u16, height: u16, seed: u8) -> Vec<u8> {
    fn segment(out: &mut Vec<u8>, code: u8, body: &[u8]) {
        out.extend_from_slice(&[0xFF, code]);
        out.extend_from_slice(&(body.len() as u16 + 2).to_be_bytes());
        out.extend_from_slice(body);
    }
    let mut out = vec![0xFF, 0xD8];
    segment(&mut out, 0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
    let mut dqt = vec![0x00];
    dqt.extend(1..=64u8);
    segment(&mut out, 0xDB, &dqt);
    let mut sof = vec![8];
    sof.extend_from_slice(&height.to_be_bytes());
    sof.extend_from_slice(&width.to_be_bytes());
    sof.extend_from_slice(&[1, 1, 0x11, 0]);
    segment(&mut out, 0xC0, &sof);
    let mut dht = vec![0x00, 1];
    dht.extend_from_slice(&[0; 15]);
    dht.push(0);
    segment(&mut out, 0xC4, &dht);
    segment(&mut out, 0xDA, &[1, 1, 0x00, 0, 63, 0]);
    out.extend((0..64u8).map(|i| i.wrapping_mul(31).wrapping_add(seed) % 0xF0));
    out.extend_from_slice(&[0xFF, 0xD9]);
    out
}

/// A 16 kHz mono 16-bit WAV holding `pcm`.
pub(crate) fn wav(pcm: &[u8]) -> Vec<u8> {
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(36 + pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&16_000u32.to_le_bytes());
    out.extend_from_slice(&32_000u32.to_le_bytes());
    out.extend_from_slice(&2u16.to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(pcm);
    out
}
