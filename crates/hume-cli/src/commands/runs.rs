//! `hume runs list|get|events`: the runs of the Expression Measurement API (v1), the record of
//! every upload and realtime session.
//!
//! - `list`: one page by default (newest first; the next page's `--cursor` is printed on
//!   stderr), `--limit N` runs across pages, or `--all`; every filter of the API. `--json`: the
//!   page as the API shapes it (`{runs, next_cursor}`), or with `--limit`/`--all` an array of
//!   runs.
//! - `get RUN_ID`: one run with its configuration (`--json`: the run object).
//! - `events RUN_ID`: its whole event log, every page joined, or one page with `--cursor` or
//!   `--page-size` (`--json`: the log as one `RunEventsPage`).

use clap::{Args, Subcommand};

use hume::HumeError;
use hume::Timestamp;

use crate::commands::Context;
use crate::models::v1::{
    ListRunsQuery, Run, RunEndpoint, RunEvent, RunEventsQuery, RunMode, RunStatus, RunSummary,
};
use crate::output::table;
use crate::values;

/// `hume runs`.
#[derive(Debug, Args)]
pub struct RunsArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: RunsCommand,
}

/// The `runs` subcommands.
#[derive(Debug, Subcommand)]
pub enum RunsCommand {
    /// List runs, newest first.
    List(ListRunsArgs),
    /// Show one run.
    Get(RunIdArg),
    /// Show a run's event log.
    Events(EventsArgs),
}

/// `hume runs list`.
#[derive(Debug, Args)]
pub struct ListRunsArgs {
    /// Only runs with this status.
    #[arg(long, value_parser = values::run_status())]
    pub status: Option<RunStatus>,
    /// Only runs of this mode.
    #[arg(long, value_parser = values::run_mode())]
    pub mode: Option<RunMode>,
    /// Only runs of this endpoint.
    #[arg(long, value_parser = values::run_endpoint())]
    pub endpoint: Option<RunEndpoint>,
    /// Only runs of this user.
    #[arg(long, value_name = "ID")]
    pub user_id: Option<String>,
    /// Only runs started before this time (RFC 3339, e.g. 2026-10-20T12:00:00Z).
    #[arg(long, value_name = "TIME")]
    pub started_before: Option<Timestamp>,
    /// Only runs started after this time (RFC 3339).
    #[arg(long, value_name = "TIME")]
    pub started_after: Option<Timestamp>,
    /// Runs per page asked of the API (1..=100).
    #[arg(long, value_name = "N")]
    pub page_size: Option<u32>,
    /// Start at this page (the `next_cursor` of an earlier listing).
    #[arg(long)]
    pub cursor: Option<String>,
    /// Follow pages until this many runs.
    #[arg(long, value_name = "N", conflicts_with = "all",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub limit: Option<u64>,
    /// Follow every page.
    #[arg(long)]
    pub all: bool,
}

/// A run id.
#[derive(Debug, Args)]
pub struct RunIdArg {
    /// The run id (the `run_id` of a response, or a session id).
    pub run_id: String,
}

/// `hume runs events`.
#[derive(Debug, Args)]
pub struct EventsArgs {
    /// The run id.
    pub run_id: String,
    /// One page of this many events (1..=100) instead of the whole log.
    #[arg(long, value_name = "N")]
    pub page_size: Option<u32>,
    /// One page from this cursor (the `next_cursor` of an earlier page).
    #[arg(long)]
    pub cursor: Option<String>,
}

/// Runs the command.
///
/// # Errors
/// A bad filter (exit 7), an unknown run (6), client errors.
pub fn run(ctx: &Context<'_>, args: RunsArgs) -> anyhow::Result<()> {
    match args.command {
        RunsCommand::List(args) => list(ctx, &args),
        RunsCommand::Get(args) => get(ctx, &args.run_id),
        RunsCommand::Events(args) => events(ctx, &args),
    }
}

/// The query the flags describe.
pub fn query(args: &ListRunsArgs) -> ListRunsQuery {
    let mut query = ListRunsQuery::new();
    if let Some(n) = args.page_size {
        query = query.with_page_size(n);
    }
    if let Some(c) = &args.cursor {
        query = query.with_cursor(c.clone());
    }
    if let Some(u) = &args.user_id {
        query = query.with_user_id(u.clone());
    }
    if let Some(s) = &args.status {
        query = query.with_status(s.clone());
    }
    if let Some(m) = &args.mode {
        query = query.with_mode(m.clone());
    }
    if let Some(e) = &args.endpoint {
        query = query.with_endpoint(e.clone());
    }
    if let Some(t) = args.started_before {
        query = query.with_started_before(t);
    }
    if let Some(t) = args.started_after {
        query = query.with_started_after(t);
    }
    query
}

