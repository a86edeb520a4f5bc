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
