use super::*;

#[test]
fn exact_length_deterministic_and_not_constant() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (a, b) = (dir.path().join("a.bin"), dir.path().join("b.bin"));
    let len = 2 * BLOCK as u64 + 12_345;
    write_upload_file(&a, len).expect("write a");
    write_upload_file(&b, len).expect("write b");
    let bytes = std::fs::read(&a).expect("read a");
    assert_eq!(bytes.len() as u64, len);
    assert_eq!(bytes, std::fs::read(&b).expect("read b"));
    assert_ne!(bytes[..BLOCK], bytes[BLOCK..2 * BLOCK], "blocks differ");
    assert!(
        bytes.iter().any(|&x| x != bytes[100]),
        "not a constant fill"
    );
}

#[test]
fn zero_length_is_an_empty_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("empty.bin");
    write_upload_file(&path, 0).expect("write");
    assert_eq!(std::fs::metadata(&path).expect("stat").len(), 0);
}
