use super::*;
use crate::v1::media::tests::Wav;

fn ramp(n: usize) -> Vec<i16> {
    (0..n).map(|i| (i as i16).wrapping_mul(37)).collect()
}

fn unsupported(bytes: &[u8]) -> UnsupportedAudio {
    match inspect_audio(bytes) {
        Err(AudioFormatError::Unsupported(format)) => format,
        other => panic!("expected unsupported, got {other:?}"),
    }
}

/// Two MPEG-1 Layer III frame headers (128 kbps, 44.1 kHz: 417-byte frames).
fn mp3_frames() -> Vec<u8> {
    let mut bytes = vec![0u8; 417 * 2];
    for frame in 0..2 {
        bytes[frame * 417..frame * 417 + 4].copy_from_slice(&[0xFF, 0xFB, 0x90, 0x64]);
    }
    bytes
}

#[test]
fn a_16khz_mono_pcm_wav_is_accepted_with_its_sample_range() {
    let samples = ramp(16_000 + 8);
    let bytes = Wav::samples(&samples).build();
    let input = inspect_audio(&bytes).unwrap();
    assert_eq!(input.container, AudioContainer::Wav);
    assert_eq!(input.data_offset, 44);
    assert_eq!(input.data_len, samples.len() as u64 * 2);
    assert_eq!(input.sample_count(), 16_008);
    assert_eq!(input.duration_ms(), 1000);
    assert_eq!(input.duration(), Duration::from_micros(1_000_500));
    let pcm = input.pcm(&bytes);
    assert_eq!(&pcm[..4], &[0, 0, 37, 0]);
    assert_eq!(input.data_range(), 44..44 + pcm.len());
}

#[test]
fn other_chunks_are_skipped_with_their_padding_and_chunks_after_data_are_not_read() {
    let mut wav = Wav::samples(&ramp(100));
    wav.before.push((*b"LIST", vec![1, 2, 3])); // odd: one padding byte follows
    wav.before.push((*b"junk", vec![0; 10]));
    wav.after.push((*b"LIST", b"INFOISFT".to_vec()));
    wav.fmt_len = 18; // cbSize present, as many writers do
    let bytes = wav.build();
    let input = inspect_audio(&bytes).unwrap();
    assert_eq!(input.data_offset, 12 + (8 + 4) + (8 + 10) + (8 + 18) + 8);
    assert_eq!(input.data_len, 200);
}

#[test]
fn block_align_left_at_zero_or_one_is_tolerated_but_a_larger_one_is_not() {
    for block_align in [0, 1] {
        let mut wav = Wav::samples(&ramp(10));
        wav.block_align = block_align;
        assert!(
            inspect_audio(&wav.build()).is_ok(),
            "block align {block_align}"
        );
    }
    let mut wav = Wav::samples(&ramp(10));
    wav.block_align = 4;
    let error = inspect_audio(&wav.build()).unwrap_err();
    assert!(
        matches!(error, AudioFormatError::Malformed { .. }),
        "{error:?}"
    );
}

#[test]
fn wav_in_another_format_fails_to_decode_and_says_what_it_holds() {
    let cases: [(u16, u16, u32, u16, &str); 5] = [
        (1, 1, 44_100, 16, "44100 Hz, 1 channel(s), 16-bit pcm"),
        (1, 2, 16_000, 16, "16000 Hz, 2 channel(s), 16-bit pcm"),
        (1, 1, 16_000, 8, "8-bit pcm"),
        (3, 1, 16_000, 32, "32-bit floating point"),
        (0x11, 1, 16_000, 4, "format tag 0x0011"),
    ];
    for (format_tag, channels, sample_rate, bits_per_sample, shown) in cases {
        let mut wav = Wav::samples(&ramp(10));
        wav.format_tag = format_tag;
        wav.channels = channels;
        wav.sample_rate = sample_rate;
        wav.bits_per_sample = bits_per_sample;
        let error = inspect_audio(&wav.build()).unwrap_err();
        assert_eq!(
            error,
            AudioFormatError::WrongWavFormat {
                format_tag,
                channels,
                sample_rate,
                bits_per_sample
            }
        );
        assert_eq!(error.class(), MediaErrorClass::DecodeFailed);
        assert_eq!(error.code(), "audio_decode_failed");
        let text = error.to_string();
        assert!(text.contains(shown), "{text}");
        assert!(
            text.ends_with("the api takes 16000 Hz mono 16-bit pcm"),
            "{text}"
        );
    }
}

#[test]
fn the_extensible_header_is_refused_even_for_16khz_mono_pcm() {
    let mut wav = Wav::samples(&ramp(10));
    wav.format_tag = 0xFFFE;
    wav.fmt_len = 40;
    let error = inspect_audio(&wav.build()).unwrap_err();
    assert_eq!(error, AudioFormatError::Extensible);
    assert_eq!(error.class(), MediaErrorClass::DecodeFailed);
}

