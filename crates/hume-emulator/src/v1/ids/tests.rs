use super::*;

#[test]
fn ids_have_their_formats_and_replay_with_the_seed() {
    let a = IdSource::new(7);
    let run = a.run_id();
    let parsed = uuid::Uuid::parse_str(run.as_str()).unwrap();
    assert_eq!(parsed.get_version_num(), 4);
    assert_eq!(run.as_str().len(), 36);
    let request = a.request_id();
    assert_eq!(request.as_str().len(), 32);
    assert!(
        request
            .as_str()
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    );
    let b = IdSource::new(7);
    assert_eq!(b.run_id(), run);
    assert_eq!(b.request_id(), request);
    assert_ne!(IdSource::new(8).run_id(), run);
    assert_ne!(a.run_id(), run, "ids do not repeat");
}
