use super::*;

#[test]
fn a_cursor_round_trips_its_numbers() {
    let key = CursorKey::new(b"secret");
    let token = key.seal(CursorPurpose::Runs, &[1_790_000_000_123, 42, u64::MAX]);
    assert!(
        token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
        "{token}"
    );
    assert_eq!(
        key.open::<3>(CursorPurpose::Runs, &token),
        Some([1_790_000_000_123, 42, u64::MAX])
    );
    assert_eq!(
        token,
        key.seal(CursorPurpose::Runs, &[1_790_000_000_123, 42, u64::MAX])
    );
}

#[test]
fn forged_altered_or_misused_cursors_are_refused() {
    let key = CursorKey::new(b"secret");
    let token = key.seal(CursorPurpose::Runs, &[7, 8, 9]);
    // Another purpose, another count, another key.
    assert_eq!(key.open::<3>(CursorPurpose::RunEvents, &token), None);
    assert_eq!(key.open::<2>(CursorPurpose::Runs, &token), None);
    assert_eq!(
        CursorKey::new(b"other").open::<3>(CursorPurpose::Runs, &token),
        None
    );
    // Every single-character change.
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for i in 0..token.len() {
        let mut bytes = token.clone().into_bytes();
        bytes[i] = if bytes[i] == alphabet[0] {
            alphabet[1]
        } else {
            alphabet[0]
        };
        let altered = String::from_utf8(bytes).unwrap();
        assert_eq!(
            key.open::<3>(CursorPurpose::Runs, &altered),
            None,
            "{altered}"
        );
    }
    // Junk.
    for junk in ["", "x", "not base64!", &"A".repeat(10_000)] {
        assert_eq!(key.open::<3>(CursorPurpose::Runs, junk), None, "{junk}");
    }
    // Too many fields is refused outright.
    assert_eq!(key.open::<5>(CursorPurpose::Runs, &token), None);
}

#[test]
fn debug_is_redacted() {
    assert_eq!(
        format!("{:?}", CursorKey::new(b"s")),
        "CursorKey(<redacted>)"
    );
}
