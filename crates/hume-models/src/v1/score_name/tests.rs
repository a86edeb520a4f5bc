use std::sync::Arc;

use super::ScoreName;

#[test]
fn equal_names_share_one_allocation() {
    let a = ScoreName::new("surprise (positive)");
    let b = ScoreName::new("surprise (positive)");
    assert!(Arc::ptr_eq(&a.0, &b.0));
    assert_eq!(a, b);
}

#[test]
fn parsed_names_are_shared_too() {
    let names: Vec<ScoreName> =
        serde_json::from_str(r#"["joy", "joy", "background music"]"#).unwrap();
    assert!(Arc::ptr_eq(&names[0].0, &names[1].0));
    assert_eq!(names[2], "background music");
}

#[test]
fn long_names_are_kept_but_not_shared() {
    let long = "x".repeat(ScoreName::INTERN_MAX_LEN + 1);
    let a = ScoreName::new(&long);
    let b = ScoreName::new(&long);
    assert!(!Arc::ptr_eq(&a.0, &b.0));
    assert_eq!(a, b);
    assert_eq!(a.as_str(), long);
}

#[test]
fn the_table_is_bounded() {
    // Run on a fresh thread so the count starts from zero.
    std::thread::spawn(|| {
        for i in 0..ScoreName::INTERN_CAPACITY + 100 {
            let name = format!("name {i}");
            assert_eq!(ScoreName::new(&name), name.as_str());
        }
        let size = super::TABLE.with(|t| t.borrow().len());
        assert_eq!(size, ScoreName::INTERN_CAPACITY);
        // A name past the cap is still correct, just not shared.
        let late = format!("name {}", ScoreName::INTERN_CAPACITY + 50);
        let a = ScoreName::new(&late);
        let b = ScoreName::new(&late);
        assert!(!Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(a, b);
    })
    .join()
    .unwrap();
}

#[test]
fn reads_like_a_string() {
    let n = ScoreName::from("joy".to_owned());
    assert_eq!(n.len(), 3);
    assert!(n.starts_with('j'));
    assert_eq!(n, "joy");
    assert_eq!("joy", n);
    assert_eq!(String::from(n.clone()), "joy");
    assert_eq!(format!("{n} {n:?}"), "joy \"joy\"");
    assert!(ScoreName::new("anger") < n);
    assert_eq!(serde_json::to_string(&n).unwrap(), "\"joy\"");
}

#[test]
fn escaped_names_parse() {
    let n: ScoreName = serde_json::from_str(r#""caf\u00e9 \"x\"""#).unwrap();
    assert_eq!(n, "café \"x\"");
}
