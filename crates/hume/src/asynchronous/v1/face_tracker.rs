//! [`FaceTracker`]: image batches measured with `face_id`s kept across requests.

use std::path::Path;

use hume_core::HumeError;
use hume_core::endpoints::v1::video::FaceTracking;
use hume_core::operation::Measure;
use hume_models::v1::{FaceState, VideoFileConfig, VideoFileResponse};

use super::ExpressionMeasurementClient;
use super::video::paths;

/// Measures a sequence of image batches so that `face_id`s stay stable from one batch to the
/// next: every request asks for a `face_state` and carries the last one received (see
/// [`FaceTracking`]). From [`VideoClient::track_faces`](super::VideoClient::track_faces).
///
/// A failed batch changes nothing: send it again, or go on with the next. The API honours a
/// state for 24 hours and ignores an expired one (numbering then restarts at 0); keep
/// [`face_state`](Self::face_state) to continue in a later process.
///
/// ```no_run
/// use hume::HumeError;
/// use hume::asynchronous::ExpressionMeasurementClient;
/// use hume::models::v1::VideoFileConfig;
///
/// async fn run() -> Result<(), HumeError> {
///     let client = ExpressionMeasurementClient::from_env()?;
///     let mut tracker = client.video().track_faces(VideoFileConfig::new().with_threshold(0.8));
///     for batch in [["f0.jpg", "f1.jpg"], ["f2.jpg", "f3.jpg"]] {
///         let response = tracker.measure(batch).await?;
///         for (frame, face) in response.faces() {
///             println!("frame {frame}: face {:?}", face.face_id);
///         }
///     }
///     Ok(())
/// }
/// ```
#[derive(Debug, Clone)]
pub struct FaceTracker {
    client: ExpressionMeasurementClient,
    tracking: FaceTracking,
}

impl FaceTracker {
    pub(crate) fn new(client: ExpressionMeasurementClient, config: VideoFileConfig) -> Self {
        Self {
            client,
            tracking: FaceTracking::new(config),
        }
    }

    /// Measures the next batch (as [`VideoClient::measure`](super::VideoClient::measure))
    /// with the last state received, and keeps the state this response returns.
    ///
    /// # Errors
    /// As [`VideoClient::measure`](super::VideoClient::measure); the state is unchanged.
    pub async fn measure<P: AsRef<Path>>(
        &mut self,
        files: impl IntoIterator<Item = P>,
    ) -> Result<VideoFileResponse, HumeError> {
        let op = Measure::images(self.client.ctx(), paths(files), self.tracking.config());
        let response = self.client.driver().run(op).await?;
        self.tracking.accept(&response);
        Ok(response)
    }

    /// Measures every batch in order, stopping at the first error.
    ///
    /// # Errors
    /// The first failed batch's error (the state stays that of the last batch measured).
    pub async fn measure_all<B, P>(
        &mut self,
        batches: impl IntoIterator<Item = B>,
    ) -> Result<Vec<VideoFileResponse>, HumeError>
    where
        B: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let batches: Vec<Vec<_>> = batches.into_iter().map(paths).collect();
        let mut responses = Vec::with_capacity(batches.len());
        for batch in batches {
            responses.push(self.measure(batch).await?);
        }
        Ok(responses)
    }

    /// The state the next request carries (`None` before the first response, or after
    /// [`reset`](Self::reset)).
    pub fn face_state(&self) -> Option<&FaceState> {
        self.tracking.face_state()
    }

    /// Forgets the state: the next batch numbers faces from 0.
    pub fn reset(&mut self) {
        self.tracking.reset();
    }
}
