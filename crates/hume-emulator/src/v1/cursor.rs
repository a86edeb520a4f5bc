//! Opaque page cursors (`next_cursor`): a few numbers saying where the next page starts,
//! sealed with an HMAC so a client cannot forge or alter one, and tagged with what they page
//! through so a run-list cursor is refused by the events endpoint and the reverse.
//!
//! Layout before encoding: the purpose (1 byte), the numbers (8 bytes each, big-endian), then
//! the first 12 bytes of an HMAC-SHA256 over both; base64url without padding.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

const TAG_LEN: usize = 12;
/// The most numbers a cursor carries.
const MAX_FIELDS: usize = 4;

type HmacSha256 = Hmac<Sha256>;

/// What a cursor pages through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CursorPurpose {
    /// `GET /v1/expression/run`.
    Runs = 1,
    /// `GET /v1/expression/run/{run_id}/events`.
    RunEvents = 2,
}

/// The key cursors are sealed with.
#[derive(Clone)]
pub(crate) struct CursorKey {
    /// SHA-256 of the labelled secret, padded to the HMAC block size.
    block: [u8; 64],
}

impl std::fmt::Debug for CursorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CursorKey(<redacted>)")
    }
}

impl CursorKey {
    /// A key derived from the emulator's secret (the same secret as `face_state` tokens, under
    /// another label, so the two never verify each other).
    pub(crate) fn new(secret: &[u8]) -> CursorKey {
        let mut hasher = Sha256::new();
        hasher.update(b"hume-emulator page cursor\0");
        hasher.update(secret);
        let mut block = [0u8; 64];
        block[..32].copy_from_slice(&hasher.finalize());
        CursorKey { block }
    }

    fn mac(&self, payload: &[u8]) -> HmacSha256 {
        let mut mac = <HmacSha256 as hmac::digest::KeyInit>::new(&self.block.into());
        mac.update(payload);
        mac
    }

    /// A cursor carrying `fields` (at most four).
    pub(crate) fn seal(&self, purpose: CursorPurpose, fields: &[u64]) -> String {
        let fields = &fields[..fields.len().min(MAX_FIELDS)];
        let mut bytes = Vec::with_capacity(1 + fields.len() * 8 + TAG_LEN);
        bytes.push(purpose as u8);
        for field in fields {
            bytes.extend_from_slice(&field.to_be_bytes());
        }
        let tag = self.mac(&bytes).finalize().into_bytes();
        bytes.extend_from_slice(&tag[..TAG_LEN]);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// The `N` numbers of a cursor sealed for `purpose`; `None` for anything else (not
    /// base64url, another purpose or length, altered, or sealed with another key).
    pub(crate) fn open<const N: usize>(
        &self,
        purpose: CursorPurpose,
        token: &str,
    ) -> Option<[u64; N]> {
        let expected_len = 1 + N * 8 + TAG_LEN;
        if N > MAX_FIELDS || token.len() > expected_len.div_ceil(3) * 4 {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(token).ok()?;
        if bytes.len() != expected_len {
            return None;
        }
        let (payload, tag) = bytes.split_at(bytes.len() - TAG_LEN);
        self.mac(payload).verify_truncated_left(tag).ok()?;
        let (&kind, mut rest) = payload.split_first()?;
        if kind != purpose as u8 {
            return None;
        }
        let mut fields = [0u64; N];
        for field in &mut fields {
            let (word, tail) = rest.split_first_chunk::<8>()?;
            *field = u64::from_be_bytes(*word);
            rest = tail;
        }
        Some(fields)
    }
}

#[cfg(test)]
mod tests;