#[test]
fn truncated_wav_files_fail_to_decode() {
    // The data chunk declares more than the file holds.
    let mut wav = Wav::samples(&ramp(100));
    wav.declared_data_len = Some(1000);
    assert_eq!(
        inspect_audio(&wav.build()),
        Err(AudioFormatError::TruncatedData {
            declared: 1000,
            available: 200
        })
    );
    // A writer that never filled in the size (streaming): the declared size is unknown.
    wav.declared_data_len = Some(u32::MAX);
    assert!(matches!(
        inspect_audio(&wav.build()),
        Err(AudioFormatError::TruncatedData { .. })
    ));
    // The file cut inside the data.
    let bytes = Wav::samples(&ramp(100)).build();
    assert!(matches!(
        inspect_audio(&bytes[..100]),
        Err(AudioFormatError::TruncatedData {
            declared: 200,
            available: 56
        })
    ));
    // Cut before the data chunk, inside the fmt chunk, inside the RIFF header.
    let expect_truncated = |bytes: &[u8], reason: &str| match inspect_audio(bytes) {
        Err(AudioFormatError::Truncated { reason: r }) => assert_eq!(r, reason),
        other => panic!("expected truncated ({reason}), got {other:?}"),
    };
    expect_truncated(&bytes[..36], "the file ends before a data chunk");
    expect_truncated(&bytes[..12], "the file ends before the fmt and data chunks");
    expect_truncated(&bytes[..30], "the file ends inside the fmt chunk");
    expect_truncated(&bytes[..8], "the riff header is shorter than 12 bytes");
    for cut in [8, 12, 30, 36, 100] {
        let error = inspect_audio(&bytes[..cut]).unwrap_err();
        assert_eq!(error.class(), MediaErrorClass::DecodeFailed, "cut at {cut}");
        assert!(error.to_string().starts_with("wav is truncated"), "{error}");
    }
}

#[test]
fn malformed_wav_files_fail_to_decode() {
    let mut wav = Wav::samples(&ramp(10));
    wav.data_first = true;
    let error = inspect_audio(&wav.build()).unwrap_err();
    assert_eq!(
        error,
        AudioFormatError::Malformed {
            reason: "the data chunk comes before the fmt chunk"
        }
    );

    let mut wav = Wav::samples(&ramp(10));
    wav.fmt_len = 14;
    assert!(matches!(
        inspect_audio(&wav.build()),
        Err(AudioFormatError::Malformed { .. })
    ));

    let mut wav = Wav::samples(&ramp(10));
    wav.data.push(0);
    assert_eq!(
        inspect_audio(&wav.build()),
        Err(AudioFormatError::Malformed {
            reason: "the data chunk ends inside a sample"
        })
    );
}

#[test]
fn a_wav_without_samples_is_empty() {
    let error = inspect_audio(&Wav::samples(&[]).build()).unwrap_err();
    assert_eq!(error, AudioFormatError::Empty);
    assert_eq!(error.code(), "audio_decode_failed");
}

#[test]
fn compressed_and_non_wav_containers_are_unsupported_media() {
    let mut riff_avi = b"RIFF\x04\0\0\0AVI ".to_vec();
    riff_avi.extend_from_slice(&[0; 8]);
    assert_eq!(
        unsupported(&riff_avi),
        UnsupportedAudio::Riff {
            form_type: *b"AVI "
        }
    );
    assert_eq!(
        unsupported(b"RF64\xff\xff\xff\xffWAVEds64"),
        UnsupportedAudio::Rf64
    );
    assert_eq!(
        unsupported(b"ID3\x04\0\0\0\0\0\x10rest"),
        UnsupportedAudio::Mp3
    );
    assert_eq!(unsupported(&mp3_frames()), UnsupportedAudio::Mp3);
    assert_eq!(unsupported(b"fLaC\0\0\0\x22...."), UnsupportedAudio::Flac);
    assert_eq!(
        unsupported(b"OggS\0\x02\0\0\0\0\0\0"),
        UnsupportedAudio::Ogg
    );
    assert_eq!(
        unsupported(b"\0\0\0\x20ftypM4A \0\0\0\0"),
        UnsupportedAudio::Mp4
    );
    let error = inspect_audio(&mp3_frames()).unwrap_err();
    assert_eq!(error.class(), MediaErrorClass::UnsupportedMediaType);
    assert_eq!(error.code(), "unsupported_media_type");
    assert_eq!(
        error.to_string(),
        "unsupported audio format (mp3); convert it to 16 kHz mono 16-bit PCM wav"
    );
}

#[test]
fn one_frame_header_alone_is_headerless_samples_not_mp3() {
    let mut bytes = mp3_frames();
    bytes[417] = 0x00; // the second header is gone
    let input = inspect_audio(&bytes).unwrap();
    assert_eq!(input.container, AudioContainer::Headerless);
    // Samples of -1 (0xFFFF) look like a sync word but carry an invalid bitrate.
    let quiet: Vec<u8> = [-1i16; 600].iter().flat_map(|s| s.to_le_bytes()).collect();
    assert_eq!(
        inspect_audio(&quiet).unwrap().container,
        AudioContainer::Headerless
    );
}

