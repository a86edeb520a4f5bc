use super::*;

const TREE: &str = r#"0tokio v1.54.1
1hyper-util v0.1.21
2hyper-util feature "client"
1tokio feature "fs"
2hume v0.1.0 (/work/crates/hume)
2hume-transport v0.1.0 (/work/crates/hume-transport) (*)
2reqwest feature "stream" (*)
3hume-transport v0.1.0 (/work/crates/hume-transport)
1tokio feature "io-util" (*)
2h2 v0.4.20
2tokio feature "bytes"
1tokio feature "rt"
2hume v0.1.0 (/work/crates/hume)
1tokio feature "fs"
2hume v0.1.0 (/work/crates/hume)
"#;

#[test]
fn enablers_are_the_nodes_right_below_each_feature() {
    let enablers = tokio_feature_enablers(TREE);
    let names: Vec<&str> = enablers.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, ["fs", "io-util", "rt"]);
    assert_eq!(
        enablers[0].1,
        ["hume", "hume-transport", "reqwest feature \"stream\""]
    );
    assert_eq!(enablers[1].1, ["h2", "tokio feature \"bytes\""]);
    assert_eq!(enablers[2].1, ["hume"]);
}

#[test]
fn the_forbidden_list_keeps_out_what_only_a_user_needs() {
    for feature in ["macros", "rt-multi-thread", "signal", "process"] {
        assert!(FORBIDDEN_TOKIO_FEATURES.contains(&feature));
    }
    // What the client uses, and what reqwest itself cannot do without.
    for feature in ["rt", "time", "sync", "fs", "io-util"] {
        assert!(!FORBIDDEN_TOKIO_FEATURES.contains(&feature));
    }
}
