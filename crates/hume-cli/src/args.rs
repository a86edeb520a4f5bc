//! The command line: global options ([`Global`]) and one argument struct per subcommand.
//!
//! Only the shape lives here. Flags that take a value of a hume-models enum (statuses, sort
//! keys, directions, models, granularities, transcription languages) parse straight into it
//! with the value parsers of [`crate::values`]; an unknown value is a usage error (exit 2)
//! listing the accepted names. Other values (emotion names, time windows) are checked by the
//! commands, which fail with exit code 7 (see [`crate::exit`]).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::models::{BatchJobStatus, Bcp47Tag, Direction, Granularity, SortBy};
use crate::values;
use hume_analysis::Model;

/// `hume`: the Hume AI Expression Measurement batch API from the command line.
#[derive(Debug, Parser)]
#[command(name = "hume", version, about, long_about = None, after_help = crate::exit::HELP)]
pub struct Cli {
    /// Options every command takes.
    #[command(flatten)]
    pub global: Global,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// Options every command takes.
#[derive(Debug, Args)]
pub struct Global {
    /// Start an in-process emulator and talk to it (its key is used; --api-key and
    /// --base-url are ignored).
    #[arg(long, global = true)]
    pub emulator: bool,
    /// The API key.
    #[arg(long, global = true, env = "HUME_API_KEY", hide_env_values = true)]
    pub api_key: Option<String>,
    /// The API base URL.
    #[arg(long, global = true, env = "HUME_BASE_URL", hide_env_values = true)]
    pub base_url: Option<String>,
    /// Machine-readable JSON on stdout.
    #[arg(long, global = true)]
    pub json: bool,
    /// No progress and no informational messages (results and errors are still printed).
    #[arg(long, short, global = true)]
    pub quiet: bool,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Start a job from URLs, local files and raw text (no model flag: every model runs).
    Submit(SubmitArgs),
    /// Show a job's status and details.
    Status(JobArg),
    /// Wait until a job completes or fails, showing its progress.
    Wait(WaitArgs),
    /// Print (or save) a job's predictions JSON.
    Predictions(PredictionsArgs),
    /// Download a job's artifacts zip, optionally extracting it.
    Artifacts(ArtifactsArgs),
    /// List jobs.
    List(ListArgs),
    /// Submit, wait, save predictions.json and artifacts.zip, then print top emotions
    /// (same inputs and options as submit).
    Run(RunArgs),
    /// Run the local emulator in the foreground until Ctrl-C.
    Emulator(EmulatorArgs),
    /// Mean emotions per source, file and model, from a predictions file or a job.
    Summary(SummaryArgs),
    /// Export predictions as a CSV long table (one row per segment and score).
    Export(ExportArgs),
    /// Plot an emotion timeline as SVG.
    Plot(PlotArgs),
    /// Measure audio or JPEG files with the Expression Measurement API (v1), one request
    /// per file; many files concurrently into a JSON Lines file with -o, resumable.
    Measure(crate::commands::measure::MeasureArgs),
    /// The runs of the Expression Measurement API (v1): list (filters, paging), get, events.
    Runs(crate::commands::runs::RunsArgs),
    /// Stream a WAV file or JPEG frames (MJPEG on stdin) through a realtime session of the
    /// Expression Measurement API (v1), printing measurements as they arrive.
    Stream(crate::commands::stream::StreamArgs),
}

/// A job id.
#[derive(Debug, Args)]
pub struct JobArg {
    /// The job id.
    pub job: String,
}

/// What to analyse and how: the inputs and every model and transcription option.
#[derive(Debug, Args, Default, Clone)]
pub struct JobSpec {
    /// Public URLs of media files or archives.
    #[arg(value_name = "URL")]
    pub urls: Vec<String>,
    /// A public URL (same as a positional URL; repeatable).
    #[arg(long = "url", value_name = "URL")]
    pub url_flags: Vec<String>,
    /// A local file to upload (repeatable).
    #[arg(long = "file", value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// A raw text item for the language and NER models (repeatable).
    #[arg(long = "text", value_name = "TEXT")]
    pub text: Vec<String>,

