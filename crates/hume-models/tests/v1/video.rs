//! Image (video file) responses and configs, faces, boxes.

use hume_models::v1::{BoundingBox, Face, FaceState, Scores, VideoFileConfig, VideoFileResponse};

use crate::fixtures;

#[test]
fn video_response_fixture_parses_with_every_field() {
    let r = VideoFileResponse::from_response(&fixtures::bytes("video-file-response.json"))
        .expect("parses");
    assert_eq!(r.request_id, "req_01JAB4V1D30IMG0000000000AA");
    assert_eq!(r.received.frames, 3);
    assert_eq!(r.measurements.len(), 3);
    assert_eq!(
        r.face_state.as_ref().map(FaceState::as_str),
        Some("fs1.eyJvcmciOiJvcmdfMSIsIm4iOjJ9.c2lnbmF0dXJl")
    );

    let frame = &r.measurements[0];
    assert_eq!(frame.frame_id, 0);
    assert_eq!(frame.faces.len(), 3);
    let face = &frame.faces[0];
    assert_eq!(face.face_id, Some(0));
    assert_eq!(face.bbox, BoundingBox::new(412.5, 188.0, 611.25, 420.75));
    assert_eq!(face.confidence, 0.9987);
    assert_eq!(face.expression_scores().top().unwrap().name, "amusement");
    assert_eq!(
        face.description_scores().probability_of("smile"),
        Some(0.9512)
    );
    assert!(face.is_measured());

    // Integer coordinates are accepted.
    assert_eq!(frame.faces[1].bbox.to_array(), [80.0, 240.0, 190.0, 372.0]);
    assert_eq!(frame.faces[1].expressions.as_deref(), Some(&[][..]));

    let unmeasured = &frame.faces[2];
    assert_eq!(unmeasured.face_id, None);
    assert!(unmeasured.expressions.is_none() && unmeasured.descriptions.is_none());
    assert!(!unmeasured.is_measured());
    assert!(unmeasured.expression_scores().is_empty());
    assert_eq!(frame.measured_faces().count(), 2);

    assert!(r.measurements[1].faces.is_empty());
    let ids: Vec<(u64, Option<u64>)> = r.faces().map(|(f, face)| (f, face.face_id)).collect();
    assert_eq!(ids, [(0, Some(0)), (0, Some(1)), (0, None), (2, Some(1))]);
}

#[test]
fn response_without_face_state_has_none() {
    let r = VideoFileResponse::from_response(&fixtures::bytes("video-file-response-no-state.json"))
        .unwrap();
    assert!(r.face_state.is_none());
    let json = serde_json::to_value(&r).unwrap();
    assert!(json.get("face_state").is_none(), "absent, not null: {json}");
}

#[test]
fn unmeasured_faces_serialise_their_nulls() {
    // The server lists unmeasured faces with explicit nulls; so does the emulator.
    let face = Face::unmeasured(BoundingBox::new(1.0, 2.0, 3.0, 4.0), 0.95);
    assert_eq!(
        serde_json::to_value(&face).unwrap(),
        serde_json::json!({"face_id": null, "bbox": [1.0, 2.0, 3.0, 4.0], "confidence": 0.95,
                           "expressions": null, "descriptions": null})
    );
}

#[test]
fn bounding_box_geometry_and_shape() {
    let b = BoundingBox::new(10.0, 20.0, 70.0, 120.0);
    assert_eq!((b.width(), b.height()), (60.0, 100.0));
    assert_eq!(b.shorter_side(), 60.0);
    assert_eq!(b.area(), 6000.0);
    assert_eq!(BoundingBox::from([1.0, 2.0, 3.0, 4.0]).y1, 4.0);
    for bad in [
        "[1, 2, 3]",
        "[1, 2, 3, 4, 5]",
        "{\"x0\": 1}",
        "[1, 2, \"3\", 4]",
    ] {
        assert!(
            serde_json::from_str::<BoundingBox>(bad).is_err(),
            "{bad} should not parse"
        );
    }
}

#[test]
fn bad_bbox_reports_its_path() {
    let mut v = fixtures::value("video-file-response.json");
    v["measurements"][2]["faces"][0]["bbox"] = serde_json::json!([1, 2, 3]);
    let err = VideoFileResponse::from_response(&serde_json::to_vec(&v).unwrap()).unwrap_err();
    assert_eq!(err.path(), "measurements[2].faces[0].bbox");
}

#[test]
fn face_state_is_carried_from_a_response_to_the_next_config() {
    let r = VideoFileResponse::from_response(&fixtures::bytes("video-file-response.json")).unwrap();
    let next = VideoFileConfig::new()
        .with_return_face_state(true)
        .with_face_state(r.face_state.clone());
    assert_eq!(next.face_state, r.face_state);
    let json = serde_json::to_value(&next).unwrap();
    assert_eq!(
        json["face_state"],
        "fs1.eyJvcmciOiJvcmdfMSIsIm4iOjJ9.c2lnbmF0dXJl"
    );
    assert_eq!(json["face"]["return_face_state"], true);
    // Clearing it again.
    assert!(next.with_face_state(None).face_state.is_none());
}
