//! The `face_state` token: the face tracking state of a video request, signed so a later
//! request can continue `face_id` numbering, and ignored (numbering restarts at 0) when it
//! has expired, was altered, or was issued by another emulator or to another key.
//!
//! Layout before encoding (big-endian): version `1` (1 byte), issued at (Unix seconds, 8),
//! next id (8), face count (1, at most 32), then per face its id (8) and its box in tenths of
//! a pixel (4 × 4); then an HMAC-SHA256 tag (32) over the audience (length-prefixed, e.g. the
//! API key's hash, so a token issued to another key fails like a forged one) and the payload.
//! The whole is base64url without padding: about 1.1 KB with 32 faces.
//!
//! HMAC-SHA256 comes from the RustCrypto `hmac` and `sha2` crates (maintained, audited,
//! constant-time tag comparison); base64url from the `base64` crate.

use std::fmt;

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use jiff::{SignedDuration, Timestamp};
use sha2::{Digest, Sha256};

use super::face_tracker::{FaceTracker, MAX_TRACKED_FACES, TrackedFace};

/// How long a token is accepted after it was issued.
pub(crate) const FACE_STATE_TTL: SignedDuration = SignedDuration::from_hours(24);
/// Tokens dated this far after the emulator's clock are refused (clock skew allowance).
const FUTURE_SKEW: SignedDuration = SignedDuration::from_mins(5);

const VERSION: u8 = 1;
const TAG_LEN: usize = 32;
const HEADER_LEN: usize = 1 + 8 + 8 + 1;
const FACE_LEN: usize = 8 + 4 * 4;
/// The longest token accepted (32 faces), before decoding, so junk is refused cheaply.
const MAX_TOKEN_CHARS: usize =
    ((HEADER_LEN + MAX_TRACKED_FACES * FACE_LEN + TAG_LEN) * 4).div_ceil(3);

type HmacSha256 = Hmac<Sha256>;

/// Why a token was ignored (for logs and run events; the client never sees it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum IgnoredReason {
    /// Not base64url, or not the right shape.
    Malformed,
    /// The tag does not match: altered, or issued by another emulator or to another key.
    BadSignature,
    /// Older than [`FACE_STATE_TTL`].
    Expired,
    /// Dated in the future.
    NotYetValid,
}

/// The outcome of reading a token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FaceState {
    /// A valid token: continue from this state.
    Continue(FaceTracker),
    /// Start numbering at 0.
    Ignored(IgnoredReason),
}

impl FaceState {
    /// The tracker to use: the token's, or a fresh one.
    pub(crate) fn into_tracker(self) -> FaceTracker {
        match self {
            FaceState::Continue(tracker) => tracker,
            FaceState::Ignored(_) => FaceTracker::new(),
        }
    }
}

/// The emulator's signing key for `face_state` tokens.
#[derive(Clone)]
pub(crate) struct FaceStateKey {
    /// SHA-256 of the secret, padded to the HMAC block size.
    block: [u8; 64],
}

impl fmt::Debug for FaceStateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("FaceStateKey(<redacted>)")
    }
}

impl FaceStateKey {
    /// A key from a secret of any length (e.g. random bytes drawn when the emulator starts).
    pub(crate) fn new(secret: &[u8]) -> FaceStateKey {
        let mut block = [0u8; 64];
        block[..32].copy_from_slice(&Sha256::digest(secret));
        FaceStateKey { block }
    }

    fn tag(&self, audience: &[u8], payload: &[u8]) -> HmacSha256 {
        let mut mac = <HmacSha256 as hmac::digest::KeyInit>::new(&self.block.into());
        mac.update(&(audience.len() as u64).to_be_bytes());
        mac.update(audience);
        mac.update(payload);
        mac
    }

