//! Generated inputs: tones and silence as 16 kHz mono PCM, WAV files around them, and
//! structurally valid JPEGs (the emulator reads markers, never pixels).

/// A signal under construction, 16 kHz mono.
#[derive(Default)]
pub struct Signal {
    samples: Vec<i16>,
}

impl Signal {
    pub fn new() -> Signal {
        Signal::default()
    }

    pub fn silence(mut self, ms: usize) -> Signal {
        self.samples.extend(std::iter::repeat_n(0, ms * 16));
        self
    }

    /// A sine tone (speech-like energy for the detector).
    pub fn tone(mut self, ms: usize, hz: f64, amplitude: f64) -> Signal {
        let start = self.samples.len();
        self.samples.extend((0..ms * 16).map(|i| {
            let t = (start + i) as f64 / 16_000.0;
            (amplitude * (2.0 * std::f64::consts::PI * hz * t).sin()).round() as i16
        }));
        self
    }

    pub fn pcm(&self) -> Vec<u8> {
        self.samples.iter().flat_map(|s| s.to_le_bytes()).collect()
    }
}

/// Two bursts of "speech" with silence around them: 7.5 s.
pub fn two_bursts() -> Vec<u8> {
    Signal::new()
        .silence(500)
        .tone(1000, 220.0, 8000.0)
        .silence(1000)
        .tone(4000, 330.0, 8000.0)
        .silence(1000)
        .pcm()
}

/// A WAV of `pcm` at `rate` Hz, `channels` channels, 16-bit PCM.
pub fn wav_with(pcm: &[u8], rate: u32, channels: u16) -> Vec<u8> {
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&(36 + pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    out.extend_from_slice(&16u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&channels.to_le_bytes());
    out.extend_from_slice(&rate.to_le_bytes());
    out.extend_from_slice(&(rate * 2 * u32::from(channels)).to_le_bytes());
    out.extend_from_slice(&(2 * channels).to_le_bytes());
    out.extend_from_slice(&16u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&(pcm.len() as u32).to_le_bytes());
    out.extend_from_slice(pcm);
    out
}

/// A 16 kHz mono WAV of `pcm`.
pub fn wav(pcm: &[u8]) -> Vec<u8> {
    wav_with(pcm, 16_000, 1)
}

/// A JPEG of `width × height` whose scan data depends on `seed`.
pub fn jpeg(width: u16, height: u16, seed: u8) -> Vec<u8> {
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

/// A JPEG of more than `len` bytes (a comment segment per 65 KB of padding).
pub fn big_jpeg(len: usize) -> Vec<u8> {
    let base = jpeg(640, 480, 0);
    let mut out = base[..2].to_vec();
    let chunk = vec![b'x'; 65_000];
    while out.len() < len {
        out.extend_from_slice(&[0xFF, 0xFE]);
        out.extend_from_slice(&(chunk.len() as u16 + 2).to_be_bytes());
        out.extend_from_slice(&chunk);
    }
    out.extend_from_slice(&base[2..]);
    out
}
