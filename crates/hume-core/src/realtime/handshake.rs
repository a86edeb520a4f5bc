//! The error for a refused WebSocket handshake, so every transport maps a refusal the same
//! way: 401 and 403 are an invalid key, any other status a
//! [`RealtimeHandshake`](crate::HumeError::RealtimeHandshake) carrying the start of the body.

use http::StatusCode;

use crate::HumeError;
use crate::error::excerpt;

/// The error for a handshake answered with `status` and `body` instead of `101 Switching
/// Protocols`. `key` (the API key, if any) is removed from the body excerpt.
pub fn handshake_error(status: StatusCode, body: &[u8], key: Option<&str>) -> HumeError {
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
        return HumeError::invalid_api_key(status);
    }
    HumeError::realtime_handshake(status, excerpt(body, key))
}

#[cfg(test)]
mod tests;
