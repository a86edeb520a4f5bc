use serde_json::json;

use super::*;

fn krate(name: &str, publishable: bool, siblings: &[&str]) -> Crate {
    Crate {
        name: name.to_owned(),
        publishable,
        siblings: siblings.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[test]
fn metadata_gives_publishability_and_the_siblings_packaging_keeps() {
    let metadata = json!({"packages": [
        {"name": "a", "publish": null, "dependencies": [
            {"name": "serde", "kind": null, "req": "^1"},
            {"name": "helper", "kind": "dev", "req": "*", "path": "/w/helper"}
        ]},
        {"name": "b", "publish": null, "dependencies": [
            {"name": "a", "kind": null, "req": "^0.1.0", "path": "/w/a"},
            {"name": "c", "kind": "dev", "req": "^0.1.0", "path": "/w/c"}
        ]},
        {"name": "c", "publish": null, "dependencies": [
            {"name": "a", "kind": "build", "req": "^0.1.0", "path": "/w/a"}
        ]},
        {"name": "helper", "publish": [], "dependencies": [
            {"name": "a", "kind": null, "req": "*", "path": "/w/a"}
        ]}
    ]});
    let crates = crates_from_metadata(&metadata).expect("parses");
    assert_eq!(
        crates,
        [
            krate("a", true, &[]),
            krate("b", true, &["a", "c"]),
            krate("c", true, &["a"]),
            krate("helper", false, &["a"]),
        ]
    );
    let order: Vec<&str> = publish_order(&crates)
        .expect("ordered")
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(order, ["a", "c", "b"]);
}

#[test]
fn a_publishable_crate_cannot_need_an_unpublishable_one_or_a_cycle() {
    let bad = [krate("a", true, &["tool"]), krate("tool", false, &[])];
    assert!(publish_order(&bad).is_err());
    let cycle = [krate("a", true, &["b"]), krate("b", true, &["a"])];
    assert!(publish_order(&cycle).is_err());
}
