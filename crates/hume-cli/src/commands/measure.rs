//! `hume measure audio|images FILE...`: the Expression Measurement API (v1) on local files,
//! one request per file.
//!
//! - One file: a table of its top expressions (per measurement of each utterance for audio,
//!   per face for images), or with `--json` the API's response, the server's bytes unchanged.
//! - Several files: `--jobs N` requests at once; the tables (or with `--json` one JSON Lines
//!   [`Record`] per file) in the order the files were given; failures on stderr.
//! - `-o results.jsonl`: one [`Record`] line per file, written as each finishes, a progress
//!   bar on a terminal, and `--resume` to continue an interrupted run (see [`crate::bulk`]);
//!   stdout gets a summary (`--json`: an object of counts).
//!
//! The config flags are checked before any file is sent (exit 7). A file the API refuses is
//! that file's failure; the others go on. An invalid key (or a forbidden one) stops the run:
//! every other file would fail the same way. Exit code: 0 when every file was measured; 130
//! after Ctrl-C; otherwise the code of the first failure (7 for media the API does not take,
//! 3 for the key, ...).

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use clap::{Args, Subcommand};

use hume::HumeError;
use hume::blocking::ExpressionMeasurementClient;
use hume_analysis::records::{Record, RecordError};

use crate::bulk::interrupt::Interrupt;
use crate::bulk::pool::{self, Flow};
use crate::bulk::progress::BulkProgress;
use crate::bulk::results_file::ResultsFile;
use crate::commands::Context;
use crate::exit::{ExitKind, Failure, hume_error_kind};
use crate::models::v1::{
    AudioFileConfig, AudioFileResponse, Face, RunEndpoint, VideoFileConfig, VideoFileResponse,
};
use crate::output::{table, top_scores};

/// `hume measure`.
#[derive(Debug, Args)]
pub struct MeasureArgs {
    /// What to measure.
    #[command(subcommand)]
    pub what: MeasureCommand,
}

/// `hume measure audio` or `hume measure images`.
#[derive(Debug, Subcommand)]
pub enum MeasureCommand {
    /// Speech in audio files: 16 kHz mono 16-bit PCM, as WAV or headerless samples, at most
    /// 25 MB each (one request per file).
    Audio(AudioArgs),
    /// Faces in JPEG images: at most 2 MB and 8,294,400 pixels each (one request per image).
    Images(ImagesArgs),
}

/// `hume measure audio`.
#[derive(Debug, Args)]
pub struct AudioArgs {
    /// Measure every this many milliseconds of speech (3000..=10000; server default 3000).
    #[arg(long, value_name = "MS")]
    pub timer_ms: Option<u32>,
    /// Files and how to run them.
    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// `hume measure images`.
#[derive(Debug, Args)]
pub struct ImagesArgs {
    /// Smallest face detection confidence (0..=1; server default 0.9).
    #[arg(long, value_name = "P")]
    pub threshold: Option<f64>,
    /// Smallest face, the shorter side of its box in pixels (at least 1; server default 60).
    #[arg(long, value_name = "PIXELS")]
    pub min_size: Option<u32>,
    /// Continue face ids from this `face_state` of an earlier response (honoured for 24 h).
    #[arg(long, value_name = "TOKEN")]
    pub face_state: Option<String>,
    /// Ask for a `face_state` in each response, to continue face ids later.
    #[arg(long)]
    pub return_face_state: bool,
    /// Files and how to run them.
    #[command(flatten)]
    pub bulk: BulkArgs,
}

/// The files and how to run them (both subcommands).
#[derive(Debug, Args)]
pub struct BulkArgs {
    /// The files (each once: repeats are measured once).
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Requests in flight at once.
    #[arg(long, short = 'j', value_name = "N", default_value_t = 4,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// Write one JSON Lines record per file here (see `hume_analysis::records`).
    #[arg(long, short, value_name = "RESULTS.jsonl")]
    pub output: Option<PathBuf>,
    /// With -o: keep the files already recorded ok, measure the rest (failed ones again).
    #[arg(long, requires = "output")]
    pub resume: bool,
    /// Expressions per row of the tables.
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u16).range(1..=50))]
    pub top: u16,
}

