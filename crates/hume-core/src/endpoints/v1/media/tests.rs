use std::fs::File;

use hume_models::v1::media::{AudioContainer, NonJpegFormat, UnsupportedAudio};

use super::*;
use crate::endpoints::v1::testing::write;
use hume_bench_data::test_media::{jpeg, wav, wav_with};

fn invalid_media(err: HumeError) -> (std::path::PathBuf, MediaProblem) {
    match err {
        HumeError::InvalidMedia { path, problem } => (path, problem),
        other => panic!("expected InvalidMedia, got {other:?}"),
    }
}

/// A sparse file of `len` bytes starting with `head` (no disk space used for the rest).
fn sparse(dir: &Path, name: &str, head: &[u8], len: u64) -> std::path::PathBuf {
    let path = write(dir, name, head);
    File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_len(len)
        .unwrap();
    path
}

#[test]
fn wav_and_headerless_audio_pass_with_their_content_types() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "speech.wav", &wav(&[0, 100, -100, 5]));
    let input = check_audio_file(&path).unwrap();
    assert_eq!(input.container, AudioContainer::Wav);
    assert_eq!((input.data_offset, input.data_len), (44, 8));
    assert_eq!(audio_content_type(&input), "audio/wav");

    let path = write(dir.path(), "speech.raw", &[1, 0, 2, 0]);
    let input = check_audio_file(&path).unwrap();
    assert_eq!(input.container, AudioContainer::Headerless);
    assert_eq!(audio_content_type(&input), "application/octet-stream");
}

#[test]
fn a_header_beyond_the_first_read_is_read_on_demand() {
    // A 100 KB chunk before `fmt `: the first 64 KiB do not reach the format.
    let mut bytes = wav(&[1, 2, 3]);
    let list = [
        b"LIST".as_slice(),
        &100_000u32.to_le_bytes(),
        &[7u8; 100_000],
    ]
    .concat();
    bytes.splice(12..12, list);
    let riff_len = (bytes.len() - 8) as u32;
    bytes[4..8].copy_from_slice(&riff_len.to_le_bytes());
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "long-header.wav", &bytes);
    let input = check_audio_file(&path).unwrap();
    assert_eq!(input.data_offset, 12 + 8 + 100_000 + 36 - 12 + 8);
    assert_eq!(input.data_len, 6);
}

#[test]
fn every_audio_rule_is_a_typed_problem_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "cd.wav",
            wav_with(44_100, 1, &[1, 2]),
            "audio_decode_failed",
        ),
        (
            "stereo.wav",
            wav_with(16_000, 2, &[1, 2]),
            "audio_decode_failed",
        ),
        (
            "song.mp3",
            b"ID3\x04\0\0\0\0\0\0rest".to_vec(),
            "unsupported_media_type",
        ),
        ("odd.raw", vec![1, 2, 3], "audio_decode_failed"),
        ("empty.raw", Vec::new(), "audio_decode_failed"),
    ];
    for (name, bytes, code) in cases {
        let path = write(dir.path(), name, &bytes);
        let (named, problem) = invalid_media(check_audio_file(&path).unwrap_err());
        assert_eq!(named, path);
        assert_eq!(problem.code(), code, "{name}");
        assert!(matches!(problem, MediaProblem::Audio(_)), "{name}");
    }
    let path = write(dir.path(), "song.mp3", b"ID3\x04\0\0\0\0\0\0rest");
    let err = check_audio_file(&path).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "cannot upload {}: unsupported audio format (mp3); convert it to 16 kHz mono 16-bit PCM wav",
            path.display()
        )
    );
    assert_eq!(
        invalid_media(err).1,
        MediaProblem::Audio(AudioFormatError::Unsupported(UnsupportedAudio::Mp3))
    );
}

#[test]
fn audio_over_the_request_limit_is_refused_from_its_length() {
    let dir = tempfile::tempdir().unwrap();
    let path = sparse(dir.path(), "huge.raw", &[0, 0], 25_000_002);
    let (_, problem) = invalid_media(check_audio_file(&path).unwrap_err());
    assert_eq!(problem.code(), RequestErrorCode::AudioTooLong);
    assert_eq!(problem.class(), MediaErrorClass::TooLarge);
}

#[test]
fn images_are_checked_from_their_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "face.jpg", &jpeg(640, 480, 0));
    let header = check_image_file(&path).unwrap();
    assert_eq!((header.width, header.height), (640, 480));

    // Damage after the frame header is not looked at: the API answers it.
    let mut cut = jpeg(64, 64, 0);
    cut.truncate(cut.len() - 3);
    let path = write(dir.path(), "cut.jpg", &cut);
    assert!(check_image_file(&path).is_ok());

    let path = write(dir.path(), "face.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR....");
    let (named, problem) = invalid_media(check_image_file(&path).unwrap_err());
    assert_eq!(named, path);
    assert_eq!(
        problem,
        MediaProblem::Image(ImageFormatError::NotJpeg(NonJpegFormat::Png))
    );
    assert_eq!(problem.code(), "unsupported_media_type");

    let path = write(dir.path(), "wide.jpg", &jpeg(3841, 2160, 0));
    let (_, problem) = invalid_media(check_image_file(&path).unwrap_err());
    assert_eq!(problem.code(), RequestErrorCode::ImageTooLarge);
    assert!(problem.to_string().contains("3841x2160"), "{problem}");

    let path = sparse(dir.path(), "heavy.jpg", &jpeg(10, 10, 0), 2_000_001);
    let (_, problem) = invalid_media(check_image_file(&path).unwrap_err());
    assert_eq!(
        problem,
        MediaProblem::Image(ImageFormatError::TooManyBytes { len: 2_000_001 })
    );
}

#[test]
fn unreadable_paths_are_local_file_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope.wav");
    for err in [
        check_audio_file(&missing).unwrap_err(),
        check_image_file(&missing).unwrap_err(),
    ] {
        assert!(
            matches!(&err, HumeError::LocalFile { path, source } if *path == missing && source.kind() == io::ErrorKind::NotFound),
            "{err:?}"
        );
    }
    let err = check_image_file(dir.path()).unwrap_err();
    assert!(
        matches!(&err, HumeError::LocalFile { source, .. } if source.kind() == io::ErrorKind::InvalidInput),
        "{err:?}"
    );
}
