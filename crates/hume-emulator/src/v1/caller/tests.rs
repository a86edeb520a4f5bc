use super::*;

#[test]
fn a_credential_is_always_the_same_user_and_audience() {
    let a = Caller::from_credential("key-one");
    let again = Caller::from_credential("key-one");
    let b = Caller::from_credential("key-two");
    assert_eq!(a.user_id, again.user_id);
    assert_eq!(a.audience, again.audience);
    assert_ne!(a.user_id, b.user_id);
    assert_ne!(a.audience, b.audience);
    assert!(uuid::Uuid::parse_str(&a.user_id).is_ok());
    let debug = format!("{a:?}");
    assert!(
        !debug.contains("key-one") && debug.contains(&a.user_id),
        "{debug}"
    );
}
