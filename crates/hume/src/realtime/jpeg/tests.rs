use std::io::{self, Read};

use super::*;

/// A complete JPEG of `width` × 100 whose scan also holds a stuffed 0xFF and a restart
/// marker (what the splitter must not take for an end).
fn jpeg(width: u16) -> Vec<u8> {
    let mut out = hume_bench_data::test_media::jpeg(width, 100, 0);
    let eoi = out.len() - 2;
    out.splice(eoi..eoi, [0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78]);
    out
}

/// A reader that hands out `step` bytes per read.
struct Trickle {
    data: Vec<u8>,
    at: usize,
    step: usize,
}

impl Read for Trickle {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.data.len() - self.at);
        buf[..n].copy_from_slice(&self.data[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

fn frames(stream: Vec<u8>, step: usize) -> Vec<Result<Frame, HumeError>> {
    MjpegFrames::new(Trickle {
        data: stream,
        at: 0,
        step,
    })
    .collect()
}

#[test]
fn splits_concatenated_jpegs_whatever_the_read_size() {
    let images = [jpeg(101), jpeg(102), jpeg(103)];
    let mut stream = b"--boundary\r\nContent-Type: image/jpeg\r\n\r\n".to_vec();
    for image in &images {
        stream.extend_from_slice(image);
        stream.extend_from_slice(b"\r\n--boundary\r\n\xFF");
    }
    for step in [1, 7, 64 * 1024] {
        let got: Vec<Frame> = frames(stream.clone(), step)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(got.len(), 3, "read size {step}");
        for (frame, image) in got.iter().zip(&images) {
            assert_eq!(&frame.data[..], &image[..]);
        }
        let tags: Vec<u64> = got.iter().map(|f| f.tag).collect();
        assert_eq!(tags, [0, 333, 667], "3 fps by default");
    }
}

#[test]
fn a_broken_image_is_reported_and_splitting_resumes() {
    let mut broken = jpeg(200);
    // A reserved marker code in place of the frame header's: the structure is broken.
    let sof = broken.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    broken[sof + 1] = 0x05;
    let mut stream = jpeg(101);
    stream.extend_from_slice(&broken);
    stream.extend_from_slice(&jpeg(103));
    let got = frames(stream, 13);
    assert_eq!(got.len(), 3);
    assert_eq!(&got[0].as_ref().unwrap().data[..], &jpeg(101)[..]);
    let error = got[1].as_ref().unwrap_err();
    assert!(
        matches!(error, HumeError::RealtimeRefused { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("corrupt"), "{error}");
    let last = got[2].as_ref().unwrap();
    assert_eq!(&last.data[..], &jpeg(103)[..]);
    assert_eq!(last.tag, 667, "the broken image kept its place in time");
}

#[test]
fn a_partial_image_at_the_end_is_dropped() {
    let mut stream = jpeg(101);
    let second = jpeg(102);
    stream.extend_from_slice(&second[..second.len() - 3]);
    let got = frames(stream, 5);
    assert_eq!(got.len(), 1);
    assert!(got[0].is_ok());
}

#[test]
fn an_image_over_two_megabytes_is_refused() {
    let mut big = jpeg(101);
    let eoi = big.len() - 2;
    // Entropy-coded filler (no 0xFF) pushing the image past 2 MB.
    big.splice(eoi..eoi, std::iter::repeat_n(0x11, 2_000_100));
    let mut stream = big;
    stream.extend_from_slice(&jpeg(102));
    let got = frames(stream, 64 * 1024);
    let error = got[0].as_ref().unwrap_err();
    assert!(error.to_string().contains("over the limit"), "{error}");
    let last = got.last().unwrap().as_ref().unwrap();
    assert_eq!(&last.data[..], &jpeg(102)[..]);
}

#[test]
fn tags_follow_the_frame_rate_or_the_clock() {
    let mut stream = jpeg(101);
    stream.extend_from_slice(&jpeg(102));
    let tags: Vec<u64> = MjpegFrames::new(&stream[..])
        .with_fps(2.0)
        .map(|f| f.unwrap().tag)
        .collect();
    assert_eq!(tags, [0, 500]);
    let live: Vec<u64> = MjpegFrames::new(&stream[..])
        .live()
        .map(|f| f.unwrap().tag)
        .collect();
    assert_eq!(live.len(), 2);
    assert_eq!(live[0], 0, "a live stream counts from its first frame");
    assert!(live[1] >= live[0]);
}

#[test]
fn a_failing_reader_ends_the_frames_with_its_error() {
    struct Failing;
    impl Read for Failing {
        fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
            Err(io::Error::other("camera unplugged"))
        }
    }
    let mut frames = MjpegFrames::new(Failing);
    let error = frames.next().unwrap().unwrap_err();
    assert_eq!(
        error.to_string(),
        "i/o failure while reading an mjpeg stream"
    );
    assert!(frames.next().is_none());
}

#[test]
fn jpeg_files_are_read_in_order_with_timestamps() {
    let dir = tempfile::tempdir().unwrap();
    let paths: Vec<_> = (0..3u16)
        .map(|i| {
            let path = dir.path().join(format!("{i}.jpg"));
            std::fs::write(&path, jpeg(100 + i)).unwrap();
            path
        })
        .collect();
    let mut all = paths.clone();
    all.push(dir.path().join("missing.jpg"));
    let got: Vec<_> = JpegFrames::new(&all).with_fps(4.0).collect();
    assert_eq!(got.len(), 4);
    for (i, frame) in got[..3].iter().enumerate() {
        let frame = frame.as_ref().unwrap();
        assert_eq!(frame.tag, i as u64 * 250);
        assert_eq!(&frame.data[..], &jpeg(100 + i as u16)[..]);
    }
    let missing = got[3].as_ref().unwrap_err();
    assert!(missing.to_string().contains("missing.jpg"), "{missing}");
    assert_eq!(
        JpegFrames::new(&paths)
            .with_fps(f64::NAN)
            .nth(1)
            .unwrap()
            .unwrap()
            .tag,
        333
    );
}

#[test]
fn debug_shows_no_bytes() {
    let frame = Frame::new(vec![0xAB; 4000], 7);
    assert_eq!(format!("{frame:?}"), "Frame { tag: 7, len: 4000 }");
}

#[test]
fn a_frame_file_over_the_limit_is_not_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.jpg");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(MAX_IMAGE_BYTES * 4).unwrap();
    let frame = JpegFrames::new([&path]).next().unwrap().unwrap();
    // One byte over the limit: enough for the session to refuse it, no more in memory.
    assert_eq!(frame.data.len() as u64, MAX_IMAGE_BYTES + 1);
}
