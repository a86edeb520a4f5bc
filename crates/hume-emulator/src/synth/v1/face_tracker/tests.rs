use super::*;

fn square(x: f64, y: f64, side: f64) -> BBox {
    [x, y, x + side, y + side]
}

#[test]
fn overlap_is_intersection_over_union() {
    let a = square(0.0, 0.0, 10.0);
    assert_eq!(iou(&a, &a), 1.0);
    assert_eq!(iou(&a, &square(20.0, 0.0, 10.0)), 0.0);
    assert!((iou(&a, &square(5.0, 0.0, 10.0)) - 50.0 / 150.0).abs() < 1e-12);
    assert_eq!(iou(&[0.0, 0.0, 0.0, 0.0], &[0.0, 0.0, 0.0, 0.0]), 0.0);
}

#[test]
fn ids_start_at_zero_largest_first_and_follow_faces_that_move_a_little() {
    let mut tracker = FaceTracker::new();
    let big = square(100.0, 100.0, 200.0);
    let small = square(400.0, 100.0, 80.0);
    assert_eq!(tracker.assign(&[big, small]), [0, 1]);
    // Next image: both moved slightly; listed largest first again.
    assert_eq!(
        tracker.assign(&[square(110.0, 105.0, 200.0), square(405.0, 100.0, 80.0)]),
        [0, 1]
    );
    // A new face elsewhere gets the next id; a face that left is remembered.
    assert_eq!(tracker.assign(&[square(700.0, 400.0, 90.0)]), [2]);
    assert_eq!(tracker.assign(&[square(400.0, 100.0, 80.0)]), [1]);
    assert_eq!(tracker.next_id(), 3);
}

#[test]
fn one_remembered_face_is_matched_to_at_most_one_face_per_image() {
    let mut tracker = FaceTracker::new();
    assert_eq!(tracker.assign(&[square(0.0, 0.0, 100.0)]), [0]);
    // Two faces overlap the remembered one; the better overlap (given first here) keeps it.
    assert_eq!(
        tracker.assign(&[square(0.0, 0.0, 100.0), square(10.0, 10.0, 100.0)]),
        [0, 1]
    );
}

#[test]
fn at_most_32_faces_are_remembered_and_the_oldest_is_forgotten() {
    let mut tracker = FaceTracker::new();
    for i in 0..40 {
        let id = tracker.assign(&[square(f64::from(i) * 100.0, 0.0, 50.0)]);
        assert_eq!(id, [u64::from(i as u32)]);
    }
    assert_eq!(tracker.tracked().len(), MAX_TRACKED_FACES);
    // Face 0 was forgotten: it comes back with a new id. Face 39 is remembered.
    assert_eq!(tracker.assign(&[square(0.0, 0.0, 50.0)]), [40]);
    assert_eq!(tracker.assign(&[square(3900.0, 0.0, 50.0)]), [39]);
    let restored = FaceTracker::from_parts(7, tracker.tracked().repeat(2));
    assert_eq!(restored.tracked().len(), MAX_TRACKED_FACES);
    assert_eq!(restored.next_id(), 7);
}
