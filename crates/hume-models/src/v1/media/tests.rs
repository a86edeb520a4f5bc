//! Byte builders shared by the media tests, and fuzz-style properties: no input panics, an
//! accepted input is described consistently, and inspecting a prefix agrees with inspecting
//! the whole file.
//!
//! proptest is used for the properties (a dev-dependency only): it shrinks a failing input to
//! a small one, which a hand-rolled random loop would not.

use proptest::prelude::*;

use super::*;

/// A WAV file, built chunk by chunk. Defaults: 16 kHz, mono, 16-bit PCM.
#[derive(Clone)]
pub(crate) struct Wav {
    pub format_tag: u16,
    pub channels: u16,
    pub sample_rate: u32,
    pub bits_per_sample: u16,
    pub block_align: u16,
    /// Declared `fmt ` size; the body is padded with zeros beyond 16 bytes.
    pub fmt_len: u32,
    /// Chunks written before `fmt `.
    pub before: Vec<([u8; 4], Vec<u8>)>,
    /// Chunks written after `data`.
    pub after: Vec<([u8; 4], Vec<u8>)>,
    pub data: Vec<u8>,
    /// Overrides the `data` chunk's declared size.
    pub declared_data_len: Option<u32>,
    /// Writes `data` before `fmt `.
    pub data_first: bool,
}

impl Wav {
    pub(crate) fn samples(samples: &[i16]) -> Wav {
        Wav {
            format_tag: 1,
            channels: 1,
            sample_rate: 16_000,
            bits_per_sample: 16,
            block_align: 2,
            fmt_len: 16,
            before: Vec::new(),
            after: Vec::new(),
            data: samples.iter().flat_map(|s| s.to_le_bytes()).collect(),
            declared_data_len: None,
            data_first: false,
        }
    }

    pub(crate) fn build(&self) -> Vec<u8> {
        let mut body = b"WAVE".to_vec();
        let chunk = |body: &mut Vec<u8>, id: &[u8], declared: u32, content: &[u8]| {
            body.extend_from_slice(id);
            body.extend_from_slice(&declared.to_le_bytes());
            body.extend_from_slice(content);
            if content.len() % 2 == 1 {
                body.push(0);
            }
        };
        for (id, content) in &self.before {
            chunk(&mut body, id, content.len() as u32, content);
        }
        let mut fmt = Vec::new();
        fmt.extend_from_slice(&self.format_tag.to_le_bytes());
        fmt.extend_from_slice(&self.channels.to_le_bytes());
        fmt.extend_from_slice(&self.sample_rate.to_le_bytes());
        let byte_rate = self.sample_rate * u32::from(self.block_align);
        fmt.extend_from_slice(&byte_rate.to_le_bytes());
        fmt.extend_from_slice(&self.block_align.to_le_bytes());
        fmt.extend_from_slice(&self.bits_per_sample.to_le_bytes());
        fmt.resize(self.fmt_len as usize, 0);
        let data_len = self.declared_data_len.unwrap_or(self.data.len() as u32);
        if self.data_first {
            chunk(&mut body, b"data", data_len, &self.data);
            chunk(&mut body, b"fmt ", self.fmt_len, &fmt);
        } else {
            chunk(&mut body, b"fmt ", self.fmt_len, &fmt);
            chunk(&mut body, b"data", data_len, &self.data);
        }
        for (id, content) in &self.after {
            chunk(&mut body, id, content.len() as u32, content);
        }
        let mut file = b"RIFF".to_vec();
        file.extend_from_slice(&(body.len() as u32).to_le_bytes());
        file.extend_from_slice(&body);
        file
    }
}

/// A JPEG's marker structure, built by hand: SOI, APP0 (JFIF), DQT, SOFn, then per scan a DHT
/// and an SOS with a little entropy-coded data (with a stuffed 0xFF and a restart marker), EOI.
#[derive(Clone)]
pub(crate) struct Jpeg {
    pub width: u16,
    pub height: u16,
    pub sof: u8,
    pub components: u8,
    pub scans: usize,
    /// Segments written right after SOI (APPn, COM, ...).
    pub extra_segments: Vec<(u8, Vec<u8>)>,
    pub trailing: Vec<u8>,
}

