//! The bodies of the realtime video messages (`/v1/expression/video/realtime`):
//! [`VideoSessionUpdate`] (client), [`VideoSessionCreated`], [`VideoSessionUpdated`],
//! [`VideoSessionClosed`] with its [`VideoReceived`] and [`VideoProduced`] totals (server).
//! `measurement.result` carries a [`FrameMeasurement`](crate::v1::FrameMeasurement).

use serde::{Deserialize, Serialize};

use super::CloseReason;
use crate::ValidationErrors;
use crate::v1::{
    FaceConfig, FaceConfigUpdate, ImageConfig, ImageConfigUpdate, SessionId, validation,
};

/// `session.update` on the video socket: the configuration to apply.
///
/// Send it before the first frame: one sent after ends the session with `config_invalid`.
/// **An omitted field is reset to its default**, not left as an earlier update set it;
/// [`resolve`](Self::resolve) gives the configuration in force afterwards.
///
/// ```
/// use hume_models::v1::realtime::{VideoClientMessage, VideoSessionUpdate};
///
/// let update = VideoSessionUpdate::new().with_threshold(0.75);
/// assert_eq!(
///     VideoClientMessage::from(update.clone()).to_json(),
///     r#"{"type":"session.update","face":{"threshold":0.75}}"#
/// );
/// let in_force = update.resolve();
/// assert_eq!((in_force.face.threshold, in_force.face.min_size), (0.75, 60));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoSessionUpdate {
    /// The image format you will send; only `image/jpeg` is accepted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<ImageConfigUpdate>,
    /// Face detection settings.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub face: Option<FaceConfigUpdate>,
}

impl VideoSessionUpdate {
    /// An update that resets everything to its default.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the declared image format.
    pub fn with_image(mut self, image: ImageConfigUpdate) -> Self {
        self.image = Some(image);
        self
    }

    /// Replaces the face settings.
    pub fn with_face(mut self, face: FaceConfigUpdate) -> Self {
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

    /// Checks the fields against the documented rules, reporting every problem at once.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        validation::video_session_update(self).into_result()
    }

    /// The configuration in force after this update: each omitted field at its default.
    pub fn resolve(&self) -> VideoSessionUpdated {
        VideoSessionUpdated {
            image: self.image.as_ref().map(|i| i.resolve()).unwrap_or_default(),
            face: self.face.as_ref().map(|f| f.resolve()).unwrap_or_default(),
        }
    }
}

/// `session.created`: the first message of a video session, with the session id and the
/// configuration in force when the connection opened (the defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoSessionCreated {
    /// The session's id, also the id of its run.
    pub session_id: SessionId,
    /// The image format.
    pub image: ImageConfig,
    /// The face detection settings.
    pub face: FaceConfig,
}

impl VideoSessionCreated {
    /// A `session.created` with an explicit configuration.
    pub fn new(session_id: impl Into<SessionId>, image: ImageConfig, face: FaceConfig) -> Self {
        VideoSessionCreated {
            session_id: session_id.into(),
            image,
            face,
        }
    }

    /// A `session.created` with the default configuration.
    pub fn with_defaults(session_id: impl Into<SessionId>) -> Self {
        VideoSessionCreated::new(session_id, ImageConfig::default(), FaceConfig::default())
    }

    /// The configuration it reports.
    pub fn config(&self) -> VideoSessionUpdated {
        VideoSessionUpdated::new(self.image.clone(), self.face.clone())
    }
}

/// `session.updated`: the full configuration in force after a `session.update`, defaults
/// included. Also the resolved form of a [`VideoSessionUpdate`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoSessionUpdated {
    /// The image format.
    pub image: ImageConfig,
    /// The face detection settings.
    pub face: FaceConfig,
}

impl VideoSessionUpdated {
    /// A configuration.
    pub fn new(image: ImageConfig, face: FaceConfig) -> Self {
        VideoSessionUpdated { image, face }
    }
}

/// `session.closed` on the video socket: why the session ended and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoSessionClosed {
    /// The session's id.
    pub session_id: SessionId,
    /// Why it ended.
    pub reason: CloseReason,
    /// What the server accepted.
    pub received: VideoReceived,
    /// What the server produced.
    pub produced: VideoProduced,
}

impl VideoSessionClosed {
    /// A `session.closed` (for servers and tests).
    pub fn new(
        session_id: impl Into<SessionId>,
        reason: CloseReason,
        received: VideoReceived,
        produced: VideoProduced,
    ) -> Self {
        VideoSessionClosed {
            session_id: session_id.into(),
            reason,
            received,
            produced,
        }
    }
}

/// What a video session accepted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoReceived {
    /// Frames accepted for measurement. Frames rejected before detection are not counted; a
    /// frame whose measurement then failed (`internal_error`) is, so this can exceed the
    /// results received.
    pub frames: u64,
}

impl VideoReceived {
    /// Totals received.
    pub fn new(frames: u64) -> Self {
        VideoReceived { frames }
    }
}

/// What a video session produced.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VideoProduced {
    /// Faces measured over all frames: a frame with two measured faces counts two, listed but
    /// unmeasured faces count nothing. (Faces; the audio field of this name counts messages.)
    pub measurements: u64,
}

impl VideoProduced {
    /// Totals produced.
    pub fn new(measurements: u64) -> Self {
        VideoProduced { measurements }
    }
}
