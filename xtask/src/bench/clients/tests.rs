use serde_json::json;

use super::images_row;
use crate::bench::table::Verdict;

#[test]
fn the_images_row_passes_under_64_mib_only() {
    let report = json!({"bench": "images", "variant": "async", "secs": 2.0, "images": 1000,
        "concurrency": 32, "images_per_sec": 500.0, "faces": 1800, "peak_rss_kib": 30_000});
    let row = images_row(&report);
    assert_eq!(row.name, "measure 1000 images, v1 (async, concurrency 32)");
    assert_eq!(row.ours, "500 images/s (2.00 s), 1800 faces");
    assert_eq!(row.rss, "29.3 MiB");
    assert_eq!(row.verdict, Verdict::Pass);
    let heavy = json!({"secs": 2.0, "peak_rss_kib": 70_000});
    assert_eq!(images_row(&heavy).verdict, Verdict::Fail);
    let unknown = json!({"secs": 2.0, "peak_rss_kib": null});
    assert_eq!(images_row(&unknown).verdict, Verdict::Fail);
}
