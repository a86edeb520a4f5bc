//! A stream of deterministic numbers seeded from the input (splitmix64), so every synthetic
//! value is a function of the bytes it describes and never of run-time randomness.

use crate::hash::{mix, stable_hash};

/// splitmix64's increment.
const GAMMA: u64 = 0x9E37_79B9_7F4A_7C15;

/// Deterministic draws from a seed.
#[derive(Debug, Clone)]
pub(crate) struct Draws {
    state: u64,
}

impl Draws {
    /// Draws seeded from the stable hash of `parts` (a domain tag first, then the input).
    pub(crate) fn new(parts: &[&[u8]]) -> Draws {
        Draws::from_seed(stable_hash(parts))
    }

    /// Draws from a seed.
    pub(crate) fn from_seed(seed: u64) -> Draws {
        Draws { state: seed }
    }

    /// The next 64 bits.
    pub(crate) fn next_u64(&mut self) -> u64 {
        let out = mix(self.state);
        self.state = self.state.wrapping_add(GAMMA);
        out
    }

    /// A value in `[0, 1)` with 53 bits of precision.
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A value in `[low, high)`.
    pub(crate) fn between(&mut self, low: f64, high: f64) -> f64 {
        low + (high - low) * self.unit()
    }

    /// A whole number in `[0, n)` (`0` when `n` is 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Multiply-shift keeps the draw unbiased enough for synthesis and never divides by 0.
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }
}

#[cfg(test)]
mod tests;
