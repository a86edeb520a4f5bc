//! Image measurement (`POST /v1/expression/video/file`): [`VideoFileConfig`] (the JSON
//! `config` part, with its [`VideoFileFaceConfig`] and `face_state`), [`VideoFileResponse`]
//! and its per-image [`FrameMeasurement`]s.
//!
//! Every image is checked before any is measured; one bad image fails the whole request.
//! Results come one per image, in the order of the `file` parts; an image without faces is a
//! normal result with an empty `faces` list.

use serde::{Deserialize, Serialize};

use super::{Face, FaceState, RequestId, RunId, validation};
use crate::{ParseError, ValidationErrors, parse_error};

/// Settings of an image request, sent as the JSON `config` part. Unset fields are left out
/// of the JSON (the server uses its defaults).
///
/// ```
/// use hume_models::v1::VideoFileConfig;
///
/// let config = VideoFileConfig::new()
///     .with_threshold(0.8)
///     .with_min_size(40)
///     .with_return_face_state(true);
/// assert!(config.validate().is_ok());
/// assert_eq!(
///     serde_json::to_string(&config).unwrap(),
///     r#"{"face":{"threshold":0.8,"min_size":40,"return_face_state":true}}"#
/// );
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoFileConfig {
    /// Face detection settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face: Option<VideoFileFaceConfig>,
    /// The `face_state` of an earlier response, so `face_id`s continue from the faces that
    /// request saw. Honoured for 24 hours; an expired, altered or foreign token is ignored
    /// (numbering restarts at 0), which is not an error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_state: Option<FaceState>,
}

impl VideoFileConfig {
    /// No settings (server defaults).
    pub fn new() -> Self {
        Self::default()
    }

    /// Replaces the face settings.
    pub fn with_face(mut self, face: VideoFileFaceConfig) -> Self {
        self.face = Some(face);
        self
    }

    /// Sets `face.threshold` (0..=1, default 0.9).
    pub fn with_threshold(mut self, threshold: f64) -> Self {
        self.face.get_or_insert_with(Default::default).threshold = Some(threshold);
        self
    }

    /// Sets `face.min_size` (pixels, ≥ 1, default 60).
    pub fn with_min_size(mut self, min_size: u32) -> Self {
        self.face.get_or_insert_with(Default::default).min_size = Some(min_size);
        self
    }

    /// Sets `face.return_face_state`.
    pub fn with_return_face_state(mut self, on: bool) -> Self {
        self.face
            .get_or_insert_with(Default::default)
            .return_face_state = Some(on);
        self
    }

    /// Sets (or, with `None`, clears) the `face_state` to continue from.
    pub fn with_face_state(mut self, state: impl Into<Option<FaceState>>) -> Self {
        self.face_state = state.into();
        self
    }

    /// Is nothing set? Then the `config` part can be left out of the request.
    pub fn is_empty(&self) -> bool {
        self.face_state.is_none()
            && self
                .face
                .as_ref()
                .is_none_or(|f| *f == VideoFileFaceConfig::default())
    }

    /// Checks every field against the documented limits, reporting every problem at once.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        validation::video_file_config(self).into_result()
    }

    /// Parses a `config` part (as a server receives it).
    pub fn from_json(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("VideoFileConfig", body)
    }
}

/// Face detection settings of an image request (the `face` object).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoFileFaceConfig {
    /// Minimum detection confidence for a face to be measured, 0..=1 (default 0.9). Lower
    /// values include more faces and more false detections; the scale is this API's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f64>,
    /// Minimum face size: the shorter side of the face's box in pixels of the submitted
    /// image, ≥ 1 (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_size: Option<u32>,
    /// Ask for a `face_state` in the response, so a later request can continue `face_id`
    /// numbering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub return_face_state: Option<bool>,
}

impl VideoFileFaceConfig {
    /// No settings (defaults).
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets `threshold`.
    pub fn with_threshold(mut self, threshold: f64) -> Self {
        self.threshold = Some(threshold);
        self
    }

    /// Sets `min_size`.
    pub fn with_min_size(mut self, min_size: u32) -> Self {
        self.min_size = Some(min_size);
        self
    }

    /// Sets `return_face_state`.
    pub fn with_return_face_state(mut self, on: bool) -> Self {
        self.return_face_state = Some(on);
        self
    }
}

/// The response to an image request.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoFileResponse {
    /// Identifies this request in Hume's records (quote it to support).
    pub request_id: RequestId,
    /// The run this request was recorded as.
    pub run_id: RunId,
    /// What the server took from the request.
    pub received: VideoFileReceived,
    /// One result per image, in the order of the `file` parts.
    pub measurements: Vec<FrameMeasurement>,
    /// Present when `return_face_state` was set: pass it unchanged as `face_state` in a later
    /// request (within 24 hours) to continue `face_id` numbering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face_state: Option<FaceState>,
}

impl VideoFileResponse {
    /// A response without `face_state` (for servers and tests).
    pub fn new(
        request_id: impl Into<RequestId>,
        run_id: impl Into<RunId>,
        received: VideoFileReceived,
        measurements: Vec<FrameMeasurement>,
    ) -> Self {
        VideoFileResponse {
            request_id: request_id.into(),
            run_id: run_id.into(),
            received,
            measurements,
            face_state: None,
        }
    }

    /// Sets the `face_state`.
    pub fn with_face_state(mut self, state: impl Into<Option<FaceState>>) -> Self {
        self.face_state = state.into();
        self
    }

    /// Parses a response body. Unknown fields are tolerated; a failure names the path to
    /// the bad field.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("VideoFileResponse", body)
    }

    /// Parses an already-decoded JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Self, ParseError> {
        parse_error::from_value("VideoFileResponse", value)
    }

    /// Every face of every image, with the `frame_id` of its image.
    pub fn faces(&self) -> impl Iterator<Item = (u64, &Face)> {
        self.measurements
            .iter()
            .flat_map(|m| m.faces.iter().map(move |f| (m.frame_id, f)))
    }
}

/// What the server took from an image request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoFileReceived {
    /// Number of images measured.
    pub frames: u64,
}

impl VideoFileReceived {
    /// The number of images.
    pub fn new(frames: u64) -> Self {
        VideoFileReceived { frames }
    }
}

/// The faces found in one image or frame. An empty `faces` list is a normal result.
///
/// Also the body of the realtime video `measurement.result` message.
#[doc(alias = "VideoFileMeasurement")]
#[doc(alias = "VideoMeasurementResult")]
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FrameMeasurement {
    /// Identifies the image within the run, from 0. A file request numbers its images in
    /// the order of the `file` parts; a realtime session numbers only the frames it answered
    /// with a result (a frame answered with an `error` gets no id), so it is not an index
    /// into the frames sent.
    pub frame_id: u64,
    /// The faces: measured ones first, largest first, then the others, most confident first
    /// (at most 32).
    pub faces: Vec<Face>,
}

impl FrameMeasurement {
    /// A result for one image.
    pub fn new(frame_id: u64, faces: Vec<Face>) -> Self {
        FrameMeasurement { frame_id, faces }
    }

    /// The measured faces (those with a `face_id` or scores).
    pub fn measured_faces(&self) -> impl Iterator<Item = &Face> {
        self.faces.iter().filter(|f| f.is_measured())
    }
}