/// One endpoint's request, checked.
enum Request {
    Audio(AudioFileConfig),
    Images(VideoFileConfig),
}

impl Request {
    fn endpoint(&self) -> RunEndpoint {
        match self {
            Request::Audio(_) => RunEndpoint::Audio,
            Request::Images(_) => RunEndpoint::Video,
        }
    }

    /// One file's request: the server's bytes.
    fn measure(
        &self,
        client: &ExpressionMeasurementClient,
        file: &std::path::Path,
    ) -> Result<Vec<u8>, HumeError> {
        match self {
            Request::Audio(config) => client.audio().measure_bytes(file, config.clone()),
            Request::Images(config) => client.video().measure_bytes([file], config.clone()),
        }
    }
}

/// Runs the command.
///
/// # Errors
/// An invalid config (exit 7), the results file (see [`ResultsFile::open`]), the files'
/// failures (see the module docs), Ctrl-C (130).
pub fn run(ctx: &Context<'_>, args: MeasureArgs) -> anyhow::Result<()> {
    let (request, bulk) = match args.what {
        MeasureCommand::Audio(a) => {
            let mut config = AudioFileConfig::new();
            if let Some(ms) = a.timer_ms {
                config = config.with_measurement_timer_ms(ms);
            }
            config.validate().map_err(HumeError::Validation)?;
            (Request::Audio(config), a.bulk)
        }
        MeasureCommand::Images(i) => {
            let mut config = VideoFileConfig::new();
            if let Some(t) = i.threshold {
                config = config.with_threshold(t);
            }
            if let Some(m) = i.min_size {
                config = config.with_min_size(m);
            }
            if i.return_face_state {
                config = config.with_return_face_state(true);
            }
            if let Some(state) = i.face_state {
                config = config.with_face_state(crate::models::v1::FaceState::from(state));
            }
            config.validate().map_err(HumeError::Validation)?;
            (Request::Images(config), i.bulk)
        }
    };
    let files = unique(bulk.files.clone());
    let client = ctx.session()?.v1();
    match &bulk.output {
        Some(path) => to_file(ctx, client, &request, &files, path, &bulk),
        None if files.len() == 1 => single(ctx, client, &request, &files[0], &bulk),
        None => to_stdout(ctx, client, &request, &files, &bulk),
    }
}

/// The files in order, each once.
fn unique(files: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut seen = HashSet::new();
    files
        .into_iter()
        .filter(|f| seen.insert(f.clone()))
        .collect()
}

/// The name a file has in records and tables: its path as given.
fn name(file: &std::path::Path) -> String {
    file.to_string_lossy().into_owned()
}

/// One file, no results file: a table, or the server's bytes with `--json`.
fn single(
    ctx: &Context<'_>,
    client: &ExpressionMeasurementClient,
    request: &Request,
    file: &std::path::Path,
    bulk: &BulkArgs,
) -> anyhow::Result<()> {
    let bytes = request.measure(client, file)?;
    if ctx.out.json() {
        // The server's bytes (checked to be a response), made safe like all output: the key
        // scrubbed, no terminal control.
        return ctx.out.print(&String::from_utf8_lossy(&bytes));
    }
    ctx.out.print(&render(
        request,
        &name(file),
        &bytes,
        usize::from(bulk.top),
    )?)
}

/// The table of one response.
fn render(request: &Request, file: &str, bytes: &[u8], top: usize) -> anyhow::Result<String> {
    Ok(match request {
        Request::Audio(_) => audio_table(file, &AudioFileResponse::from_response(bytes)?, top),
        Request::Images(_) => images_table(file, &VideoFileResponse::from_response(bytes)?, top),
    })
}

