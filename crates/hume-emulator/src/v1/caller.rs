//! [`Caller`]: who made a v1 request, as far as the emulator tells callers apart.
//!
//! The emulator has one organisation; each credential (API key or bearer token) stands for one
//! user of it. The user id is a UUID derived from a hash of the credential, so the same key is
//! the same user on every run and `user_id` filters can be exercised with two keys. The
//! `face_state` audience is another hash of the credential: a token issued to one key is
//! ignored when another key sends it.

use std::fmt;

use sha2::{Digest, Sha256};

/// The authenticated caller of a v1 request.
#[derive(Clone)]
pub(crate) struct Caller {
    /// The run's `user_id`.
    pub(crate) user_id: String,
    /// What `face_state` tokens are bound to.
    pub(crate) audience: [u8; 32],
}

impl fmt::Debug for Caller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Caller")
            .field("user_id", &self.user_id)
            .finish_non_exhaustive()
    }
}

fn hash(label: &[u8], credential: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update(label);
    hasher.update(credential.as_bytes());
    hasher.finalize().into()
}

impl Caller {
    /// The caller a credential stands for.
    pub(crate) fn from_credential(credential: &str) -> Caller {
        let user = hash(b"hume-emulator user\0", credential);
        let mut bytes = [0u8; 16];
        bytes.copy_from_slice(&user[..16]);
        Caller {
            user_id: uuid::Builder::from_random_bytes(bytes)
                .into_uuid()
                .hyphenated()
                .to_string(),
            audience: hash(b"hume-emulator face_state audience\0", credential),
        }
    }
}

#[cfg(test)]
mod tests;
