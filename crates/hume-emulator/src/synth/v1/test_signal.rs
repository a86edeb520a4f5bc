//! Generated test audio (16 kHz mono): silence, tones and white noise, put together piece by
//! piece. Deterministic: noise comes from a fixed xorshift sequence.

/// Samples per millisecond.
pub(crate) const PER_MS: usize = 16;

/// A signal under construction.
#[derive(Default)]
pub(crate) struct Signal {
    pub(crate) samples: Vec<i16>,
    noise_state: u64,
}

impl Signal {
    pub(crate) fn new() -> Signal {
        Signal {
            samples: Vec::new(),
            noise_state: 0x2545_F491_4F6C_DD1D,
        }
    }

    pub(crate) fn silence(mut self, ms: usize) -> Signal {
        self.samples.extend(std::iter::repeat_n(0, ms * PER_MS));
        self
    }

    /// A sine tone of peak `amplitude` (8000 is about −12 dBFS RMS).
    pub(crate) fn tone(mut self, ms: usize, hz: f64, amplitude: f64) -> Signal {
        let start = self.samples.len();
        self.samples.extend((0..ms * PER_MS).map(|i| {
            let t = (start + i) as f64 / 16_000.0;
            (amplitude * (2.0 * std::f64::consts::PI * hz * t).sin()).round() as i16
        }));
        self
    }

    /// Uniform white noise in `[-amplitude, amplitude]` (RMS = amplitude / √3).
    pub(crate) fn noise(mut self, ms: usize, amplitude: i32) -> Signal {
        for _ in 0..ms * PER_MS {
            self.noise_state ^= self.noise_state << 13;
            self.noise_state ^= self.noise_state >> 7;
            self.noise_state ^= self.noise_state << 17;
            let span = (2 * amplitude + 1) as u64;
            let value = (self.noise_state % span) as i32 - amplitude;
            self.samples.push(value as i16);
        }
        self
    }

    /// The same signal with `other` added sample by sample (saturating).
    pub(crate) fn mixed_with(mut self, other: &[i16]) -> Signal {
        for (sample, add) in self.samples.iter_mut().zip(other) {
            *sample = sample.saturating_add(*add);
        }
        self
    }

    pub(crate) fn pcm(&self) -> Vec<u8> {
        self.samples.iter().flat_map(|s| s.to_le_bytes()).collect()
    }
}