impl Jpeg {
    pub(crate) fn new(width: u16, height: u16) -> Jpeg {
        Jpeg {
            width,
            height,
            sof: 0xC0,
            components: 3,
            scans: 1,
            extra_segments: Vec::new(),
            trailing: Vec::new(),
        }
    }

    pub(crate) fn segment(out: &mut Vec<u8>, code: u8, body: &[u8]) {
        out.extend_from_slice(&[0xFF, code]);
        out.extend_from_slice(&((body.len() + 2) as u16).to_be_bytes());
        out.extend_from_slice(body);
    }

    pub(crate) fn build(&self) -> Vec<u8> {
        let mut out = vec![0xFF, 0xD8];
        Jpeg::segment(&mut out, 0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0");
        for (code, body) in &self.extra_segments {
            Jpeg::segment(&mut out, *code, body);
        }
        let mut dqt = vec![0x00];
        dqt.extend(1..=64u8);
        Jpeg::segment(&mut out, 0xDB, &dqt);
        let mut sof = vec![8];
        sof.extend_from_slice(&self.height.to_be_bytes());
        sof.extend_from_slice(&self.width.to_be_bytes());
        sof.push(self.components);
        for id in 1..=self.components {
            sof.extend_from_slice(&[id, if id == 1 { 0x22 } else { 0x11 }, 0]);
        }
        Jpeg::segment(&mut out, self.sof, &sof);
        for _ in 0..self.scans {
            let mut dht = vec![0x00, 1];
            dht.extend_from_slice(&[0; 15]);
            dht.push(0);
            Jpeg::segment(&mut out, 0xC4, &dht);
            let mut sos = vec![self.components];
            for id in 1..=self.components {
                sos.extend_from_slice(&[id, 0x00]);
            }
            sos.extend_from_slice(&[0, 63, 0]);
            Jpeg::segment(&mut out, 0xDA, &sos);
            out.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0x78, 0xFF, 0xFF]);
        }
        out.extend_from_slice(&[0xFF, 0xD9]);
        out.extend_from_slice(&self.trailing);
        out
    }
}

#[test]
fn classes_map_to_the_documented_statuses() {
    assert_eq!(MediaErrorClass::UnsupportedMediaType.http_status(), 415);
    assert_eq!(MediaErrorClass::DecodeFailed.http_status(), 400);
    assert_eq!(MediaErrorClass::TooLarge.http_status(), 413);
}

#[test]
fn limits_are_the_documented_values() {
    assert_eq!(MAX_IMAGE_PIXELS, 3840 * 2160);
    assert_eq!(AUDIO_BYTES_PER_SECOND * 10, 320_000);
    assert_eq!(u64::from(SAMPLE_RATE_HZ) * 2, AUDIO_BYTES_PER_SECOND);
}

fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8)], cut: Option<usize>) -> Vec<u8> {
    if !bytes.is_empty() {
        for &(at, value) in edits {
            let at = at % bytes.len();
            bytes[at] = value;
        }
    }
    if let Some(cut) = cut {
        bytes.truncate(cut % (bytes.len() + 1));
    }
    bytes
}

fn check_audio_consistent(bytes: &[u8]) {
    if let Ok(input) = inspect_audio(bytes) {
        let range = input.data_range();
        assert!(range.end <= bytes.len());
        assert!(input.data_len > 0 && input.data_len % 2 == 0);
        assert_eq!(input.pcm(bytes).len() as u64, input.data_len);
    }
}

