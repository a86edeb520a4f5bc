use super::*;

#[test]
fn line_is_one_json_object_with_every_field() {
    let line = Report::new("download", "blocking", 1.5)
        .with("bytes", 42u64)
        .to_line();
    assert!(!line.contains('\n'));
    let value: Value = serde_json::from_str(&line).expect("json");
    assert_eq!(value["bench"], "download");
    assert_eq!(value["variant"], "blocking");
    assert_eq!(value["secs"], 1.5);
    assert_eq!(value["bytes"], 42);
    assert!(value.get("peak_rss_kib").is_some());
}
