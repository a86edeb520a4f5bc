//! Loading the v1 fixtures, and JSON helpers.

use std::path::PathBuf;

use serde_json::Value;

/// The v1 fixtures directory.
pub fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/v1")
}

/// The bytes of one fixture.
pub fn bytes(name: &str) -> Vec<u8> {
    let path = dir().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// One fixture as a JSON value.
pub fn value(name: &str) -> Value {
    serde_json::from_slice(&bytes(name)).unwrap_or_else(|e| panic!("{name} is not JSON: {e}"))
}

/// Every fixture whose name starts with `prefix`, sorted (at least one).
pub fn named(prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir())
        .expect("fixtures dir")
        .map(|e| {
            e.expect("dir entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|n| n.starts_with(prefix) && n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(!names.is_empty(), "no fixtures start with {prefix}");
    names
}

/// Paths (like `$.a.b[2]`) of every `null` inside a JSON value.
pub fn null_paths(value: &Value) -> Vec<String> {
    fn walk(v: &Value, path: String, out: &mut Vec<String>) {
        match v {
            Value::Null => out.push(path),
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    walk(item, format!("{path}[{i}]"), out);
                }
            }
            Value::Object(map) => {
                for (k, item) in map {
                    walk(item, format!("{path}.{k}"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, "$".to_owned(), &mut out);
    out
}

/// JSON equality where numbers compare by value (`80` equals `80.0`).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}

/// Asserts that `value` serialises to JSON equal (numbers by value) to `expected`.
#[track_caller]
pub fn assert_serialises_to<T: serde::Serialize>(value: &T, expected: &Value) {
    let got = serde_json::to_value(value).expect("serialises");
    assert!(
        same_json(&got, expected),
        "serialised form differs\n got: {got}\nwant: {expected}"
    );
}
