//! The command line: one subcommand per role (prepare data, serve, or one measurement).

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Benchmarks of the hume clients. `cargo xtask bench` drives these subcommands; each
/// measurement runs in its own process and prints one JSON line with its peak RSS.
#[derive(Debug, Parser)]
#[command(name = "hume-bench", version)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the benchmark inputs (upload file, predictions file) into a directory.
    Prepare(PrepareArgs),
    /// Run the emulator and the predictions server until stdin closes.
    Serve(ServeArgs),
    /// Download a job's artifacts to a file.
    Download(DownloadArgs),
    /// Submit a job with one local file (multipart).
    Submit(SubmitArgs),
    /// Sequential job-details calls over one keep-alive connection.
    Details(DetailsArgs),
    /// One typed predictions fetch.
    Predictions(PredictionsArgs),
    /// Submit many jobs concurrently and await them all (async client).
    Jobs(JobsArgs),
    /// Measure many JPEG images with the v1 API, one request each (async client).
    Images(ImagesArgs),
    /// Submit, await and fetch the predictions of many jobs through an emulator of its own,
    /// with or without the faults of issue 9.
    Soak(SoakArgs),
    /// Run an emulator for realtime sessions (relaxed pacing) until stdin closes.
    ServeRealtime(ServeRealtimeArgs),
    /// Concurrent async realtime audio sessions: memory, CPU and the send rate.
    Realtime(RealtimeArgs),
    /// Run the `hume` binary's `summary JOB` and report the child's peak RSS.
    CliSummary(CliSummaryArgs),
}

/// `cli-summary`.
#[derive(Debug, Args)]
pub struct CliSummaryArgs {
    /// The server holding the job's predictions.
    #[command(flatten)]
    pub server: Server,
    /// The `hume` binary.
    #[arg(long)]
    pub hume: PathBuf,
    /// The job id.
    #[arg(long, default_value = "bench-job")]
    pub job_id: String,
}

/// `prepare`.
#[derive(Debug, Args)]
pub struct PrepareArgs {
    /// Directory to write into (must exist).
    #[arg(long)]
    pub dir: PathBuf,
    /// Size of the upload file in bytes (0: none).
    #[arg(long, default_value_t = 0)]
    pub upload_bytes: u64,
    /// Approximate size of the predictions file in bytes (0: none).
    #[arg(long, default_value_t = 0)]
    pub predictions_bytes: u64,
}

/// `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The API key both servers accept.
    #[arg(long, env = "HUME_BENCH_KEY", hide_env_values = true)]
    pub key: String,
    /// Bytes of padding in every artifacts zip (streamed while generated).
    #[arg(long, default_value_t = 0)]
    pub artifact_padding: u64,
    /// Milliseconds a job stays QUEUED.
    #[arg(long, default_value_t = 100)]
    pub queued_ms: u64,
    /// Milliseconds a job stays IN_PROGRESS.
    #[arg(long, default_value_t = 900)]
    pub in_progress_ms: u64,
    /// Predictions file served at `/v0/batch/jobs/{id}/predictions` by a second server.
    #[arg(long)]
    pub predictions: Option<PathBuf>,
}

/// Where a measurement sends its requests.
#[derive(Debug, Clone, Args)]
pub struct Server {
    /// Base URL of the server (`http://127.0.0.1:PORT`).
    #[arg(long)]
    pub base_url: String,
    /// The API key.
    #[arg(long, env = "HUME_BENCH_KEY", hide_env_values = true)]
    pub key: String,
    /// Our clients' per-request timeout, in seconds.
    #[arg(long, default_value_t = 120)]
    pub timeout_secs: u64,
}

/// Which client (and so which HTTP backend) a measurement uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Backend {
    /// `hume::blocking::HumeBatchClient` on ureq.
    Blocking,
    /// `hume::asynchronous::HumeBatchClient` on reqwest + tokio.
    Async,
}

impl Backend {
    /// The variant name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Blocking => "blocking",
            Backend::Async => "async",
        }
    }
}

/// Whether a measurement goes through our client or the bare backend crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Implementation {
    /// Our client.
    Hume,
    /// The backend crate alone (ureq agent / reqwest client) plus `serde_json`.
    Bare,
}

/// `download`.
#[derive(Debug, Args)]
pub struct DownloadArgs {
    /// The server.
    #[command(flatten)]
    pub server: Server,
    /// Client to use.
    #[arg(long, value_enum)]
    pub backend: Backend,
    /// Our client, or the bare backend crate streaming to a file (no fsync, as ours by default).
    #[arg(long = "impl", value_enum, default_value = "hume")]
    pub implementation: Implementation,
    /// A completed job.
    #[arg(long)]
    pub job_id: String,
    /// Destination file.
    #[arg(long)]
    pub dest: PathBuf,
}

/// `submit`.
#[derive(Debug, Args)]
pub struct SubmitArgs {
    /// The server.
    #[command(flatten)]
    pub server: Server,
    /// Client to use.
    #[arg(long, value_enum)]
    pub backend: Backend,
    /// The local file to upload.
    #[arg(long)]
    pub file: PathBuf,
    /// The job request JSON (the multipart `json` part).
    #[arg(long)]
    pub json: String,
}

