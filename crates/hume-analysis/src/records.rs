//! Bulk results files: JSON Lines, one [`Record`] per measured file, as `hume measure audio|images
//! FILE... -o results.jsonl` writes them and `hume summary | export | plot` read them.
//!
//! # Format
//!
//! UTF-8, one JSON object per line, each line ending with `\n`:
//!
//! ```text
//! {"file":"clips/a.wav","endpoint":"audio","ok":true,"response":{"request_id":"req_…","run_id":"run_…",…}}
//! {"file":"clips/b.mp3","endpoint":"audio","ok":false,"error":{"message":"cannot upload clips/b.mp3: …","code":"unsupported_media_type"}}
//! ```
//!
//! | key | value |
//! |---|---|
//! | `file` | the file's path as it was given (on the command line) |
//! | `endpoint` | `audio` (an `AudioFileResponse`) or `video` (a `VideoFileResponse`): the API's run endpoint names |
//! | `ok` | `true` when the API answered with a response, `false` otherwise |
//! | `response` | with `ok: true`: the API's response, **the server's bytes** with the whitespace outside strings removed (so it fits on one line; every number and string is as the server wrote it) |
//! | `error` | with `ok: false`: `message` (what went wrong, for people), and when the API answered: `status` (HTTP), `code` (the API's error code) and `request_id` (quote it to support) |
//!
//! Unknown keys are ignored when reading, so the format can grow.
//!
//! # Guarantees of the writer
//! Each record is written with one `write` of the complete line, so a crash leaves either the
//! whole line or, at worst (the process killed inside that one call), a **torn last line**
//! without its `\n`; readers ([`RecordLines`]) report that line as incomplete, and a resumed
//! run drops it and measures its file again. A file has at most one record: a resumed run skips
//! the files recorded `ok` and measures the failed ones again, replacing their records.

use std::io::BufRead;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use hume_models::v1::RunEndpoint;

/// One line of a bulk results file: the outcome of measuring one file.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Record {
    /// The file's path as it was given.
    pub file: String,
    /// The API endpoint: [`RunEndpoint::Audio`] or [`RunEndpoint::Video`].
    pub endpoint: RunEndpoint,
    /// The response or the error.
    pub outcome: Outcome,
}

/// What measuring a file gave.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Outcome {
    /// The API's response (the server's JSON, whitespace outside strings removed).
    Response(Box<RawValue>),
    /// Why there is no response.
    Error(RecordError),
}

/// Why a file has no response.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RecordError {
    /// What went wrong, for people (the whole error chain on one line).
    pub message: String,
    /// The HTTP status, when the API answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// The API's error code (`unsupported_media_type`, ...), when it sent one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// The API's request id, when it sent one (quote it to support).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl RecordError {
    /// An error with this message and nothing else.
    pub fn new(message: impl Into<String>) -> Self {
        RecordError {
            message: message.into(),
            ..RecordError::default()
        }
    }

    /// Sets the HTTP status.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the API's error code.
    pub fn with_code(mut self, code: impl Into<String>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Sets the API's request id.
    pub fn with_request_id(mut self, request_id: impl Into<String>) -> Self {
        self.request_id = Some(request_id.into());
        self
    }
}

/// The record as it is on the line.
#[derive(Serialize, Deserialize)]
struct Wire {
    file: String,
    endpoint: RunEndpoint,
    ok: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    response: Option<Box<RawValue>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    error: Option<RecordError>,
}

/// Why a line is not a record.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum RecordParseError {
    /// The line is not a JSON object of the record's shape.
    #[error("not a results record")]
    Json(#[source] serde_json::Error),
    /// `ok` is true without a `response`, or false without an `error`.
    #[error("a record with \"ok\": {ok} needs {}", if *ok { "a \"response\"" } else { "an \"error\"" })]
    Inconsistent {
        /// The record's `ok`.
        ok: bool,
    },
}