    /// Run the face model (implied by any --face-* option).
    #[arg(long, help_heading = "Face model")]
    pub face: bool,
    /// Frames per second to analyse (0 = every frame; default 3).
    #[arg(long, value_name = "FPS", help_heading = "Face model")]
    pub face_fps_pred: Option<f64>,
    /// Drop faces detected below this probability (0..1; default 0.99).
    #[arg(long, value_name = "P", help_heading = "Face model")]
    pub face_prob_threshold: Option<f64>,
    /// Give each face a stable id across frames.
    #[arg(long, help_heading = "Face model")]
    pub face_identify_faces: bool,
    /// Minimum face size in whole pixels (default 60).
    #[arg(
        long,
        value_name = "PIXELS",
        help_heading = "Face model",
        allow_negative_numbers = true
    )]
    pub face_min_face_size: Option<u32>,
    /// FACS 2.0 action-unit outputs.
    #[arg(long, help_heading = "Face model")]
    pub face_facs: bool,
    /// Face descriptions.
    #[arg(long, help_heading = "Face model")]
    pub face_descriptions: bool,
    /// Put the face crops in the artifacts zip.
    #[arg(long, help_heading = "Face model")]
    pub face_save_faces: bool,

    /// Run the vocal burst model.
    #[arg(long, help_heading = "Other models")]
    pub burst: bool,
    /// Run the facemesh model.
    #[arg(long, help_heading = "Other models")]
    pub facemesh: bool,

    /// Run the speech prosody model (implied by any --prosody-* option).
    #[arg(long, help_heading = "Prosody model")]
    pub prosody: bool,
    /// Unit of each prediction (default utterance).
    #[arg(long, value_name = "G", value_parser = values::granularity(), help_heading = "Prosody model")]
    pub prosody_granularity: Option<Granularity>,
    /// Sliding window length in seconds (>= 0.5).
    #[arg(long, value_name = "SECONDS", help_heading = "Prosody model")]
    pub prosody_window_length: Option<f64>,
    /// Sliding window step in seconds (>= 0.5).
    #[arg(long, value_name = "SECONDS", help_heading = "Prosody model")]
    pub prosody_window_step: Option<f64>,
    /// Tell speakers apart.
    #[arg(long, help_heading = "Prosody model")]
    pub prosody_identify_speakers: bool,

    /// Run the emotional language model (implied by any --language-* option).
    #[arg(long, help_heading = "Language model")]
    pub language: bool,
    /// Unit of each prediction (default word).
    #[arg(long, value_name = "G", value_parser = values::granularity(), help_heading = "Language model")]
    pub language_granularity: Option<Granularity>,
    /// 9-level sentiment distribution.
    #[arg(long, help_heading = "Language model")]
    pub language_sentiment: bool,
    /// Toxicity scores.
    #[arg(long, help_heading = "Language model")]
    pub language_toxicity: bool,
    /// Tell speakers apart.
    #[arg(long, help_heading = "Language model")]
    pub language_identify_speakers: bool,

    /// Run the named-entity model (implied by --ner-identify-speakers).
    #[arg(long, help_heading = "NER model")]
    pub ner: bool,
    /// Tell speakers apart.
    #[arg(long, help_heading = "NER model")]
    pub ner_identify_speakers: bool,

    /// Spoken language, one of the documented BCP-47 tags (default: detected).
    #[arg(long, value_name = "TAG", value_parser = values::language(), help_heading = "Transcription")]
    pub transcription_language: Option<Bcp47Tag>,
    /// Tell speakers apart in the transcript.
    #[arg(long, help_heading = "Transcription")]
    pub transcription_identify_speakers: bool,
    /// Discard transcripts below this confidence (0..1; default 0.5).
    #[arg(long, value_name = "C", help_heading = "Transcription")]
    pub transcription_confidence_threshold: Option<f64>,
    /// Switch transcription off (sends "transcription": null).
    #[arg(
        long,
        help_heading = "Transcription",
        conflicts_with_all = ["transcription_language", "transcription_identify_speakers", "transcription_confidence_threshold"]
    )]
    pub no_transcription: bool,

    /// Webhook called when the job ends.
    #[arg(long, value_name = "URL")]
    pub callback_url: Option<String>,
    /// Email the account owner when the job ends.
    #[arg(long)]
    pub notify: bool,
}

