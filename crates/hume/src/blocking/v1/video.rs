//! [`VideoClient`]: image uploads of the blocking v1 client.

use std::path::Path;

use hume_core::HumeError;
use hume_core::operation::Measure;
use hume_core::realtime::SessionConfig;
use hume_models::v1::{VideoFileConfig, VideoFileResponse};

use super::{ExpressionMeasurementClient, FaceTracker, VideoSession};

/// Image uploads: [`ExpressionMeasurementClient::video`]. A cheap view of the client (`Copy`).
#[derive(Debug, Clone, Copy)]
pub struct VideoClient<'a> {
    client: &'a ExpressionMeasurementClient,
}

impl<'a> VideoClient<'a> {
    pub(crate) fn new(client: &'a ExpressionMeasurementClient) -> Self {
        Self { client }
    }

    /// Measures the faces in one or more JPEG images (`POST /v1/expression/video/file`), in
    /// one request: one result per image, in the order given. An image without faces is a
    /// normal result with no faces.
    ///
    /// Each image must be a JPEG of at most 2 MB and 8,294,400 pixels (checked from its
    /// header, not decoded), 25 MB in all. `config` is sent as the JSON `config` part when it
    /// sets anything. `face_id`s count from 0 in every request; to keep them across requests
    /// use [`track_faces`](Self::track_faces).
    ///
    /// # Errors
    /// Before anything is sent: [`HumeError::Validation`] (no image, `face.threshold` outside
    /// 0–1, `face.min_size` below 1), [`HumeError::InvalidMedia`] (the first image that is not
    /// a JPEG or is too large), [`HumeError::LocalFile`], [`HumeError::RequestTooLarge`]. From
    /// the API: [`HumeError::V1Api`] (`image_decode_failed`, ...),
    /// [`HumeError::InvalidApiKey`], [`HumeError::RateLimited`]; transport failures;
    /// [`HumeError::Decode`].
    pub fn measure<P: AsRef<Path>>(
        self,
        files: impl IntoIterator<Item = P>,
        config: VideoFileConfig,
    ) -> Result<VideoFileResponse, HumeError> {
        let files = files
            .into_iter()
            .map(|p| p.as_ref().to_path_buf())
            .collect();
        let op = Measure::images(self.client.ctx(), files, config);
        self.client.driver().run(op)
    }

    /// [`measure`](Self::measure), returning the response as the server's bytes, unchanged
    /// (checked to parse as a [`VideoFileResponse`] first), for keeping or forwarding it as
    /// the API sent it.
    ///
    /// # Errors
    /// As [`measure`](Self::measure).
    pub fn measure_bytes<P: AsRef<Path>>(
        self,
        files: impl IntoIterator<Item = P>,
        config: VideoFileConfig,
    ) -> Result<Vec<u8>, HumeError> {
        let files = files
            .into_iter()
            .map(|p| p.as_ref().to_path_buf())
            .collect();
        let op = Measure::images_bytes(self.client.ctx(), files, config);
        self.client.driver().run(op)
    }

    /// A [`FaceTracker`]: measures batch after batch of images with these settings, passing
    /// each response's `face_state` to the next request so a face keeps its `face_id` across
    /// batches.
    pub fn track_faces(self, config: VideoFileConfig) -> FaceTracker {
        FaceTracker::new(self.client.clone(), config)
    }

    /// Opens a realtime video session (`/v1/expression/video/realtime`, WebSocket): connects
    /// and waits for `session.created`. `config` says how the session behaves (recording or
    /// live source, reconnects, keepalive, timeouts); what the server measures is set with the
    /// session's `update(..)` before the first frame. See [`RealtimeSession`](super::RealtimeSession).
    ///
    /// # Errors
    /// [`HumeError::InvalidApiKey`] (a 401/403 handshake; never retried),
    /// [`HumeError::RealtimeHandshake`] (another refusal), a transport failure, or the
    /// session ending before `session.created` ([`HumeError::RealtimeSessionEnded`]); the
    /// first connection is not retried.
    pub fn connect(self, config: SessionConfig) -> Result<VideoSession, HumeError> {
        let transport = self.client.ws_transport()?;
        VideoSession::connect(self.client.ctx().clone(), transport, config)
    }
}
