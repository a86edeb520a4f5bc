//! `hume`: the Hume AI Expression Measurement batch API from the command line.
//!
//! ```text
//! hume run --emulator --url https://example.com/faces.zip --text "What a day" -o out
//! hume submit --file talk.mp4 --face --prosody-granularity sentence   # prints the job id
//! hume wait JOB && hume predictions JOB -o predictions.json
//! hume summary predictions.json --model face --top 5 --from 0 --to 10
//! hume plot predictions.json -o joy.svg --emotions Joy,Calmness --smooth 2
//! hume emulator --port 8080                    # a local API for scripts and other tools
//! hume measure audio speech.wav                # v1: one upload per file (-o results.jsonl)
//! hume stream video frames/*.jpg               # v1: a realtime session, replies as they come
//! ```
//!
//! Every command takes `--api-key` (or `HUME_API_KEY`), `--base-url` (or `HUME_BASE_URL`),
//! `--emulator` (start an in-process emulator and use it), `--json` (machine-readable
//! stdout) and `--quiet`. Results go to stdout; progress (a spinner on a terminal, plain
//! lines otherwise) and notes go to stderr.
//!
//! # Exit codes
//! | code | meaning |
//! |---|---|
//! | 0 | success |
//! | 1 | other failure (network, server error, local i/o) |
//! | 2 | usage error (unknown flag, missing argument, malformed number, a value that is not one of the accepted names: clap) |
//! | 3 | authentication error (missing or invalid API key) |
//! | 4 | the job failed |
//! | 5 | timed out waiting for the job (it keeps running) |
//! | 6 | not found (unknown job or run id) |
//! | 7 | invalid input (missing file, no inputs, bad predictions file, unknown emotion, time window outside the media, media the v1 API does not take) |
//! | 130 | interrupted by Ctrl-C (a bulk `measure` finishes the files in flight first; `stream` closes the session and prints its totals) |
//!
//! # Map
//! [`args`] (the command line), [`values`] (value parsers from the model enums),
//! [`commands`] (one module per subcommand), [`job_spec`]
//! (flags → job request), [`input`] (`FILE_OR_JOB`), [`session`] (client and in-process
//! emulator), [`output`] (stdout/stderr, progress, output files), [`shown`] (no key and no
//! terminal control in anything printed), [`extract`] (safe zip extraction), [`exit`]
//! (errors → exit codes).
#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::process::ExitCode;

use clap::Parser;

mod args;
mod bulk;
mod commands;
mod exit;
mod extract;
mod input;
mod job_spec;
mod output;
mod session;
mod shown;
mod values;

use hume::models;

fn main() -> ExitCode {
    let cli = match args::Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return exit::usage(&error),
    };
    let out = output::Output::new(&cli.global);
    match commands::dispatch(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that went away (`hume ... | head`): nothing left to say, and nowhere to say
        // it; end as a process killed by SIGPIPE would.
        Err(error) if exit::is_closed_stdout(&error) => ExitCode::from(exit::CLOSED_STDOUT),
        Err(error) => {
            out.error(&format!("hume: error: {error:#}"));
            exit::classify(&error).into()
        }
    }
}
