//! Audio file responses and configs.

use hume_models::v1::{AudioFileConfig, AudioFileResponse, MeasurementTrigger, Scores};

use crate::fixtures;

#[test]
fn audio_response_fixture_parses_with_every_field() {
    let r = AudioFileResponse::from_response(&fixtures::bytes("audio-file-response.json"))
        .expect("parses");
    assert_eq!(r.request_id, "req_01JAB3K7Q9M2V5X8Z1C4D6F0GH");
    assert_eq!(r.run_id.as_str(), "run_01JAB3K7QA0Y3T6W9B2E5H8KMN");
    assert_eq!(r.received.audio_duration_ms, 14260);
    assert_eq!(r.utterances.len(), 2);
    assert_eq!(r.utterances[1].utterance_id, 1);
    assert_eq!(r.utterances[1].duration_ms(), 13980 - 9410);
    assert_eq!(r.measurements.len(), 5);

    let m = &r.measurements[0];
    assert_eq!(
        (
            m.measurement_id,
            m.utterance_id,
            m.audio_start_ms,
            m.audio_end_ms
        ),
        (0, 0, 98, 3098)
    );
    assert_eq!(m.trigger, MeasurementTrigger::Interval);
    assert_eq!(m.expressions.len(), 3);
    assert_eq!(m.expressions[0].name, "interest");
    assert_eq!(m.expressions[0].probability, 0.7412);
    assert_eq!(m.voice_attributes.probability_of("slow"), Some(0.7301));
    assert_eq!(m.duration_ms(), 3000);

    assert_eq!(r.measurements[2].trigger, MeasurementTrigger::SpeechEnded);
    assert!(r.measurements[3].expressions.is_empty());
    assert_eq!(r.measurements[4].expressions[0].name, "surprise (positive)");

    assert_eq!(r.utterance(1).map(|u| u.audio_start_ms), Some(9410));
    assert!(r.utterance(7).is_none());
    assert_eq!(r.measurements_of(0).count(), 3);
    assert_eq!(
        r.measurements_of(1)
            .map(|m| m.measurement_id)
            .collect::<Vec<_>>(),
        [3, 4]
    );
}

#[test]
fn ties_keep_server_order_in_top() {
    let r = AudioFileResponse::from_response(&fixtures::bytes("audio-file-response.json")).unwrap();
    // amusement and interest tie at 0.6624; the server put amusement first.
    let tied = &r.measurements[1].expressions;
    assert_eq!(tied.top().unwrap().name, "amusement");
    let top2: Vec<&str> = tied.top_n(2).iter().map(|s| s.name.as_str()).collect();
    assert_eq!(top2, ["amusement", "interest"]);
    assert!(r.measurements[3].expressions.top().is_none());
}

#[test]
fn silence_gives_no_utterances() {
    let r = AudioFileResponse::from_response(&fixtures::bytes("audio-file-response-silence.json"))
        .unwrap();
    assert!(r.utterances.is_empty());
    assert!(r.measurements.is_empty());
    assert_eq!(r.received.audio_duration_ms, 5000);
}

#[test]
fn bad_field_reports_its_path_and_an_excerpt() {
    let mut v = fixtures::value("audio-file-response.json");
    v["measurements"][3]["audio_end_ms"] = serde_json::json!("soon");
    let body = serde_json::to_vec(&v).unwrap();
    let err = AudioFileResponse::from_response(&body).unwrap_err();
    assert_eq!(err.target(), "AudioFileResponse");
    assert_eq!(err.path(), "measurements[3].audio_end_ms");
    assert!(body.starts_with(err.excerpt().as_bytes()));
    assert_eq!(
        err.excerpt().len(),
        hume_models::EXCERPT_LIMIT.min(body.len())
    );
    assert!(
        err.to_string().contains("measurements[3].audio_end_ms"),
        "{err}"
    );
}

#[test]
fn missing_required_field_is_an_error_naming_it() {
    let mut v = fixtures::value("audio-file-response.json");
    v["measurements"][0]["expressions"][1]
        .as_object_mut()
        .unwrap()
        .remove("probability");
    let err = AudioFileResponse::from_response(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    assert_eq!(err.path(), "measurements[0].expressions[1]");
    assert!(err.to_string().contains("probability"), "{err}");
}

#[test]
fn truncated_body_is_reported_as_eof() {
    let body = fixtures::bytes("audio-file-response.json");
    let err = AudioFileResponse::from_response(&body[..body.len() / 2]).unwrap_err();
    assert!(err.is_eof());
}

#[test]
fn config_defaults_and_effective_timer() {
    assert_eq!(
        AudioFileConfig::new().effective_measurement_timer_ms(),
        3000
    );
    let c = AudioFileConfig::new().with_measurement_timer_ms(10_000);
    assert_eq!(c.effective_measurement_timer_ms(), 10_000);
    assert_eq!(
        AudioFileConfig::from_json(br#"{"measurement_timer_ms":4500}"#).unwrap(),
        AudioFileConfig::new().with_measurement_timer_ms(4500)
    );
    let err = AudioFileConfig::from_json(br#"{"measurement_timer_ms":-1}"#).unwrap_err();
    assert_eq!(err.path(), "measurement_timer_ms");
}
