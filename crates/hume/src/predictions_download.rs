//! Telling a predictions body from an error body before streaming it to a file.
//!
//! Predictions are a JSON array; an error sent with a 2xx status (`{"message":"job not
//! found"}`, an Apigee fault) is an object. The clients look at the first bytes: an array is
//! streamed to disk as is; anything else is read (up to
//! [`ERROR_BODY_LIMIT`](hume_core::ERROR_BODY_LIMIT)) and decoded, which yields the error.

/// How many leading bytes may be looked at before deciding.
pub(crate) const PEEK_LIMIT: usize = 4096;

/// What the start of a 2xx predictions body says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prefix {
    /// Only whitespace so far: read more.
    Undecided,
    /// A JSON array: the predictions.
    Predictions,
    /// Anything else: an error body (or garbage).
    NotPredictions,
}

/// Classifies the bytes read so far.
pub(crate) fn classify(prefix: &[u8]) -> Prefix {
    match prefix.iter().find(|b| !b.is_ascii_whitespace()) {
        None if prefix.len() < PEEK_LIMIT => Prefix::Undecided,
        None => Prefix::NotPredictions,
        Some(b'[') => Prefix::Predictions,
        Some(_) => Prefix::NotPredictions,
    }
}

/// The error for a 2xx body that is not predictions, via the endpoint's decoder.
pub(crate) fn not_predictions(
    ctx: &hume_core::ClientContext,
    job_id: &hume_models::JobId,
    status: http::StatusCode,
    headers: &http::HeaderMap,
    body: &[u8],
) -> hume_core::HumeError {
    match hume_core::endpoints::predictions::decode(ctx, job_id, status, headers, body) {
        Err(err) => err,
        // Unreachable for a non-array body; keep a sensible error anyway.
        Ok(_) => hume_core::HumeError::Decode {
            what: "predictions",
            status,
            message: "expected a json array".into(),
            excerpt: ctx.excerpt(body),
        },
    }
}

#[cfg(test)]
mod tests;
