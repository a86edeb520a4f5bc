//! [`FaceConfig`]: options of the facial expression model.

use serde::{Deserialize, Serialize};

use super::Unconfigurable;

/// Options of the `face` model. Every field is optional; the server fills in defaults.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FaceConfig {
    /// Frames per second to analyse (≥ 0; 0 = every frame; default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fps_pred: Option<f64>,
    /// Drop faces detected with a lower probability (0..=1; default 0.99).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prob_threshold: Option<f64>,
    /// Give each face a stable id across frames (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identify_faces: Option<bool>,
    /// Minimum side of a face's bounding box in pixels (default 60). An unsigned integer, as
    /// the API defines it (a fractional or negative size cannot be expressed, so it is never
    /// sent); parsed from `60` or from the whole float `60.0` older responses echo.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::de::opt_int"
    )]
    pub min_face_size: Option<u32>,
    /// `{}` turns on FACS 2.0 action-unit outputs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facs: Option<Unconfigurable>,
    /// `{}` turns on face descriptions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub descriptions: Option<Unconfigurable>,
    /// Put the detected face crops in the artifacts zip (default false).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub save_faces: Option<bool>,
}

impl FaceConfig {
    /// Sets `fps_pred`.
    pub fn with_fps_pred(mut self, fps: impl Into<f64>) -> Self {
        self.fps_pred = Some(fps.into());
        self
    }

    /// Sets `prob_threshold`.
    pub fn with_prob_threshold(mut self, threshold: impl Into<f64>) -> Self {
        self.prob_threshold = Some(threshold.into());
        self
    }

    /// Sets `identify_faces`.
    pub fn with_identify_faces(mut self, identify: bool) -> Self {
        self.identify_faces = Some(identify);
        self
    }

    /// Sets `min_face_size` in pixels.
    pub fn with_min_face_size(mut self, pixels: u32) -> Self {
        self.min_face_size = Some(pixels);
        self
    }

    /// Turns FACS 2.0 outputs on or off.
    pub fn with_facs(mut self, on: bool) -> Self {
        self.facs = on.then(Unconfigurable::new);
        self
    }

    /// Turns face descriptions on or off.
    pub fn with_descriptions(mut self, on: bool) -> Self {
        self.descriptions = on.then(Unconfigurable::new);
        self
    }

    /// Sets `save_faces`.
    pub fn with_save_faces(mut self, save: bool) -> Self {
        self.save_faces = Some(save);
        self
    }
}
