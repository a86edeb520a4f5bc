use super::*;

fn face(x: f64, y: f64, w: f64, h: f64, confidence: f64) -> Detection {
    Detection {
        bbox: [x, y, x + w, y + h],
        confidence,
    }
}

fn listed(detections: Vec<Detection>, settings: &FaceSettings) -> Vec<ListedFace> {
    list_faces(7, detections, settings, &mut FaceTracker::new())
}

fn assert_scores(scores: &[Score]) {
    for s in scores {
        assert!(s.probability > FACE_SCORE_CUTOFF, "{s:?}");
        let scaled = s.probability * 10_000.0;
        assert!((scaled - scaled.round()).abs() < 1e-6);
    }
    for pair in scores.windows(2) {
        assert!(
            pair[0].probability > pair[1].probability
                || (pair[0].probability == pair[1].probability && pair[0].name < pair[1].name)
        );
    }
}

#[test]
fn detections_are_deterministic_and_inside_the_image() {
    for (width, height) in [
        (640u32, 480u32),
        (1920, 1080),
        (3840, 2160),
        (17, 900),
        (300, 20),
    ] {
        for seed in 0..20u64 {
            let detections = detect(seed, width, height);
            assert_eq!(detections, detect(seed, width, height));
            for d in &detections {
                let [x0, y0, x1, y1] = d.bbox;
                assert!(0.0 <= x0 && x0 < x1 && x1 <= f64::from(width), "{d:?}");
                assert!(0.0 <= y0 && y0 < y1 && y1 <= f64::from(height), "{d:?}");
                assert!((0.55..1.0).contains(&d.confidence), "{d:?}");
                assert_eq!(d.confidence, round4(d.confidence));
            }
        }
    }
    assert!(detect(1, 15, 4000).is_empty());
}

#[test]
fn scenes_range_from_no_face_to_crowds() {
    let counts: Vec<usize> = (0..200u32)
        .map(|i| detect(0, 320 + i, 240 + i).len())
        .collect();
    assert!(counts.contains(&0));
    assert!(counts.iter().any(|&n| (1..=5).contains(&n)));
    assert!(counts.iter().any(|&n| n > MAX_LISTED_FACES), "{counts:?}");
}

#[test]
fn the_frames_of_one_video_keep_their_faces_and_ids() {
    // A size whose scene has at least two faces the defaults list.
    let settings = FaceSettings::default();
    let (width, height) = (0..500u32)
        .map(|i| (640 + i, 480))
        .find(|&(w, h)| {
            let d = detect(0, w, h);
            let mut t = FaceTracker::new();
            d.len() <= 5 && list_faces(0, d, &settings, &mut t).len() >= 2
        })
        .expect("some size has such a scene");
    let mut tracker = FaceTracker::new();
    let mut ids = Vec::new();
    let mut frames_with_face_0 = 0;
    for frame in 0..12u8 {
        let bytes = [frame; 64];
        let faces = measure_image(&bytes, width, height, &settings, &mut tracker);
        frames_with_face_0 += usize::from(faces.iter().any(|f| f.face_id == Some(0)));
        ids.extend(faces.iter().filter_map(|f| f.face_id));
    }
    ids.sort_unstable();
    ids.dedup();
    // Without tracking, 12 frames with 2 measured faces would use 24 ids; a scene of at
    // most 5 faces uses at most 5.
    assert!(ids.len() <= 5 && ids[0] == 0, "{ids:?}");
    assert!(frames_with_face_0 >= 10, "{frames_with_face_0}");
}

#[test]
fn threshold_and_min_size_drop_faces() {
    let detections = vec![
        face(0.0, 0.0, 100.0, 100.0, 0.95),
        face(200.0, 0.0, 100.0, 100.0, 0.9), // exactly at the threshold: kept
        face(400.0, 0.0, 100.0, 100.0, 0.8999), // below: dropped
        face(600.0, 0.0, 59.0, 200.0, 0.99), // shorter side 59: dropped
        face(800.0, 0.0, 60.0, 60.0, 0.99),  // 60: kept
    ];
    let faces = listed(detections.clone(), &FaceSettings::default());
    let confidences: Vec<f64> = faces.iter().map(|f| f.confidence).collect();
    assert_eq!(confidences, [0.95, 0.9, 0.99]);
    let relaxed = FaceSettings {
        threshold: 0.5,
        min_size: 1,
        ..FaceSettings::default()
    };
    assert_eq!(listed(detections.clone(), &relaxed).len(), 5);
    let strict = FaceSettings {
        threshold: 1.0,
        ..FaceSettings::default()
    };
    assert!(listed(detections, &strict).is_empty());
}

