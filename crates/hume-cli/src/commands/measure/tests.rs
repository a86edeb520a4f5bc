use super::{audio_table, images_table, message, record_error, unique};
use crate::models::v1::{AudioFileResponse, ErrorResponse, VideoFileResponse};

const AUDIO: &str = r#"{"request_id":"req-1","run_id":"run-1","received":{"audio_duration_ms":4000},
 "utterances":[{"utterance_id":0,"audio_start_ms":500,"audio_end_ms":1600},
               {"utterance_id":1,"audio_start_ms":2000,"audio_end_ms":3600}],
 "measurements":[
  {"measurement_id":0,"utterance_id":0,"audio_start_ms":500,"audio_end_ms":1600,"trigger":"speech_ended",
   "expressions":[{"name":"joy","probability":0.8123},{"name":"calmness","probability":0.5},{"name":"awe","probability":0.25}],
   "voice_attributes":[{"name":"husky","probability":0.8}]},
  {"measurement_id":1,"utterance_id":1,"audio_start_ms":2000,"audio_end_ms":3600,"trigger":"speech_ended",
   "expressions":[],"voice_attributes":[]}]}"#;

#[test]
fn the_audio_table_has_a_row_per_measurement_with_its_utterance() {
    let response = AudioFileResponse::from_response(AUDIO.as_bytes()).unwrap();
    let text = audio_table("a.wav", &response, 2);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "a.wav: 2 utterances, 2 measurements in 4.00 s of audio (run run-1)"
    );
    assert!(lines[1].starts_with("utterance  speech (s)  measurement  window (s)"));
    assert!(lines[2].starts_with("0          0.50-1.60   0            0.50-1.60   speech_ended"));
    assert!(
        lines[2].contains("joy 0.8123, calmness 0.5"),
        "{}",
        lines[2]
    );
    assert!(!lines[2].contains("awe"), "top 2 only: {}", lines[2]);
    assert!(lines[2].ends_with("husky 0.8"));
    assert!(lines[3].starts_with("1          2.00-3.60   1"));
    assert_eq!(lines.len(), 4);
}

#[test]
fn silence_says_so() {
    let response = AudioFileResponse::from_response(
        br#"{"request_id":"r","run_id":"run-2","received":{"audio_duration_ms":1000},"utterances":[],"measurements":[]}"#,
    )
    .unwrap();
    assert_eq!(
        audio_table("s.pcm", &response, 3),
        "s.pcm: 0 utterances, 0 measurements in 1.00 s of audio (run run-2)\nno speech\n"
    );
}

#[test]
fn the_images_table_lists_measured_faces_and_counts_the_others() {
    let response = VideoFileResponse::from_response(
        br#"{"request_id":"r","run_id":"run-3","received":{"frames":1},"face_state":"tok",
        "measurements":[{"frame_id":0,"faces":[
          {"face_id":0,"bbox":[10,20,110,140.5],"confidence":0.98,
           "expressions":[{"name":"joy","probability":0.7}],"descriptions":[{"name":"smile","probability":0.6}]},
          {"face_id":null,"bbox":[1,2,3,4],"confidence":0.95,"expressions":null,"descriptions":null}]}]}"#,
    )
    .unwrap();
    let text = images_table("f.jpg", &response, 3);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "f.jpg: 1 image, 2 faces, 1 measured (run run-3)");
    assert!(
        lines[2].starts_with("0      0     0.98        10 20 110 140.5"),
        "{}",
        lines[2]
    );
    assert!(lines[2].contains("joy 0.7") && lines[2].ends_with("smile 0.6"));
    assert_eq!(lines[3], "1 more face found, not measured");
    assert_eq!(lines[4], "face_state: tok");
}

#[test]
fn repeated_files_are_measured_once() {
    let files = ["a", "b", "a", "c", "b"]
        .map(std::path::PathBuf::from)
        .to_vec();
    assert_eq!(
        unique(files),
        ["a", "b", "c"].map(std::path::PathBuf::from).to_vec()
    );
}

#[test]
fn a_failure_record_keeps_the_apis_answer() {
    let error = hume::HumeError::v1_api(
        http::StatusCode::UNSUPPORTED_MEDIA_TYPE,
        ErrorResponse::parse(
            br#"{"type":"error","code":"unsupported_media_type","message":"not wav","request_id":"req-9"}"#,
        ),
    );
    let record = record_error(&error);
    assert_eq!(record.status, Some(415));
    assert_eq!(record.code.as_deref(), Some("unsupported_media_type"));
    assert_eq!(record.request_id.as_deref(), Some("req-9"));
    assert_eq!(record.message, message(&error));
    assert!(record.message.contains("not wav"), "{}", record.message);
}
