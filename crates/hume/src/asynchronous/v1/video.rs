//! [`VideoClient`]: image uploads of the async v1 client.

use std::path::{Path, PathBuf};

use hume_core::HumeError;
use hume_core::operation::Measure;
use hume_models::v1::{VideoFileConfig, VideoFileResponse};

use super::{ExpressionMeasurementClient, FaceTracker};

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
    pub async fn measure<P: AsRef<Path>>(
        self,
        files: impl IntoIterator<Item = P>,
        config: VideoFileConfig,
    ) -> Result<VideoFileResponse, HumeError> {
        let op = Measure::images(self.client.ctx(), paths(files), config);
        self.client.driver().run(op).await
    }

    /// A [`FaceTracker`]: measures batch after batch of images with these settings, passing
    /// each response's `face_state` to the next request so a face keeps its `face_id` across
    /// batches.
    pub fn track_faces(self, config: VideoFileConfig) -> FaceTracker {
        FaceTracker::new(self.client.clone(), config)
    }
}

/// The paths of `files`, owned (so the future holds no borrowed iterator).
pub(crate) fn paths<P: AsRef<Path>>(files: impl IntoIterator<Item = P>) -> Vec<PathBuf> {
    files
        .into_iter()
        .map(|p| p.as_ref().to_path_buf())
        .collect()
}