/// `hume submit`.
#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// Inputs and options.
    #[command(flatten)]
    pub spec: JobSpec,
    /// Wait for the job to end and show its final status.
    #[arg(long)]
    pub wait: bool,
    /// With --wait: give up after this many seconds (the job keeps running).
    #[arg(
        long,
        value_name = "SECONDS",
        default_value_t = 300.0,
        requires = "wait",
        value_parser = values::timeout_seconds
    )]
    pub timeout: f64,
}

/// `hume wait`.
#[derive(Debug, Args)]
pub struct WaitArgs {
    /// The job id.
    pub job: String,
    /// Give up after this many seconds (the job keeps running).
    #[arg(long, value_name = "SECONDS", default_value_t = 300.0, value_parser = values::timeout_seconds)]
    pub timeout: f64,
}

/// `hume predictions`.
#[derive(Debug, Args)]
pub struct PredictionsArgs {
    /// The job id.
    pub job: String,
    /// Write to this file instead of stdout.
    #[arg(long, short)]
    pub output: Option<PathBuf>,
}

/// `hume artifacts`.
#[derive(Debug, Args)]
pub struct ArtifactsArgs {
    /// The job id.
    pub job: String,
    /// Where to save the zip.
    #[arg(long, short)]
    pub output: PathBuf,
    /// Also extract the zip into this folder (entries escaping it, duplicate names and names
    /// already in the folder are refused; written to a temporary folder first).
    #[arg(long, value_name = "DIR")]
    pub extract: Option<PathBuf>,
    /// With --extract: most bytes written in all.
    #[arg(long, value_name = "BYTES", default_value_t = 16 << 30, requires = "extract")]
    pub extract_max_bytes: u64,
    /// With --extract: most entries.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 100_000,
        requires = "extract"
    )]
    pub extract_max_entries: usize,
    /// With --extract: highest compression ratio (of an entry over 1 MiB, and of the whole
    /// archive).
    #[arg(long, value_name = "RATIO", default_value_t = 100, requires = "extract",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub extract_max_ratio: u64,
}

/// `hume list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Most jobs to return (server default 50).
    #[arg(long)]
    pub limit: Option<u32>,
    /// Only jobs with this status (repeatable).
    #[arg(long = "status", value_name = "STATUS", value_parser = values::status())]
    pub statuses: Vec<BatchJobStatus>,
    /// Only jobs created before this Unix time in milliseconds.
    #[arg(long, value_name = "TIMESTAMP_MS", conflicts_with = "created_after")]
    pub created_before: Option<i64>,
    /// Only jobs created after this Unix time in milliseconds.
    #[arg(long, value_name = "TIMESTAMP_MS")]
    pub created_after: Option<i64>,
    /// Which timestamp to sort on.
    #[arg(long, value_parser = values::sort_by())]
    pub sort_by: Option<SortBy>,
    /// asc (oldest first) or desc (newest first).
    #[arg(long, value_parser = values::direction())]
    pub direction: Option<Direction>,
}

/// `hume run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Inputs and options.
    #[command(flatten)]
    pub spec: JobSpec,
    /// Output folder (default ./hume-output/JOB_ID).
    #[arg(long, short)]
    pub output: Option<PathBuf>,
    /// Give up waiting after this many seconds (the job keeps running).
    #[arg(long, value_name = "SECONDS", default_value_t = 300.0, value_parser = values::timeout_seconds)]
    pub timeout: f64,
    /// Emotions per row of the summary table.
    #[arg(long, default_value_t = 3, value_parser = values::top)]
    pub top: usize,
}

