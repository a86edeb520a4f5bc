use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

use super::*;

#[test]
fn crc_matches_known_value() {
    let mut crc = Crc32::new();
    crc.update(b"123456789");
    assert_eq!(crc.finish(), 0xCBF4_3926);
}

#[test]
fn streamed_entry_between_held_entries_gives_a_valid_zip() {
    let big: Vec<u8> = (0..1_000_000u32).map(|i| (i * 7 % 251) as u8).collect();
    let mut crc = Crc32::new();
    crc.update(&big);
    let chunks = Rc::new(RefCell::new(Vec::<Vec<u8>>::new()));
    let sink_chunks = Rc::clone(&chunks);
    let (sink, control) = streaming_sink(move |chunk| {
        sink_chunks.borrow_mut().push(chunk);
        Ok(())
    });
    let mut zip = ZipWriter::new(sink);
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    zip.start_file("job/a.csv", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"a,b\n1,2\n").unwrap();
    zip.start_file("job/b.json", stored).unwrap();
    zip.write_all(b"[]").unwrap();
    // Registered at the current end: the next header (padding.bin) starts there, since
    // finishing b.json only patches bytes before it. Everything stays held here.
    control.patch_next_header(crc.finish(), big.len() as u32);
    zip.start_file("job/padding.bin", stored).unwrap();
    zip.write_all(&big).unwrap();
    zip.finish().unwrap();
    control.finish().unwrap();
    let bytes: Vec<u8> = chunks.borrow().concat();
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut csv = String::new();
    archive
        .by_name("job/a.csv")
        .unwrap()
        .read_to_string(&mut csv)
        .unwrap();
    assert_eq!(csv, "a,b\n1,2\n");
    let _ = archive.by_name("job/b.json").unwrap();
    let mut data = Vec::new();
    archive
        .by_name("job/padding.bin")
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    assert_eq!(data, big);
}

#[test]
fn first_entry_streams_without_holding_it() {
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i * 13 % 249) as u8).collect();
    let mut crc = Crc32::new();
    crc.update(&big);
    let chunks = Rc::new(RefCell::new(Vec::<Vec<u8>>::new()));
    let max_held = Rc::new(RefCell::new(0usize));
    let sink_chunks = Rc::clone(&chunks);
    let sink_max = Rc::clone(&max_held);
    let (sink, control) = streaming_sink(move |chunk| {
        let mut max = sink_max.borrow_mut();
        *max = (*max).max(chunk.len());
        sink_chunks.borrow_mut().push(chunk);
        Ok(())
    });
    let mut zip = ZipWriter::new(sink);
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    control.patch_next_header(crc.finish(), big.len() as u32);
    control.set_hold(false);
    zip.start_file("job/padding.bin", stored).unwrap();
    for part in big.chunks(64 * 1024) {
        zip.write_all(part).unwrap();
    }
    control.set_hold(true);
    zip.start_file("job/a.csv", SimpleFileOptions::default())
        .unwrap();
    zip.write_all(b"x\n").unwrap();
    zip.finish().unwrap();
    control.finish().unwrap();
    assert!(
        chunks.borrow().len() > 5,
        "the big entry was emitted in several chunks"
    );
    assert!(
        *max_held.borrow() < 1_000_000,
        "nothing close to the entry size was held"
    );
    let bytes: Vec<u8> = chunks.borrow().concat();
    let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut data = Vec::new();
    archive
        .by_name("job/padding.bin")
        .unwrap()
        .read_to_end(&mut data)
        .unwrap();
    assert_eq!(data, big);
    let mut csv = String::new();
    archive
        .by_name("job/a.csv")
        .unwrap()
        .read_to_string(&mut csv)
        .unwrap();
    assert_eq!(csv, "x\n");
}
