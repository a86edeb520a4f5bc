//! [`FileInfo`]: an uploaded local file as echoed in job details.

use serde::{Deserialize, Serialize};

/// One uploaded local file, as listed in a job's echoed request (`request.files[]`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
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

impl FileInfo {
    /// A file with this hex MD5 and no name or content type.
    pub fn new(md5sum: impl Into<String>) -> Self {
        FileInfo {
            filename: None,
            content_type: None,
            md5sum: md5sum.into(),
        }
    }
}

with_setters!(FileInfo {
    with_filename => Some(filename): String,
    with_content_type => Some(content_type): String,
});
