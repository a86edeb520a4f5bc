use super::*;

#[test]
fn debug_and_display_are_redacted() {
    let key = ApiKey::new("sk-very-secret-123").unwrap();
    assert_eq!(format!("{key:?}"), "ApiKey(\"[redacted]\")");
    assert_eq!(format!("{key}"), "[redacted]");
    assert_eq!(format!("{key:#?}"), "ApiKey(\"[redacted]\")");
    assert_eq!(key.expose_secret(), "sk-very-secret-123");
}

#[test]
fn trims_and_rejects_empty_or_unsendable() {
    assert_eq!(ApiKey::new("  abc \n").unwrap().expose_secret(), "abc");
    assert!(matches!(ApiKey::new(""), Err(HumeError::InvalidConfig(_))));
    assert!(matches!(
        ApiKey::new("   "),
        Err(HumeError::InvalidConfig(_))
    ));
    let err = ApiKey::new("ab\u{1}cd").unwrap_err();
    assert!(!err.to_string().contains("ab\u{1}cd"));
    assert!(ApiKey::new("käse").is_err());
}

#[test]
fn header_value_is_sensitive() {
    let key = ApiKey::new("sk-hidden").unwrap();
    let value = key.header_value();
    assert!(value.is_sensitive());
    assert_eq!(value.to_str().unwrap(), "sk-hidden");
    assert!(!format!("{value:?}").contains("sk-hidden"));
}
