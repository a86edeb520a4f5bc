//! The run endpoints: list (every filter, cursors), get, events (cursors, caps), the cap on runs
//! kept, and strict query validation.

use hume_emulator::{EmulatorConfig, V1Config};
use hume_models::v1::{Run, RunEventKind, RunEventsPage, RunsPage};
use serde_json::{Map, Value};

use super::client::{V1, assert_error, emulator, ok_json, start};
use super::media::{jpeg, two_bursts, wav};

fn page(client_reply: &super::client::Reply) -> RunsPage {
    RunsPage::from_response(&client_reply.body).expect("a runs page")
}

fn ids(page: &RunsPage) -> Vec<String> {
    page.runs.iter().map(|r| r.run_id.to_string()).collect()
}

/// Makes runs: per key, an audio run, an image run and a refused (errored) audio run.
async fn make_runs(client: &V1) -> Vec<String> {
    let audio = wav(&two_bursts());
    let image = jpeg(320, 240, 0);
    let mut ids = Vec::new();
    for step in 0..3 {
        match step {
            0 => ok_json(&client.audio(&audio, "audio/wav", None).await),
            1 => ok_json(&client.images(&[&image], None).await),
            _ => assert_error(
                &client.audio(&[1, 2, 3], "audio/wav", None).await,
                400,
                "audio_decode_failed",
            ),
        };
        let runs = ok_json(&client.get("/v1/expression/run?page_size=1").await);
        ids.push(runs["runs"][0]["run_id"].as_str().unwrap().to_owned());
    }
    ids
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[tokio::test]
async fn lists_are_newest_first_and_every_filter_applies() {
    let emulator = start(EmulatorConfig::default().with_any_api_key()).await;
    let alice = V1::new(&emulator).with_key(Some("alice-key"));
    let bob = V1::new(&emulator).with_key(Some("bob-key"));
    let a = make_runs(&alice).await;
    let b = make_runs(&bob).await;
    let all = page(&alice.get("/v1/expression/run").await);
    let expected: Vec<String> = a.iter().chain(&b).rev().cloned().collect();
    assert_eq!(ids(&all), expected, "every user's runs, newest first");
    assert!(all.next_cursor.is_none());

    let alice_user = all
        .runs
        .iter()
        .find(|r| r.run_id.as_str() == a[0])
        .unwrap()
        .user_id
        .clone();
    let bob_user = all
        .runs
        .iter()
        .find(|r| r.run_id.as_str() == b[0])
        .unwrap()
        .user_id
        .clone();
    assert_ne!(alice_user, bob_user);
    let list = |q: String| {
        let alice = alice.clone();
        async move { ids(&page(&alice.get(&format!("/v1/expression/run?{q}")).await)) }
    };
    assert_eq!(
        list(format!("user_id={alice_user}")).await,
        a.iter().rev().cloned().collect::<Vec<_>>()
    );
    assert_eq!(
        list("status=errored".into()).await,
        vec![b[2].clone(), a[2].clone()]
    );
    assert_eq!(
        list("status=ended&endpoint=video".into()).await,
        vec![b[1].clone(), a[1].clone()]
    );
    assert_eq!(
        list("endpoint=audio&status=ended".into()).await,
        vec![b[0].clone(), a[0].clone()]
    );
    assert_eq!(list("mode=file".into()).await.len(), 6);
    assert!(list("mode=realtime".into()).await.is_empty());
    assert!(list("status=live".into()).await.is_empty());

    // Time filters: started_after is inclusive, started_before strict, so two ranges sharing
    // a boundary split the runs without overlap.
    let boundary = all
        .runs
        .iter()
        .find(|r| r.run_id.as_str() == b[0])
        .unwrap()
        .started_at;
    let at = encode(&boundary.to_string());
    let after = list(format!("started_after={at}")).await;
    let before = list(format!("started_before={at}")).await;
    assert!(after.contains(&b[0]) && !before.contains(&b[0]));
    assert_eq!(after.len() + before.len(), 6);
    // Offsets are accepted (what Python's isoformat sends for non-UTC times).
    let in_paris = boundary
        .display_with_offset(jiff::tz::offset(2))
        .to_string();
    assert!(in_paris.ends_with("+02:00"), "{in_paris}");
    assert_eq!(
        list(format!("started_after={}", encode(&in_paris))).await,
        after
    );
}

#[tokio::test]
async fn cursors_page_through_every_run_exactly_once() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let image = jpeg(320, 240, 0);
    for _ in 0..7 {
        ok_json(&client.images(&[&image], None).await);
    }
    let mut seen = Vec::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    loop {
        let q = match &cursor {
            Some(c) => format!("page_size=3&endpoint=video&cursor={c}"),
            None => "page_size=3&endpoint=video".to_owned(),
        };
        let p = page(&client.get(&format!("/v1/expression/run?{q}")).await);
        pages += 1;
        // A run recorded while paging does not disturb the pages.
        if pages == 1 {
            ok_json(&client.images(&[&image], None).await);
        }
        seen.extend(ids(&p));
        match p.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    assert_eq!(pages, 3);
    assert_eq!(seen.len(), 7);
    let unique: std::collections::BTreeSet<_> = seen.iter().collect();
    assert_eq!(unique.len(), 7);
    // A cursor only goes with the filters it was issued for, and cannot be forged.
    let first = page(
        &client
            .get("/v1/expression/run?page_size=2&endpoint=video")
            .await,
    );
    let c = first.next_cursor.unwrap();
    assert_error(
        &client
            .get(&format!("/v1/expression/run?cursor={c}&endpoint=audio"))
            .await,
        400,
        "invalid_request",
    );
    assert_error(
        &client.get(&format!("/v1/expression/run?cursor={c}")).await,
        400,
        "invalid_request",
    );
    assert_error(
        &client
            .get("/v1/expression/run?cursor=bm90LWEtY3Vyc29y")
            .await,
        400,
        "invalid_request",
    );
}

#[tokio::test]
async fn query_values_are_checked_strictly() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    for q in [
        "page_size=0",
        "page_size=201",
        "page_size=ten",
        "status=finished",
        "mode=batch",
        "endpoint=text",
        "started_before=yesterday",
        "started_after=2026-10-06",
        "user_id=",
        "status=ended&status=errored",
        "limit=5",
    ] {
        let body = assert_error(
            &client.get(&format!("/v1/expression/run?{q}")).await,
            400,
            "invalid_request",
        );
        assert!(!body["message"].as_str().unwrap().is_empty(), "{q}");
    }
    let ok = page(
        &client
            .get("/v1/expression/run?page_size=200&started_after=2026-10-06T00:00:00Z")
            .await,
    );
    assert!(ok.runs.is_empty());
}