fn check_jpeg_consistent(bytes: &[u8]) {
    if let Ok(info) = inspect_jpeg(bytes) {
        assert!(info.width >= 1 && info.height >= 1);
        assert!(info.pixels() <= MAX_IMAGE_PIXELS);
        assert!(info.end >= 4 && info.end <= bytes.len());
        assert_eq!(&bytes[info.end - 2..info.end], &[0xFF, 0xD9]);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        check_audio_consistent(&bytes);
        check_jpeg_consistent(&bytes);
        let _ = inspect_audio_header(&bytes, bytes.len() as u64 + 7);
    }

    #[test]
    fn signatures_followed_by_random_bytes_never_panic(
        magic in prop::sample::select(vec![
            &b"RIFF\x00\x00\x00\x00WAVE"[..], b"RIFF", b"\xFF\xD8", b"\xFF\xD8\xFF", b"\xFF\xFB\x90",
            b"ID3", b"fLaC", b"OggS", b"RF64",
        ]),
        rest in proptest::collection::vec(any::<u8>(), 0..512),
    ) {
        let mut bytes = magic.to_vec();
        bytes.extend_from_slice(&rest);
        check_audio_consistent(&bytes);
        check_jpeg_consistent(&bytes);
    }

    #[test]
    fn mutated_wav_never_panics(
        samples in proptest::collection::vec(any::<i16>(), 0..64),
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let mut wav = Wav::samples(&samples);
        wav.before.push((*b"LIST", vec![7; 5]));
        let bytes = mutate(wav.build(), &edits, cut);
        check_audio_consistent(&bytes);
    }

    #[test]
    fn mutated_jpeg_never_panics(
        width in 1u16..5000,
        height in 1u16..5000,
        scans in 1usize..3,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..4),
        cut in proptest::option::of(any::<usize>()),
    ) {
        let mut jpeg = Jpeg::new(width, height);
        jpeg.scans = scans;
        let bytes = mutate(jpeg.build(), &edits, cut);
        check_jpeg_consistent(&bytes);
    }

    /// The JPEG header inspector on any prefix asks for more (no more than the file holds),
    /// or fails exactly as the whole-file inspector does, or reads the size the whole-file
    /// inspector reads (unless the damage is past the frame header, where only the whole-file
    /// inspector looks).
    #[test]
    fn a_jpeg_prefix_agrees_with_the_whole_file(
        width in 1u16..5000,
        height in 1u16..5000,
        app_len in 0usize..300,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..2),
        cut in proptest::option::of(any::<usize>()),
        split in any::<usize>(),
    ) {
        let mut jpeg = Jpeg::new(width, height);
        jpeg.extra_segments.push((0xE1, vec![7; app_len]));
        let bytes = mutate(jpeg.build(), &edits, cut);
        let split = split % (bytes.len() + 1);
        let whole = inspect_jpeg(&bytes);
        match inspect_jpeg_header(&bytes[..split], bytes.len() as u64) {
            Ok(JpegProbe::NeedMore { prefix_len }) => {
                prop_assert!(prefix_len as usize > split && prefix_len as usize <= bytes.len());
            }
            Ok(JpegProbe::Ready(header)) => match whole {
                Ok(info) => prop_assert_eq!(header, JpegHeader::from(info)),
                Err(error) => prop_assert_eq!(error.class(), MediaErrorClass::DecodeFailed),
            },
            Err(error) => prop_assert_eq!(Err(error), whole),
        }
    }

    /// The header inspector on any prefix either asks for more (and no more than the file
    /// holds) or answers exactly what the whole-file inspector answers.
    #[test]
    fn a_prefix_agrees_with_the_whole_file(
        samples in proptest::collection::vec(any::<i16>(), 1..64),
        list_len in 0usize..300,
        edits in proptest::collection::vec((any::<usize>(), any::<u8>()), 0..2),
        split in any::<usize>(),
    ) {
        let mut wav = Wav::samples(&samples);
        wav.before.push((*b"LIST", vec![1; list_len]));
        let bytes = mutate(wav.build(), &edits, None);
        let split = split % (bytes.len() + 1);
        let whole = inspect_audio(&bytes);
        match inspect_audio_header(&bytes[..split], bytes.len() as u64) {
            Ok(AudioProbe::NeedMore { prefix_len }) => {
                prop_assert!(prefix_len as usize > split && prefix_len as usize <= bytes.len());
                let again = inspect_audio_header(&bytes[..prefix_len as usize], bytes.len() as u64);
                let asks_again_for_no_more = matches!(again, Ok(AudioProbe::NeedMore { prefix_len: n }) if n <= prefix_len);
                prop_assert!(!asks_again_for_no_more);
            }
            Ok(AudioProbe::Ready(input)) => prop_assert_eq!(Ok(input), whole),
            Err(error) => prop_assert_eq!(Err(error), whole),
        }
    }
}
