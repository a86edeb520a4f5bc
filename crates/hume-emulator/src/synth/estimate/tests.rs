use hume_models::{FaceConfig, JobRequest, Models};

use super::*;
use crate::state::AppState;
use crate::{EmulatorConfig, synth};

fn segments_built(request: &JobRequest) -> u64 {
    let state = AppState::new(EmulatorConfig::default());
    let job = crate::job::Job {
        seq: 0,
        id: hume_models::JobId::new("j"),
        request: crate::echo::with_defaults(request.clone()),
        files: Vec::new(),
        created_ms: 0,
        started_ms: 0,
        ended_ms: 0,
        failure: None,
        counts: std::sync::OnceLock::new(),
    };
    let predictions = synth::predict(&state, &job);
    predictions
        .iter_predictions()
        .map(|(_, p)| {
            let m = &p.models;
            m.face.as_ref().map_or(0, |r| r.prediction_count() as u64)
                + m.facemesh
                    .as_ref()
                    .map_or(0, |r| r.prediction_count() as u64)
                + m.burst.as_ref().map_or(0, |r| r.prediction_count() as u64)
                + m.prosody
                    .as_ref()
                    .map_or(0, |r| r.prediction_count() as u64)
                + m.language
                    .as_ref()
                    .map_or(0, |r| r.prediction_count() as u64)
                + m.ner.as_ref().map_or(0, |r| r.prediction_count() as u64)
        })
        .sum()
}

#[test]
fn the_estimate_bounds_what_is_built() {
    for request in [
        JobRequest::new().with_urls(["https://x.test/a.mp4", "https://x.test/b.wav"]),
        JobRequest::new().with_url("https://x.test/clips.zip"),
        JobRequest::new()
            .with_url("https://x.test/v.mp4")
            .with_models(Models::new().with(FaceConfig::default().with_fps_pred(0.0))),
        JobRequest::new().with_text(["one two three. four five!", "six seven eight nine"]),
        JobRequest::new().with_url("https://x.test/face.jpg"),
    ] {
        let built = segments_built(&request);
        let bound = estimate(&request, &[]);
        assert!(built <= bound, "{request:?}: built {built} > bound {bound}");
        assert!(bound > 0);
    }
}

#[test]
fn text_grows_the_estimate_with_its_words() {
    let small = estimate(&JobRequest::new().with_text_item("a b c"), &[]);
    let large = estimate(
        &JobRequest::new().with_text_item("word ".repeat(10_000)),
        &[],
    );
    assert!(large > 10_000 && small < 100, "{small} {large}");
}