#[tokio::test]
async fn get_run_and_unknown_runs() {
    let emulator = emulator().await;
    let client = V1::new(&emulator);
    let reply = client.audio(&wav(&two_bursts()), "audio/wav", None).await;
    let run_id = ok_json(&reply)["run_id"].as_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&run_id).is_ok());
    let json = ok_json(&client.get(&format!("/v1/expression/run/{run_id}")).await);
    let run = Run::from_value(json.clone()).unwrap();
    assert_eq!(run.run_id, run_id.as_str());
    // A file run has no close details; its config is the full v4 audio layout.
    assert!(json.get("close_code").is_none() && json.get("close_reason").is_none());
    assert_eq!(
        json["config"],
        serde_json::json!({"schema": "v4", "audio": {"type": "audio/pcm", "encoding": "s16le", "sample_rate": 16000, "channels": 1}, "measurement_timer_ms": 3000})
    );
    assert_eq!(
        run.summary(),
        page(&client.get("/v1/expression/run").await).runs[0]
    );
    assert_error(
        &client
            .get("/v1/expression/run/00000000-0000-4000-8000-000000000000")
            .await,
        404,
        "not_found",
    );
    assert_error(
        &client.get("/v1/expression/run/nope/events").await,
        404,
        "not_found",
    );
}

#[tokio::test]
async fn events_page_with_cursors_and_report_their_caps() {
    let emulator =
        start(EmulatorConfig::default().with_v1(V1Config::default().with_max_events_per_kind(4)))
            .await;
    let client = V1::new(&emulator);
    let reply = client.audio(&wav(&two_bursts()), "audio/wav", None).await;
    let run_id = ok_json(&reply)["run_id"].as_str().unwrap().to_owned();
    let path = format!("/v1/expression/run/{run_id}/events");
    // A file run logs nothing.
    let empty = RunEventsPage::from_response(&client.get(&path).await.body).unwrap();
    assert!(
        empty.events.is_empty() && !empty.at_cap && !empty.gaps && empty.capped_kinds.is_empty()
    );
    assert!(empty.next_cursor.is_none());

    let mut detail = Map::new();
    detail.insert("detail".to_owned(), Value::from("odd length"));
    assert_eq!(
        emulator.record_run_event("nope", RunEventKind::RateLimited, None),
        None
    );
    for i in 0..6 {
        let seq = emulator.record_run_event(
            &run_id,
            RunEventKind::InvalidAudioFrame,
            Some(detail.clone()),
        );
        assert_eq!(seq, (i < 4).then_some(i + 1));
    }
    assert_eq!(
        emulator.record_run_event(&run_id, RunEventKind::RateLimited, None),
        Some(5)
    );
    let mut events = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let q = cursor
            .as_ref()
            .map(|c| format!("?page_size=2&cursor={c}"))
            .unwrap_or("?page_size=2".into());
        let reply = client.get(&format!("{path}{q}")).await;
        ok_json(&reply);
        let p = RunEventsPage::from_response(&reply.body).unwrap();
        assert!(p.at_cap && !p.gaps);
        assert_eq!(p.capped_kinds, [RunEventKind::InvalidAudioFrame]);
        events.extend(p.events);
        match p.next_cursor {
            Some(c) => cursor = Some(c),
            None => break,
        }
    }
    assert_eq!(
        events.iter().map(|e| e.seq).collect::<Vec<_>>(),
        [1, 2, 3, 4, 5]
    );
    assert_eq!(events[0].reject_detail(), Some("odd length"));
    assert_eq!(events[4].kind, RunEventKind::RateLimited);
    assert!(events[4].detail.is_none());
    for q in [
        "?page_size=0",
        "?page_size=201",
        "?cursor=abc",
        "?status=ended",
    ] {
        assert_error(
            &client.get(&format!("{path}{q}")).await,
            400,
            "invalid_request",
        );
    }
}

#[tokio::test]
async fn only_the_newest_runs_are_kept() {
    let emulator =
        start(EmulatorConfig::default().with_v1(V1Config::default().with_max_runs(3))).await;
    let client = V1::new(&emulator);
    let image = jpeg(320, 240, 0);
    let mut run_ids = Vec::new();
    for _ in 0..5 {
        run_ids.push(
            ok_json(&client.images(&[&image], None).await)["run_id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    assert_eq!(emulator.run_count(), 3);
    let listed = ids(&page(&client.get("/v1/expression/run").await));
    assert_eq!(
        listed,
        run_ids[2..].iter().rev().cloned().collect::<Vec<_>>()
    );
    assert_error(
        &client
            .get(&format!("/v1/expression/run/{}", run_ids[0]))
            .await,
        404,
        "not_found",
    );
}
