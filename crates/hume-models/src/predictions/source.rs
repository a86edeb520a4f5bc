//! [`Source`]: the input a group of results came from.

use serde::{Deserialize, Serialize};

/// Where a [`SourceResult`](super::SourceResult) came from; tagged by `type` on the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// A URL from the request (`{"type":"url","url":...}`).
    Url {
        /// The URL.
        #[serde(default)]
        url: String,
    },
    /// An uploaded local file.
    File {
        /// The uploaded file name.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        filename: Option<String>,
        /// The uploaded content type.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        content_type: Option<String>,
        /// Hex MD5 of the file.
        #[serde(default, deserialize_with = "crate::de::null_default")]
        md5sum: String,
    },
    /// The request's raw text items (the definition gives no other fields).
    Text {
        /// The text, if the server ever includes it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
    },
    /// A source type this crate does not know.
    #[serde(other)]
    Unknown,
}

impl Source {
    /// A URL source.
    pub fn url(url: impl Into<String>) -> Self {
        Source::Url { url: url.into() }
    }

    /// An uploaded-file source.
    pub fn file(
        filename: Option<String>,
        content_type: Option<String>,
        md5sum: impl Into<String>,
    ) -> Self {
        Source::File {
            filename,
            content_type,
            md5sum: md5sum.into(),
        }
    }

    /// A raw-text source.
    pub fn text() -> Self {
        Source::Text { text: None }
    }

    /// The wire `type` (`"url"`, `"file"`, `"text"`, or `"unknown"`).
    pub fn kind(&self) -> &'static str {
        match self {
            Source::Url { .. } => "url",
            Source::File { .. } => "file",
            Source::Text { .. } => "text",
            Source::Unknown => "unknown",
        }
    }

    /// A short human label: the URL, the file name (or md5) or `"text"`.
    pub fn label(&self) -> &str {
        match self {
            Source::Url { url } => url,
            Source::File {
                filename, md5sum, ..
            } => filename.as_deref().unwrap_or(md5sum),
            Source::Text { .. } => "text",
            Source::Unknown => "unknown",
        }
    }
}
