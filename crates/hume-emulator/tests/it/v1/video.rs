//! `POST /v1/expression/video/file`: faces, `face_id`s across images and requests, `face_state`,
//! runs and every refusal.

use std::collections::BTreeSet;

use hume_emulator::{EmulatorConfig, V1Config};
use hume_models::v1::limits::MAX_IMAGE_BYTES;
use hume_models::v1::{Run, RunStatus, VideoFileResponse};

use super::client::{V1, assert_error, emulator, ok_json, request_id, start};
use super::media::{big_jpeg, jpeg};

async fn measure(client: &V1, images: &[&[u8]], config: Option<&str>) -> VideoFileResponse {
    let reply = client.images(images, config).await;
    let response = VideoFileResponse::from_value(ok_json(&reply)).expect("the response parses");
    assert_eq!(response.request_id.as_str(), request_id(&reply));
    response
}

fn measured_ids(response: &VideoFileResponse) -> Vec<Vec<u64>> {
    response
        .measurements
        .iter()
        .map(|m| m.measured_faces().filter_map(|f| f.face_id).collect())
        .collect()
}

/// A width (height 480) whose scene has at least one measured face with the defaults.
async fn scene_with_faces(client: &V1) -> u16 {
    for width in (320..1920).step_by(16) {
        let image = jpeg(width, 480, 0);
        let response = measure(client, &[&image], None).await;
        if response.measurements[0].measured_faces().count() >= 1 {
            return width;
        }
    }
    panic!("no scene with faces");
}

