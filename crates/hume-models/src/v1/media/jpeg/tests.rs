use super::*;
use crate::v1::media::tests::Jpeg;

fn corrupt_reason(bytes: &[u8]) -> &'static str {
    match inspect_jpeg(bytes) {
        Err(ImageFormatError::Corrupt { reason, .. }) => reason,
        other => panic!("expected corrupt, got {other:?}"),
    }
}

#[test]
fn a_baseline_jpeg_gives_its_size_without_decoding() {
    let bytes = Jpeg::new(640, 480).build();
    let info = inspect_jpeg(&bytes).unwrap();
    assert_eq!((info.width, info.height), (640, 480));
    assert_eq!(info.pixels(), 307_200);
    assert_eq!((info.components, info.precision), (3, 8));
    assert!(!info.progressive);
    assert_eq!(info.end, bytes.len());
}

#[test]
fn progressive_greyscale_and_multi_scan_images_are_walked_to_the_end() {
    let mut jpeg = Jpeg::new(17, 9);
    jpeg.sof = 0xC2;
    jpeg.components = 1;
    jpeg.scans = 4;
    let info = inspect_jpeg(&jpeg.build()).unwrap();
    assert!(info.progressive);
    assert_eq!((info.width, info.height, info.components), (17, 9, 1));
    // Extended (SOF1) and arithmetic (SOF9) frames are frames too.
    for sof in [0xC1, 0xC9] {
        let mut jpeg = Jpeg::new(3, 4);
        jpeg.sof = sof;
        assert_eq!(inspect_jpeg(&jpeg.build()).unwrap().width, 3);
    }
}

#[test]
fn segments_are_skipped_by_length_so_embedded_thumbnails_do_not_confuse_the_walk() {
    // An EXIF APP1 segment holding a whole thumbnail JPEG (with its own SOI, SOF and EOI).
    let thumbnail = Jpeg::new(160, 120).build();
    let mut exif = b"Exif\0\0".to_vec();
    exif.extend_from_slice(&thumbnail);
    let mut jpeg = Jpeg::new(4000, 2000);
    jpeg.extra_segments.push((0xE1, exif));
    jpeg.extra_segments
        .push((0xFE, b"a comment \xFF\xD9".to_vec()));
    let info = inspect_jpeg(&jpeg.build()).unwrap();
    assert_eq!((info.width, info.height), (4000, 2000));
}

#[test]
fn fill_bytes_and_trailing_bytes_are_tolerated() {
    let mut bytes = Jpeg::new(8, 8).build();
    // Fill bytes before the DQT marker (right after the 18-byte APP0 segment).
    bytes.splice(20..20, [0xFF, 0xFF, 0xFF]);
    let mut jpeg_with_trailer = bytes.clone();
    jpeg_with_trailer.extend_from_slice(b"\0\0trailer");
    let info = inspect_jpeg(&jpeg_with_trailer).unwrap();
    assert_eq!(info.end, bytes.len());
}