/// `details`.
#[derive(Debug, Args)]
pub struct DetailsArgs {
    /// The server.
    #[command(flatten)]
    pub server: Server,
    /// Backend to use.
    #[arg(long, value_enum)]
    pub backend: Backend,
    /// Our client, or the bare backend crate.
    #[arg(long = "impl", value_enum, default_value = "hume")]
    pub implementation: Implementation,
    /// An existing job.
    #[arg(long)]
    pub job_id: String,
    /// Number of timed calls (after one untimed warm-up call).
    #[arg(long, default_value_t = 5000)]
    pub calls: u32,
}

/// `predictions`.
#[derive(Debug, Args)]
pub struct PredictionsArgs {
    /// The server.
    #[command(flatten)]
    pub server: Server,
    /// Backend to use.
    #[arg(long, value_enum)]
    pub backend: Backend,
    /// Our client (typed), or the bare backend crate parsing into `serde_json::Value`.
    #[arg(long = "impl", value_enum, default_value = "hume")]
    pub implementation: Implementation,
    /// Any job id (the predictions server serves the same file for every id).
    #[arg(long, default_value = "bench")]
    pub job_id: String,
}

/// The poll schedule a measurement uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Schedule {
    /// `PollSchedule::Adaptive`, the default.
    Adaptive,
    /// `PollSchedule::Legacy`.
    Legacy,
}

impl Schedule {
    /// The name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Schedule::Adaptive => "adaptive",
            Schedule::Legacy => "legacy",
        }
    }
}

/// `jobs`.
#[derive(Debug, Args)]
pub struct JobsArgs {
    /// The server (an emulator).
    #[command(flatten)]
    pub server: Server,
    /// Number of jobs.
    #[arg(long, default_value_t = 1000)]
    pub jobs: usize,
    /// Most HTTP requests in flight at once.
    #[arg(long, default_value_t = 256)]
    pub concurrency: usize,
    /// The poll schedule (the rest of the poll policy is the default unless set below).
    #[arg(long, value_enum, default_value = "adaptive")]
    pub schedule: Schedule,
    /// First poll delay, in milliseconds (default: the policy's, 1 s).
    #[arg(long)]
    pub poll_initial_ms: Option<u64>,
    /// Longest poll delay, in milliseconds (default: the policy's, 300 s).
    #[arg(long)]
    pub poll_max_ms: Option<u64>,
    /// The emulator's job time T (queued + in progress), in milliseconds, for the report.
    #[arg(long, default_value_t = 1000)]
    pub job_ms: u64,
}

/// `images`.
#[derive(Debug, Args)]
pub struct ImagesArgs {
    /// The server (an emulator).
    #[command(flatten)]
    pub server: Server,
    /// Number of images (one request each).
    #[arg(long, default_value_t = 1000)]
    pub images: usize,
    /// Most requests in flight at once.
    #[arg(long, default_value_t = 32)]
    pub concurrency: usize,
}

/// `soak`.
#[derive(Debug, Args)]
pub struct SoakArgs {
    /// Client to use.
    #[arg(long, value_enum)]
    pub backend: Backend,
    /// Number of jobs (each with a URL of its own).
    #[arg(long, default_value_t = 1000)]
    pub jobs: usize,
    /// Most jobs in flight at once (each: submit, await, fetch the predictions).
    #[arg(long, default_value_t = 64)]
    pub concurrency: usize,
    /// Inject issue 9's faults (20% 503, 10% 429 with Retry-After 1, 3% dropped before and 2%
    /// after processing, 3% bodies cut short); without it, none.
    #[arg(long)]
    pub faults: bool,
    /// Milliseconds a job stays QUEUED.
    #[arg(long, default_value_t = 100)]
    pub queued_ms: u64,
    /// Milliseconds a job stays IN_PROGRESS.
    #[arg(long, default_value_t = 900)]
    pub in_progress_ms: u64,
    /// Seed of the emulator (job ids, faults).
    #[arg(long, default_value_t = 9)]
    pub seed: u64,
}

/// `serve-realtime`.
#[derive(Debug, Args)]
pub struct ServeRealtimeArgs {
    /// The API key the emulator accepts.
    #[arg(long, env = "HUME_BENCH_KEY", hide_env_values = true)]
    pub key: String,
    /// Most realtime sessions open at once.
    #[arg(long, default_value_t = 500)]
    pub max_sessions: usize,
}

/// `realtime`.
#[derive(Debug, Args)]
pub struct RealtimeArgs {
    /// The server (an emulator with relaxed pacing).
    #[command(flatten)]
    pub server: Server,
    /// Concurrent audio sessions.
    #[arg(long, default_value_t = 100)]
    pub sessions: usize,
    /// Seconds of audio each session streams (in 100 ms frames, at the client's pacing).
    #[arg(long, default_value_t = 20)]
    pub seconds: u64,
}