#[test]
fn the_two_largest_are_measured_first_and_the_rest_follow_by_confidence_up_to_32() {
    let detections: Vec<Detection> = (0..40)
        .map(|i| {
            let side = 60.0 + f64::from(i % 7) * 10.0 + f64::from(i) * 0.1;
            face(
                f64::from(i) * 200.0,
                0.0,
                side,
                side,
                0.9 + f64::from((i * 13) % 10) / 1000.0,
            )
        })
        .collect();
    let faces = listed(detections.clone(), &FaceSettings::default());
    assert_eq!(faces.len(), MAX_LISTED_FACES);
    let area = |f: &ListedFace| (f.bbox[2] - f.bbox[0]) * (f.bbox[3] - f.bbox[1]);
    // Measured: the two largest of all 40, largest first, ids 0 and 1, scores present.
    let mut areas: Vec<f64> = detections
        .iter()
        .map(|d| (d.bbox[2] - d.bbox[0]) * (d.bbox[3] - d.bbox[1]))
        .collect();
    areas.sort_by(|a, b| b.total_cmp(a));
    assert_eq!(area(&faces[0]), areas[0]);
    assert_eq!(area(&faces[1]), areas[1]);
    assert_eq!(faces[0].face_id, Some(0));
    assert_eq!(faces[1].face_id, Some(1));
    for f in &faces[..2] {
        assert_scores(f.expressions.as_deref().unwrap());
        assert_scores(f.descriptions.as_deref().unwrap());
    }
    // The rest: no id or scores, most confident first.
    for f in &faces[2..] {
        assert_eq!(
            (f.face_id, &f.expressions, &f.descriptions),
            (None, &None, &None)
        );
    }
    for pair in faces[2..].windows(2) {
        assert!(pair[0].confidence >= pair[1].confidence);
    }
    // Raising the measured count measures more, still at most 32 listed.
    let three = FaceSettings {
        max_measured: 3,
        ..FaceSettings::default()
    };
    let faces = listed(detections, &three);
    assert_eq!(faces.iter().filter(|f| f.face_id.is_some()).count(), 3);
    assert_eq!(faces.len(), MAX_LISTED_FACES);
}

#[test]
fn ids_continue_across_images_through_the_tracker() {
    let mut tracker = FaceTracker::new();
    let first = vec![
        face(0.0, 0.0, 300.0, 300.0, 0.99),
        face(500.0, 0.0, 200.0, 200.0, 0.99),
    ];
    let ids =
        |faces: Vec<ListedFace>| -> Vec<Option<u64>> { faces.iter().map(|f| f.face_id).collect() };
    let settings = FaceSettings::default();
    assert_eq!(
        ids(list_faces(1, first, &settings, &mut tracker)),
        [Some(0), Some(1)]
    );
    // The smaller face moved a little and grew past the other; a new face appears.
    let second = vec![
        face(0.0, 0.0, 300.0, 300.0, 0.99),
        face(480.0, 0.0, 320.0, 320.0, 0.99),
        face(900.0, 0.0, 100.0, 100.0, 0.99),
    ];
    assert_eq!(
        ids(list_faces(2, second, &settings, &mut tracker)),
        [Some(1), Some(0), None]
    );
}

#[test]
fn face_scores_are_cut_rounded_sorted_and_smiles_go_with_joy() {
    let mut smiled = 0;
    for seed in 0..300u64 {
        let (expressions, descriptions) = face_scores(seed, 0);
        assert_eq!(
            (expressions.clone(), descriptions.clone()),
            face_scores(seed, 0)
        );
        assert_scores(&expressions);
        assert_scores(&descriptions);
        assert!(
            !expressions.is_empty(),
            "the leading expression is always present"
        );
        if matches!(expressions[0].name, "joy" | "amusement") && expressions[0].probability > 0.5 {
            assert!(
                descriptions
                    .iter()
                    .any(|d| d.name == "smile" || d.name == "grin")
            );
            smiled += 1;
        }
    }
    assert!(smiled > 0);
}
