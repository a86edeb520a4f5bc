//! `POST /v1/expression/audio/file`: one `file` part (WAV or headerless 16 kHz mono s16le) and
//! an optional `config` part (`{measurement_timer_ms}`), answered with every utterance and
//! measurement ([`AudioFileResponse`]).
//!
//! Checks, in order: the body (400 `message_invalid`, 413 `audio_too_long` over 25 MB), the
//! config (400 `config_invalid`), the audio (415 `unsupported_media_type`, 400
//! `audio_decode_failed`; see `hume_models::v1::media`). The audio then runs through the same
//! pipeline as a realtime session (`synth::v1::analyze_file`): voice-activity detection,
//! measurements on the timer / 10 s window / `speech_ended` rules, scores from the bytes.
//! Every request that got past authentication is recorded as a run.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Request, State};
use axum::response::{IntoResponse, Response};
use hume_models::v1::limits::MAX_REQUEST_BYTES;
use hume_models::v1::media::inspect_audio;
use hume_models::v1::{
    AudioConfig, AudioFileConfig, AudioFileReceived, AudioFileResponse, AudioMeasurement,
    AudioRunConfig, MeasurementTrigger, RequestErrorCode, RequestId, RunEndpoint, RunId, Score,
    Utterance,
};

use super::config_part::audio_config;
use super::error::V1Error;
use super::file_run::{Outcome, audio_seconds, file_run};
use super::request_id::{RequestCtx, now};
use super::upload::{UploadRules, read_upload};
use crate::state::AppState;
use crate::synth::v1::{self as synth, AudioAnalysis, MeasurementTimer};
use crate::v1::Caller;

const RULES: UploadRules = UploadRules {
    max_files: Some(1),
    keep_per_file: MAX_REQUEST_BYTES as usize,
    too_large: RequestErrorCode::AudioTooLong,
};

/// The handler.
pub(crate) async fn measure_audio(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<RequestCtx>,
    Extension(caller): Extension<Caller>,
    request: Request,
) -> Response {
    let run_id = state.v1.ids.run_id();
    let mut config = AudioFileConfig::new();
    let mut media_bytes = 0;
    let result = async {
        let upload = read_upload(request, RULES).await.map_err(|failure| {
            media_bytes = failure.media_bytes;
            failure.error
        })?;
        media_bytes = upload.media_bytes();
        config = audio_config(upload.config.as_deref())?;
        let timer = MeasurementTimer::new(config.effective_measurement_timer_ms())
            .ok_or_else(|| V1Error::config_invalid("measurement_timer_ms is out of range"))?;
        let Some(file) = upload.files.into_iter().next() else {
            return Err(V1Error::message_invalid("the request has no `file` part"));
        };
        let input = inspect_audio(&file.data).map_err(|e| V1Error::audio(&e))?;
        let data = file.data;
        // Seconds of CPU for a long file: off the async workers.
        tokio::task::spawn_blocking(move || synth::analyze_file(input.pcm(&data), timer))
            .await
            .map_err(|e| V1Error::internal(format!("the measurement failed: {e}")))
    }
    .await;
    let run_config = AudioRunConfig::new(
        AudioConfig::default(),
        config.effective_measurement_timer_ms(),
    );
    let (response, outcome) = match result {
        Ok(analysis) => {
            let delay = state.config.v1.upload_delay;
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let seconds = audio_seconds(analysis.audio_duration_ms);
            let body = response_body(ctx.request_id.clone(), run_id.clone(), analysis);
            (Json(body).into_response(), Outcome::Measured { seconds })
        }
        Err(error) => (error.into_response_for(&ctx.request_id), Outcome::Refused),
    };
    state.v1.runs.insert(file_run(
        run_id,
        &caller,
        RunEndpoint::Audio,
        run_config.into(),
        ctx.received_at,
        now(),
        media_bytes,
        outcome,
    ));
    response
}

/// The wire response of an analysis.
pub(crate) fn response_body(
    request_id: RequestId,
    run_id: RunId,
    analysis: AudioAnalysis,
) -> AudioFileResponse {
    let utterances = analysis
        .utterances
        .iter()
        .map(|u| Utterance::new(u.utterance_id, u.start_ms, u.end_ms))
        .collect();
    let measurements = analysis
        .measurements
        .into_iter()
        .map(wire_measurement)
        .collect();
    AudioFileResponse::new(
        request_id,
        run_id,
        AudioFileReceived::new(analysis.audio_duration_ms),
        utterances,
        measurements,
    )
}

/// A synthesised measurement as the wire type (the upload's `measurements[]` and a realtime
/// session's `measurement.result`).
pub(crate) fn wire_measurement(m: synth::AudioStreamMeasurement) -> AudioMeasurement {
    let scores = |list: Vec<synth::Score>| -> Vec<Score> {
        list.into_iter()
            .map(|s| Score::new(s.name, s.probability))
            .collect()
    };
    let trigger = MeasurementTrigger::from_wire(m.window.trigger.as_str());
    AudioMeasurement::new(
        m.window.measurement_id,
        m.window.utterance_id,
        m.window.start_ms,
        m.window.end_ms,
        trigger,
        scores(m.scores.expressions),
        scores(m.scores.voice_attributes),
    )
}

#[cfg(test)]
mod tests;
