use hume_models::v1::VideoFileFaceConfig;

use super::*;
use crate::routes::v1::test_media::jpeg;

const AUDIENCE: &[u8] = b"audience-of-test-key";

fn clock(second: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + second).unwrap()
}

fn part(data: Vec<u8>) -> FilePart {
    FilePart {
        filename: Some("x.jpg".to_owned()),
        content_type: Some("image/jpeg".to_owned()),
        len: data.len() as u64,
        data,
    }
}

fn checked(width: u16, height: u16, seed: u8) -> CheckedImage {
    check_images(vec![part(jpeg(width, height, seed))])
        .unwrap()
        .remove(0)
}

/// An image size whose scene has at least `faces` measured faces with the default settings.
fn size_with_measured_faces(faces: usize) -> (u16, u16) {
    let key = FaceStateKey::new(b"k");
    for width in (320..1920).step_by(16) {
        let image = checked(width, 480, 0);
        let measured = measure(&[image], &VideoFileConfig::new(), &key, AUDIENCE, clock(0));
        if measured.frames[0].measured_faces().count() >= faces {
            return (width, 480);
        }
    }
    panic!("no scene with {faces} measured faces");
}

#[test]
fn images_are_checked_in_order_and_the_first_bad_one_decides() {
    let ok = check_images(vec![part(jpeg(640, 480, 1)), part(jpeg(32, 16, 2))]).unwrap();
    assert_eq!((ok[0].info.width, ok[0].info.height), (640, 480));
    assert_eq!((ok[1].info.width, ok[1].info.height), (32, 16));
    // Bytes after the end-of-image marker are not part of the image.
    let mut trailing = jpeg(64, 64, 0);
    let clean_len = trailing.len();
    trailing.extend_from_slice(b"junk");
    assert_eq!(
        check_images(vec![part(trailing)]).unwrap()[0].bytes.len(),
        clean_len
    );

    let status = |files: Vec<FilePart>| {
        let e = check_images(files).unwrap_err();
        (e.status.as_u16(), e.code.as_str().to_owned(), e.message)
    };
    let png = b"\x89PNG\r\n\x1a\n0000".to_vec();
    let (code, name, message) = status(vec![part(jpeg(64, 64, 0)), part(png.clone())]);
    assert_eq!((code, name.as_str()), (415, "unsupported_media_type"));
    assert!(
        message.starts_with("image 1 (\"x.jpg\")") && message.contains("png"),
        "{message}"
    );
    // A bad image first wins over a later one of another kind.
    let mut truncated = jpeg(64, 64, 0);
    truncated.truncate(truncated.len() - 2);
    let (code, name, _) = status(vec![part(truncated.clone()), part(png)]);
    assert_eq!((code, name.as_str()), (400, "image_decode_failed"));
    let (code, name, message) = status(vec![part(jpeg(4000, 3000, 0))]);
    assert_eq!((code, name.as_str()), (413, "image_too_large"));
    assert!(message.contains("4000x3000"), "{message}");
    // An image cut at the byte limit: too large when it is a JPEG, not a JPEG otherwise.
    let cut = |data: Vec<u8>| FilePart {
        len: MAX_IMAGE_BYTES + 10,
        ..part(data)
    };
    let (code, _, message) = status(vec![cut(jpeg(64, 64, 0))]);
    assert_eq!(code, 413);
    assert!(
        message.contains(&(MAX_IMAGE_BYTES + 10).to_string()),
        "{message}"
    );
    let (code, _, _) = status(vec![cut(b"GIF89a....".to_vec())]);
    assert_eq!(code, 415);
}

#[test]
fn faces_follow_the_settings_and_ids_stay_stable_across_images() {
    let (w, h) = size_with_measured_faces(1);
    let key = FaceStateKey::new(b"k");
    let images: Vec<CheckedImage> = (0..4).map(|seed| checked(w, h, seed)).collect();
    let measured = measure(&images, &VideoFileConfig::new(), &key, AUDIENCE, clock(0));
    assert_eq!(measured.frames.len(), 4);
    assert_eq!(measured.face_state, None, "only with return_face_state");
    assert_eq!(measured.ignored, None);
    for (i, frame) in measured.frames.iter().enumerate() {
        assert_eq!(frame.frame_id, i as u64);
        assert!(frame.faces.len() <= 32);
        let measured_count = frame.measured_faces().count();
        assert!(measured_count <= 2);
        // Measured faces first, with scores; then the others, without.
        assert!(
            frame.faces[..measured_count]
                .iter()
                .all(|f| f.expressions.is_some())
        );
        assert!(
            frame.faces[measured_count..]
                .iter()
                .all(|f| !f.is_measured())
        );
        for face in &frame.faces {
            assert!(face.confidence >= 0.9);
            assert!(face.bbox.shorter_side() >= 60.0);
            assert!(face.bbox.x0 >= 0.0 && face.bbox.x1 <= f64::from(w));
            assert!(face.bbox.y0 >= 0.0 && face.bbox.y1 <= f64::from(h));
            for s in face
                .expression_scores()
                .iter()
                .chain(face.description_scores())
            {
                assert!(s.probability > 0.1);
            }
        }
    }
    // The same scene in every image: its faces keep their ids.
    let ids: Vec<Vec<u64>> = measured
        .frames
        .iter()
        .map(|f| f.measured_faces().filter_map(|f| f.face_id).collect())
        .collect();
    let all: std::collections::BTreeSet<u64> = ids.iter().flatten().copied().collect();
    assert!(all.len() <= 3, "{ids:?}");
    assert!(all.contains(&0));
    // Deterministic.
    assert_eq!(
        measure(&images, &VideoFileConfig::new(), &key, AUDIENCE, clock(0)),
        measured
    );
    // A lower threshold and size never list fewer faces.
    let loose = VideoFileConfig::new().with_threshold(0.0).with_min_size(1);
    let more = measure(&images, &loose, &key, AUDIENCE, clock(0));
    for (a, b) in more.frames.iter().zip(&measured.frames) {
        assert!(a.faces.len() >= b.faces.len());
    }
    // A threshold above every confidence lists none.
    let none = measure(
        &images,
        &VideoFileConfig::new().with_threshold(1.0),
        &key,
        AUDIENCE,
        clock(0),
    );
    assert!(none.frames.iter().all(|f| f.faces.is_empty()));
}