#[test]
fn anything_not_starting_with_soi_is_not_a_jpeg() {
    let cases: [(&[u8], NonJpegFormat); 8] = [
        (b"", NonJpegFormat::Unknown),
        (b"\xFF", NonJpegFormat::Unknown),
        (b"hello world", NonJpegFormat::Unknown),
        (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", NonJpegFormat::Png),
        (b"GIF89a\x01\0\x01\0", NonJpegFormat::Gif),
        (b"RIFF\0\0\0\0WEBPVP8 ", NonJpegFormat::WebP),
        (b"II*\0\x08\0\0\0", NonJpegFormat::Tiff),
        (b"\0\0\0\x18ftypheic\0\0\0\0", NonJpegFormat::Heif),
    ];
    for (bytes, format) in cases {
        let error = inspect_jpeg(bytes).unwrap_err();
        assert_eq!(error, ImageFormatError::NotJpeg(format), "{bytes:?}");
        assert_eq!(error.class(), MediaErrorClass::UnsupportedMediaType);
        assert_eq!(error.code(), "unsupported_media_type");
    }
    assert_eq!(
        inspect_jpeg(b"\x89PNG\r\n\x1a\n").unwrap_err().to_string(),
        "not a jpeg image (png); the api takes jpeg only"
    );
}

#[test]
fn images_over_the_byte_limit_are_too_large_before_their_structure_is_read() {
    let mut bytes = vec![0xFF, 0xD8];
    bytes.resize(MAX_IMAGE_BYTES as usize + 1, 0);
    let error = inspect_jpeg(&bytes).unwrap_err();
    assert_eq!(
        error,
        ImageFormatError::TooManyBytes {
            len: MAX_IMAGE_BYTES + 1
        }
    );
    assert_eq!(error.class(), MediaErrorClass::TooLarge);
    assert_eq!(error.code(), "image_too_large");
    // Exactly at the limit is fine.
    let mut jpeg = Jpeg::new(10, 10);
    jpeg.trailing = vec![0; MAX_IMAGE_BYTES as usize - jpeg.build().len()];
    let bytes = jpeg.build();
    assert_eq!(bytes.len() as u64, MAX_IMAGE_BYTES);
    assert!(inspect_jpeg(&bytes).is_ok());
}

#[test]
fn images_over_the_pixel_limit_are_too_large() {
    assert!(inspect_jpeg(&Jpeg::new(3840, 2160).build()).is_ok());
    assert!(inspect_jpeg(&Jpeg::new(65_535, 126).build()).is_ok());
    let error = inspect_jpeg(&Jpeg::new(3841, 2160).build()).unwrap_err();
    assert_eq!(
        error,
        ImageFormatError::TooManyPixels {
            width: 3841,
            height: 2160
        }
    );
    assert_eq!(error.code(), "image_too_large");
    assert_eq!(
        error.to_string(),
        "image is 3841x2160 pixels, over the limit of 8294400 pixels"
    );
    // The size is read from the header: a truncated huge image is still too large.
    let bytes = Jpeg::new(8000, 8000).build();
    let sof_end = bytes.windows(2).position(|w| w == [0xFF, 0xC4]).unwrap();
    assert!(matches!(
        inspect_jpeg(&bytes[..sof_end]),
        Err(ImageFormatError::TooManyPixels { .. })
    ));
}

#[test]
fn every_cut_of_a_valid_jpeg_fails_to_decode() {
    let bytes = Jpeg::new(32, 16).build();
    for cut in 2..bytes.len() {
        let error = inspect_jpeg(&bytes[..cut]).unwrap_err();
        assert_eq!(error.class(), MediaErrorClass::DecodeFailed, "cut at {cut}");
        assert_eq!(error.code(), "image_decode_failed");
        assert!(
            matches!(error, ImageFormatError::Truncated { .. }),
            "cut at {cut}: {error:?}"
        );
    }
}

#[test]
fn broken_structures_are_corrupt() {
    let good = Jpeg::new(8, 8).build();
    let dqt = 20; // offset of the DQT marker

    let mut bytes = good.clone();
    bytes[dqt] = 0x00;
    assert_eq!(corrupt_reason(&bytes), "expected a marker");

    let mut bytes = good.clone();
    bytes[dqt + 1] = 0x02;
    assert_eq!(corrupt_reason(&bytes), "invalid marker code");

    let mut bytes = good.clone();
    bytes[dqt + 1] = 0xD8;
    assert_eq!(corrupt_reason(&bytes), "a second start-of-image marker");

    let mut bytes = good.clone();
    bytes[dqt + 2..dqt + 4].copy_from_slice(&[0, 1]);
    assert_eq!(corrupt_reason(&bytes), "segment length below 2");

    // No frame header: the SOF segment turned into a COM segment.
    let sof = good.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    let mut bytes = good.clone();
    bytes[sof + 1] = 0xFE;
    assert_eq!(corrupt_reason(&bytes), "scan before any frame header");
    assert_eq!(
        corrupt_reason(b"\xFF\xD8\xFF\xD9"),
        "end of image before any frame header"
    );

    let mut bytes = good.clone();
    bytes[sof + 5..sof + 7].copy_from_slice(&[0, 0]); // height 0 (left to a DNL marker)
    assert_eq!(
        corrupt_reason(&bytes),
        "frame header declares a zero width or height"
    );

    let mut bytes = good.clone();
    bytes[sof + 9] = 2; // two components in a segment sized for three
    assert_eq!(
        corrupt_reason(&bytes),
        "frame header length does not match its component count"
    );

    let error = inspect_jpeg(&bytes).unwrap_err();
    assert_eq!(error.class(), MediaErrorClass::DecodeFailed);
    assert!(
        error.to_string().starts_with("jpeg is corrupt at byte "),
        "{error}"
    );
}

/// Feeds [`inspect_jpeg_header`] a growing prefix, as a client reading a file would.
fn header_of(bytes: &[u8]) -> Result<JpegHeader, ImageFormatError> {
    let mut len = 0;
    loop {
        match inspect_jpeg_header(&bytes[..len], bytes.len() as u64)? {
            JpegProbe::Ready(header) => return Ok(header),
            JpegProbe::NeedMore { prefix_len } => {
                assert!(prefix_len as usize > len && prefix_len as usize <= bytes.len());
                len = prefix_len as usize;
            }
        }
    }
}

#[test]
fn the_header_gives_the_size_without_reading_past_the_frame_header() {
    let bytes = Jpeg::new(640, 480).build();
    let header = header_of(&bytes).unwrap();
    assert_eq!(
        (header.width, header.height, header.components),
        (640, 480, 3)
    );
    assert_eq!(header.pixels(), 307_200);
    assert_eq!(header, JpegHeader::from(inspect_jpeg(&bytes).unwrap()));
    // Everything up to the end of the frame header is enough; one byte less is not.
    let sof = bytes.windows(2).position(|w| w == [0xFF, 0xC0]).unwrap();
    let sof_end = sof + 2 + 2 + 6 + 3 * 3;
    assert!(matches!(
        inspect_jpeg_header(&bytes[..sof_end], bytes.len() as u64),
        Ok(JpegProbe::Ready(_))
    ));
    assert_eq!(
        inspect_jpeg_header(&bytes[..sof_end - 1], bytes.len() as u64),
        Ok(JpegProbe::NeedMore {
            prefix_len: sof_end as u64
        })
    );
}

#[test]
fn large_segments_before_the_frame_are_skipped_unread() {
    let mut jpeg = Jpeg::new(1920, 1080);
    jpeg.extra_segments.push((0xE1, vec![0xAB; 60_000]));
    let bytes = jpeg.build();
    // Past the APP1 header the walk asks for the byte after the segment, not its contents.
    let app1 = 20;
    assert_eq!(
        inspect_jpeg_header(&bytes[..app1 + 4], bytes.len() as u64),
        Ok(JpegProbe::NeedMore {
            prefix_len: (app1 + 4 + 60_000 + 1) as u64
        })
    );
    assert_eq!(header_of(&bytes).unwrap().width, 1920);
}

#[test]
fn the_header_applies_the_byte_and_pixel_limits() {
    let bytes = Jpeg::new(16, 16).build();
    assert_eq!(
        inspect_jpeg_header(&bytes, MAX_IMAGE_BYTES + 1),
        Err(ImageFormatError::TooManyBytes {
            len: MAX_IMAGE_BYTES + 1
        })
    );
    assert_eq!(
        header_of(&Jpeg::new(3841, 2160).build()),
        Err(ImageFormatError::TooManyPixels {
            width: 3841,
            height: 2160
        })
    );
    assert_eq!(
        header_of(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
        Err(ImageFormatError::NotJpeg(NonJpegFormat::Png))
    );
    assert_eq!(
        header_of(b""),
        Err(ImageFormatError::NotJpeg(NonJpegFormat::Unknown))
    );
}

#[test]
fn damage_after_the_frame_header_is_left_to_the_server() {
    let bytes = Jpeg::new(32, 16).build();
    let cut = &bytes[..bytes.len() - 4];
    assert!(matches!(
        inspect_jpeg(cut),
        Err(ImageFormatError::Truncated { .. })
    ));
    assert_eq!(header_of(cut).unwrap().height, 16);
    // Damage before it is found as the whole-file check finds it.
    let mut broken = bytes.clone();
    broken[20] = 0x00;
    assert_eq!(
        header_of(&broken),
        inspect_jpeg(&broken).map(JpegHeader::from)
    );
}

#[test]
fn errors_are_send_sync() {
    fn check<T: Send + Sync + Error + 'static>() {}
    check::<ImageFormatError>();
}
