//! `POST /v1/expression/audio/file`: utterances, measurements, runs and every refusal.

use hume_models::v1::limits::MAX_REQUEST_BYTES;
use hume_models::v1::{AudioFileResponse, MeasurementTrigger, Run, RunStatus, Scores as _};

use super::client::{V1, assert_error, emulator, ok_json, request_id};
use super::media::{Signal, two_bursts, wav, wav_with};

async fn measure(
    client: &V1,
    data: &[u8],
    content_type: &str,
    config: Option<&str>,
) -> AudioFileResponse {
    let reply = client.audio(data, content_type, config).await;
    let body = ok_json(&reply);
    let response = AudioFileResponse::from_value(body).expect("the response parses");
    assert_eq!(response.request_id.as_str(), request_id(&reply));
    response
}

async fn run(client: &V1, run_id: &str) -> Run {
    Run::from_value(ok_json(
        &client.get(&format!("/v1/expression/run/{run_id}")).await,
    ))
    .expect("the run parses")
}

#[tokio::test]
async fn a_wav_with_two_bursts_gives_two_measured_utterances_and_an_ended_run() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let file = wav(&two_bursts());
    let response = measure(&client, &file, "audio/wav", None).await;
    assert_eq!(response.received.audio_duration_ms, 7_500);
    assert_eq!(response.utterances.len(), 2, "{response:?}");
    let (first, second) = (&response.utterances[0], &response.utterances[1]);
    assert_eq!((first.utterance_id, second.utterance_id), (0, 1));
    // The bursts are at 0.5–1.5 s and 2.5–6.5 s (the detector's edges are within 100 ms).
    assert!(
        first.audio_start_ms.abs_diff(500) <= 100 && first.audio_end_ms.abs_diff(1_500) <= 100,
        "{first:?}"
    );
    assert!(
        second.audio_start_ms.abs_diff(2_500) <= 100 && second.audio_end_ms.abs_diff(6_500) <= 100,
        "{second:?}"
    );
    // Every utterance has a measurement; ids count from 0; the long one is measured at 3 s.
    for utterance in &response.utterances {
        let ms: Vec<_> = response.measurements_of(utterance.utterance_id).collect();
        assert!(!ms.is_empty());
        assert_eq!(ms.last().unwrap().trigger, MeasurementTrigger::SpeechEnded);
    }
    let ids: Vec<u64> = response
        .measurements
        .iter()
        .map(|m| m.measurement_id)
        .collect();
    assert_eq!(ids, (0..ids.len() as u64).collect::<Vec<_>>());
    let second_ms: Vec<_> = response.measurements_of(1).collect();
    assert_eq!(second_ms[0].trigger, MeasurementTrigger::Interval);
    assert_eq!(second_ms[0].audio_end_ms, second.audio_start_ms + 3_000);
    for m in &response.measurements {
        assert!(m.duration_ms() <= 10_000);
        assert!(m.audio_start_ms >= response.utterance(m.utterance_id).unwrap().audio_start_ms);
        // Scores: rounded to 4 decimals, sorted, voice attributes only at or above 0.725.
        for list in [&m.expressions, &m.voice_attributes] {
            for pair in list.windows(2) {
                assert!(pair[0].probability >= pair[1].probability);
            }
            for s in list.iter() {
                assert_eq!((s.probability * 10_000.0).round() / 10_000.0, s.probability);
                assert_eq!(s.name.as_str(), s.name.to_lowercase());
            }
        }
        assert!(m.voice_attributes.iter().all(|s| s.probability >= 0.725));
    }

    let run = run(&client, response.run_id.as_str()).await;
    assert_eq!(run.status, RunStatus::Ended);
    assert_eq!(
        (run.mode.as_str(), run.endpoint.as_str()),
        ("file", "audio")
    );
    assert_eq!(
        run.metered_seconds, 10.0,
        "7.5 s of audio is billed as the 10 s minimum"
    );
    assert_eq!(run.bytes_received, Some(file.len() as u64));
    assert_eq!(run.bytes_recorded, None);
    assert!(run.ended_at.unwrap() >= run.started_at);
    let config = run.config.as_audio().expect("an audio run config");
    assert_eq!(config.measurement_timer_ms, 3_000);
    assert_eq!(config.schema.as_str(), "v4");
    assert!(config.audio.is_supported());
    assert_eq!(emulator.run_count(), 1);
}

#[tokio::test]
async fn headerless_samples_give_the_same_results_as_the_wav() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let pcm = two_bursts();
    let from_wav = measure(&client, &wav(&pcm), "audio/wav", None).await;
    let from_raw = measure(&client, &pcm, "application/octet-stream", None).await;
    assert_eq!(from_wav.utterances, from_raw.utterances);
    assert_eq!(from_wav.measurements, from_raw.measurements);
    assert_ne!(from_wav.run_id, from_raw.run_id);
    assert_ne!(from_wav.request_id, from_raw.request_id);
    // The part's content type does not decide: the bytes do.
    let labelled_wrong = measure(&client, &pcm, "audio/wav", None).await;
    assert_eq!(labelled_wrong.measurements, from_raw.measurements);
}

