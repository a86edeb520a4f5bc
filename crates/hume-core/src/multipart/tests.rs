use super::*;
use std::io::Write;

fn read_all(body: &MultipartBody) -> Vec<u8> {
    let mut out = Vec::new();
    body.reader().unwrap().read_to_end(&mut out).unwrap();
    out
}

#[test]
fn frames_files_then_json_with_exact_length() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("face.png");
    let b = dir.path().join("speech.mp3");
    std::fs::write(&a, b"PNGDATA").unwrap();
    std::fs::write(&b, vec![7u8; 100_000]).unwrap();
    let body = MultipartBody::builder()
        .file(&a)
        .file(&b)
        .json(&b"{\"models\":{}}"[..])
        .boundary("XyZ")
        .build()
        .unwrap();
    let bytes = read_all(&body);
    assert_eq!(bytes.len() as u64, body.content_length());
    let mut expected = Vec::new();
    expected.extend_from_slice(
        b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"face.png\"\r\nContent-Type: image/png\r\n\r\nPNGDATA\r\n",
    );
    expected.extend_from_slice(
        b"--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"speech.mp3\"\r\nContent-Type: audio/mpeg\r\n\r\n",
    );
    expected.extend_from_slice(&[7u8; 100_000]);
    expected.extend_from_slice(b"\r\n--XyZ\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n{\"models\":{}}\r\n--XyZ--\r\n");
    assert_eq!(bytes, expected);
    assert_eq!(body.content_type(), "multipart/form-data; boundary=XyZ");
    // Files are referenced, not loaded: the big one is a File segment.
    assert!(
        body.segments()
            .iter()
            .any(|s| matches!(s, Segment::File { len: 100_000, .. }))
    );
    assert_eq!(
        body.segments().iter().map(Segment::len).sum::<u64>(),
        body.content_length()
    );
}

#[test]
fn rereadable_and_clone_reopens_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("x.bin");
    std::fs::write(&a, b"hello").unwrap();
    let body = MultipartBody::new(None, vec![a]).unwrap();
    let first = read_all(&body);
    let second = read_all(&body.clone());
    assert_eq!(first, second);
    assert!(body.boundary().starts_with("hume-rs-"));
    let other = MultipartBody::new(None, vec![]).unwrap();
    assert_ne!(body.boundary(), other.boundary());
    assert_eq!(
        read_all(&other),
        format!("--{}--\r\n", other.boundary()).into_bytes()
    );
}

#[test]
fn missing_file_and_directory_fail_at_build() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.wav");
    let err = MultipartBody::new(None, vec![missing.clone()]).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::NotFound);
    assert!(err.to_string().contains("nope.wav"));
    let err = MultipartBody::new(None, vec![dir.path().to_path_buf()]).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
}

#[test]
fn file_that_changes_size_fails_the_read() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("grow.txt");
    std::fs::write(&a, b"abc").unwrap();
    let body = MultipartBody::new(None, vec![a.clone()]).unwrap();
    std::fs::OpenOptions::new()
        .append(true)
        .open(&a)
        .unwrap()
        .write_all(b"more")
        .unwrap();
    let mut out = Vec::new();
    assert_eq!(
        body.reader()
            .unwrap()
            .read_to_end(&mut out)
            .unwrap_err()
            .kind(),
        io::ErrorKind::UnexpectedEof
    );
    std::fs::write(&a, b"a").unwrap();
    let mut out = Vec::new();
    assert_eq!(
        body.reader()
            .unwrap()
            .read_to_end(&mut out)
            .unwrap_err()
            .kind(),
        io::ErrorKind::UnexpectedEof
    );
}

#[test]
fn odd_file_names_are_escaped_and_bad_boundaries_rejected() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("we\"ird.unknownext");
    std::fs::write(&a, b"").unwrap();
    let body = MultipartBody::builder()
        .file(&a)
        .boundary("b")
        .build()
        .unwrap();
    let text = String::from_utf8(read_all(&body)).unwrap();
    assert!(text.contains("filename=\"we%22ird.unknownext\""), "{text}");
    assert!(text.contains("Content-Type: application/octet-stream"));
    assert!(
        MultipartBody::builder()
            .boundary("bad boundary")
            .build()
            .is_err()
    );
    assert!(MultipartBody::builder().boundary("").build().is_err());
}

#[test]
fn tiny_reads_work() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.txt");
    std::fs::write(&a, b"0123456789").unwrap();
    let body = MultipartBody::builder()
        .file(&a)
        .json(&b"{}"[..])
        .build()
        .unwrap();
    let mut reader = body.reader().unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 3];
    loop {
        let n = reader.read(&mut buf).unwrap();
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    assert_eq!(out, read_all(&body));
}

#[test]
fn v1_layout_config_part_first_then_typed_file_parts() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("take one.jpg");
    let b = dir.path().join("clip.pcm");
    std::fs::write(&a, b"JPEG").unwrap();
    std::fs::write(&b, [1u8, 2, 3, 4]).unwrap();
    let body = MultipartBody::builder()
        .json_part(CONFIG_FIELD, &b"{\"face\":{}}"[..])
        .file_as(&a, "image/jpeg")
        .file_as(&b, "application/octet-stream")
        .boundary("B")
        .build()
        .unwrap();
    let bytes = read_all(&body);
    assert_eq!(bytes.len() as u64, body.content_length());
    let expected = b"--B\r\nContent-Disposition: form-data; name=\"config\"\r\nContent-Type: application/json\r\n\r\n{\"face\":{}}\r\n\
--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"take one.jpg\"\r\nContent-Type: image/jpeg\r\n\r\nJPEG\r\n\
--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip.pcm\"\r\nContent-Type: application/octet-stream\r\n\r\n\x01\x02\x03\x04\r\n\
--B--\r\n";
    assert_eq!(
        String::from_utf8_lossy(&bytes),
        String::from_utf8_lossy(expected)
    );
}

#[test]
fn a_declared_content_type_with_a_line_break_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.jpg");
    std::fs::write(&a, b"x").unwrap();
    let err = MultipartBody::builder()
        .file_as(&a, "image/jpeg\r\nX-Evil: 1")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
}
