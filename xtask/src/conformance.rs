//! `cargo xtask conformance DIR`: parse every published example payload with the type its file
//! name picks, and check that the typed value survives a serialise → parse round trip.

use std::path::{Path, PathBuf};

use anyhow::Context;
use hume_models::{
    ApiErrorBody, BatchJobDetails, CallbackBody, JobList, JobRequest, Predictions, StartJobResponse,
};

/// File-name prefix → the type that file must parse as.
const KINDS: &[(&str, &str)] = &[
    ("details-", "BatchJobDetails"),
    ("list-jobs", "JobList"),
    ("start-job-request", "JobRequest"),
    ("start-job-response", "StartJobResponse"),
    ("predictions", "Predictions"),
    ("error-", "ApiErrorBody"),
    ("callback-", "CallbackBody"),
];

/// Checks every `*.json` file in `dir`, printing one line per file. Returns `Ok(false)` when a
/// file fails to parse or matches no known prefix.
pub fn run(dir: &Path) -> anyhow::Result<bool> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json") && p.is_file())
        .collect();
    files.sort();
    if files.is_empty() {
        println!("FAIL {}  no .json files", dir.display());
        return Ok(false);
    }
    let mut all_ok = true;
    for path in &files {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {name}"))?;
        let outcome = match KINDS.iter().find(|(prefix, _)| name.starts_with(prefix)) {
            None => Err("file name matches no known prefix".to_owned()),
            Some((_, kind)) => check(kind, &bytes).map(|()| *kind),
        };
        match outcome {
            Ok(kind) => println!("ok   {name}  {kind}"),
            Err(reason) => {
                all_ok = false;
                println!("FAIL {name}  {reason}");
            }
        }
    }
    Ok(all_ok)
}

/// The parse must succeed, and serialising then re-parsing must give the same value.
/// (A macro rather than a generic function: xtask does not depend on `serde` itself.)
macro_rules! round_trip {
    ($ty:ty, $parsed:expr) => {{
        let value: $ty = $parsed.map_err(|e| e.to_string())?;
        let text = serde_json::to_vec(&value).map_err(|e| format!("cannot serialise: {e}"))?;
        let again: $ty = serde_json::from_slice(&text)
            .map_err(|e| format!("cannot re-parse own output: {e}"))?;
        if again == value {
            Ok(())
        } else {
            Err("value changed in a serialise/parse round trip".to_owned())
        }
    }};
}

fn check(kind: &str, bytes: &[u8]) -> Result<(), String> {
    match kind {
        "BatchJobDetails" => round_trip!(BatchJobDetails, BatchJobDetails::from_response(bytes)),
        "JobList" => round_trip!(JobList, JobList::from_response(bytes)),
        "JobRequest" => round_trip!(JobRequest, serde_json::from_slice::<JobRequest>(bytes)),
        "StartJobResponse" => round_trip!(StartJobResponse, StartJobResponse::from_response(bytes)),
        "Predictions" => round_trip!(Predictions, Predictions::from_response(bytes)),
        "CallbackBody" => round_trip!(CallbackBody, CallbackBody::from_response(bytes)),
        "ApiErrorBody" => {
            let body = ApiErrorBody::parse(bytes);
            if body.is_recognised() {
                Ok(())
            } else {
                Err(format!("not a recognised error body: {}", body.message()))
            }
        }
        other => Err(format!("no checker for {other}")),
    }
}

#[cfg(test)]
mod tests;
