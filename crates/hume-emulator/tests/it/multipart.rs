//! Multipart submissions: repeated `file` parts, the `json` part in either order, md5sums.

use hume_models::{BatchJobDetails, Predictions, Source};
use md5::{Digest, Md5};
use reqwest::StatusCode;
use serde_json::json;

use crate::common::{Client, Part, fast};

fn md5_hex(data: &[u8]) -> String {
    Md5::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[tokio::test]
async fn files_are_recorded_with_md5_in_either_part_order() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let image = b"\x89PNG\r\n\x1a\n pretend image bytes".to_vec();
    let text = "Dear Maria, the trip to Lisbon was lovely."
        .as_bytes()
        .to_vec();
    let config = json!({"models": {"face": {}, "language": {"granularity": "word"}}}).to_string();
    let files = |first_json: bool| {
        let mut parts = vec![
            Part::File {
                name: "photo.png",
                content_type: Some("image/png"),
                data: &image,
            },
            Part::File {
                name: "letter.txt",
                content_type: None,
                data: &text,
            },
        ];
        if first_json {
            parts.insert(0, Part::Json(&config));
        } else {
            parts.push(Part::Json(&config));
        }
        parts
    };
    for first_json in [true, false] {
        let reply = client.post_multipart(&files(first_json)).await;
        assert_eq!(
            reply.status,
            StatusCode::OK,
            "{}",
            String::from_utf8_lossy(&reply.body)
        );
        let id = reply.json()["job_id"].as_str().unwrap().to_owned();
        let details = BatchJobDetails::from_value(client.wait(&id).await).unwrap();
        let recorded = details.files();
        assert_eq!(recorded.len(), 2);
        assert_eq!(recorded[0].filename.as_deref(), Some("photo.png"));
        assert_eq!(recorded[0].content_type.as_deref(), Some("image/png"));
        assert_eq!(recorded[0].md5sum, md5_hex(&image));
        assert_eq!(recorded[1].filename.as_deref(), Some("letter.txt"));
        assert_eq!(recorded[1].content_type, None);
        assert_eq!(recorded[1].md5sum, md5_hex(&text));
        assert!(
            details.configs().unwrap().language().is_some(),
            "json part applied"
        );

        let predictions = Predictions::from_value(client.predictions(&id).await).unwrap();
        match &predictions[0].source {
            Source::File {
                filename, md5sum, ..
            } => {
                assert_eq!(filename.as_deref(), Some("photo.png"));
                assert_eq!(md5sum, &md5_hex(&image));
            }
            other => panic!("expected a file source, got {other:?}"),
        }
        assert!(predictions[0].predictions()[0].models.face.is_some());
        let letter = &predictions[1].predictions()[0];
        let words: Vec<&str> = letter
            .models
            .language
            .as_ref()
            .unwrap()
            .predictions()
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(
            words,
            [
                "Dear", "Maria", "the", "trip", "to", "Lisbon", "was", "lovely"
            ]
        );
    }
}

#[tokio::test]
async fn files_without_json_part_run_all_models_and_validation_counts_files() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let reply = client
        .post_multipart(&[Part::File {
            name: "a.wav",
            content_type: Some("audio/wav"),
            data: b"RIFF",
        }])
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let id = reply.json()["job_id"].as_str().unwrap().to_owned();
    let details = client.wait(&id).await;
    assert_eq!(details["request"]["models"].as_object().unwrap().len(), 6);

    let data = b"x".to_vec();
    let parts: Vec<Part<'_>> = (0..101)
        .map(|_| Part::File {
            name: "f.jpg",
            content_type: None,
            data: &data,
        })
        .collect();
    let reply = client.post_multipart(&parts).await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert_eq!(reply.json()["errors"][0]["field"], "files");

    let reply = client
        .post_multipart(&[Part::Json(r#"{"models": {}}"#)])
        .await;
    assert_eq!(
        reply.status,
        StatusCode::BAD_REQUEST,
        "no files, urls or text"
    );

    let reply = client
        .post_raw("multipart/form-data; boundary=zzz", b"garbage".to_vec())
        .await;
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn a_large_upload_streams_through() {
    let emulator = fast().await;
    let client = Client::new(&emulator);
    let big: Vec<u8> = (0..24 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    let reply = client
        .post_multipart(&[Part::File {
            name: "long.mp4",
            content_type: Some("video/mp4"),
            data: &big,
        }])
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    let id = reply.json()["job_id"].as_str().unwrap().to_owned();
    let details = BatchJobDetails::from_value(client.wait(&id).await).unwrap();
    assert_eq!(details.files()[0].md5sum, md5_hex(&big));
}
