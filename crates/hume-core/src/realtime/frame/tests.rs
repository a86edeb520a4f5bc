use std::time::Duration;

use hume_models::v1::limits::{
    MAX_AUDIO_FRAME_BYTES, MAX_AUDIO_MESSAGE_BYTES, MAX_IMAGE_PIXELS, MAX_VIDEO_MESSAGE_BYTES,
};
use hume_models::v1::media::{ImageFormatError, NonJpegFormat};

use super::*;
use hume_bench_data::test_media::jpeg;

#[test]
fn audio_frames_of_whole_samples_up_to_ten_seconds_pass_with_their_duration() {
    assert_eq!(check_audio_frame(&[0, 0]), Ok(Duration::from_nanos(62_500)));
    assert_eq!(
        check_audio_frame(&[1; 3200]),
        Ok(Duration::from_millis(100))
    );
    let max = vec![0; MAX_AUDIO_FRAME_BYTES as usize];
    assert_eq!(check_audio_frame(&max), Ok(Duration::from_secs(10)));
}

#[test]
fn audio_frames_break_each_rule() {
    assert_eq!(check_audio_frame(&[]), Err(FrameError::Empty));
    assert_eq!(
        check_audio_frame(&[0; 3201]),
        Err(FrameError::OddLength { len: 3201 })
    );
    let over = MAX_AUDIO_FRAME_BYTES as usize + 2;
    assert_eq!(
        check_audio_frame(&vec![0; over]),
        Err(FrameError::AudioTooLong { len: over })
    );
    let mut wav = b"RIFF\x24\0\0\0WAVEfmt ".to_vec();
    wav.resize(64, 0);
    assert_eq!(check_audio_frame(&wav), Err(FrameError::WavHeader));
    // "RIFF" alone is just four samples.
    let mut riff = b"RIFF\x24\0\0\0WAVX".to_vec();
    riff.resize(64, 0);
    assert!(check_audio_frame(&riff).is_ok());
}

#[test]
fn the_audio_frame_limit_is_below_the_message_limit() {
    // So the frame rule always fires first; the message rule still guards text messages.
    const { assert!((MAX_AUDIO_FRAME_BYTES as u64) < MAX_AUDIO_MESSAGE_BYTES) };
    assert_eq!(
        check_message_size(1_048_577, MAX_AUDIO_MESSAGE_BYTES),
        Err(FrameError::MessageTooLarge {
            len: 1_048_577,
            limit: MAX_AUDIO_MESSAGE_BYTES
        })
    );
    assert_eq!(
        check_message_size(1_048_576, MAX_AUDIO_MESSAGE_BYTES),
        Ok(())
    );
}

#[test]
fn video_frames_are_complete_jpegs_within_the_limits() {
    let info = check_video_frame(&jpeg(640, 480, 0)).unwrap();
    assert_eq!((info.width, info.height), (640, 480));
    assert!(check_video_frame(&jpeg(3840, 2160, 0)).is_ok());
    assert_eq!(u64::from(3840u32 * 2160), MAX_IMAGE_PIXELS);

    assert_eq!(check_video_frame(&[]), Err(FrameError::Empty));
    assert!(matches!(
        check_video_frame(b"\x89PNG\r\n\x1a\n0000"),
        Err(FrameError::Image(ImageFormatError::NotJpeg(
            NonJpegFormat::Png
        )))
    ));
    assert!(matches!(
        check_video_frame(&jpeg(3841, 2160, 0)),
        Err(FrameError::Image(ImageFormatError::TooManyPixels {
            width: 3841,
            height: 2160
        }))
    ));
    let whole = jpeg(64, 64, 0);
    assert!(matches!(
        check_video_frame(&whole[..whole.len() - 2]),
        Err(FrameError::Image(ImageFormatError::Truncated { .. }))
    ));
    let mut big = jpeg(64, 64, 0);
    big.resize(MAX_VIDEO_MESSAGE_BYTES as usize + 1, 0);
    assert!(matches!(
        check_video_frame(&big),
        Err(FrameError::MessageTooLarge { len, .. }) if len == MAX_VIDEO_MESSAGE_BYTES + 1
    ));
}

#[test]
fn display_names_the_rule_and_the_numbers() {
    let cases = [
        (FrameError::Empty, "the frame is empty"),
        (
            FrameError::OddLength { len: 3 },
            "the audio frame is 3 bytes, an odd length: s16le samples are 2 bytes each",
        ),
        (
            FrameError::AudioTooLong { len: 320_002 },
            "the audio frame is 320002 bytes (10000 ms), over the limit of 320000 bytes (10 s)",
        ),
        (
            FrameError::MessageTooLarge { len: 5, limit: 4 },
            "the message is 5 bytes, over the socket's limit of 4 bytes (it would end the session)",
        ),
    ];
    for (error, text) in cases {
        assert_eq!(error.to_string(), text);
    }
    assert!(
        FrameError::Image(ImageFormatError::NotJpeg(NonJpegFormat::Png))
            .to_string()
            .starts_with("the video frame is not a usable jpeg: not a jpeg image (png)")
    );
    assert!(FrameError::WavHeader.to_string().contains("headerless"));
}
