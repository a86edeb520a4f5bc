//! The request as the server echoes it: defaults filled in (SPEC §4), and the job details body.
//!
//! Omitted (or empty) `models` means every model; each present model gets its documented defaults
//! (face `fps_pred 3, prob_threshold 0.99, identify_faces false, min_face_size 60,
//! save_faces false`; prosody `granularity "utterance", identify_speakers false`; language
//! `granularity "word", identify_speakers false`; ner `identify_speakers false`); `notify`
//! defaults to `false`. On the wire, unset sub-configs (`facs`, `descriptions`, `sentiment`,
//! `toxicity`, `window`) and an unset `callback_url` appear as explicit `null`, as the real
//! service sends them, and so does every model that does not run: a request naming only
//! `face` is echoed with `"burst": null, "prosody": null, ...` (SPEC §4, the live 2023
//! response). A model sent as `null` is off.

use hume_models::{
    BatchJobDetails, BatchJobState, Granularity, InferenceRequest, JobRequest, ModelType, Models,
};
use serde_json::Value;

use crate::job::Job;

/// `request` with every server default filled in.
pub(crate) fn with_defaults(mut request: JobRequest) -> JobRequest {
    let mut models = request.models.take().unwrap_or_else(Models::all);
    if models.is_empty() && models.other().is_empty() {
        models = Models::all();
    }
    if let Some(mut face) = models.face().cloned() {
        face.fps_pred = face.fps_pred.or(Some(3.0));
        face.prob_threshold = face.prob_threshold.or(Some(0.99));
        face.identify_faces = face.identify_faces.or(Some(false));
        face.min_face_size = face.min_face_size.or(Some(60));
        face.save_faces = face.save_faces.or(Some(false));
        models.insert(face);
    }
    if let Some(mut prosody) = models.prosody().cloned() {
        prosody.granularity = prosody.granularity.or(Some(Granularity::Utterance));
        prosody.identify_speakers = prosody.identify_speakers.or(Some(false));
        models.insert(prosody);
    }
    if let Some(mut language) = models.language().cloned() {
        language.granularity = language.granularity.or(Some(Granularity::Word));
        language.identify_speakers = language.identify_speakers.or(Some(false));
        models.insert(language);
    }
    if let Some(mut ner) = models.ner().cloned() {
        ner.identify_speakers = ner.identify_speakers.or(Some(false));
        models.insert(ner);
    }
    request.models = Some(models);
    request.notify = request.notify.or(Some(false));
    request
}

/// The details body of `job` at `state`, as JSON with the explicit nulls of the real service.
pub(crate) fn details_json(job: &Job, state: BatchJobState) -> Value {
    let details = BatchJobDetails::new(
        job.id.clone(),
        InferenceRequest::from_job_request(job.request.clone(), job.file_infos()),
        state,
    )
    .with_job_type("INFERENCE");
    let mut value = serde_json::to_value(&details).unwrap_or(Value::Null);
    if let Some(request) = value.get_mut("request").and_then(Value::as_object_mut) {
        request.entry("callback_url").or_insert(Value::Null);
        request
            .entry("files")
            .or_insert_with(|| Value::Array(Vec::new()));
        request
            .entry("text")
            .or_insert_with(|| Value::Array(Vec::new()));
        request
            .entry("urls")
            .or_insert_with(|| Value::Array(Vec::new()));
        if let Some(models) = request.get_mut("models").and_then(Value::as_object_mut) {
            // A model that does not run is echoed as `null`, as the live 2023 service did
            // (SPEC §4; fixture details-completed-live-2023.json).
            for model in ModelType::ALL {
                models.entry(model.as_str()).or_insert(Value::Null);
            }
            for (model, keys) in [
                ("face", &["facs", "descriptions"][..]),
                ("language", &["sentiment", "toxicity"][..]),
                ("prosody", &["window"][..]),
            ] {
                if let Some(config) = models.get_mut(model).and_then(Value::as_object_mut) {
                    for key in keys {
                        config.entry(*key).or_insert(Value::Null);
                    }
                }
            }
        }
    }
    value
}

#[cfg(test)]
mod tests;
