use serde::Deserialize;

#[derive(Debug, Deserialize, PartialEq)]
struct Ints {
    #[serde(default, deserialize_with = "super::int_or_zero")]
    u: u64,
    #[serde(default, deserialize_with = "super::opt_int")]
    i: Option<i64>,
}

fn ints(json: &str) -> Result<Ints, serde_json::Error> {
    serde_json::from_str(json)
}

#[test]
fn whole_floats_are_accepted_as_integers() {
    assert_eq!(
        ints(r#"{"u": 60.0, "i": -5.0}"#).unwrap(),
        Ints { u: 60, i: Some(-5) }
    );
    assert_eq!(
        ints(r#"{"u": 60, "i": 1660594810000}"#).unwrap(),
        Ints {
            u: 60,
            i: Some(1_660_594_810_000)
        }
    );
    assert_eq!(
        ints(r#"{"i": 1660594810000.0}"#).unwrap().i,
        Some(1_660_594_810_000)
    );
}

#[test]
fn null_and_missing() {
    assert_eq!(
        ints(r#"{"u": null, "i": null}"#).unwrap(),
        Ints { u: 0, i: None }
    );
    assert_eq!(ints("{}").unwrap(), Ints { u: 0, i: None });
}

#[test]
fn fractions_negatives_and_junk_are_rejected() {
    assert!(ints(r#"{"u": 60.5}"#).is_err());
    assert!(ints(r#"{"u": -1}"#).is_err());
    assert!(ints(r#"{"u": 1e300}"#).is_err());
    assert!(ints(r#"{"u": "60"}"#).is_err());
    assert!(
        ints(r#"{"i": 18446744073709551615}"#).is_err(),
        "u64::MAX does not fit i64"
    );
}

#[derive(Debug, Deserialize)]
struct Floats {
    #[serde(default, deserialize_with = "super::f64_or_zero")]
    f: f64,
    #[serde(default, deserialize_with = "super::list_of::<_, _, 4>")]
    list: Vec<u8>,
    #[serde(default, deserialize_with = "super::opt_list_of::<_, _, 4>")]
    opt: Option<Vec<u8>>,
}

#[test]
fn floats_and_lists() {
    let f: Floats = serde_json::from_str(r#"{"f": 3, "list": [1,2,3,4,5], "opt": [7]}"#).unwrap();
    assert_eq!(f.f, 3.0);
    assert_eq!(f.list, [1, 2, 3, 4, 5]);
    assert_eq!(f.opt, Some(vec![7]));
    let f: Floats = serde_json::from_str(r#"{"f": null, "list": null, "opt": null}"#).unwrap();
    assert_eq!(f.f, 0.0);
    assert!(f.list.is_empty());
    assert_eq!(f.opt, None);
    let f: Floats = serde_json::from_str(r#"{"f": -2.5e-3}"#).unwrap();
    assert_eq!(f.f, -0.0025);
    assert!(serde_json::from_str::<Floats>(r#"{"f": "1"}"#).is_err());
    assert!(serde_json::from_str::<Floats>(r#"{"list": {}}"#).is_err());
}

#[test]
fn u32_accepts_whole_numbers_only() {
    #[derive(serde::Deserialize)]
    struct S(#[serde(deserialize_with = "super::opt_int")] Option<u32>);
    let read = |t: &str| serde_json::from_str::<S>(t).map(|s| s.0);
    assert_eq!(read("60").unwrap(), Some(60));
    assert_eq!(read("60.0").unwrap(), Some(60));
    assert_eq!(read("null").unwrap(), None);
    for bad in ["60.5", "-1", "4294967296", "\"60\""] {
        assert!(read(bad).is_err(), "{bad}");
    }
}
