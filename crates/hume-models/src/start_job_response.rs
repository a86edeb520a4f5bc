//! [`StartJobResponse`]: the reply to starting a job.

use serde::{Deserialize, Serialize};

use crate::{JobId, ParseError, parse_error};

/// The body of a successful `POST /v0/batch/jobs`: `{"job_id": "..."}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct StartJobResponse {
    /// The new job's id.
    pub job_id: JobId,
}

impl StartJobResponse {
    /// The response announcing `job_id`.
    pub fn new(job_id: impl Into<JobId>) -> Self {
        StartJobResponse {
            job_id: job_id.into(),
        }
    }

    /// Parses a response body (a body without `job_id` is an error).
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("StartJobResponse", body)
    }
}