/// A failure's record error: the message, and what the API said when it answered.
fn record_error(error: &HumeError) -> RecordError {
    let mut out = RecordError::new(message(error));
    if let Some(status) = error.status() {
        out = out.with_status(status.as_u16());
    }
    if let HumeError::V1Api {
        code, request_id, ..
    } = error
    {
        if let Some(code) = code {
            out = out.with_code(code.as_str());
        }
        if let Some(id) = request_id {
            out = out.with_request_id(id.to_string());
        }
    }
    out
}

/// The error and its sources on one line, `a: b: c` (as `hume: error:` prints them).
fn message(error: &HumeError) -> String {
    let mut parts = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(s) = source {
        let text = s.to_string();
        if parts.last() != Some(&text) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}

/// Errors after which every other file would fail the same way.
fn stops_the_run(error: &HumeError) -> bool {
    matches!(error, HumeError::InvalidApiKey { .. })
        || matches!(error, HumeError::V1Api { status, .. } if status.as_u16() == 403)
}

/// How a run went, for its summary and exit code.
#[derive(Debug, Default)]
struct Tally {
    measured: usize,
    failed: usize,
    /// The first failure: its file, exit kind and message.
    first_failure: Option<(String, ExitKind, String)>,
}

impl Tally {
    fn add(&mut self, file: &str, result: &Result<Vec<u8>, HumeError>) {
        match result {
            Ok(_) => self.measured += 1,
            Err(e) => {
                self.failed += 1;
                self.first_failure
                    .get_or_insert_with(|| (file.to_owned(), hume_error_kind(e), message(e)));
            }
        }
    }

    /// The run's error: 130 after Ctrl-C, else the first failure's kind, else none.
    fn outcome(self, interrupted: bool, total: usize, hint: &str) -> anyhow::Result<()> {
        if interrupted {
            return Err(anyhow::Error::new(Failure::new(
                ExitKind::Interrupted,
                format!(
                    "interrupted after {} of {total} files{hint}",
                    self.measured + self.failed
                ),
            )));
        }
        match self.first_failure {
            None => Ok(()),
            Some((file, kind, message)) => Err(anyhow::Error::new(Failure::new(
                kind,
                format!(
                    "{} of {total} files failed{hint}; first: {file}: {message}",
                    self.failed
                ),
            ))),
        }
    }
}

/// Several files, no results file: tables (or records with `--json`) in the files' order.
fn to_stdout(
    ctx: &Context<'_>,
    client: &ExpressionMeasurementClient,
    request: &Request,
    files: &[PathBuf],
    bulk: &BulkArgs,
) -> anyhow::Result<()> {
    let interrupt = Interrupt::install()?;
    let mut progress = BulkProgress::new(files.len() as u64, ctx.out.progress_visible());
    let mut tally = Tally::default();
    let mut pending = BTreeMap::new();
    let mut next = 0;
    let mut print_error = None;
    pool::run(
        files,
        usize::from(bulk.jobs),
        interrupt.flag(),
        |file| request.measure(client, file),
        |i, result| {
            let file = name(&files[i]);
            tally.add(&file, &result);
            progress.done(result.is_ok());
            let stop = result.as_ref().err().is_some_and(stops_the_run);
            pending.insert(i, result);
            // Print the contiguous run of finished files, in the files' order.
            while let Some(result) = pending.remove(&next) {
                let file = name(&files[next]);
                next += 1;
                let printed = progress.suspend(|| show(ctx, request, &file, result, bulk));
                if let Err(e) = printed {
                    print_error.get_or_insert(e);
                    return Flow::Stop;
                }
            }
            if interrupt.is_set() {
                progress.stopping();
            }
            if stop { Flow::Stop } else { Flow::Continue }
        },
    );
    // Files finished after an earlier one that never will (a stopped run): print them too.
    for (i, result) in std::mem::take(&mut pending) {
        let file = name(&files[i]);
        if let Err(e) = show(ctx, request, &file, result, bulk) {
            print_error.get_or_insert(e);
        }
    }
    progress.finish();
    if let Some(e) = print_error {
        return Err(e);
    }
    tally.outcome(interrupt.is_set(), files.len(), "")
}

/// Prints one file's outcome: a table or a record on stdout, a failure on stderr.
fn show(
    ctx: &Context<'_>,
    request: &Request,
    file: &str,
    result: Result<Vec<u8>, HumeError>,
    bulk: &BulkArgs,
) -> anyhow::Result<()> {
    match (result, ctx.out.json()) {
        (Ok(bytes), true) => {
            let record = Record::response(file, request.endpoint(), &bytes)?;
            ctx.out.print(&String::from_utf8_lossy(&record.to_line()))
        }
        (Ok(bytes), false) => ctx
            .out
            .print(&render(request, file, &bytes, usize::from(bulk.top))?),
        (Err(e), true) => {
            ctx.out.error(&format!("hume: {file}: {}", message(&e)));
            let record = Record::error(file, request.endpoint(), record_error(&e));
            ctx.out.print(&String::from_utf8_lossy(&record.to_line()))
        }
        (Err(e), false) => {
            ctx.out.error(&format!("hume: {file}: {}", message(&e)));
            Ok(())
        }
    }
}

/// Many files into a results file.
fn to_file(
    ctx: &Context<'_>,
    client: &ExpressionMeasurementClient,
    request: &Request,
    files: &[PathBuf],
    path: &std::path::Path,
    bulk: &BulkArgs,
) -> anyhow::Result<()> {
    let names: HashSet<String> = files.iter().map(|f| name(f)).collect();
    let (mut out, resumed) = ResultsFile::open(path, &names, bulk.resume)?;
    if resumed.torn {
        ctx.out.note(&format!(
            "{}: removed an incomplete last line (an interrupted write); its file is measured again",
            path.display()
        ));
    }
    let todo: Vec<PathBuf> = files
        .iter()
        .filter(|f| !resumed.done.contains(&name(f)))
        .cloned()
        .collect();
    let skipped = files.len() - todo.len();
    if bulk.resume {
        ctx.out.note(&format!(
            "resuming {}: {skipped} files already recorded, {} to measure ({} failed before, measured again)",
            path.display(),
            todo.len(),
            resumed.retried
        ));
    }
    let interrupt = Interrupt::install()?;
    let mut progress = BulkProgress::new(todo.len() as u64, ctx.out.progress_visible());
    let mut tally = Tally::default();
    let mut write_error = None;
    pool::run(
        &todo,
        usize::from(bulk.jobs),
        interrupt.flag(),
        |file| request.measure(client, file),
        |i, result| {
            let file = name(&todo[i]);
            tally.add(&file, &result);
            progress.done(result.is_ok());
            let stop = result.as_ref().err().is_some_and(stops_the_run);
            let record = match &result {
                Ok(bytes) => {
                    Record::response(&file, request.endpoint(), bytes).unwrap_or_else(|e| {
                        Record::error(
                            &file,
                            request.endpoint(),
                            RecordError::new(format!("the response is not JSON: {e}")),
                        )
                    })
                }
                Err(e) => Record::error(&file, request.endpoint(), record_error(e)),
            };
            if let Err(e) = out.append(&record) {
                write_error = Some(e);
                return Flow::Stop;
            }
            if interrupt.is_set() {
                progress.stopping();
            }
            if stop { Flow::Stop } else { Flow::Continue }
        },
    );
    progress.finish();
    if let Some(e) = write_error {
        return Err(e);
    }
    out.finish()?;
    let interrupted = interrupt.is_set();
    let not_started = todo.len() - tally.measured - tally.failed;
    if ctx.out.json() {
        ctx.out.print_json(&serde_json::json!({
            "output": path.display().to_string(),
            "files": files.len(),
            "skipped": skipped,
            "measured": tally.measured,
            "failed": tally.failed,
            "not_started": not_started,
            "interrupted": interrupted,
        }))?;
    } else {
        ctx.out.print(&format!(
            "{} files: {skipped} already recorded, {} measured, {} failed{}; records in {}",
            files.len(),
            tally.measured,
            tally.failed,
            if not_started > 0 {
                format!(", {not_started} not started")
            } else {
                String::new()
            },
            path.display()
        ))?;
    }
    let hint = format!(
        " (records in {}; rerun with --resume to continue)",
        path.display()
    );
    tally.outcome(interrupted, todo.len(), &hint)
}

/// Seconds from milliseconds, two decimals.
fn secs(ms: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let s = ms as f64 / 1000.0;
    format!("{s:.2}")
}

/// An audio response: one row per measurement, with its utterance.
pub fn audio_table(file: &str, response: &AudioFileResponse, top: usize) -> String {
    let mut text = format!(
        "{file}: {} utterance{}, {} measurement{} in {} s of audio (run {})\n",
        response.utterances.len(),
        plural(response.utterances.len()),
        response.measurements.len(),
        plural(response.measurements.len()),
        secs(response.received.audio_duration_ms),
        response.run_id
    );
    if response.utterances.is_empty() && response.measurements.is_empty() {
        text.push_str("no speech\n");
        return text;
    }
    let mut rows = vec![
        [
            "utterance",
            "speech (s)",
            "measurement",
            "window (s)",
            "trigger",
            "top expressions",
            "top voice attributes",
        ]
        .map(str::to_owned)
        .to_vec(),
    ];
    for u in &response.utterances {
        let speech = format!("{}-{}", secs(u.audio_start_ms), secs(u.audio_end_ms));
        let mut any = false;
        for m in response.measurements_of(u.utterance_id) {
            any = true;
            rows.push(vec![
                u.utterance_id.to_string(),
                speech.clone(),
                m.measurement_id.to_string(),
                format!("{}-{}", secs(m.audio_start_ms), secs(m.audio_end_ms)),
                m.trigger.to_string(),
                top_scores(&m.expressions, top),
                top_scores(&m.voice_attributes, top),
            ]);
        }
        if !any {
            rows.push(vec![u.utterance_id.to_string(), speech, "-".into()]);
        }
    }
    text.push_str(&table(&rows));
    text
}

/// An image response: one row per measured face, then a count of the faces found but not
/// measured (the API measures the largest ones).
pub fn images_table(file: &str, response: &VideoFileResponse, top: usize) -> String {
    let faces = response.faces().count();
    let measured = response.faces().filter(|(_, f)| f.is_measured()).count();
    let mut text = format!(
        "{file}: {} image{}, {faces} face{}, {measured} measured (run {})\n",
        response.measurements.len(),
        plural(response.measurements.len()),
        plural(faces),
        response.run_id
    );
    if measured > 0 {
        let mut rows = vec![
            [
                "frame",
                "face",
                "confidence",
                "box (x0 y0 x1 y1)",
                "top expressions",
                "top descriptions",
            ]
            .map(str::to_owned)
            .to_vec(),
        ];
        for (frame, face) in response.faces().filter(|(_, f)| f.is_measured()) {
            rows.push(face_row(frame, face, top));
        }
        text.push_str(&table(&rows));
    }
    if faces > measured {
        text.push_str(&format!(
            "{} more face{} found, not measured\n",
            faces - measured,
            plural(faces - measured)
        ));
    }
    if let Some(state) = &response.face_state {
        text.push_str(&format!("face_state: {state}\n"));
    }
    text
}

fn face_row(frame: u64, face: &Face, top: usize) -> Vec<String> {
    let b = face.bbox;
    vec![
        frame.to_string(),
        face.face_id
            .map_or_else(|| "-".to_owned(), |id| id.to_string()),
        face.confidence.to_string(),
        format!("{} {} {} {}", b.x0, b.y0, b.x1, b.y1),
        top_scores(face.expression_scores(), top),
        top_scores(face.description_scores(), top),
    ]
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests;
