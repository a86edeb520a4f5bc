//! `hume list`: jobs matching the filters, as a table or `--json` (an array of job details).

use crate::args::ListArgs;
use crate::commands::Context;
use crate::models::{ListJobsQuery, When};
use crate::output::table;

/// Runs the command.
///
/// # Errors
/// Client errors.
pub fn run(ctx: &Context<'_>, args: ListArgs) -> anyhow::Result<()> {
    let query = query(&args);
    let jobs = ctx.session()?.client().list_jobs(&query)?;
    if ctx.out.json() {
        return ctx.out.print_json(&serde_json::to_value(&jobs)?);
    }
    let mut rows = vec![
        ["job id", "status", "created", "ended", "inputs"]
            .map(str::to_owned)
            .to_vec(),
    ];
    for job in &jobs {
        rows.push(vec![
            job.job_id
                .as_ref()
                .map_or_else(|| "-".to_owned(), ToString::to_string),
            job.status().to_string(),
            job.created_time()
                .map_or_else(|| "-".to_owned(), |t| t.to_string()),
            job.ended_time()
                .map_or_else(|| "-".to_owned(), |t| t.to_string()),
            format!(
                "{} urls, {} files, {} text",
                job.urls().len(),
                job.files().len(),
                job.text().len()
            ),
        ]);
    }
    ctx.out.print(&table(&rows))?;
    ctx.out.note(&format!("{} jobs", jobs.len()));
    Ok(())
}

/// The query the flags describe (clap already checked every value).
pub fn query(args: &ListArgs) -> ListJobsQuery {
    let mut query = ListJobsQuery::new();
    if let Some(limit) = args.limit {
        query = query.with_limit(limit);
    }
    for status in &args.statuses {
        query = query.with_status(status.clone());
    }
    if let Some(ts) = args.created_before {
        query = query.with_when(When::CreatedBefore, ts);
    }
    if let Some(ts) = args.created_after {
        query = query.with_when(When::CreatedAfter, ts);
    }
    if let Some(sort_by) = args.sort_by {
        query = query.with_sort_by(sort_by);
    }
    if let Some(direction) = args.direction {
        query = query.with_direction(direction);
    }
    query
}
