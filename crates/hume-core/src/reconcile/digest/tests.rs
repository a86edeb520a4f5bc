use super::*;

#[test]
fn files_hash_to_their_base_name_and_md5() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("clip.wav");
    let b = dir.path().join("empty.txt");
    std::fs::write(&a, b"The quick brown fox jumps over the lazy dog").unwrap();
    std::fs::write(&b, b"").unwrap();
    let keys = file_keys(&[a, b]).unwrap();
    assert_eq!(
        keys,
        [
            FileKey {
                name: "clip.wav".into(),
                md5: "9e107d9d372bb6826bd81d3542a419d6".into()
            },
            FileKey {
                name: "empty.txt".into(),
                md5: "d41d8cd98f00b204e9800998ecf8427e".into()
            }
        ]
    );
}

#[test]
fn a_file_changed_since_it_was_stamped_cannot_vouch() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("clip.wav");
    std::fs::write(&a, b"first").unwrap();
    let files = FilesToHash::stamp(std::slice::from_ref(&a));
    assert!(!files.is_empty());
    std::fs::write(&a, b"second, longer").unwrap();
    let err = files.hash().unwrap_err();
    assert!(
        err.to_string().contains("changed since it was uploaded"),
        "{err}"
    );
    std::fs::remove_file(&a).unwrap();
    assert!(files.hash().is_err());
    assert!(FilesToHash::stamp(&[]).hash().unwrap().is_empty());
}