fn list(ctx: &Context<'_>, args: &ListRunsArgs) -> anyhow::Result<()> {
    let query = query(args);
    query.validate().map_err(HumeError::Validation)?;
    let client = ctx.session()?.v1();
    if !args.all && args.limit.is_none() {
        let page = client.runs().list(&query)?;
        if ctx.out.json() {
            return ctx.out.print_json(&serde_json::to_value(&page)?);
        }
        ctx.out.print(&runs_table(&page.runs))?;
        match &page.next_cursor {
            Some(cursor) => ctx.out.note(&format!(
                "{} runs; more with --cursor {cursor} (or --all, --limit N)",
                page.runs.len()
            )),
            None => ctx.out.note(&format!("{} runs", page.runs.len())),
        }
        return Ok(());
    }
    let limit = args
        .limit
        .map_or(usize::MAX, |n| usize::try_from(n).unwrap_or(usize::MAX));
    let runs = client
        .runs()
        .list_all(query)
        .take(limit)
        .collect::<Result<Vec<RunSummary>, HumeError>>()?;
    if ctx.out.json() {
        return ctx.out.print_json(&serde_json::to_value(&runs)?);
    }
    ctx.out.print(&runs_table(&runs))?;
    ctx.out.note(&format!("{} runs", runs.len()));
    Ok(())
}

/// One row per run.
pub fn runs_table(runs: &[RunSummary]) -> String {
    let mut rows = vec![
        [
            "run id",
            "status",
            "endpoint",
            "mode",
            "started",
            "ended",
            "metered (s)",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for r in runs {
        rows.push(vec![
            r.run_id.to_string(),
            r.status.to_string(),
            r.endpoint.to_string(),
            r.mode.to_string(),
            r.started_at.to_string(),
            r.ended_at.map_or_else(|| "-".to_owned(), |t| t.to_string()),
            r.metered_seconds.to_string(),
        ]);
    }
    table(&rows)
}

fn get(ctx: &Context<'_>, run_id: &str) -> anyhow::Result<()> {
    let run = ctx.session()?.v1().runs().get(run_id)?;
    if ctx.out.json() {
        return ctx.out.print_json(&serde_json::to_value(&run)?);
    }
    ctx.out.print(&run_text(&run))
}

/// One run, a field per line.
pub fn run_text(run: &Run) -> String {
    let opt = |v: Option<String>| v.unwrap_or_else(|| "-".to_owned());
    let rows = vec![
        vec!["run id".to_owned(), run.run_id.to_string()],
        vec!["user id".to_owned(), run.user_id.clone()],
        vec!["status".to_owned(), run.status.to_string()],
        vec!["endpoint".to_owned(), run.endpoint.to_string()],
        vec!["mode".to_owned(), run.mode.to_string()],
        vec!["started".to_owned(), run.started_at.to_string()],
        vec!["ended".to_owned(), opt(run.ended_at.map(|t| t.to_string()))],
        vec![
            "close".to_owned(),
            opt(match (run.close_code, &run.close_reason) {
                (None, None) => None,
                (code, reason) => Some(format!(
                    "{} {}",
                    code.map_or_else(|| "-".to_owned(), |c| c.to_string()),
                    reason.as_ref().map_or("-", |r| r.as_str())
                )),
            }),
        ],
        vec![
            "bytes received".to_owned(),
            opt(run.bytes_received.map(|b| b.to_string())),
        ],
        vec![
            "bytes recorded".to_owned(),
            opt(run.bytes_recorded.map(|b| b.to_string())),
        ],
        vec!["metered (s)".to_owned(), run.metered_seconds.to_string()],
        vec![
            "config".to_owned(),
            serde_json::to_string(&run.config).unwrap_or_default(),
        ],
    ];
    table(&rows)
}

fn events(ctx: &Context<'_>, args: &EventsArgs) -> anyhow::Result<()> {
    let runs = ctx.session()?.v1().runs();
    let one_page = args.page_size.is_some() || args.cursor.is_some();
    let page = if one_page {
        let mut query = RunEventsQuery::new();
        if let Some(n) = args.page_size {
            query = query.with_page_size(n);
        }
        if let Some(c) = &args.cursor {
            query = query.with_cursor(c.clone());
        }
        query.validate().map_err(HumeError::Validation)?;
        runs.events_page(&args.run_id, &query)?
    } else {
        runs.events(&args.run_id)?
    };
    if ctx.out.json() {
        return ctx.out.print_json(&serde_json::to_value(&page)?);
    }
    ctx.out.print(&events_table(&page.events))?;
    let mut note = format!("{} events", page.events.len());
    if page.at_cap {
        note.push_str(&format!(
            "; the log is at its cap (kinds no longer logged: {})",
            page.capped_kinds
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    if page.gaps {
        note.push_str("; the log has gaps");
    }
    if let Some(cursor) = &page.next_cursor {
        note.push_str(&format!("; more with --cursor {cursor}"));
    }
    ctx.out.note(&note);
    Ok(())
}

/// One row per event, its detail as compact JSON.
pub fn events_table(events: &[RunEvent]) -> String {
    let mut rows = vec![["seq", "at", "kind", "detail"].map(str::to_owned).to_vec()];
    for e in events {
        rows.push(vec![
            e.seq.to_string(),
            e.at.to_string(),
            e.kind.to_string(),
            e.detail
                .as_ref()
                .map(|d| serde_json::Value::Object(d.clone()).to_string())
                .unwrap_or_default(),
        ]);
    }
    table(&rows)
}

#[cfg(test)]
mod tests;