/// `hume emulator`: the emulator's own options, embedded, so the flags are those of the
/// `hume-emulator` binary (`--port`, `--api-key`, `--any-api-key`, `--artifact-padding`,
/// `--callback-host`, the `--fault-*` options, ...).
///
/// Its `--api-key` is the global one, so the key the emulator accepts is, first found:
/// `--api-key` (before or after `emulator`), `HUME_EMULATOR_API_KEY`, `HUME_API_KEY`, then
/// `test-key`. A client using the same environment therefore works against it unchanged.
#[derive(Debug, Args)]
#[group(skip)] // the embedded struct brings its own group, also named `EmulatorArgs`
pub struct EmulatorArgs {
    /// The emulator's options.
    #[command(flatten)]
    pub emulator: hume_emulator::EmulatorArgs,
}

/// `hume summary`.
#[derive(Debug, Args)]
pub struct SummaryArgs {
    /// A predictions JSON file, a v1 response or a `hume measure` results file (an existing
    /// path), or a job id (fetched).
    #[arg(value_name = "FILE_OR_JOB")]
    pub input: String,
    /// Only this model.
    #[arg(long, value_parser = values::model())]
    pub model: Option<Model>,
    /// Only this file of the predictions.
    #[arg(long)]
    pub file: Option<String>,
    /// Emotions per row.
    #[arg(long, default_value_t = 3, value_parser = values::top)]
    pub top: usize,
    /// Window start in seconds (with --to; may be negative). Spans overlapping the window
    /// count for the time they spend inside it.
    #[arg(
        long,
        value_name = "SECONDS",
        requires = "to",
        allow_negative_numbers = true,
        value_parser = values::finite
    )]
    pub from: Option<f64>,
    /// Window end in seconds (with --from).
    #[arg(
        long,
        value_name = "SECONDS",
        requires = "from",
        allow_negative_numbers = true,
        value_parser = values::finite
    )]
    pub to: Option<f64>,
    /// One row per face or speaker.
    #[arg(long)]
    pub per_group: bool,
}

/// `hume export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// A predictions JSON file, a v1 response or a `hume measure` results file (an existing
    /// path), or a job id (fetched).
    #[arg(value_name = "FILE_OR_JOB")]
    pub input: String,
    /// The CSV file to write (`-` for stdout).
    #[arg(long, value_name = "OUT")]
    pub csv: PathBuf,
    /// Write the sources and files that failed to this CSV (source, file, message) instead
    /// of stderr.
    #[arg(long, value_name = "ERRORS.csv")]
    pub errors: Option<PathBuf>,
    /// Write text cells byte for byte. By default a text cell starting with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return gets a leading `'`, so a spreadsheet does not run it
    /// as a formula (OWASP's CSV injection advice); numbers are never changed.
    #[arg(long)]
    pub raw: bool,
}

/// `hume plot`.
#[derive(Debug, Args)]
pub struct PlotArgs {
    /// A predictions JSON file, a v1 response or a `hume measure` results file (an existing
    /// path), or a job id (fetched).
    #[arg(value_name = "FILE_OR_JOB")]
    pub input: String,
    /// The SVG file to write.
    #[arg(long, short, value_name = "OUT.svg")]
    pub output: PathBuf,
    /// Emotions to draw, comma separated (default: the 5 highest means).
    #[arg(long, value_delimiter = ',')]
    pub emotions: Vec<String>,
    /// The model (default: the first one the file has).
    #[arg(long, value_parser = values::model())]
    pub model: Option<Model>,
    /// The file of the predictions (default: the first one with the model).
    #[arg(long)]
    pub file: Option<String>,
    /// Smooth each line with a centred rolling mean over this many seconds.
    #[arg(long, value_name = "SECONDS", value_parser = values::finite)]
    pub smooth: Option<f64>,
}

#[cfg(test)]
mod tests;
