//! The **Expression Measurement API v1** (`/v1/expression/...`): what the client checks locally
//! and the emulator enforces.
//!
//! - [`media`]: byte inspection of uploads and realtime frames (WAV or headerless PCM audio,
//!   JPEG images) and the media limits, shared by the client (checks before sending) and the
//!   emulator (strict validation). No dependency beyond std.

pub mod media;
