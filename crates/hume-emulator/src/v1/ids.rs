//! [`IdSource`]: run ids (UUID v4 strings) and request ids (32 lowercase hex digits) drawn
//! from a seeded generator, so a replayed sequential run hands out the same ids.

use std::sync::Mutex;

use hume_models::v1::{RequestId, RunId};

/// Hands out run and request ids.
#[derive(Debug)]
pub(crate) struct IdSource {
    rng: Mutex<fastrand::Rng>,
}

impl IdSource {
    /// A source seeded with `seed`.
    pub(crate) fn new(seed: u64) -> IdSource {
        IdSource {
            rng: Mutex::new(fastrand::Rng::with_seed(seed)),
        }
    }

    fn uuid(&self) -> uuid::Uuid {
        let mut bytes = [0u8; 16];
        self.rng
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .fill(&mut bytes);
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }

    /// A fresh run id, such as `0b6f...-....-4...-....-............`.
    pub(crate) fn run_id(&self) -> RunId {
        RunId::new(self.uuid().hyphenated().to_string())
    }

    /// A fresh request id, such as `3f9a1c07e2b84d56a0c7e19b5d2f8a64`.
    pub(crate) fn request_id(&self) -> RequestId {
        RequestId::new(self.uuid().simple().to_string())
    }
}

#[cfg(test)]
mod tests;
