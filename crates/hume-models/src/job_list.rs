//! [`JobList`]: the list-jobs response (a bare JSON array).

use std::ops::Deref;

use serde::{Deserialize, Serialize};

use crate::{BatchJobDetails, ParseError, parse_error};

/// The response of `GET /v0/batch/jobs`: a bare array of jobs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JobList(pub Vec<BatchJobDetails>);

impl JobList {
    /// Parses a response body.
    pub fn from_response(body: &[u8]) -> Result<Self, ParseError> {
        parse_error::from_slice("JobList", body)
    }

    /// Parses an already-decoded JSON value.
    pub fn from_value(value: serde_json::Value) -> Result<Self, ParseError> {
        parse_error::from_value("JobList", value)
    }

    /// The jobs.
    pub fn into_vec(self) -> Vec<BatchJobDetails> {
        self.0
    }
}

impl Deref for JobList {
    type Target = [BatchJobDetails];

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl From<Vec<BatchJobDetails>> for JobList {
    fn from(jobs: Vec<BatchJobDetails>) -> Self {
        JobList(jobs)
    }
}

impl IntoIterator for JobList {
    type Item = BatchJobDetails;
    type IntoIter = std::vec::IntoIter<BatchJobDetails>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a JobList {
    type Item = &'a BatchJobDetails;
    type IntoIter = std::slice::Iter<'a, BatchJobDetails>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
