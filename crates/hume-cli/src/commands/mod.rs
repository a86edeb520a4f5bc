//! One module per subcommand, and the [`Context`] they share.

use std::cell::OnceCell;

use crate::args::{Cli, Command, Global};
use crate::exit::Failure;
use crate::output::Output;
use crate::session::Session;

pub mod artifacts;
pub mod emulator;
pub mod export;
pub mod list;
pub mod measure;
pub mod plot;
pub mod predictions;
pub mod run;
pub mod runs;
pub mod status;
pub mod stream;
pub mod submit;
pub mod summary;
pub mod wait;

/// What every command gets: the global options, the output, and a client built on first use
/// (so `summary file.json` needs no key).
#[derive(Debug)]
pub struct Context<'a> {
    /// The global options.
    pub global: &'a Global,
    /// Where to print.
    pub out: Output,
    session: OnceCell<Session>,
}

impl<'a> Context<'a> {
    /// A context; no client yet.
    pub fn new(global: &'a Global) -> Self {
        Context {
            global,
            out: Output::new(global),
            session: OnceCell::new(),
        }
    }

    /// The client session, opened on first use.
    ///
    /// # Errors
    /// See [`Session::open`].
    pub fn session(&self) -> anyhow::Result<&Session> {
        if let Some(session) = self.session.get() {
            return Ok(session);
        }
        let session = Session::open(self.global)?;
        if let Some(url) = session.emulator_url() {
            self.out
                .note(&format!("using an in-process emulator at {url}"));
        }
        Ok(self.session.get_or_init(|| session))
    }
}

/// Runs the chosen subcommand.
///
/// # Errors
/// Whatever the command fails with; [`crate::exit::classify`] picks the exit code.
pub fn dispatch(cli: Cli) -> anyhow::Result<()> {
    let ctx = Context::new(&cli.global);
    match cli.command {
        Command::Submit(args) => submit::run(&ctx, args),
        Command::Status(args) => status::run(&ctx, args),
        Command::Wait(args) => wait::run(&ctx, args),
        Command::Predictions(args) => predictions::run(&ctx, args),
        Command::Artifacts(args) => artifacts::run(&ctx, args),
        Command::List(args) => list::run(&ctx, args),
        Command::Run(args) => run::run(&ctx, args),
        Command::Emulator(args) => emulator::run(&ctx, args),
        Command::Summary(args) => summary::run(&ctx, args),
        Command::Export(args) => export::run(&ctx, args),
        Command::Plot(args) => plot::run(&ctx, args),
        Command::Measure(args) => measure::run(&ctx, args),
        Command::Runs(args) => runs::run(&ctx, args),
        Command::Stream(args) => stream::run(&ctx, args),
    }
}

/// Turns a `--timeout` in seconds (range-checked by clap: [`crate::values::timeout_seconds`])
/// into a duration.
///
/// # Errors
/// Below 1 second or not representable (exit 7; clap refuses those first).
pub fn timeout(seconds: f64) -> anyhow::Result<std::time::Duration> {
    match std::time::Duration::try_from_secs_f64(seconds) {
        Ok(limit) if limit >= std::time::Duration::from_secs(1) => Ok(limit),
        _ => Err(Failure::invalid(format!(
            "invalid --timeout {seconds}: must be at least 1 second"
        ))),
    }
}
