//! `GET /v0/batch/jobs`: a bare JSON array of job details, filtered, sorted and limited.
//!
//! - Enum values must be spelled as the definition lists them, or the answer is a 400 naming
//!   the parameter: `status` upper-case (`QUEUED`, `IN_PROGRESS`, `COMPLETED`, `FAILED`;
//!   `completed` is refused), `when`, `sort_by` and `direction` lower-case. `limit` is an
//!   integer >= 0.
//! - `limit` (default 50; `0` gives `[]`), `status` (repeatable),
//!   `when` + `timestamp_ms` (`created_before` keeps `created < t`, `created_after` keeps
//!   `created > t`: strict by default, `<=` / `>=` with [`ListBounds::Inclusive`];
//!   `timestamp_ms` defaults to now; `timestamp_ms` without `when` filters nothing), `sort_by` (`created` default, `started`, `ended`), `direction`
//!   (`desc` default, `asc`).
//! - Jobs lacking the sort timestamp (not started or not ended yet) come last in either
//!   direction; ties keep submission order (reversed for `desc`).

use std::cmp::Ordering;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use hume_models::{BatchJobStatus, Direction, ListJobsQuery, SortBy, When};
use serde_json::Value;

use crate::api_response::ApiError;
use crate::config::ListBounds;
use crate::job::{Job, now_ms};
use crate::state::AppState;
use crate::{echo, synth};

/// Default `limit`.
pub(crate) const DEFAULT_LIMIT: u32 = 50;

pub(crate) async fn list_jobs(State(state): State<Arc<AppState>>, uri: Uri) -> Response {
    match list(&state, &uri) {
        Ok(items) => Json(Value::Array(items)).into_response(),
        Err(e) => e.into_response(),
    }
}

fn list(state: &Arc<AppState>, uri: &Uri) -> Result<Vec<Value>, ApiError> {
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri)
        .map_err(|e| ApiError::invalid_field("query", format!("malformed query string: {e}")))?;
    check_enums(&pairs)?;
    let query = ListJobsQuery::from_query_pairs(pairs)
        .map_err(|e| ApiError::invalid_field(e.kind(), format!("invalid value {:?}", e.value())))?;
    let now = now_ms();
    let reference = query.timestamp_ms.unwrap_or(now);
    let inclusive = state.config.list_bounds == ListBounds::Inclusive;
    let mut jobs: Vec<(Arc<Job>, BatchJobStatus)> = state
        .all()
        .into_iter()
        .map(|job| {
            let status = job.status_at(now);
            (job, status)
        })
        .filter(|(_, status)| query.statuses.is_empty() || query.statuses.contains(status))
        .filter(|(job, _)| match query.when {
            Some(When::CreatedBefore) => {
                job.created_ms < reference || (inclusive && job.created_ms == reference)
            }
            Some(When::CreatedAfter) => {
                job.created_ms > reference || (inclusive && job.created_ms == reference)
            }
            None => true,
        })
        .collect();
    let sort_by = query.sort_by.unwrap_or(SortBy::Created);
    let descending = !matches!(query.direction, Some(Direction::Asc));
    let key = |job: &Job, status: &BatchJobStatus| -> Option<i64> {
        match sort_by {
            SortBy::Created => Some(job.created_ms),
            SortBy::Started => (*status != BatchJobStatus::Queued).then_some(job.started_ms),
            SortBy::Ended => status.is_terminal().then_some(job.ended_ms),
            // A sort key added to hume-models later: creation order until the emulator knows it.
            _ => Some(job.created_ms),
        }
    };
    jobs.sort_by(|(a, sa), (b, sb)| {
        let by_key = match (key(a, sa), key(b, sb)) {
            (Some(x), Some(y)) => x.cmp(&y),
            (Some(_), None) => return Ordering::Less,
            (None, Some(_)) => return Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        let ordered = by_key.then(a.seq.cmp(&b.seq));
        if descending {
            ordered.reverse()
        } else {
            ordered
        }
    });
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT) as usize;
    Ok(jobs
        .into_iter()
        .take(limit)
        .map(|(job, _)| {
            let job_state = job.state_at(now, || synth::counts(state, &job));
            echo::details_json(&job, job_state)
        })
        .collect())
}

/// The enum parameters with the exact spellings the definition allows.
const ENUMS: [(&str, &[&str]); 4] = [
    ("status", &["QUEUED", "IN_PROGRESS", "COMPLETED", "FAILED"]),
    ("when", &["created_before", "created_after"]),
    ("sort_by", &["created", "started", "ended"]),
    ("direction", &["asc", "desc"]),
];

/// Refuses enum values not spelled exactly as documented (the typed query reads them
/// ignoring case, as a tolerant client should; a server does not), every problem at once.
fn check_enums(pairs: &[(String, String)]) -> Result<(), ApiError> {
    let mut errors = hume_models::ValidationErrors::new();
    for (key, value) in pairs {
        if let Some((name, allowed)) = ENUMS.iter().find(|(name, _)| name == key)
            && !allowed.contains(&value.as_str())
        {
            errors.push(
                *name,
                format!("invalid value {value:?}: use {}", allowed.join(", ")),
            );
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ApiError::invalid(errors))
    }
}
