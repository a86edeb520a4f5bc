use clap::{Args as _, CommandFactory as _, Parser as _};
use hume_emulator::ApiKeyPolicy;

use super::*;

fn longs(cmd: &clap::Command) -> Vec<String> {
    cmd.get_arguments()
        .filter_map(|a| a.get_long().map(str::to_owned))
        .collect()
}

#[test]
fn the_command_line_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn the_emulator_command_has_every_flag_of_the_emulator_binary() {
    let own = longs(&hume_emulator::EmulatorArgs::augment_args(
        clap::Command::new("x"),
    ));
    assert!(own.len() > 10, "{own:?}");
    let cli = Cli::command();
    let emulator = cli
        .find_subcommand("emulator")
        .expect("an emulator subcommand");
    let embedded = longs(emulator);
    for flag in &own {
        assert!(embedded.contains(flag), "--{flag} missing: {embedded:?}");
    }
}

fn emulator(args: &[&str]) -> hume_emulator::EmulatorConfig {
    match Cli::try_parse_from(args).expect("parses").command {
        Command::Emulator(args) => args.emulator.to_config(),
        other => panic!("not the emulator command: {other:?}"),
    }
}

#[test]
fn emulator_flags_reach_its_config() {
    let config = emulator(&["hume", "emulator", "--api-key", "k1", "--port", "9"]);
    assert_eq!(config.api_key_policy(), &ApiKeyPolicy::Exact("k1".into()));
    assert_eq!(config.port(), 9);
    let config = emulator(&[
        "hume",
        "emulator",
        "--any-api-key",
        "--artifact-padding",
        "5",
    ]);
    assert_eq!(config.api_key_policy(), &ApiKeyPolicy::AnyNonEmpty);
    assert_eq!(config.artifact_padding(), 5);
    // The global `--api-key`, given before the subcommand, is the same option.
    let config = emulator(&["hume", "--api-key", "k2", "emulator"]);
    assert_eq!(config.api_key_policy(), &ApiKeyPolicy::Exact("k2".into()));
}

#[test]
fn enum_flags_parse_into_the_model_enums_ignoring_case() {
    let cli = Cli::try_parse_from([
        "hume",
        "list",
        "--status",
        "completed",
        "--status",
        "IN_PROGRESS",
        "--sort-by",
        "Ended",
        "--direction",
        "ASC",
    ])
    .expect("parses");
    let Command::List(list) = cli.command else {
        panic!("not list");
    };
    assert_eq!(
        list.statuses,
        [BatchJobStatus::Completed, BatchJobStatus::InProgress]
    );
    assert_eq!(list.sort_by, Some(SortBy::Ended));
    assert_eq!(list.direction, Some(Direction::Asc));

    let cli = Cli::try_parse_from(["hume", "summary", "p.json", "--model", "NER"]).expect("parses");
    let Command::Summary(summary) = cli.command else {
        panic!("not summary");
    };
    assert_eq!(summary.model, Some(Model::Ner));

    for bad in [
        &["hume", "list", "--status", "DONE"][..],
        &["hume", "list", "--status", ""],
        &["hume", "list", "--sort-by", "size"],
        &["hume", "plot", "p.json", "-o", "x.svg", "--model", "smell"],
        &["hume", "submit", "--prosody-granularity", "paragraph"],
        &["hume", "submit", "--transcription-language", "klingon"],
    ] {
        let err = Cli::try_parse_from(bad).expect_err("rejected");
        assert_eq!(err.kind(), clap::error::ErrorKind::InvalidValue, "{bad:?}");
    }
}

#[test]
fn help_lists_the_names_from_the_model_enums() {
    let help = Cli::command()
        .find_subcommand_mut("list")
        .expect("list")
        .render_long_help()
        .to_string();
    for status in BatchJobStatus::ALL {
        assert!(help.contains(status.as_str()), "{status} missing:\n{help}");
    }
    let mut cli = Cli::command();
    let submit = cli.find_subcommand_mut("submit").expect("submit");
    let help = submit.render_long_help().to_string();
    for g in Granularity::ALL {
        assert!(help.contains(g.as_str()), "{g} missing");
    }
    assert!(help.contains(Bcp47Tag::HiLatn.as_str()));
}
