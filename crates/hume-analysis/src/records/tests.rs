use hume_models::v1::RunEndpoint;

use super::{
    Outcome, Record, RecordError, RecordLine, RecordLines, RecordParseError, compact_json,
};

const PRETTY: &str = "{\n  \"run_id\": \"run 1\",\n  \"text\": \"a \\\" b\\n c\",\n  \"p\": 0.81230,\n  \"n\": [1e2, -0.0]\n}\n";

#[test]
fn compacting_keeps_strings_and_numbers_as_written() {
    assert_eq!(
        String::from_utf8(compact_json(PRETTY.as_bytes())).unwrap(),
        r#"{"run_id":"run 1","text":"a \" b\n c","p":0.81230,"n":[1e2,-0.0]}"#
    );
}

#[test]
fn a_response_record_is_one_line_and_reads_back() {
    let record = Record::response("dir/a b.wav", RunEndpoint::Audio, PRETTY.as_bytes()).unwrap();
    let line = record.to_line();
    assert_eq!(line.iter().filter(|b| **b == b'\n').count(), 1);
    assert!(line.ends_with(b"\n"));
    assert_eq!(
        String::from_utf8(line.clone()).unwrap(),
        concat!(
            r#"{"file":"dir/a b.wav","endpoint":"audio","ok":true,"response":"#,
            r#"{"run_id":"run 1","text":"a \" b\n c","p":0.81230,"n":[1e2,-0.0]}}"#,
            "\n"
        )
    );
    let back = Record::parse(&line).unwrap();
    assert_eq!(back.file, "dir/a b.wav");
    assert_eq!(back.endpoint, RunEndpoint::Audio);
    assert!(back.is_ok());
    match back.outcome {
        Outcome::Response(raw) => assert_eq!(
            raw.get(),
            r#"{"run_id":"run 1","text":"a \" b\n c","p":0.81230,"n":[1e2,-0.0]}"#
        ),
        Outcome::Error(e) => panic!("{e:?}"),
    }
}

#[test]
fn an_error_record_keeps_what_the_api_said() {
    let error = RecordError::new("cannot upload x.jpg: not a jpeg")
        .with_status(415)
        .with_code("unsupported_media_type")
        .with_request_id("req_1");
    let record = Record::error("x.jpg", RunEndpoint::Video, error.clone());
    let line = record.to_line();
    assert_eq!(
        String::from_utf8(line.clone()).unwrap(),
        concat!(
            r#"{"file":"x.jpg","endpoint":"video","ok":false,"error":{"message":"cannot upload x.jpg: not a jpeg","#,
            r#""status":415,"code":"unsupported_media_type","request_id":"req_1"}}"#,
            "\n"
        )
    );
    let back = Record::parse(&line).unwrap();
    assert!(!back.is_ok());
    match back.outcome {
        Outcome::Error(e) => assert_eq!(e, error),
        Outcome::Response(_) => panic!("an error record"),
    }
    // A local failure has only a message.
    let local = Record::error("y.jpg", RunEndpoint::Video, RecordError::new("gone")).to_line();
    assert!(local.ends_with(b"\"error\":{\"message\":\"gone\"}}\n"));
}

#[test]
fn bad_lines_are_refused() {
    assert!(Record::response("a", RunEndpoint::Audio, b"{\"a\":").is_err());
    assert!(matches!(
        Record::parse(b"{\"file\":\"a\",\"endpoint\":\"audio\",\"ok\":true}"),
        Err(RecordParseError::Inconsistent { ok: true })
    ));
    assert!(matches!(
        Record::parse(b"{\"file\":\"a\",\"endpoint\":\"audio\",\"ok\":false}"),
        Err(RecordParseError::Inconsistent { ok: false })
    ));
    assert!(matches!(
        Record::parse(b"[1,2]"),
        Err(RecordParseError::Json(_))
    ));
    // Unknown keys and endpoints are kept readable.
    let r = Record::parse(
        br#"{"file":"a","endpoint":"speech","ok":false,"error":{"message":"m","extra":1},"at":3}"#,
    )
    .unwrap();
    assert_eq!(r.endpoint.as_str(), "speech");
}

#[test]
fn lines_report_a_torn_last_line_and_skip_blank_ones() {
    let text = b"{\"a\":1}\n\n  \r\n{\"b\":2}\r\n{\"c\":";
    let lines: Vec<RecordLine> = RecordLines::new(&text[..])
        .collect::<std::io::Result<_>>()
        .unwrap();
    let summary: Vec<(u64, &[u8], bool)> = lines
        .iter()
        .map(|l| (l.number, &l.bytes[..], l.complete))
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, &b"{\"a\":1}"[..], true),
            (4, &b"{\"b\":2}"[..], true),
            (5, &b"{\"c\":"[..], false),
        ]
    );
}