#[test]
fn anything_else_is_headerless_samples_when_even_and_not_empty() {
    let bytes = vec![1u8; 32_000 * 3];
    let input = inspect_audio(&bytes).unwrap();
    assert_eq!(input.container, AudioContainer::Headerless);
    assert_eq!((input.data_offset, input.data_len), (0, 96_000));
    assert_eq!(input.duration_ms(), 3000);
    assert_eq!(input.pcm(&bytes).len(), bytes.len());

    let error = inspect_audio(&[1, 2, 3]).unwrap_err();
    assert_eq!(error, AudioFormatError::OddLength { len: 3 });
    assert_eq!(error.class(), MediaErrorClass::DecodeFailed);
    assert_eq!(inspect_audio(&[]), Err(AudioFormatError::Empty));
    // Two bytes are a sample, even if they start like a signature.
    assert!(inspect_audio(b"ID").is_ok());
}

#[test]
fn audio_over_the_request_limit_is_too_long() {
    let error = inspect_audio_header(&[0; 16], MAX_REQUEST_BYTES + 1).unwrap_err();
    assert_eq!(
        error,
        AudioFormatError::TooLarge {
            len: MAX_REQUEST_BYTES + 1
        }
    );
    assert_eq!(error.class(), MediaErrorClass::TooLarge);
    assert_eq!(error.code(), "audio_too_long");
    assert!(inspect_audio_header(&[0; 16], MAX_REQUEST_BYTES).is_ok());
}

#[test]
fn a_prefix_and_the_file_length_decide_without_reading_the_samples() {
    // A 20 MB WAV: only its first 64 KiB are passed.
    let total = 20_000_044u64;
    let header = Wav::samples(&ramp(16)).build();
    let mut prefix = header[..40].to_vec();
    prefix.extend_from_slice(&((total - 44) as u32).to_le_bytes());
    prefix.resize(AUDIO_HEADER_PREFIX, 0);
    let probe = inspect_audio_header(&prefix, total).unwrap();
    let AudioProbe::Ready(input) = probe else {
        panic!("{probe:?}");
    };
    assert_eq!((input.data_offset, input.data_len), (44, total - 44));
    assert_eq!(input.duration_ms(), 625_000);

    // The same header on a file one byte short of its declared data is truncated.
    assert!(matches!(
        inspect_audio_header(&prefix, total - 1),
        Err(AudioFormatError::TruncatedData { .. })
    ));
    // Headerless: the length alone decides.
    assert!(matches!(
        inspect_audio_header(&[7; 64], 1_000_001),
        Err(AudioFormatError::OddLength { len: 1_000_001 })
    ));
}

#[test]
fn a_header_beyond_the_prefix_asks_for_more() {
    let mut wav = Wav::samples(&ramp(10));
    wav.before.push((*b"LIST", vec![0; 100_000]));
    let bytes = wav.build();
    // The fmt chunk header follows the 100,000-byte LIST chunk.
    assert_eq!(
        inspect_audio_header(&bytes[..AUDIO_HEADER_PREFIX], bytes.len() as u64),
        Ok(AudioProbe::NeedMore {
            prefix_len: 12 + 8 + 100_000 + 8
        })
    );
    // Each answer asks for the next chunk header or body until the data chunk header is in.
    let mut asked = Vec::new();
    let mut prefix_len = AUDIO_HEADER_PREFIX;
    let input = loop {
        match inspect_audio_header(&bytes[..prefix_len], bytes.len() as u64).unwrap() {
            AudioProbe::NeedMore { prefix_len: more } => {
                asked.push(more);
                prefix_len = more as usize;
            }
            AudioProbe::Ready(input) => break input,
        }
    };
    assert_eq!(asked, [100_028, 100_044, 100_052]);
    assert_eq!(
        input,
        inspect_audio(&bytes).unwrap(),
        "the prefix answer equals the whole-file answer"
    );
    // Fewer bytes than the signatures need.
    assert_eq!(
        inspect_audio_header(b"RI", 1000),
        Ok(AudioProbe::NeedMore { prefix_len: 12 })
    );
    // MP3 detection needs the second frame header.
    let mp3 = mp3_frames();
    assert_eq!(
        inspect_audio_header(&mp3[..100], mp3.len() as u64),
        Ok(AudioProbe::NeedMore { prefix_len: 421 })
    );
}

#[test]
fn errors_are_send_sync_and_display_lowercase() {
    fn check<T: Send + Sync + Error + 'static>() {}
    check::<AudioFormatError>();
    let errors = [
        AudioFormatError::Empty,
        AudioFormatError::Extensible,
        AudioFormatError::OddLength { len: 3 },
        AudioFormatError::TruncatedData {
            declared: 4,
            available: 2,
        },
        AudioFormatError::Unsupported(UnsupportedAudio::Riff {
            form_type: *b"WEBP",
        }),
    ];
    for error in errors {
        let text = error.to_string();
        assert!(text.chars().next().unwrap().is_lowercase(), "{text}");
        assert!(!text.ends_with('.'), "{text}");
    }
}