#[tokio::test]
async fn several_images_keep_their_faces_ids_and_order() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let width = scene_with_faces(&client).await;
    let frames: Vec<Vec<u8>> = (0..5).map(|seed| jpeg(width, 480, seed)).collect();
    let refs: Vec<&[u8]> = frames.iter().map(Vec::as_slice).collect();
    let response = measure(&client, &refs, None).await;
    assert_eq!(response.received.frames, 5);
    assert_eq!(response.face_state, None);
    for (i, frame) in response.measurements.iter().enumerate() {
        assert_eq!(frame.frame_id, i as u64);
        let measured = frame.measured_faces().count();
        assert!(measured <= 2 && frame.faces.len() <= 32);
        assert!(
            frame.faces[measured..]
                .iter()
                .all(|f| f.face_id.is_none() && f.expressions.is_none())
        );
        for face in &frame.faces {
            assert!(face.confidence >= 0.9 && face.bbox.shorter_side() >= 60.0);
            assert!(face.bbox.x1 <= f64::from(width) && face.bbox.y1 <= 480.0);
        }
        for pair in frame.faces[..measured].windows(2) {
            assert!(pair[0].bbox.area() >= pair[1].bbox.area(), "largest first");
        }
    }
    let ids: BTreeSet<u64> = measured_ids(&response).into_iter().flatten().collect();
    assert!(
        ids.contains(&0) && ids.len() <= 3,
        "one scene keeps its ids: {ids:?}"
    );
    // Settings are honoured: a threshold of 1 lists nothing, a loose one at least as much.
    let none = measure(&client, &refs, Some(r#"{"face": {"threshold": 1.0}}"#)).await;
    assert!(none.measurements.iter().all(|m| m.faces.is_empty()));
    let loose = measure(
        &client,
        &refs,
        Some(r#"{"face": {"threshold": 0.0, "min_size": 1}}"#),
    )
    .await;
    for (a, b) in loose.measurements.iter().zip(&response.measurements) {
        assert!(a.faces.len() >= b.faces.len());
    }
    // The run.
    let run = Run::from_value(ok_json(
        &client
            .get(&format!("/v1/expression/run/{}", response.run_id))
            .await,
    ))
    .unwrap();
    assert_eq!(run.status, RunStatus::Ended);
    assert_eq!(run.endpoint.as_str(), "video");
    assert_eq!(
        run.metered_seconds, 10.0,
        "5 images are 5/3 s, billed as 10"
    );
    assert_eq!(
        run.bytes_received,
        Some(frames.iter().map(|f| f.len() as u64).sum())
    );
    let config = run.config.as_video().expect("a video run config");
    assert_eq!((config.face.threshold, config.face.min_size), (0.9, 60));
    assert_eq!(config.image.media_type.as_str(), "image/jpeg");
    let loose_run = Run::from_value(ok_json(
        &client
            .get(&format!("/v1/expression/run/{}", loose.run_id))
            .await,
    ))
    .unwrap();
    let face = &loose_run.config.as_video().unwrap().face;
    assert_eq!((face.threshold, face.min_size), (0.0, 1));
}

#[tokio::test]
async fn face_state_continues_numbering_and_unusable_tokens_restart_it() {
    let emulator = start(EmulatorConfig::default().with_any_api_key()).await;
    let client = V1::new(&emulator);
    let width = scene_with_faces(&client).await;
    let scene_a = jpeg(width, 480, 1);
    let scene_b = jpeg(width + 200, 600, 3);
    let first = measure(
        &client,
        &[&scene_a],
        Some(r#"{"face": {"return_face_state": true}}"#),
    )
    .await;
    let token = first
        .face_state
        .clone()
        .expect("a face_state")
        .into_string();
    let first_max = measured_ids(&first)[0].iter().copied().max().unwrap();
    let fresh = measure(&client, &[&scene_b], None).await;
    let with = |token: &str| {
        format!(
            r#"{{"face_state": {}, "face": {{"return_face_state": true}}}}"#,
            serde_json::json!(token)
        )
    };
    let continued = measure(&client, &[&scene_b], Some(&with(&token))).await;
    let continued_ids = &measured_ids(&continued)[0];
    if !measured_ids(&fresh)[0].is_empty() {
        assert_eq!(measured_ids(&fresh)[0][0], 0);
        assert!(
            continued_ids.iter().all(|id| *id > first_max),
            "{continued_ids:?} after {first_max}"
        );
    }
    assert!(
        continued.face_state.is_some(),
        "a new token for the next request"
    );
    // Tampered, another key's, junk: ignored (no error), numbering restarts.
    let mut tampered = token.clone();
    let last = tampered.pop().unwrap();
    tampered.push(if last == 'A' { 'B' } else { 'A' });
    for bad in [tampered.as_str(), "", "not-a-token"] {
        let restarted = measure(&client, &[&scene_b], Some(&with(bad))).await;
        assert_eq!(restarted.measurements, fresh.measurements, "{bad}");
    }
    let other_key = client.clone().with_key(Some("another-key"));
    let foreign = measure(&other_key, &[&scene_b], Some(&with(&token))).await;
    assert_eq!(foreign.measurements, fresh.measurements);
}

#[tokio::test]
async fn a_configured_secret_makes_tokens_outlive_the_emulator() {
    let secret = V1Config::default().with_face_state_secret("shared-secret");
    let a = start(EmulatorConfig::default().with_v1(secret.clone())).await;
    let client_a = V1::new(&a);
    let width = scene_with_faces(&client_a).await;
    let scene = jpeg(width, 480, 1);
    let other_scene = jpeg(width + 200, 600, 3);
    let first = measure(
        &client_a,
        &[&scene],
        Some(r#"{"face": {"return_face_state": true}}"#),
    )
    .await;
    let token = first.face_state.unwrap();
    let config = format!(r#"{{"face_state": {}}}"#, serde_json::json!(token.as_str()));
    let b = start(EmulatorConfig::default().with_v1(secret)).await;
    let on_b = measure(&V1::new(&b), &[&other_scene], Some(&config)).await;
    let c = start(EmulatorConfig::default()).await;
    let on_c = measure(&V1::new(&c), &[&other_scene], Some(&config)).await;
    let fresh = measure(&V1::new(&c), &[&other_scene], None).await;
    assert_eq!(
        on_c.measurements, fresh.measurements,
        "another secret ignores the token"
    );
    if !measured_ids(&fresh)[0].is_empty() {
        assert_ne!(
            on_b.measurements, fresh.measurements,
            "the same secret continues numbering"
        );
    }
}

#[tokio::test]
async fn one_bad_image_fails_the_whole_request() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let good = jpeg(640, 480, 0);
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    let mut truncated = jpeg(640, 480, 1);
    truncated.truncate(truncated.len() - 10);
    let huge_pixels = jpeg(3841, 2160, 0);
    let too_big = big_jpeg(MAX_IMAGE_BYTES as usize + 1);
    let cases: Vec<(Vec<&[u8]>, u16, &str, &str)> = vec![
        (vec![&good, &png], 415, "unsupported_media_type", "image 1"),
        (
            vec![&good, &good, &truncated],
            400,
            "image_decode_failed",
            "image 2",
        ),
        (vec![&huge_pixels], 413, "image_too_large", "3841x2160"),
        (vec![&good, &too_big], 413, "image_too_large", "image 1"),
        (
            vec![&png, &too_big],
            415,
            "unsupported_media_type",
            "image 0",
        ),
    ];
    for (images, status, code, needle) in cases {
        let body = assert_error(&client.images(&images, None).await, status, code);
        assert!(body["message"].as_str().unwrap().contains(needle), "{body}");
        assert!(body.get("measurements").is_none());
    }
    let body = assert_error(
        &client
            .images(&[&good], Some(r#"{"face": {"threshold": 2}}"#))
            .await,
        400,
        "config_invalid",
    );
    assert!(
        body["message"].as_str().unwrap().contains("face.threshold"),
        "{body}"
    );
    assert_error(
        &client
            .images(&[&good], Some(r#"{"face": {"min_size": 0}}"#))
            .await,
        400,
        "config_invalid",
    );
    assert_error(
        &client.images(&[&good], Some(r#"{"faces": {}}"#)).await,
        400,
        "config_invalid",
    );
    assert_error(
        &client.images(&[], Some("{}")).await,
        400,
        "message_invalid",
    );
    let errored = ok_json(
        &client
            .get("/v1/expression/run?status=errored&endpoint=video")
            .await,
    );
    assert_eq!(errored["runs"].as_array().unwrap().len(), 9);
    assert!(
        errored["runs"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["metered_seconds"] == 0.0)
    );
}

#[tokio::test]
async fn many_images_are_billed_a_third_of_a_second_each() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let frames: Vec<Vec<u8>> = (0..33).map(|seed| jpeg(320, 240, seed)).collect();
    let refs: Vec<&[u8]> = frames.iter().map(Vec::as_slice).collect();
    let response = measure(&client, &refs, None).await;
    assert_eq!(response.measurements.len(), 33);
    let run = Run::from_value(ok_json(
        &client
            .get(&format!("/v1/expression/run/{}", response.run_id))
            .await,
    ))
    .unwrap();
    assert!(
        (run.metered_seconds - 11.0).abs() < 1e-9,
        "{}",
        run.metered_seconds
    );
}
