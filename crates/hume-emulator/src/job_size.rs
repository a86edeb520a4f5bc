//! The size checks of a submission: text per job and predictions per job (estimated by
//! [`synth::estimate`](crate::synth::estimate)), against [`Limits`](crate::Limits). Over
//! either, the submission is a 400 and nothing is built.

use hume_models::JobRequest;

use crate::api_response::ApiError;
use crate::job::UploadedFile;
use crate::limits::Limits;
use crate::synth::estimate::estimate;

/// Refuses a job with too much text or too many predictions.
pub(crate) fn check(
    limits: &Limits,
    request: &JobRequest,
    files: &[UploadedFile],
) -> Result<(), ApiError> {
    let text: usize = request
        .text
        .iter()
        .map(String::len)
        .chain(
            files
                .iter()
                .filter_map(|f| f.text.as_ref().map(String::len)),
        )
        .fold(0usize, usize::saturating_add);
    if text > limits.max_text_bytes {
        return Err(ApiError::invalid_field(
            "text",
            format!(
                "{text} bytes of text given, at most {} per job",
                limits.max_text_bytes
            ),
        ));
    }
    let segments = estimate(request, files);
    if segments > limits.max_predictions {
        return Err(ApiError::invalid_field(
            "urls",
            format!(
                "this job would produce up to {segments} predictions, at most {} per job (use \
                 fewer inputs or a lower models.face.fps_pred)",
                limits.max_predictions
            ),
        ));
    }
    Ok(())
}
