//! Writing a whole body: the source layout, streamed one prediction at a time.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use hume_models::predictions::{FileError, InferencePrediction, Source, SourceResult};

use crate::media::{audio_file, text_item, video_clip};
use crate::rng::Rng;

/// How the files of a body are spread over sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A failed source, then in turn: a source of five raw-text items, a zip of three video
    /// clips behind a URL (with a per-file error), an uploaded audio file, another zip.
    Mixed,
    /// A failed source and a raw-text source, then every video clip in one uploaded zip: the
    /// whole body in one top-level element.
    OneSource,
}

/// Writes a body of at least `target_bytes` (it stops after the source, or with
/// [`Layout::OneSource`] the clip, that crosses the target) to `out`; returns its exact size.
///
/// # Errors
/// Any error writing to `out`.
pub fn write_predictions_to(out: impl Write, target_bytes: u64, layout: Layout) -> io::Result<u64> {
    let mut body = Body {
        out,
        written: 0,
        sources: 0,
        rng: Rng::new(0x5EED_CAFE),
    };
    body.out_all(b"[")?;
    body.failed_source()?;
    match layout {
        Layout::Mixed => {
            let mut n = 0usize;
            while body.written < target_bytes {
                match n % 4 {
                    0 => body.text_source()?,
                    2 => body.audio_upload(n)?,
                    _ => body.video_zip(n)?,
                }
                n += 1;
            }
        }
        Layout::OneSource => {
            body.text_source()?;
            body.open_source(&Source::file(
                Some("everything.zip".to_owned()),
                Some("application/zip".to_owned()),
                format!("{:032x}", 0x5EED_u128),
            ))?;
            let mut clip = 0usize;
            while body.written < target_bytes {
                let prediction = video_clip(&mut body.rng, format!("videos/clip{clip}.mp4"));
                body.prediction(clip, &prediction)?;
                clip += 1;
            }
            body.close_source(&[])?;
        }
    }
    body.out_all(b"]")?;
    body.out.flush()?;
    Ok(body.written)
}

/// Writes a body of at least `target_bytes` to a new file at `path` (buffered); returns its
/// exact size.
///
/// # Errors
/// Any I/O error creating or writing the file.
pub fn write_predictions(path: &Path, target_bytes: u64, layout: Layout) -> io::Result<u64> {
    let file = BufWriter::with_capacity(1 << 20, File::create(path)?);
    write_predictions_to(file, target_bytes, layout)
}

/// A [`Layout::Mixed`] body of at least `target_bytes`, in memory.
pub fn predictions_body(target_bytes: u64) -> Vec<u8> {
    let mut body = Vec::with_capacity(usize::try_from(target_bytes).unwrap_or(0) + (1 << 20));
    // Writing to a `Vec` cannot fail.
    let _ = write_predictions_to(&mut body, target_bytes, Layout::Mixed);
    body
}

/// The body being written: the output, bytes so far, sources so far, the generator.
struct Body<W> {
    out: W,
    written: u64,
    sources: usize,
    rng: Rng,
}

impl<W: Write> Body<W> {
    fn out_all(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    fn out_json(&mut self, value: &impl serde::Serialize) -> io::Result<()> {
        let bytes = serde_json::to_vec(value)?;
        self.out_all(&bytes)
    }

    /// A source and the start of its predictions list.
    fn open_source(&mut self, source: &Source) -> io::Result<()> {
        if self.sources > 0 {
            self.out_all(b",")?;
        }
        self.sources += 1;
        self.out_all(b"{\"source\":")?;
        self.out_json(source)?;
        self.out_all(b",\"results\":{\"predictions\":[")
    }

    /// Prediction number `index` of the open source.
    fn prediction(&mut self, index: usize, prediction: &InferencePrediction) -> io::Result<()> {
        if index > 0 {
            self.out_all(b",")?;
        }
        self.out_json(prediction)
    }

    /// The open source's per-file errors, and its end.
    fn close_source(&mut self, errors: &[FileError]) -> io::Result<()> {
        self.out_all(b"],\"errors\":")?;
        self.out_json(&errors)?;
        self.out_all(b"}}")
    }

    fn failed_source(&mut self) -> io::Result<()> {
        if self.sources > 0 {
            self.out_all(b",")?;
        }
        self.sources += 1;
        let failed = SourceResult::failed(
            Source::url("https://example.com/unreachable/missing.mp4"),
            "Failed to download file from URL",
        );
        self.out_json(&failed)
    }

    fn video_zip(&mut self, n: usize) -> io::Result<()> {
        self.open_source(&Source::url(format!(
            "https://example.com/batch/clips-{n}.zip"
        )))?;
        for i in 0..3 {
            let prediction = video_clip(&mut self.rng, format!("clips-{n}/{i}.mp4"));
            self.prediction(i, &prediction)?;
        }
        self.close_source(&[FileError::new(
            format!("clips-{n}/corrupt.mp4"),
            "Transcript confidence below threshold value",
        )])
    }

    fn audio_upload(&mut self, n: usize) -> io::Result<()> {
        let md5 = format!("{:016x}{:016x}", self.rng.next_u64(), self.rng.next_u64());
        let name = format!("interview-{n}.wav");
        self.open_source(&Source::file(
            Some(name.clone()),
            Some("audio/wav".to_owned()),
            md5,
        ))?;
        let prediction = audio_file(&mut self.rng, name);
        self.prediction(0, &prediction)?;
        self.close_source(&[])
    }

    fn text_source(&mut self) -> io::Result<()> {
        self.open_source(&Source::text())?;
        for item in 1..=5 {
            let prediction = text_item(&mut self.rng, item);
            self.prediction(item - 1, &prediction)?;
        }
        self.close_source(&[])
    }
}
