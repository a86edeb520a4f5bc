//! `hume stream audio FILE.wav` and `hume stream video FILE...|-`: a realtime session of the
//! Expression Measurement API (v1) fed from local media, its measurements printed as they
//! arrive.
//!
//! - Audio: a WAV file of any rate and channel count (converted to 16 kHz mono 16-bit,
//!   `hume::realtime::WavFrames`), sent at real time.
//! - Video: JPEG files, one frame each in the order given (`JpegFrames`), or `-`: an MJPEG
//!   stream on stdin (JPEGs one after another, `MjpegFrames`), at most 3 frames a second.
//!   Every frame gets one reply, printed with the frame's time.
//!
//! Without `--json`: one line per utterance event and measurement (audio) or a block per frame
//! (video) on stdout; session notes, reconnects and frame errors on stderr; the session's
//! totals (its `session.closed`) last. With `--json`: one JSON line per event
//! ([`render`] documents them), the totals line last.
//!
//! Reconnects follow the client's policy (`hume::realtime::ReconnectPolicy`: a dropped
//! connection, a 1001/1011/1012/1013 close or `server_shutdown` reconnects after 1–5 s,
//! growing, at most `--max-reconnects` attempts in a row); never after an invalid key, which
//! fails at once (exit 3). Ctrl-C stops reading the media: the frames already queued go out,
//! the session closes, the totals are printed and the exit code is 130 (a second Ctrl-C exits
//! at once). Frames that were refused (locally or by the server) are reported and the stream
//! goes on; the exit code is then 7.

mod render;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use clap::{Args, Subcommand};

use hume::HumeError;
use hume::blocking::RealtimeSession;
use hume::realtime::{
    AudioSessionUpdate, Frame, JpegFrames, MjpegFrames, ReconnectPolicy, SessionConfig, StreamMode,
    VideoSessionUpdate, WavFrames,
};

use crate::bulk::interrupt::Interrupt;
use crate::commands::Context;
use crate::exit::{ExitKind, Failure};
use render::{Shown, Tally};

/// `hume stream`.
#[derive(Debug, Args)]
pub struct StreamArgs {
    /// What to stream.
    #[command(subcommand)]
    pub what: StreamCommand,
}

/// `hume stream audio` or `hume stream video`.
#[derive(Debug, Subcommand)]
pub enum StreamCommand {
    /// Speech in a WAV file (any rate and channel count), streamed at real time.
    Audio(AudioArgs),
    /// Faces in JPEG files (one frame each), or `-` for an MJPEG stream on stdin.
    Video(VideoArgs),
}

/// `hume stream audio`.
#[derive(Debug, Args)]
pub struct AudioArgs {
    /// The WAV file.
    #[arg(value_name = "FILE.wav")]
    pub file: PathBuf,
    /// Measure every this many milliseconds of speech (3000..=10000; server default 3000).
    #[arg(long, value_name = "MS")]
    pub timer_ms: Option<u32>,
    /// How the session runs.
    #[command(flatten)]
    pub session: SessionArgs,
}

/// `hume stream video`.
#[derive(Debug, Args)]
pub struct VideoArgs {
    /// JPEG files in frame order, or `-` alone for MJPEG (JPEGs one after another) on stdin.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Smallest face detection confidence (0..=1; server default 0.9).
    #[arg(long, value_name = "P")]
    pub threshold: Option<f64>,
    /// Smallest face, the shorter side of its box in pixels (at least 1; server default 60).
    #[arg(long, value_name = "PIXELS")]
    pub min_size: Option<u32>,
    /// The frame rate the frames' times count at (frames are sent at most 3 a second).
    #[arg(long, value_name = "FPS", default_value_t = 3.0)]
    pub fps: f64,
    /// With `-`: a live source (a camera): frames are timed by their arrival, and a frame
    /// that cannot go at once is dropped rather than queued.
    #[arg(long)]
    pub live: bool,
    /// How the session runs.
    #[command(flatten)]
    pub session: SessionArgs,
}

