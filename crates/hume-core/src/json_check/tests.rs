use super::*;

fn check(chunks: &[&[u8]]) -> Result<(), String> {
    let mut c = JsonCompleteness::new();
    for chunk in chunks {
        c.feed(chunk);
    }
    c.finish()
}

#[test]
fn complete_values_pass_in_any_chunking() {
    let body = br#" [{"file": "a \"b\" \\ c", "n": [1, -2.5e3, true, null]}, {"x": {}}] "#;
    for split in 0..body.len() {
        let (a, b) = body.split_at(split);
        assert_eq!(check(&[a, b]), Ok(()), "split at {split}");
    }
    for ok in [&b"[]"[..], b"{}", b"\"s\"", b"12", b"null\n"] {
        assert_eq!(check(&[ok]), Ok(()), "{}", String::from_utf8_lossy(ok));
    }
}

#[test]
fn a_body_cut_short_anywhere_fails() {
    let body = br#"[{"file": "a.mp4", "models": {"face": [1, 2]}}]"#;
    for cut in 0..body.len() {
        assert!(
            check(&[&body[..cut]]).is_err(),
            "cut at {cut}: {}",
            String::from_utf8_lossy(&body[..cut])
        );
    }
}

#[test]
fn mismatches_control_characters_and_trailing_data_fail() {
    for bad in [
        &b"[}"[..],
        b"[1]]",
        b"[1] [2]",
        b"[\"a\x1b[31m\"]",
        b"[1] x",
        b"[1,\x0c2]",
        b"",
        b"   ",
    ] {
        assert!(check(&[bad]).is_err(), "{}", String::from_utf8_lossy(bad));
    }
    let deep = "[".repeat(MAX_DEPTH + 1);
    assert!(check(&[deep.as_bytes()]).unwrap_err().contains("deep"));
}
