//! [`FileInfo`]: an uploaded local file as echoed in job details.

use serde::{Deserialize, Serialize};

/// One uploaded local file, as listed in a job's echoed request (`request.files[]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileInfo {
    /// The file name given in the upload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filename: Option<String>,
    /// The content type given in the upload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_type: Option<String>,
    /// Hex MD5 of the file's bytes.
    #[serde(default, deserialize_with = "crate::de::null_default")]
    pub md5sum: String,
}
