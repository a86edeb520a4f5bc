//! [`VideoSession`]: one session of `/v1/expression/video/realtime`.
//!
//! - `session.update` (before the first frame) replaces the face settings, omitted fields at
//!   their defaults, and is answered `session.updated`.
//! - Every frame gets exactly one reply, in order. First the send rate (one frame, at most
//!   3 per second plus the burst; else `rate_limited`, logged); a frame past that check counts
//!   in `bytes_received`. Then the JPEG check (markers walked to the end-of-image marker,
//!   at most 8,294,400 pixels; else `invalid_image_frame`, logged, the session continues; bytes
//!   after the end-of-image marker are ignored, as by the upload endpoint). Then the faces, from
//!   the same synthesis as the upload endpoint with one [`FaceTracker`] for the session, so
//!   `face_id`s stay stable across its frames: a `measurement.result` whose `frame_id` counts
//!   the results sent before it (a frame answered with an error gets none).
//! - Totals: `received.frames` counts the frames measured; `produced.measurements` the faces
//!   measured (listed faces without scores do not count).
//! - Metered seconds: 1/3 s per frame measured.

use std::time::Duration;

use hume_models::v1::limits::{
    DEFAULT_FACES_MEASURED, MAX_VIDEO_FRAMES_PER_SECOND, MAX_VIDEO_MESSAGE_BYTES,
    METERED_SECONDS_PER_IMAGE,
};
use hume_models::v1::media::inspect_jpeg;
use hume_models::v1::realtime::{
    CloseReason, ErrorCode, VideoProduced, VideoReceived, VideoServerMessage, VideoSessionClosed,
    VideoSessionCreated, VideoSessionUpdated,
};
use hume_models::v1::{
    FaceConfig, FrameMeasurement, RunConfig, RunEndpoint, RunEventKind, SessionId, VideoRunConfig,
};

use super::client_text::video_update;
use super::rate::TokenBucket;
use super::session_core::{
    CLOSE_POLICY, RealtimeEndpoint, SessionCore, Step, TextAction, Usage, detail, rate_limited,
};
use crate::RealtimeConfig;
use crate::routes::v1::video::wire_face;
use crate::synth::v1::scores::round4;
use crate::synth::v1::{self as synth, FaceSettings, FaceTracker};

/// One realtime video session.
#[derive(Debug, Clone)]
pub(crate) struct VideoSession {
    core: SessionCore,
    config: VideoSessionUpdated,
    tracker: FaceTracker,
    /// Results sent (the next `frame_id`).
    results: u64,
    faces_measured: u64,
    bytes: u64,
}

impl VideoSession {
    fn new(session_id: SessionId, settings: &RealtimeConfig) -> VideoSession {
        let bucket = (!settings.relaxed_pacing).then(|| {
            TokenBucket::full(
                f64::from(MAX_VIDEO_FRAMES_PER_SECOND),
                f64::from(settings.video_burst),
                Duration::ZERO,
            )
        });
        VideoSession {
            core: SessionCore::new(session_id, bucket, settings.faults.rate_limit_every()),
            config: VideoSessionUpdated::default(),
            tracker: FaceTracker::new(),
            results: 0,
            faces_measured: 0,
            bytes: 0,
        }
    }

    fn json(message: impl Into<VideoServerMessage>) -> String {
        message.into().to_json()
    }

    fn invalid(reason: String) -> Step {
        Step::error(ErrorCode::InvalidImageFrame, reason.clone())
            .with_event(RunEventKind::InvalidImageFrame, detail("detail", reason))
    }

    fn settings(&self) -> FaceSettings {
        FaceSettings {
            threshold: self.config.face.threshold,
            min_size: self.config.face.min_size,
            max_measured: DEFAULT_FACES_MEASURED as usize,
        }
    }
}

impl RealtimeEndpoint for VideoSession {
    const ENDPOINT: RunEndpoint = RunEndpoint::Video;
    const MAX_MESSAGE_BYTES: u64 = MAX_VIDEO_MESSAGE_BYTES;

    fn open(session_id: SessionId, settings: &RealtimeConfig) -> Self {
        Self::new(session_id, settings)
    }

    fn created(&self) -> String {
        Self::json(VideoSessionCreated::new(
            self.core.session_id.clone(),
            self.config.image.clone(),
            self.config.face.clone(),
        ))
    }

    fn on_text(&mut self, text: &str, _now: Duration) -> Step {
        let object = match self.core.text(text) {
            TextAction::Step(step) => return step,
            TextAction::Update(object) => object,
        };
        match video_update(object) {
            Ok(update) => {
                self.config = update.resolve();
                Step::send(vec![Self::json(self.config.clone())])
            }
            Err(reason) => Step::fatal(ErrorCode::ConfigInvalid, reason, CLOSE_POLICY),
        }
    }

    fn on_frame(&mut self, frame: &[u8], now: Duration) -> Step {
        self.core.frame_arrived();
        if !self.core.admit(now, 1.0) {
            return rate_limited("the frame");
        }
        self.bytes += frame.len() as u64;
        if frame.is_empty() {
            return Self::invalid("the frame is empty".to_owned());
        }
        let info = match inspect_jpeg(frame) {
            Ok(info) => info,
            Err(e) => return Self::invalid(format!("the frame is not a usable jpeg: {e}")),
        };
        let settings = self.settings();
        let image = &frame[..info.end.min(frame.len())];
        let faces =
            synth::measure_image(image, info.width, info.height, &settings, &mut self.tracker);
        self.faces_measured += faces.iter().filter(|f| f.face_id.is_some()).count() as u64;
        let frame_id = self.results;
        self.results += 1;
        let result = FrameMeasurement::new(frame_id, faces.into_iter().map(wire_face).collect());
        Step::send(vec![Self::json(result)])
    }

    fn finish(&mut self, reason: CloseReason) -> Vec<String> {
        vec![Self::json(VideoSessionClosed::new(
            self.core.session_id.clone(),
            reason,
            VideoReceived::new(self.results),
            VideoProduced::new(self.faces_measured),
        ))]
    }

    fn run_config(&self) -> RunConfig {
        let face = FaceConfig::new(
            round4(self.config.face.threshold),
            self.config.face.min_size,
        );
        VideoRunConfig::new(self.config.image.clone(), face).into()
    }

    fn usage(&self) -> Usage {
        Usage {
            metered_seconds: self.results as f64 * METERED_SECONDS_PER_IMAGE,
            bytes_received: self.bytes,
        }
    }
}

#[cfg(test)]
mod tests;