#[tokio::test]
async fn silence_has_no_utterance_and_long_speech_is_measured_in_windows() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let silence = measure(
        &client,
        &wav(&Signal::new().silence(4_000).pcm()),
        "audio/wav",
        None,
    )
    .await;
    assert!(silence.utterances.is_empty() && silence.measurements.is_empty());
    assert_eq!(silence.received.audio_duration_ms, 4_000);

    // 24 s of speech at a 10 s timer: windows meet end to end and never exceed 10 s.
    let speech = Signal::new()
        .silence(500)
        .tone(24_000, 180.0, 9_000.0)
        .silence(1_000)
        .pcm();
    let long = measure(
        &client,
        &speech,
        "application/octet-stream",
        Some(r#"{"measurement_timer_ms": 10000}"#),
    )
    .await;
    assert_eq!(long.utterances.len(), 1);
    let ms = &long.measurements;
    let intervals: Vec<_> = ms
        .iter()
        .filter(|m| m.trigger == MeasurementTrigger::Interval)
        .collect();
    assert_eq!(intervals.len(), 2, "{ms:?}");
    assert_eq!(intervals[0].audio_end_ms, intervals[1].audio_start_ms);
    assert!(ms.iter().all(|m| m.duration_ms() <= 10_000));
    assert_eq!(ms.last().unwrap().trigger, MeasurementTrigger::SpeechEnded);
    let run = run(&client, long.run_id.as_str()).await;
    assert_eq!(run.config.as_audio().unwrap().measurement_timer_ms, 10_000);
    assert_eq!(run.metered_seconds, 25.5);

    // The same bytes always give the same scores.
    let again = measure(
        &client,
        &speech,
        "application/octet-stream",
        Some(r#"{"measurement_timer_ms": 10000}"#),
    )
    .await;
    assert_eq!(again.measurements, long.measurements);
    assert!(
        again
            .measurements
            .iter()
            .any(|m| m.expressions.top().is_some())
    );
}

#[tokio::test]
async fn refused_audio_gets_its_status_and_an_errored_run() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let pcm = two_bursts();
    let mut mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x0a".to_vec();
    mp3.extend_from_slice(&[0u8; 64]);
    let cases: Vec<(Vec<u8>, u16, &str)> = vec![
        (mp3, 415, "unsupported_media_type"),
        (
            b"fLaC\0\0\0\x22rest-of-flac".to_vec(),
            415,
            "unsupported_media_type",
        ),
        (
            b"RIFF\x10\0\0\0AVI LIST\0\0\0\0".to_vec(),
            415,
            "unsupported_media_type",
        ),
        (wav_with(&pcm, 44_100, 1), 400, "audio_decode_failed"),
        (wav_with(&pcm, 16_000, 2), 400, "audio_decode_failed"),
        (wav(&pcm)[..1_000].to_vec(), 400, "audio_decode_failed"),
        (vec![1, 2, 3], 400, "audio_decode_failed"),
        (Vec::new(), 400, "audio_decode_failed"),
    ];
    for (data, status, code) in cases {
        let reply = client.audio(&data, "audio/wav", None).await;
        assert_error(&reply, status, code);
    }
    // Every refused upload is an errored, unbilled run.
    let runs = ok_json(&client.get("/v1/expression/run?status=errored").await);
    let runs = runs["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 8);
    assert!(
        runs.iter()
            .all(|r| r["metered_seconds"] == 0.0 && r["endpoint"] == "audio")
    );
}

#[tokio::test]
async fn refused_requests_and_configs() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let file = wav(&two_bursts());
    for (config, needle) in [
        (r#"{"measurement_timer_ms": 2999}"#, "measurement_timer_ms"),
        (r#"{"measurement_timer_ms": 10001}"#, "measurement_timer_ms"),
        (r#"{"timer_ms": 3000}"#, "unknown field `timer_ms`"),
        (r#"{"measurement_timer_ms": "3000"}"#, "not valid"),
        ("not json", "not JSON"),
    ] {
        let body = assert_error(
            &client.audio(&file, "audio/wav", Some(config)).await,
            400,
            "config_invalid",
        );
        assert!(body["message"].as_str().unwrap().contains(needle), "{body}");
    }
    // Two files, no file, a stray part, not multipart.
    let two = client
        .post_parts(
            "/v1/expression/audio/file",
            &[
                super::client::Part::file(&file, "audio/wav"),
                super::client::Part::file(&file, "audio/wav"),
            ],
        )
        .await;
    assert_error(&two, 400, "message_invalid");
    let none = client
        .post_parts(
            "/v1/expression/audio/file",
            &[super::client::Part::config("{}")],
        )
        .await;
    assert_error(&none, 400, "message_invalid");
    let stray = client
        .post_parts(
            "/v1/expression/audio/file",
            &[
                super::client::Part::file(&file, "audio/wav"),
                super::client::Part {
                    name: "json",
                    filename: None,
                    content_type: None,
                    data: b"{}",
                },
            ],
        )
        .await;
    assert_error(&stray, 400, "message_invalid");
    let json = client
        .send(
            reqwest::Method::POST,
            "/v1/expression/audio/file",
            Some(("application/json".to_owned(), b"{}".to_vec())),
        )
        .await;
    assert_error(&json, 400, "message_invalid");
    // Over the 25 MB request limit: 413 audio_too_long, the body read to its end first.
    let huge = vec![0u8; MAX_REQUEST_BYTES as usize + 2];
    let reply = client.audio(&huge, "application/octet-stream", None).await;
    assert_error(&reply, 413, "audio_too_long");
    // A config part that is valid is echoed in the run even when the audio is refused.
    let reply = client
        .audio(
            &[1, 2, 3],
            "audio/wav",
            Some(r#"{"measurement_timer_ms": 4000}"#),
        )
        .await;
    assert_error(&reply, 400, "audio_decode_failed");
    let runs = ok_json(&client.get("/v1/expression/run?page_size=1").await);
    let id = runs["runs"][0]["run_id"].as_str().unwrap().to_owned();
    let run = run(&client, &id).await;
    assert_eq!(run.status, RunStatus::Errored);
    assert_eq!(run.config.as_audio().unwrap().measurement_timer_ms, 4_000);
    assert_eq!(run.bytes_received, Some(3));
}