impl Record {
    /// A successful record: `response` is the server's JSON; it is checked to be one JSON
    /// value and the whitespace outside its strings is removed (nothing else changes).
    ///
    /// # Errors
    /// When `response` is not JSON.
    pub fn response(
        file: impl Into<String>,
        endpoint: RunEndpoint,
        response: &[u8],
    ) -> Result<Self, serde_json::Error> {
        let compact = compact_json(response);
        let text = String::from_utf8(compact)
            .map_err(|_| serde::de::Error::custom("the response is not UTF-8"))?;
        Ok(Record {
            file: file.into(),
            endpoint,
            outcome: Outcome::Response(RawValue::from_string(text)?),
        })
    }

    /// A failed record.
    pub fn error(file: impl Into<String>, endpoint: RunEndpoint, error: RecordError) -> Self {
        Record {
            file: file.into(),
            endpoint,
            outcome: Outcome::Error(error),
        }
    }

    /// Did the file get a response?
    pub fn is_ok(&self) -> bool {
        matches!(self.outcome, Outcome::Response(_))
    }

    /// The record as one line, `\n` included.
    pub fn to_line(&self) -> Vec<u8> {
        let (response, error) = match &self.outcome {
            Outcome::Response(r) => (Some(r.clone()), None),
            Outcome::Error(e) => (None, Some(e.clone())),
        };
        let wire = Wire {
            file: self.file.clone(),
            endpoint: self.endpoint.clone(),
            ok: response.is_some(),
            response,
            error,
        };
        // Strings, a raw value already checked, optional numbers: serialising cannot fail.
        let mut line = serde_json::to_vec(&wire).unwrap_or_default();
        line.push(b'\n');
        line
    }

    /// Parses one line (without or with its `\n`).
    ///
    /// # Errors
    /// [`RecordParseError`] when the line is not a record.
    pub fn parse(line: &[u8]) -> Result<Self, RecordParseError> {
        let wire: Wire = serde_json::from_slice(line).map_err(RecordParseError::Json)?;
        let outcome = match (wire.ok, wire.response, wire.error) {
            (true, Some(response), _) => Outcome::Response(response),
            (false, _, Some(error)) => Outcome::Error(error),
            (ok, _, _) => return Err(RecordParseError::Inconsistent { ok }),
        };
        Ok(Record {
            file: wire.file,
            endpoint: wire.endpoint,
            outcome,
        })
    }
}

/// `json` with the whitespace outside strings removed (the bytes of strings, numbers and
/// punctuation are kept as they are).
pub(crate) fn compact_json(json: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for &b in json {
        if in_string {
            out.push(b);
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
        } else if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
            if b == b'"' {
                in_string = true;
            }
            out.push(b);
        }
    }
    out
}

/// One line of a results file, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct RecordLine {
    /// Its line number, from 1.
    pub number: u64,
    /// Its bytes, without the `\n`.
    pub bytes: Vec<u8>,
    /// Did it end with `\n`? Only the last line can be incomplete: a write the process did not
    /// finish (a torn line).
    pub complete: bool,
}

/// The lines of a results file, in order (blank lines skipped).
#[derive(Debug)]
pub struct RecordLines<R> {
    reader: R,
    number: u64,
}

impl<R: BufRead> RecordLines<R> {
    /// Reads lines from `reader`.
    pub fn new(reader: R) -> Self {
        RecordLines { reader, number: 0 }
    }
}

impl<R: BufRead> Iterator for RecordLines<R> {
    type Item = std::io::Result<RecordLine>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            let mut bytes = Vec::new();
            match self.reader.read_until(b'\n', &mut bytes) {
                Ok(0) => return None,
                Ok(_) => {}
                Err(e) => return Some(Err(e)),
            }
            self.number += 1;
            let complete = bytes.last() == Some(&b'\n');
            if complete {
                bytes.pop();
                if bytes.last() == Some(&b'\r') {
                    bytes.pop();
                }
            }
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(Ok(RecordLine {
                number: self.number,
                bytes,
                complete,
            }));
        }
    }
}

#[cfg(test)]
mod tests;
