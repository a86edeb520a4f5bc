//! The artifacts zip: one folder, a CSV per model, predictions.json; and streamed padding.

use std::io::{Cursor, Read};
use std::time::Duration;

use hume_emulator::EmulatorConfig;
use serde_json::{Value, json};
use zip::ZipArchive;

use crate::common::{Client, fast, start};

fn entries(bytes: &[u8]) -> (ZipArchive<Cursor<Vec<u8>>>, Vec<String>) {
    let archive = ZipArchive::new(Cursor::new(bytes.to_vec())).expect("a valid zip");
    let names = archive.file_names().map(str::to_owned).collect();
    (archive, names)
}

#[tokio::test]
async fn zip_holds_one_folder_with_csvs_and_predictions() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": ["https://m.example.com/a.mp4"], "text": ["Hello Paris."], "models": {"face": {}, "burst": {}, "language": {}, "ner": {}}}))
        .await;
    client.wait(&id).await;
    let reply = client.get(&format!("/v0/batch/jobs/{id}/artifacts")).await;
    assert_eq!(reply.status, reqwest::StatusCode::OK);
    assert_eq!(reply.headers["content-type"], "application/zip");
    assert_eq!(
        reply.headers["content-length"].to_str().unwrap(),
        reply.body.len().to_string()
    );
    let (mut archive, mut names) = entries(&reply.body);
    names.sort();
    let folders: std::collections::BTreeSet<&str> =
        names.iter().map(|n| n.split('/').next().unwrap()).collect();
    assert_eq!(folders.len(), 1, "exactly one top-level entry");
    assert_eq!(folders.first(), Some(&id.as_str()));
    let short: Vec<&str> = names.iter().map(|n| n.split_once('/').unwrap().1).collect();
    assert_eq!(
        short,
        [
            "burst.csv",
            "face.csv",
            "language.csv",
            "ner.csv",
            "predictions.json"
        ]
    );
    let mut json = String::new();
    archive
        .by_name(&format!("{id}/predictions.json"))
        .unwrap()
        .read_to_string(&mut json)
        .unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&json).unwrap(),
        client.predictions(&id).await
    );
    let mut csv = String::new();
    archive
        .by_name(&format!("{id}/language.csv"))
        .unwrap()
        .read_to_string(&mut csv)
        .unwrap();
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with("source,file,id,text,position_begin,position_end"));
    assert!(header.ends_with("Triumph"));
    let text_rows: Vec<&str> = csv.lines().filter(|l| l.starts_with("text,1,")).collect();
    assert_eq!(text_rows.len(), 2, "Hello + Paris");
    assert!(
        text_rows[1].starts_with("text,1,unknown,Paris,6,11,"),
        "{}",
        text_rows[1]
    );
    assert!(csv.lines().count() > 3, "the video's transcript rows too");
}

#[tokio::test]
async fn padded_artifacts_stream_a_stored_entry() {
    let padding = 3 * 1024 * 1024 + 17;
    let emulator = start(
        EmulatorConfig::default()
            .with_artifact_padding(padding)
            .with_seed(3)
            .with_queued_duration(Duration::ZERO)
            .with_in_progress_duration(Duration::ZERO),
    )
    .await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": ["https://m.example.com/a.png"]}))
        .await;
    client.wait(&id).await;
    let first = client.get(&format!("/v0/batch/jobs/{id}/artifacts")).await;
    assert!(first.headers.get("content-length").is_none(), "streamed");
    let (mut archive, names) = entries(&first.body);
    assert_eq!(names[0], format!("{id}/padding.bin"));
    let mut entry = archive.by_name(&format!("{id}/padding.bin")).unwrap();
    assert_eq!(entry.compression(), zip::CompressionMethod::Stored);
    let mut data = Vec::new();
    entry.read_to_end(&mut data).unwrap();
    assert_eq!(data.len() as u64, padding);
    assert!(data.iter().any(|b| *b != 0));
    drop(entry);
    assert!(archive.by_name(&format!("{id}/predictions.json")).is_ok());
    let second = client.get(&format!("/v0/batch/jobs/{id}/artifacts")).await;
    assert_eq!(first.body, second.body, "deterministic");
}

#[tokio::test]
async fn save_faces_adds_face_crops() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let id = client
        .start(&json!({"urls": ["https://m.example.com/group.jpg"], "models": {"face": {"save_faces": true, "min_face_size": 0}}}))
        .await;
    client.wait(&id).await;
    let reply = client.get(&format!("/v0/batch/jobs/{id}/artifacts")).await;
    let (mut archive, names) = entries(&reply.body);
    let crops: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with(&format!("{id}/faces/group.jpg/0_")))
        .collect();
    assert!(!crops.is_empty(), "{names:?}");
    let mut data = Vec::new();
    archive
        .by_name(crops[0])
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    assert!(data.starts_with(b"P5\n"));
}
