use super::*;
use crate::synth::v1::faces::{Detection, FaceSettings, list_faces};

const AUDIENCE: &[u8] = b"key-hash-of-test-key";

fn clock(second: i64) -> Timestamp {
    Timestamp::from_second(1_790_000_000 + second).unwrap()
}

fn tracker_with(n: usize) -> FaceTracker {
    let mut tracker = FaceTracker::new();
    for i in 0..n {
        let x = i as f64 * 100.0;
        tracker.assign(&[[x, 10.5, x + 60.3, 90.0]]);
    }
    tracker
}

#[test]
fn a_token_carries_the_tracking_state_and_is_deterministic() {
    let key = FaceStateKey::new(b"emulator secret");
    let tracker = tracker_with(3);
    let token = key.issue(&tracker, AUDIENCE, clock(0));
    assert_eq!(token, key.issue(&tracker, AUDIENCE, clock(0)));
    assert!(
        token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    );
    assert_eq!(
        key.open(&token, AUDIENCE, clock(60)),
        FaceState::Continue(tracker.clone())
    );
    let full = tracker_with(40);
    let token = key.issue(&full, AUDIENCE, clock(0));
    assert!(
        token.len() <= MAX_TOKEN_CHARS && token.len() > 1000,
        "{}",
        token.len()
    );
    let FaceState::Continue(restored) = key.open(&token, AUDIENCE, clock(1)) else {
        panic!("a full state round-trips");
    };
    assert_eq!(restored, full);
    assert_eq!(restored.next_id(), 40);
}

#[test]
fn a_token_is_accepted_for_24_hours() {
    let key = FaceStateKey::new(b"s");
    let token = key.issue(&tracker_with(1), AUDIENCE, clock(0));
    let day = 24 * 3600;
    assert!(matches!(
        key.open(&token, AUDIENCE, clock(day)),
        FaceState::Continue(_)
    ));
    assert_eq!(
        key.open(&token, AUDIENCE, clock(day + 1)),
        FaceState::Ignored(IgnoredReason::Expired)
    );
    // A clock a little behind the issuer's is tolerated; a token from far ahead is not.
    assert!(matches!(
        key.open(&token, AUDIENCE, clock(-60)),
        FaceState::Continue(_)
    ));
    assert_eq!(
        key.open(&token, AUDIENCE, clock(-600)),
        FaceState::Ignored(IgnoredReason::NotYetValid)
    );
}

#[test]
fn altered_foreign_and_junk_tokens_are_ignored() {
    let key = FaceStateKey::new(b"one emulator");
    let token = key.issue(&tracker_with(2), AUDIENCE, clock(0));
    let bytes = URL_SAFE_NO_PAD.decode(&token).unwrap();
    // Every single altered byte (payload or tag) is caught.
    for i in 0..bytes.len() {
        let mut altered = bytes.clone();
        altered[i] ^= 0x01;
        let altered = URL_SAFE_NO_PAD.encode(altered);
        assert_eq!(
            key.open(&altered, AUDIENCE, clock(1)),
            FaceState::Ignored(IgnoredReason::BadSignature),
            "byte {i}"
        );
    }
    let other = FaceStateKey::new(b"another emulator");
    assert_eq!(
        other.open(&token, AUDIENCE, clock(1)),
        FaceState::Ignored(IgnoredReason::BadSignature)
    );
    assert_eq!(
        key.open(&token, b"another key", clock(1)),
        FaceState::Ignored(IgnoredReason::BadSignature)
    );
    for junk in [
        "",
        "!!!",
        "abc",
        &"A".repeat(MAX_TOKEN_CHARS + 1),
        &token[..token.len() - 1],
    ] {
        let state = key.open(junk, AUDIENCE, clock(1));
        assert!(matches!(state, FaceState::Ignored(_)), "{junk:?}");
        assert_eq!(state.into_tracker(), FaceTracker::new());
    }
}

#[test]
fn a_well_signed_token_of_the_wrong_shape_is_malformed() {
    let key = FaceStateKey::new(b"k");
    let sign = |payload: &[u8]| {
        let mut bytes = payload.to_vec();
        bytes.extend_from_slice(&key.tag(AUDIENCE, payload).finalize().into_bytes());
        URL_SAFE_NO_PAD.encode(bytes)
    };
    let mut payload = vec![2];
    payload.extend_from_slice(&clock(0).as_second().to_be_bytes());
    payload.extend_from_slice(&[0; 9]);
    assert_eq!(
        key.open(&sign(&payload), AUDIENCE, clock(0)),
        FaceState::Ignored(IgnoredReason::Malformed),
        "unknown version"
    );
    payload[0] = VERSION;
    payload[HEADER_LEN - 1] = 1; // one face announced, none present
    assert_eq!(
        key.open(&sign(&payload), AUDIENCE, clock(0)),
        FaceState::Ignored(IgnoredReason::Malformed)
    );
    payload[HEADER_LEN - 1] = 0;
    assert!(matches!(
        key.open(&sign(&payload), AUDIENCE, clock(0)),
        FaceState::Continue(_)
    ));
}

#[test]
fn the_key_is_redacted_in_debug_output() {
    assert_eq!(
        format!("{:?}", FaceStateKey::new(b"secret")),
        "FaceStateKey(<redacted>)"
    );
}

#[test]
fn a_second_request_with_the_token_continues_face_ids() {
    let key = FaceStateKey::new(b"emulator");
    let settings = FaceSettings::default();
    let detections = |extra: bool| {
        let mut d = vec![
            Detection {
                bbox: [0.0, 0.0, 300.0, 300.0],
                confidence: 0.99,
            },
            Detection {
                bbox: [400.0, 0.0, 600.0, 200.0],
                confidence: 0.99,
            },
        ];
        if extra {
            d[1].bbox = [1000.0, 0.0, 1250.0, 250.0];
        }
        d
    };
    let ids = |faces: Vec<crate::synth::v1::faces::ListedFace>| -> Vec<u64> {
        faces.iter().filter_map(|f| f.face_id).collect()
    };
    let mut first = FaceTracker::new();
    assert_eq!(
        ids(list_faces(1, detections(false), &settings, &mut first)),
        [0, 1]
    );
    let token = key.issue(&first, AUDIENCE, clock(0));

    // With the token: the big face keeps id 0, a new face gets 2.
    let mut second = key.open(&token, AUDIENCE, clock(30)).into_tracker();
    assert_eq!(
        ids(list_faces(2, detections(true), &settings, &mut second)),
        [0, 2]
    );
    // Without it (or with an expired one) numbering restarts.
    let mut fresh = key.open(&token, AUDIENCE, clock(100_000)).into_tracker();
    assert_eq!(
        ids(list_faces(2, detections(true), &settings, &mut fresh)),
        [0, 1]
    );
}
