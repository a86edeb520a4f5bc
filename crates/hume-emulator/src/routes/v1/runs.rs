//! The run endpoints:
//!
//! - `GET /v1/expression/run`: [`RunsPage`], newest first. Filters `user_id`, `status`
//!   (`live`, `ended`, `errored`), `mode` (`realtime`, `file`), `endpoint` (`audio`, `video`),
//!   `started_before` (strict) and `started_after` (inclusive), RFC 3339 times; `page_size`
//!   1–200 (default 50); `cursor` as returned in `next_cursor`, valid only with the filters it
//!   was issued for.
//! - `GET /v1/expression/run/{run_id}`: the [`Run`]; 404 `not_found` for an unknown id.
//! - `GET /v1/expression/run/{run_id}/events`: [`RunEventsPage`] in `seq` order, `page_size`
//!   and `cursor` as above; 404 for an unknown run. File runs log no events.
//!
//! Any other parameter, a repeated or empty one, or a bad value: 400 `invalid_request`.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::http::Uri;
use axum::response::{IntoResponse, Response};
use hume_models::v1::{Run, RunEndpoint, RunEventsPage, RunMode, RunStatus, RunsPage};
use jiff::Timestamp;

use super::error::V1Error;
use super::query::{Params, page_size, params};
use super::request_id::RequestCtx;
use crate::hash::stable_hash;
use crate::state::AppState;
use crate::v1::{CursorPurpose, RunFilter, RunKey};

const LIST_PARAMS: &[&str] = &[
    "page_size",
    "cursor",
    "user_id",
    "status",
    "mode",
    "endpoint",
    "started_before",
    "started_after",
];
const EVENTS_PARAMS: &[&str] = &["page_size", "cursor"];

fn respond<T: serde::Serialize>(result: Result<T, V1Error>, ctx: &RequestCtx) -> Response {
    match result {
        Ok(body) => Json(body).into_response(),
        Err(error) => error.into_response_for(&ctx.request_id),
    }
}

/// `GET /v1/expression/run`.
pub(crate) async fn list_runs(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<RequestCtx>,
    uri: Uri,
) -> Response {
    respond(list(&state, &uri), &ctx)
}

/// `GET /v1/expression/run/{run_id}`.
pub(crate) async fn get_run(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<RequestCtx>,
    Path(run_id): Path<String>,
) -> Response {
    respond(find(&state, &run_id), &ctx)
}

/// `GET /v1/expression/run/{run_id}/events`.
pub(crate) async fn run_events(
    State(state): State<Arc<AppState>>,
    Extension(ctx): Extension<RequestCtx>,
    Path(run_id): Path<String>,
    uri: Uri,
) -> Response {
    respond(events(&state, &run_id, &uri), &ctx)
}

fn find(state: &AppState, run_id: &str) -> Result<Run, V1Error> {
    state
        .v1
        .runs
        .get(run_id)
        .ok_or_else(|| V1Error::not_found(format!("no run with id {run_id:?}")))
}

fn list(state: &AppState, uri: &Uri) -> Result<RunsPage, V1Error> {
    let params = params(uri, LIST_PARAMS)?;
    let page_size = page_size(&params)?;
    let filter = filter(&params)?;
    let fingerprint = filter.fingerprint();
    let after = match params.get("cursor") {
        Some(cursor) => {
            let [started_ms, seq, issued_for] = state
                .v1
                .cursors
                .open::<3>(CursorPurpose::Runs, cursor)
                .ok_or_else(bad_cursor)?;
            if issued_for != fingerprint {
                return Err(V1Error::invalid_request(
                    "`cursor` was issued for other filters: send the same filters with it",
                ));
            }
            Some(RunKey {
                started_ms: started_ms as i64,
                seq,
            })
        }
        None => None,
    };
    let slice = state.v1.runs.list(&filter, after, page_size);
    let next_cursor = slice.next_after.map(|key| {
        state.v1.cursors.seal(
            CursorPurpose::Runs,
            &[key.started_ms as u64, key.seq, fingerprint],
        )
    });
    Ok(RunsPage::new(slice.runs, next_cursor))
}

fn events(state: &AppState, run_id: &str, uri: &Uri) -> Result<RunEventsPage, V1Error> {
    let params = params(uri, EVENTS_PARAMS)?;
    let page_size = page_size(&params)?;
    let run_tag = stable_hash(&[b"run events", run_id.as_bytes()]);
    // An unknown run is a 404 whatever the parameters.
    find(state, run_id)?;
    let after = match params.get("cursor") {
        Some(cursor) => {
            let [issued_for, after] = state
                .v1
                .cursors
                .open::<2>(CursorPurpose::RunEvents, cursor)
                .ok_or_else(bad_cursor)?;
            if issued_for != run_tag {
                return Err(V1Error::invalid_request(
                    "`cursor` was issued for another run's events",
                ));
            }
            after
        }
        None => 0,
    };
    let page = state
        .v1
        .runs
        .events(run_id, after, page_size)
        .ok_or_else(|| V1Error::not_found(format!("no run with id {run_id:?}")))?;
    let next_cursor = page.next_after.map(|seq| {
        state
            .v1
            .cursors
            .seal(CursorPurpose::RunEvents, &[run_tag, seq])
    });
    Ok(RunEventsPage::new(
        page.events,
        page.at_cap,
        page.capped_kinds,
        page.gaps,
        next_cursor,
    ))
}

fn bad_cursor() -> V1Error {
    V1Error::invalid_request(
        "`cursor` is not valid: pass back a `next_cursor` from this server unchanged",
    )
}

fn filter(params: &Params) -> Result<RunFilter, V1Error> {
    Ok(RunFilter {
        user_id: params.get("user_id").cloned(),
        status: known(
            params,
            "status",
            "live, ended, errored",
            RunStatus::parse_known,
        )?,
        mode: known(params, "mode", "realtime, file", RunMode::parse_known)?,
        endpoint: known(params, "endpoint", "audio, video", RunEndpoint::parse_known)?,
        started_before: time(params, "started_before")?,
        started_after: time(params, "started_after")?,
    })
}

/// An enum parameter, which must hold one of the documented values.
fn known<T, E>(
    params: &Params,
    name: &str,
    allowed: &str,
    parse: fn(&str) -> Result<T, E>,
) -> Result<Option<T>, V1Error> {
    params
        .get(name)
        .map(|value| {
            parse(value).map_err(|_| {
                V1Error::invalid_request(format!(
                    "`{name}` must be one of {allowed}, not {value:?}"
                ))
            })
        })
        .transpose()
}

fn time(params: &Params, name: &str) -> Result<Option<Timestamp>, V1Error> {
    params
        .get(name)
        .map(|value| {
            value.parse::<Timestamp>().map_err(|_| {
                V1Error::invalid_request(format!(
                    "`{name}` must be an RFC 3339 time such as 2026-10-06T12:00:00Z, not {value:?}"
                ))
            })
        })
        .transpose()
}

#[cfg(test)]
mod tests;