#[test]
fn face_state_continues_numbering_unless_it_cannot_be_used() {
    let (w, h) = size_with_measured_faces(1);
    let key = FaceStateKey::new(b"k");
    let first_images = [checked(w, h, 1)];
    let with_state =
        VideoFileConfig::new().with_face(VideoFileFaceConfig::new().with_return_face_state(true));
    let first = measure(&first_images, &with_state, &key, AUDIENCE, clock(0));
    let token = first.face_state.clone().expect("a token");
    // Another scene (another size) in the next request: new faces get ids after the first's.
    let (w2, h2) = (w + 200, h + 120);
    let other = [checked(w2, h2, 7)];
    let fresh = measure(&other, &VideoFileConfig::new(), &key, AUDIENCE, clock(10));
    let continued_config = VideoFileConfig::new().with_face_state(token.clone());
    let continued = measure(&other, &continued_config, &key, AUDIENCE, clock(10));
    assert_eq!(continued.ignored, None);
    let first_max = first.frames[0]
        .measured_faces()
        .filter_map(|f| f.face_id)
        .max()
        .unwrap();
    let fresh_ids: Vec<u64> = fresh.frames[0]
        .measured_faces()
        .filter_map(|f| f.face_id)
        .collect();
    let continued_ids: Vec<u64> = continued.frames[0]
        .measured_faces()
        .filter_map(|f| f.face_id)
        .collect();
    if !fresh_ids.is_empty() {
        assert_eq!(fresh_ids[0], 0, "a request without state numbers from 0");
        assert!(
            continued_ids.iter().all(|id| *id > first_max),
            "{continued_ids:?} after {first_max}"
        );
    }
    // The same scene again with the token: the faces keep the ids the first request gave them.
    let again = measure(
        &[checked(w, h, 2)],
        &continued_config,
        &key,
        AUDIENCE,
        clock(20),
    );
    let again_ids: Vec<u64> = again.frames[0]
        .measured_faces()
        .filter_map(|f| f.face_id)
        .collect();
    let first_ids: Vec<u64> = first.frames[0]
        .measured_faces()
        .filter_map(|f| f.face_id)
        .collect();
    assert!(
        again_ids.iter().all(|id| first_ids.contains(id)),
        "{again_ids:?} vs {first_ids:?}"
    );

    // Unusable tokens are ignored: numbering restarts as if none was sent.
    let expired = measure(
        &other,
        &continued_config,
        &key,
        AUDIENCE,
        clock(24 * 3600 + 1),
    );
    assert_eq!(expired.ignored, Some(IgnoredReason::Expired));
    assert_eq!(expired.frames, fresh.frames);
    let foreign = measure(&other, &continued_config, &key, b"someone-else", clock(10));
    assert_eq!(foreign.ignored, Some(IgnoredReason::BadSignature));
    assert_eq!(foreign.frames, fresh.frames);
    let mut altered = token.as_str().to_owned();
    let last = altered.pop().unwrap();
    altered.push(if last == 'A' { 'B' } else { 'A' });
    let tampered = measure(
        &other,
        &VideoFileConfig::new().with_face_state(FaceState::new(altered)),
        &key,
        AUDIENCE,
        clock(10),
    );
    assert!(tampered.ignored.is_some());
    assert_eq!(tampered.frames, fresh.frames);
    let empty = measure(
        &other,
        &VideoFileConfig::new().with_face_state(FaceState::new("")),
        &key,
        AUDIENCE,
        clock(10),
    );
    assert_eq!(empty.ignored, Some(IgnoredReason::Malformed));
    // Another emulator's key does not accept it either.
    let elsewhere = measure(
        &other,
        &continued_config,
        &FaceStateKey::new(b"other"),
        AUDIENCE,
        clock(10),
    );
    assert_eq!(elsewhere.ignored, Some(IgnoredReason::BadSignature));
}

#[test]
fn settings_default_as_documented() {
    let s = face_settings(&VideoFileConfig::new());
    assert_eq!((s.threshold, s.min_size, s.max_measured), (0.9, 60, 2));
    let s = face_settings(&VideoFileConfig::new().with_threshold(0.25).with_min_size(5));
    assert_eq!((s.threshold, s.min_size), (0.25, 5));
}
