//! Every documented limit and default of the v1 API, in one place so the client (local checks
//! before sending, pacing) and the emulator (enforcement) share them.
//!
//! # Bytes: decimal megabytes
//!
//! Hume's documentation writes "2MB", "25MB" and "320KB" without saying whether it means
//! powers of ten or of two, except for the realtime audio message limit, written "1MiB
//! (1,048,576 bytes)". We read the others as **decimal** (2 MB = 2,000,000 bytes):
//!
//! - "10 seconds (320KB)" for an audio frame is exact only in decimal: 10 s of 16 kHz mono
//!   16-bit audio is 10 × 16,000 × 2 = 320,000 bytes (320 KiB would be 327,680);
//! - the official Python SDK's frame sender uses 2,000,000 for the 2 MB video message limit,
//!   choosing the smaller reading on purpose;
//! - the smaller reading is the safe one for a client: an image that passes our check can never
//!   be refused for size by a server using either reading.
//!
//! The emulator enforces the same constants, so client and emulator agree exactly.

/// Largest JPEG image accepted by `POST /v1/expression/video/file`, in bytes (2 MB, decimal;
/// see the module docs). Larger → 413 `image_too_large`.
pub const MAX_IMAGE_BYTES: u64 = 2_000_000;

/// Most pixels (width × height) in one image or realtime frame: the area of a 3840×2160
/// image. More → 413 `image_too_large` (file) or `invalid_image_frame` (realtime).
pub const MAX_IMAGE_PIXELS: u64 = 8_294_400;

/// Largest whole multipart request body of either file endpoint, in bytes (25 MB, decimal).
/// Larger → 413 (`audio_too_long` for audio, `image_too_large` for images).
pub const MAX_REQUEST_BYTES: u64 = 25_000_000;

/// The only audio sample rate accepted, in Hz.
pub const AUDIO_SAMPLE_RATE: u32 = 16_000;

/// The only audio channel count accepted (mono).
pub const AUDIO_CHANNELS: u16 = 1;

/// Bytes per sample of the only accepted encoding (signed 16-bit little-endian PCM).
pub const AUDIO_BYTES_PER_SAMPLE: u32 = 2;

/// Bytes of accepted audio per second (16,000 samples × 2 bytes × 1 channel).
pub const AUDIO_BYTES_PER_SECOND: u32 = AUDIO_SAMPLE_RATE * AUDIO_BYTES_PER_SAMPLE;

/// Longest realtime audio frame, in milliseconds of audio. Longer → `invalid_audio_frame`
/// (the session continues).
pub const MAX_AUDIO_FRAME_MS: u32 = 10_000;

/// Largest realtime audio frame, in bytes: 10 s of audio ("320KB"). Larger →
/// `invalid_audio_frame`. A frame must also be non-empty and of even length.
pub const MAX_AUDIO_FRAME_BYTES: u32 = MAX_AUDIO_FRAME_MS / 1000 * AUDIO_BYTES_PER_SECOND;

/// Frame length the SDK recommends for realtime audio, in milliseconds (~100 ms works well).
pub const RECOMMENDED_AUDIO_FRAME_MS: u32 = 100;

/// Largest message (text or binary) on the realtime audio socket: 1 MiB. A larger message
/// ends the session with `message_too_large`.
pub const MAX_AUDIO_MESSAGE_BYTES: u64 = 1_048_576;

/// Largest message on the realtime video socket (2 MB, decimal; see the module docs). A
/// larger message ends the session with `message_too_large`.
pub const MAX_VIDEO_MESSAGE_BYTES: u64 = 2_000_000;

/// Realtime audio send rate: at most this many milliseconds of audio per second of wall
/// time (1 s per s, real time). Faster frames may get `rate_limited` and are not measured.
pub const MAX_AUDIO_MS_PER_SECOND: u32 = 1_000;

/// Realtime video send rate: at most this many frames per second. Faster frames may get
/// `rate_limited` and are not measured.
pub const MAX_VIDEO_FRAMES_PER_SECOND: u32 = 3;

/// Consecutive failed measurements (`internal_error`) after which a realtime video session
/// ends.
pub const MAX_CONSECUTIVE_VIDEO_FAILURES: u32 = 5;

/// Smallest `measurement_timer_ms` accepted.
pub const MIN_MEASUREMENT_TIMER_MS: u32 = 3_000;

/// Largest `measurement_timer_ms` accepted (interval measurements then meet end to end).
pub const MAX_MEASUREMENT_TIMER_MS: u32 = 10_000;

/// `measurement_timer_ms` when none is given.
pub const DEFAULT_MEASUREMENT_TIMER_MS: u32 = 3_000;

/// Longest span one audio measurement covers, in milliseconds: the most recent 10 s of the
/// utterance (or all of it when shorter).
pub const MEASUREMENT_WINDOW_MS: u32 = 10_000;

/// A `speech_ended` measurement is skipped when the previous measurement of the utterance
/// ended less than this many milliseconds before speech ended.
pub const SPEECH_ENDED_MIN_GAP_MS: u32 = 1_000;

/// Voice attributes are listed only at or above this probability.
pub const VOICE_ATTRIBUTE_MIN_PROBABILITY: f64 = 0.725;

/// Face expressions and descriptions are listed only strictly above this probability.
pub const FACE_SCORE_MIN_PROBABILITY: f64 = 0.1;

/// Decimal places every `probability` is rounded to.
pub const PROBABILITY_DECIMALS: u32 = 4;

/// Smallest `face.threshold` accepted.
pub const MIN_FACE_THRESHOLD: f64 = 0.0;

/// Largest `face.threshold` accepted.
pub const MAX_FACE_THRESHOLD: f64 = 1.0;

/// `face.threshold` (minimum detection confidence) when none is given.
pub const DEFAULT_FACE_THRESHOLD: f64 = 0.9;

/// Smallest `face.min_size` accepted, in pixels.
pub const MIN_FACE_MIN_SIZE: u32 = 1;

/// `face.min_size` (shorter side of the face box, in pixels) when none is given.
pub const DEFAULT_FACE_MIN_SIZE: u32 = 60;

/// Faces measured per image or frame by default (the largest ones; Hume's support can raise
/// it for an organisation).
pub const DEFAULT_FACES_MEASURED: u32 = 2;

/// Most faces listed per image or frame (measured ones first, then the rest by confidence).
pub const MAX_FACES_LISTED: u32 = 32;

/// Most faces the server remembers for `face_id` tracking; a face returning after more than
/// this many others may get a new id.
pub const MAX_TRACKED_FACES: u32 = 32;

/// How long a `face_state` token is honoured after it was issued, in seconds (24 hours).
pub const FACE_STATE_TTL_SECS: u64 = 24 * 60 * 60;

/// Billable seconds per image or video frame taken in (one third of a second).
pub const METERED_SECONDS_PER_IMAGE: f64 = 1.0 / 3.0;

/// Minimum billable seconds of a run that took in any media (applied when the run ends).
pub const MIN_METERED_SECONDS: f64 = 10.0;

/// The run-config layout this crate reads (`schema` of a run's `config`).
pub const RUN_CONFIG_SCHEMA: &str = "v4";
