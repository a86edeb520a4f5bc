use clap::Parser as _;

use super::{ListRunsArgs, RunsCommand, events_table, query, run_text, runs_table};
use crate::args::{Cli, Command};
use crate::models::v1::{ListRunsQuery, Run, RunEventsPage, RunsPage};

fn list_args(args: &[&str]) -> ListRunsArgs {
    let cli = Cli::try_parse_from(["hume", "runs", "list"].iter().chain(args)).unwrap();
    match cli.command {
        Command::Runs(runs) => match runs.command {
            RunsCommand::List(list) => list,
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}

#[test]
fn every_filter_reaches_the_query() {
    let args = list_args(&[
        "--status",
        "ENDED",
        "--mode",
        "file",
        "--endpoint",
        "video",
        "--user-id",
        "u1",
        "--started-before",
        "2026-10-20T12:00:00Z",
        "--started-after",
        "2026-10-19T00:00:00+02:00",
        "--page-size",
        "5",
        "--cursor",
        "c1",
    ]);
    let pairs = query(&args).to_query_pairs();
    assert_eq!(
        pairs,
        ListRunsQuery::from_query_pairs([
            ("page_size", "5"),
            ("cursor", "c1"),
            ("user_id", "u1"),
            ("status", "ended"),
            ("mode", "file"),
            ("endpoint", "video"),
            ("started_before", "2026-10-20T12:00:00Z"),
            ("started_after", "2026-10-18T22:00:00Z"),
        ])
        .unwrap()
        .to_query_pairs()
    );
}

#[test]
fn unknown_values_and_bad_times_are_usage_errors() {
    for args in [
        &["--status", "running"][..],
        &["--endpoint", "images"],
        &["--started-before", "yesterday"],
        &["--all", "--limit", "3"],
        &["--limit", "0"],
    ] {
        let err = Cli::try_parse_from(["hume", "runs", "list"].iter().chain(args)).unwrap_err();
        assert_eq!(err.exit_code(), 2, "{args:?}: {err}");
    }
}

const RUN: &str = r#"{"run_id":"run-1","user_id":"u","status":"ended","endpoint":"audio","mode":"file",
 "started_at":"2026-10-20T10:00:00Z","ended_at":"2026-10-20T10:00:02Z","bytes_received":128000,
 "metered_seconds":10.0,"config":{"measurement_timer_ms":3000},"schema":"v4"}"#;

#[test]
fn tables_show_each_field() {
    let page =
        RunsPage::from_response(format!(r#"{{"runs":[{RUN}],"next_cursor":null}}"#).as_bytes())
            .unwrap();
    let text = runs_table(&page.runs);
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("run id  status  endpoint  mode  started"));
    assert!(
        lines[1].starts_with(
            "run-1   ended   audio     file  2026-10-20T10:00:00Z  2026-10-20T10:00:02Z  10"
        ),
        "{}",
        lines[1]
    );

    let run = Run::from_response(RUN.as_bytes()).unwrap();
    let text = run_text(&run);
    assert!(text.contains("bytes received  128000"), "{text}");
    assert!(text.contains("bytes recorded  -"), "{text}");
    assert!(
        text.contains("config          {\"measurement_timer_ms\":3000}"),
        "{text}"
    );

    let log = RunEventsPage::from_response(
        br#"{"events":[{"seq":3,"at":"2026-10-20T10:00:01Z","kind":"rate_limited","detail":{"consecutive":2}}],
            "at_cap":false,"capped_kinds":[],"gaps":false,"next_cursor":null}"#,
    )
    .unwrap();
    let text = events_table(&log.events);
    assert!(
        text.lines()
            .nth(1)
            .unwrap()
            .starts_with("3    2026-10-20T10:00:01Z  rate_limited  {\"consecutive\":2}"),
        "{text}"
    );
}