    /// A token carrying `tracker`, issued at `now` to `audience`.
    pub(crate) fn issue(&self, tracker: &FaceTracker, audience: &[u8], now: Timestamp) -> String {
        let faces = tracker.tracked();
        let faces = &faces[faces.len().saturating_sub(MAX_TRACKED_FACES)..];
        let mut bytes = Vec::with_capacity(HEADER_LEN + faces.len() * FACE_LEN + TAG_LEN);
        bytes.push(VERSION);
        bytes.extend_from_slice(&now.as_second().to_be_bytes());
        bytes.extend_from_slice(&tracker.next_id().to_be_bytes());
        bytes.push(faces.len() as u8);
        for face in faces {
            bytes.extend_from_slice(&face.face_id.to_be_bytes());
            for v in face.bbox {
                bytes.extend_from_slice(&to_tenths(v).to_be_bytes());
            }
        }
        let tag = self.tag(audience, &bytes).finalize().into_bytes();
        bytes.extend_from_slice(&tag);
        URL_SAFE_NO_PAD.encode(bytes)
    }

    /// Reads a token. Never fails: a token that cannot be used is [`FaceState::Ignored`].
    pub(crate) fn open(&self, token: &str, audience: &[u8], now: Timestamp) -> FaceState {
        match self.verify(token, audience, now) {
            Ok(tracker) => FaceState::Continue(tracker),
            Err(reason) => FaceState::Ignored(reason),
        }
    }

    fn verify(
        &self,
        token: &str,
        audience: &[u8],
        now: Timestamp,
    ) -> Result<FaceTracker, IgnoredReason> {
        if token.len() > MAX_TOKEN_CHARS {
            return Err(IgnoredReason::Malformed);
        }
        let bytes = URL_SAFE_NO_PAD
            .decode(token)
            .map_err(|_| IgnoredReason::Malformed)?;
        if bytes.len() < HEADER_LEN + TAG_LEN {
            return Err(IgnoredReason::Malformed);
        }
        let (payload, tag) = bytes.split_at(bytes.len() - TAG_LEN);
        self.tag(audience, payload)
            .verify_slice(tag)
            .map_err(|_| IgnoredReason::BadSignature)?;
        let mut reader = Reader(payload);
        if reader.u8()? != VERSION {
            return Err(IgnoredReason::Malformed);
        }
        let issued = Timestamp::from_second(reader.i64()?).map_err(|_| IgnoredReason::Malformed)?;
        let age = now.duration_since(issued);
        if age > FACE_STATE_TTL {
            return Err(IgnoredReason::Expired);
        }
        if age < -FUTURE_SKEW {
            return Err(IgnoredReason::NotYetValid);
        }
        let next_id = reader.u64()?;
        let count = usize::from(reader.u8()?);
        if count > MAX_TRACKED_FACES || reader.0.len() != count * FACE_LEN {
            return Err(IgnoredReason::Malformed);
        }
        let mut tracked = Vec::with_capacity(count);
        for _ in 0..count {
            let face_id = reader.u64()?;
            let mut bbox = [0.0; 4];
            for v in &mut bbox {
                *v = f64::from(reader.u32()?) / 10.0;
            }
            tracked.push(TrackedFace { face_id, bbox });
        }
        Ok(FaceTracker::from_parts(next_id, tracked))
    }
}

/// A coordinate in tenths of a pixel (boxes are reported with one decimal).
fn to_tenths(v: f64) -> u32 {
    (v * 10.0).round().clamp(0.0, f64::from(u32::MAX)) as u32
}

/// Reads big-endian numbers off the front of a payload.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], IgnoredReason> {
        let (head, rest) = self
            .0
            .split_first_chunk::<N>()
            .ok_or(IgnoredReason::Malformed)?;
        self.0 = rest;
        Ok(*head)
    }

    fn u8(&mut self) -> Result<u8, IgnoredReason> {
        Ok(self.take::<1>()?[0])
    }

    fn u32(&mut self) -> Result<u32, IgnoredReason> {
        Ok(u32::from_be_bytes(self.take()?))
    }

    fn u64(&mut self) -> Result<u64, IgnoredReason> {
        Ok(u64::from_be_bytes(self.take()?))
    }

    fn i64(&mut self) -> Result<i64, IgnoredReason> {
        Ok(i64::from_be_bytes(self.take()?))
    }
}

#[cfg(test)]
mod tests;
