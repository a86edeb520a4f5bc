//! `hume-bench prepare`: writes the inputs once and prints where they are (one JSON line).

use std::time::Instant;

use anyhow::Context as _;
use serde_json::json;

use crate::cli::PrepareArgs;
use crate::upload_file::write_upload_file;
use hume_bench_data::{Layout, write_predictions};

/// Name of the upload file inside the directory.
pub const UPLOAD_NAME: &str = "upload.mp4";
/// Name of the predictions file inside the directory.
pub const PREDICTIONS_NAME: &str = "predictions.json";

/// Runs `prepare`.
///
/// # Errors
/// Any I/O error writing the files.
pub fn run(args: &PrepareArgs) -> anyhow::Result<()> {
    let start = Instant::now();
    let mut out = serde_json::Map::new();
    if args.upload_bytes > 0 {
        let path = args.dir.join(UPLOAD_NAME);
        write_upload_file(&path, args.upload_bytes)
            .with_context(|| format!("writing {}", path.display()))?;
        out.insert("upload".into(), json!(path));
        out.insert("upload_bytes".into(), json!(args.upload_bytes));
    }
    if args.predictions_bytes > 0 {
        let path = args.dir.join(PREDICTIONS_NAME);
        let size = write_predictions(&path, args.predictions_bytes, Layout::Mixed)
            .with_context(|| format!("writing {}", path.display()))?;
        out.insert("predictions".into(), json!(path));
        out.insert("predictions_bytes".into(), json!(size));
    }
    out.insert("secs".into(), json!(start.elapsed().as_secs_f64()));
    println!("{}", serde_json::Value::Object(out));
    Ok(())
}
