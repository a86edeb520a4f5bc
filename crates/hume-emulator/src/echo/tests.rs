use hume_models::{BurstConfig, FaceConfig, ModelType};

use super::*;

#[test]
fn omitted_models_become_all_models_with_defaults() {
    let r = with_defaults(JobRequest::new().with_url("https://x/a.mp4"));
    let models = r.models.as_ref().unwrap();
    assert_eq!(models.model_types().len(), ModelType::ALL.len());
    let face = models.face().unwrap();
    assert_eq!(face.fps_pred, Some(3.0));
    assert_eq!(face.prob_threshold, Some(0.99));
    assert_eq!(face.min_face_size, Some(60));
    assert_eq!(
        models.language().unwrap().granularity,
        Some(Granularity::Word)
    );
    assert_eq!(
        models.prosody().unwrap().granularity,
        Some(Granularity::Utterance)
    );
    assert_eq!(r.notify, Some(false));
}

#[test]
fn given_models_keep_their_values_and_only_those_models_run() {
    let r = with_defaults(
        JobRequest::new().with_url("https://x/a.mp4").with_models(
            Models::new()
                .with(FaceConfig::default().with_fps_pred(1.0))
                .with(BurstConfig::default()),
        ),
    );
    let models = r.models.unwrap();
    assert_eq!(
        models.model_types(),
        vec![ModelType::Face, ModelType::Burst]
    );
    assert_eq!(models.face().unwrap().fps_pred, Some(1.0));
    assert_eq!(models.face().unwrap().identify_faces, Some(false));
}
