use clap::builder::TypedValueParser as _;

use super::*;

fn parse<T: Clone + Send + Sync + 'static>(
    parser: &Documented<T>,
    value: &str,
) -> Result<T, clap::Error> {
    let mut cmd = clap::Command::new("hume").arg(clap::Arg::new("flag").long("flag"));
    cmd.build();
    let arg = cmd.get_arguments().next().expect("the flag");
    parser.parse_ref(&cmd, Some(arg), OsStr::new(value))
}

#[test]
fn documented_names_parse_ignoring_case() {
    assert_eq!(
        parse(&status(), "in_progress").ok(),
        Some(BatchJobStatus::InProgress)
    );
    assert_eq!(parse(&sort_by(), "STARTED").ok(), Some(SortBy::Started));
    assert_eq!(parse(&direction(), "desc").ok(), Some(Direction::Desc));
    assert_eq!(parse(&model(), "Facemesh").ok(), Some(Model::Facemesh));
    assert_eq!(
        parse(&granularity(), "conversational_turn").ok(),
        Some(Granularity::ConversationalTurn)
    );
    assert_eq!(parse(&language(), "es-419").ok(), Some(Bcp47Tag::Es419));
    assert_eq!(parse(&language(), "PT-br").ok(), Some(Bcp47Tag::PtBr));
}

#[test]
fn anything_else_is_clap_invalid_value_naming_the_accepted_names() {
    // Unknown statuses parse to `Unknown` in hume-models, but a flag accepts only documented ones.
    let err = parse(&status(), "DONE").expect_err("not documented");
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    let text = err.to_string();
    assert!(
        text.contains("DONE") && text.contains("IN_PROGRESS"),
        "{text}"
    );
    assert!(parse(&language(), "klingon").is_err());
    assert!(parse(&granularity(), "Word ").is_err());
}

#[test]
fn possible_values_follow_the_enum_lists() {
    let statuses: Vec<String> = status()
        .possible_values()
        .expect("listed")
        .map(|v| v.get_name().to_owned())
        .collect();
    let expected: Vec<String> = BatchJobStatus::ALL
        .iter()
        .map(|s| s.as_str().to_owned())
        .collect();
    assert_eq!(statuses, expected);
    assert_eq!(
        model().possible_values().expect("listed").count(),
        Model::ALL.len()
    );
    assert_eq!(
        language().possible_values().expect("listed").count(),
        Bcp47Tag::ALL.len()
    );
    assert_eq!(format!("{:?}", direction()), r#"["asc", "desc"]"#);
}

#[test]
fn numbers_out_of_range_are_refused_not_converted() {
    // The audit: `--timeout 1e20` panicked in Duration::from_secs_f64; `--top u64::MAX`
    // overflowed an allocation.
    for bad in ["1e20", "inf", "NaN", "0.5", "-3", "2592001", "ten"] {
        assert!(timeout_seconds(bad).is_err(), "{bad}");
    }
    assert_eq!(timeout_seconds("1"), Ok(1.0));
    assert_eq!(timeout_seconds("2592000"), Ok(MAX_TIMEOUT_SECONDS));
    for bad in ["18446744073709551615", "10000000", "0", "-1", "1.5"] {
        assert!(top(bad).is_err(), "{bad}");
    }
    assert_eq!(top("3"), Ok(3));
    assert_eq!(top("1000"), Ok(MAX_TOP));
    for bad in ["inf", "-inf", "NaN", "1e400"] {
        assert!(finite(bad).is_err(), "{bad}");
    }
    assert_eq!(finite("-2.5"), Ok(-2.5));
}
