use super::Input;
use crate::exit::{ExitKind, classify};

#[test]
fn existing_path_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p");
    std::fs::write(&path, "[]").unwrap();
    let arg = path.to_str().unwrap();
    assert_eq!(Input::parse(arg).unwrap(), Input::File(path.clone()));
}

#[test]
fn bare_word_is_a_job() {
    assert_eq!(
        Input::parse("0c7ad6a4-3b1e-4b6a-9f0e-d1e0d1e0d1e0").unwrap(),
        Input::Job("0c7ad6a4-3b1e-4b6a-9f0e-d1e0d1e0d1e0".to_owned())
    );
}

#[test]
fn missing_path_is_an_input_error() {
    for arg in ["missing.json", "some/dir/p"] {
        let err = Input::parse(arg).unwrap_err();
        assert_eq!(classify(&err), ExitKind::Validation);
        assert_eq!(err.to_string(), format!("file not found: {arg}"));
    }
}

#[test]
fn the_input_limit_stops_an_endless_reader() {
    use std::io::Read as _;
    // Exactly the limit is fine.
    let mut exact = super::Limited::new(Box::new(&b"0123456789"[..]), 10);
    let mut all = Vec::new();
    exact.read_to_end(&mut all).unwrap();
    assert_eq!(all.len(), 10);
    assert!(!exact.tripped().load(std::sync::atomic::Ordering::Relaxed));
    // An endless one stops after the limit, and says so.
    let mut endless = super::Limited::new(Box::new(std::io::repeat(b' ')), 1000);
    let err = endless.read_to_end(&mut Vec::new()).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidData);
    assert!(endless.tripped().load(std::sync::atomic::Ordering::Relaxed));
}
