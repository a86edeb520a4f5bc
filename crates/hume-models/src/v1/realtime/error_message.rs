//! [`ErrorMessage`]: the realtime `error` message, and its [`ErrorCode`].

use serde::{Deserialize, Serialize};

use crate::v1::open_enum::open_enum;

open_enum!(
    /// What a realtime `error` message reports, and so whether the session continues.
    ErrorCode, "realtime error code", {
        /// An audio frame was empty, of odd length, or longer than 10 s; the session
        /// continues.
        InvalidAudioFrame => "invalid_audio_frame",
        /// An image frame was empty, not a JPEG or over the pixel limit; the session
        /// continues.
        InvalidImageFrame => "invalid_image_frame",
        /// A text message was not valid JSON or not a known message.
        MessageInvalid => "message_invalid",
        /// A frame came faster than the allowed rate and was not measured; resend it after a
        /// short wait (recording) or drop it (live camera).
        RateLimited => "rate_limited",
        /// A `session.update` was invalid, or came after the first frame; ends the session.
        ConfigInvalid => "config_invalid",
        /// A message exceeded the size limit; ends the session.
        MessageTooLarge => "message_too_large",
        /// A measurement failed. Audio: the session ends. Video: the frame is answered with
        /// this error (resend it if needed); five in a row end the session.
        InternalError => "internal_error",
    }
);

impl ErrorCode {
    /// Does an error with this code answer one audio frame (rather than a text message or
    /// the session as a whole)?
    pub fn answers_audio_frame(&self) -> bool {
        matches!(self, ErrorCode::InvalidAudioFrame | ErrorCode::RateLimited)
    }

    /// Does an error with this code answer one video frame? Every video frame gets exactly
    /// one reply, a `measurement.result` or one of these errors, in the order sent; other
    /// errors answer a text message or end the session.
    pub fn answers_video_frame(&self) -> bool {
        matches!(
            self,
            ErrorCode::InvalidImageFrame | ErrorCode::RateLimited | ErrorCode::InternalError
        )
    }
}

/// The realtime `error` message: a rejected message or a processing failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorMessage {
    /// What happened; decides whether the session continues.
    pub code: ErrorCode,
    /// For logs and people; its wording may change (switch on `code`).
    pub message: String,
    /// `false` for every error that ends the session; `true` for every error the session
    /// survives, except video `internal_error`, where it says whether the failure was
    /// temporary and the frame is worth resending.
    pub retryable: bool,
}

impl ErrorMessage {
    /// An error message (for servers and tests).
    pub fn new(code: ErrorCode, message: impl Into<String>, retryable: bool) -> Self {
        ErrorMessage {
            code,
            message: message.into(),
            retryable,
        }
    }
}
