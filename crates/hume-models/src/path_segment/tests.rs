use super::*;

#[test]
fn ordinary_ids_pass() {
    for id in [
        "4f0c2a9e-1b7d-4c57-9f43-2a8f9e1c0d11",
        "job_id",
        "a.b",
        "...",
        "with space",
        "ünïcode",
        &"x".repeat(MAX_ID_LEN),
    ] {
        assert_eq!(check_id("job id", id), Ok(()), "{id}");
    }
}

#[test]
fn dot_segments_separators_and_control_characters_are_refused() {
    for id in [
        "",
        ".",
        "..",
        "../../x",
        "/etc/passwd",
        "a/b",
        "a\\b",
        "C:x",
        "nul\0",
        "esc\u{1b}[31m",
        "line\nbreak",
        &"x".repeat(MAX_ID_LEN + 1),
    ] {
        assert!(check_id("job id", id).is_err(), "{id:?} passed");
    }
}

#[test]
fn the_error_names_the_id_escaped_and_the_rule() {
    let err = check_id("job id", "..").unwrap_err();
    assert_eq!(err.kind(), "job id");
    assert_eq!(err.id(), "..");
    assert_eq!(
        err.to_string(),
        "invalid job id \"..\": `.` and `..` are path steps (the current and the parent folder), not ids"
    );
    let err = check_id("run id", "a\u{1b}]52;c;x\u{7}").unwrap_err();
    assert!(!err.to_string().contains('\u{1b}'), "{err}");
    let long = "é".repeat(MAX_ID_LEN);
    let err = check_id("job id", &long).unwrap_err();
    assert!(err.id().len() <= MAX_ID_LEN);
}

#[test]
fn job_and_run_ids_check_themselves() {
    assert!(crate::JobId::parse("..").is_err());
    assert_eq!(crate::JobId::parse("job-1").unwrap(), "job-1");
    assert!(crate::JobId::new("../../x").check().is_err());
    assert_eq!(
        crate::v1::RunId::new("a/b").check().unwrap_err().kind(),
        "run id"
    );
    assert!(crate::v1::RunId::new("run-0c41").check().is_ok());
}