/// Options of both subcommands.
#[derive(Debug, Args)]
pub struct SessionArgs {
    /// Reconnect attempts in a row after the connection is lost (0: never; default 30).
    #[arg(long, value_name = "N")]
    pub max_reconnects: Option<u32>,
    /// Expressions per line.
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u16).range(1..=50))]
    pub top: u16,
}

impl SessionArgs {
    /// The client's session settings.
    fn config(&self, mode: StreamMode) -> SessionConfig {
        let reconnect = match self.max_reconnects {
            Some(0) => ReconnectPolicy::disabled(),
            Some(n) => ReconnectPolicy::default().with_max_attempts(n),
            None => ReconnectPolicy::default(),
        };
        SessionConfig::default()
            .with_mode(mode)
            .with_reconnect(reconnect)
    }
}

/// Runs the command.
///
/// # Errors
/// Bad flags or media (exit 7, before connecting), the key (3), how the session ended, frames
/// refused (7), Ctrl-C (130).
pub fn run(ctx: &Context<'_>, args: StreamArgs) -> anyhow::Result<()> {
    match args.what {
        StreamCommand::Audio(a) => audio(ctx, a),
        StreamCommand::Video(v) => video(ctx, v),
    }
}

fn audio(ctx: &Context<'_>, args: AudioArgs) -> anyhow::Result<()> {
    let update = args
        .timer_ms
        .map(|ms| AudioSessionUpdate::new().with_measurement_timer_ms(ms));
    if let Some(update) = &update {
        update.validate().map_err(HumeError::Validation)?;
    }
    readable(&args.file)?;
    // The header is read now: a file that is not a WAV fails before any connection (exit 7).
    let frames = WavFrames::open(&args.file).map_err(|e| Failure::invalid(e.to_string()))?;
    let config = args.session.config(StreamMode::Recording);
    let mut session = ctx.session()?.v1().audio().connect(config)?;
    if let Some(update) = update {
        session.update(update)?;
    }
    drive(ctx, session, frames, usize::from(args.session.top))
}

fn video(ctx: &Context<'_>, args: VideoArgs) -> anyhow::Result<()> {
    let mut update = None::<VideoSessionUpdate>;
    if let Some(t) = args.threshold {
        update = Some(update.unwrap_or_default().with_threshold(t));
    }
    if let Some(m) = args.min_size {
        update = Some(update.unwrap_or_default().with_min_size(m));
    }
    if let Some(update) = &update {
        update.validate().map_err(HumeError::Validation)?;
    }
    if !args.fps.is_finite() || args.fps <= 0.0 {
        return Err(Failure::invalid(format!(
            "invalid --fps {}: must be a positive number",
            args.fps
        )));
    }
    let stdin = args.files.iter().any(|f| f.as_os_str() == "-");
    if stdin && args.files.len() > 1 {
        return Err(Failure::invalid(
            "`-` (MJPEG on stdin) cannot be mixed with files",
        ));
    }
    if args.live && !stdin {
        return Err(Failure::invalid("--live is for `-` (MJPEG on stdin)"));
    }
    if !stdin {
        for file in &args.files {
            readable(file)?;
        }
    }
    let mode = if args.live {
        StreamMode::Live
    } else {
        StreamMode::Recording
    };
    let config = args.session.config(mode);
    let mut session = ctx.session()?.v1().video().connect(config)?;
    if let Some(update) = update {
        session.update(update)?;
    }
    let top = usize::from(args.session.top);
    if stdin {
        let mut frames = MjpegFrames::new(std::io::stdin()).with_fps(args.fps);
        if args.live {
            frames = frames.live();
        }
        drive(ctx, session, frames, top)
    } else {
        let frames = JpegFrames::new(&args.files).with_fps(args.fps);
        drive(ctx, session, frames, top)
    }
}

/// A file that can be opened, or exit 7 naming it (checked before connecting).
fn readable(file: &Path) -> anyhow::Result<()> {
    match std::fs::metadata(file) {
        Ok(meta) if meta.is_file() => Ok(()),
        Ok(_) => Err(Failure::invalid(format!(
            "{} is not a file",
            file.display()
        ))),
        Err(e) => Err(Failure::invalid(format!(
            "cannot read {}: {e}",
            file.display()
        ))),
    }
}

