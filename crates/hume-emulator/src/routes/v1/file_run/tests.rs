use hume_models::v1::{AudioRunConfig, VideoRunConfig};

use super::*;

fn at(ms: i64) -> Timestamp {
    Timestamp::from_millisecond(1_790_000_000_000 + ms).unwrap()
}

#[test]
fn measured_runs_bill_at_least_ten_seconds() {
    let caller = Caller::from_credential("k");
    let short = file_run(
        RunId::new("r1"),
        &caller,
        RunEndpoint::Audio,
        AudioRunConfig::default().into(),
        at(0),
        at(40),
        64_044,
        Outcome::Measured {
            seconds: audio_seconds(2_000),
        },
    );
    assert_eq!(short.status, RunStatus::Ended);
    assert_eq!(short.mode, RunMode::File);
    assert_eq!(short.metered_seconds, 10.0);
    assert_eq!((short.started_at, short.ended_at), (at(0), Some(at(40))));
    assert_eq!(
        (short.bytes_received, short.bytes_recorded),
        (Some(64_044), None)
    );
    assert_eq!(short.user_id, caller.user_id);
    assert_eq!(short.close_code, None);
    let long = file_run(
        RunId::new("r2"),
        &caller,
        RunEndpoint::Audio,
        AudioRunConfig::default().into(),
        at(0),
        at(1),
        0,
        Outcome::Measured {
            seconds: audio_seconds(12_345),
        },
    );
    assert_eq!(long.metered_seconds, 12.345);
    let images = file_run(
        RunId::new("r3"),
        &caller,
        RunEndpoint::Video,
        VideoRunConfig::default().into(),
        at(0),
        at(1),
        0,
        Outcome::Measured {
            seconds: image_seconds(33),
        },
    );
    assert!(
        (images.metered_seconds - 11.0).abs() < 1e-9,
        "{}",
        images.metered_seconds
    );
    assert_eq!(image_seconds(3), 1.0);
}

#[test]
fn refused_runs_are_errored_and_not_billed() {
    let run = file_run(
        RunId::new("r"),
        &Caller::from_credential("k"),
        RunEndpoint::Video,
        VideoRunConfig::default().into(),
        at(5),
        at(0),
        10,
        Outcome::Refused,
    );
    assert_eq!(run.status, RunStatus::Errored);
    assert_eq!(run.metered_seconds, 0.0);
    assert_eq!(run.ended_at, Some(at(5)), "never before the start");
}