/// How long the driver waits for the next frame before doing the socket's work (replies,
/// pings) again: a slow source (a camera on stdin) never holds the session up.
const SOURCE_POLL: Duration = Duration::from_millis(20);

/// Streams `frames` through the session, printing every event, then the totals; the exit
/// outcome from how it went.
///
/// The frames are read on a thread of their own and handed over one at a time, so reading
/// (stdin may block for as long as its writer likes) never stops the session from reading
/// replies and answering pings, and Ctrl-C is seen at once. A frame the client refuses (or a
/// broken image in an MJPEG stream) is reported and the stream goes on; a source that fails
/// otherwise ends the stream, and the session closes with what was sent.
fn drive<E, F>(
    ctx: &Context<'_>,
    mut session: RealtimeSession<E>,
    frames: F,
    top: usize,
) -> anyhow::Result<()>
where
    E: Shown,
    F: Iterator<Item = Result<Frame, HumeError>> + Send + 'static,
{
    let interrupt = Interrupt::install()?;
    let (sender, source) = mpsc::sync_channel(1);
    std::thread::spawn(move || {
        for frame in frames {
            if sender.send(frame).is_err() {
                break;
            }
        }
    });
    let json = ctx.out.json();
    let mut tally = Tally::default();
    let mut source_error = None;
    let mut reading = true;
    let outcome = (|| -> anyhow::Result<()> {
        loop {
            while let Some(event) = session.try_next() {
                tally.count(&event);
                emit(ctx, &render::event::<E>(&event, json, top))?;
            }
            if session.is_done() {
                return Ok(());
            }
            if !reading {
                // Draining: wait for what the server still owes, then `session.closed`.
                match session.next() {
                    Some(event) => {
                        tally.count(&event);
                        emit(ctx, &render::event::<E>(&event, json, top))?;
                    }
                    None => return Ok(()),
                }
                continue;
            }
            if interrupt.is_set() {
                // After Ctrl-C no more media is read: the session finishes with what was queued.
                reading = false;
                session.finish();
                continue;
            }
            let sent = match source.recv_timeout(SOURCE_POLL) {
                Ok(Ok(frame)) => session.send_frame(frame.data, frame.tag).map(drop),
                Ok(Err(error)) => Err(error),
                Err(mpsc::RecvTimeoutError::Timeout) => Ok(()),
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    reading = false;
                    session.finish();
                    Ok(())
                }
            };
            if let Err(error) = sent {
                let refused = matches!(error, HumeError::RealtimeRefused { .. });
                emit(ctx, &render::frame_error(&error, refused, json))?;
                if refused {
                    tally.refused += 1;
                } else {
                    source_error = Some(error);
                    reading = false;
                    session.finish();
                }
            }
        }
    })();
    if let Err(e) = outcome {
        // stdout is gone: nothing more can be reported.
        session.abort();
        return Err(e);
    }
    let summary = session.close()?;
    emit(ctx, &render::totals::<E>(&summary, json))?;
    if interrupt.is_set() {
        return Err(Failure::new(
            ExitKind::Interrupted,
            "interrupted: the session was closed after the frames already queued",
        )
        .into());
    }
    if let Some(error) = source_error {
        return Err(anyhow::Error::new(error).context("reading the media stopped the stream"));
    }
    if let Some(message) = tally.failure() {
        return Err(Failure::invalid(message));
    }
    Ok(())
}

/// Prints rendered lines: results on stdout, notes on stderr (unless `--quiet`).
fn emit(ctx: &Context<'_>, lines: &[render::Line]) -> anyhow::Result<()> {
    for line in lines {
        match line {
            render::Line::Out(text) => ctx.out.print(text)?,
            render::Line::Note(text) => ctx.out.note(text),
            render::Line::Problem(text) => ctx.out.error(&format!("hume: {text}")),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
