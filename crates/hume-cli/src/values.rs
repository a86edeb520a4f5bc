//! Clap value parsers for the flags that take one value of a hume-models enum: job statuses,
//! sort keys, directions, models, granularities, transcription languages, and the v1 run
//! statuses, modes and endpoints; and the range checks of the numeric flags
//! ([`timeout_seconds`], [`top`], [`finite`]), so a value that could overflow a conversion or
//! an allocation is a usage error (exit 2) before anything runs.
//!
//! Each parser is built from the enum's own list of documented values (`ALL`) and its wire
//! names (`as_str`), never from a hand-typed list, so a value the model crate learns is
//! accepted here too. Matching ignores ASCII case; `--help` and the error for anything else
//! list the accepted names (clap's usage error, exit code 2).

use std::ffi::OsStr;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::error::ErrorKind;

use crate::models::v1::{RunEndpoint, RunMode, RunStatus};
use crate::models::{BatchJobStatus, Bcp47Tag, Direction, Granularity, SortBy};
use hume_analysis::Model;

/// Accepts the documented wire names of a hume-models enum and yields the value.
#[derive(Clone, Copy)]
pub struct Documented<T: 'static> {
    values: &'static [T],
    name: fn(&T) -> &str,
}

impl<T> Documented<T> {
    /// The accepted values (`values`) and their wire names (`name`).
    pub fn new(values: &'static [T], name: fn(&T) -> &str) -> Self {
        Documented { values, name }
    }

    /// The wire names, in the enum's order.
    fn names(&self) -> impl Iterator<Item = &'static str> {
        let values: &'static [T] = self.values;
        let name = self.name;
        values.iter().map(name)
    }
}

impl<T: Clone + Send + Sync + 'static> TypedValueParser for Documented<T> {
    type Value = T;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<T, clap::Error> {
        if let Some(text) = value.to_str()
            && let Some(found) = self
                .values
                .iter()
                .find(|v| (self.name)(v).eq_ignore_ascii_case(text))
        {
            return Ok(found.clone());
        }
        // Not a documented value: clap's own parser writes the usual error, which names the
        // flag, the value and the accepted names.
        match PossibleValuesParser::new(self.names()).parse_ref(cmd, arg, value) {
            Err(error) => Err(error),
            Ok(_) => Err(clap::Error::new(ErrorKind::InvalidValue).with_cmd(cmd)),
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.names().map(PossibleValue::new)))
    }
}

impl<T> std::fmt::Debug for Documented<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.names()).finish()
    }
}

/// `--status`: `QUEUED`, `IN_PROGRESS`, `COMPLETED`, `FAILED`.
pub fn status() -> Documented<BatchJobStatus> {
    static ALL: [BatchJobStatus; 4] = BatchJobStatus::ALL;
    Documented::new(&ALL, BatchJobStatus::as_str)
}

/// `--sort-by`: `created`, `started`, `ended`.
pub fn sort_by() -> Documented<SortBy> {
    Documented::new(SortBy::ALL, |v| v.as_str())
}

/// `--direction`: `asc`, `desc`.
pub fn direction() -> Documented<Direction> {
    Documented::new(Direction::ALL, |v| v.as_str())
}

/// `--model`: `face`, `burst`, `prosody`, `language`, `ner`, `facemesh`, and the v1
/// `audio` and `video` (images).
pub fn model() -> Documented<Model> {
    static ALL: [Model; 8] = Model::ALL;
    Documented::new(&ALL, |v| v.as_str())
}

/// `hume runs list --status`: `live`, `ended`, `errored`.
pub fn run_status() -> Documented<RunStatus> {
    Documented::new(RunStatus::KNOWN, |v| v.as_str())
}

/// `hume runs list --mode`: `realtime`, `file`.
pub fn run_mode() -> Documented<RunMode> {
    Documented::new(RunMode::KNOWN, |v| v.as_str())
}

/// `hume runs list --endpoint`: `audio`, `video`.
pub fn run_endpoint() -> Documented<RunEndpoint> {
    Documented::new(RunEndpoint::KNOWN, |v| v.as_str())
}

/// `--*-granularity`: `word`, `sentence`, `utterance`, `conversational_turn`.
pub fn granularity() -> Documented<Granularity> {
    static ALL: [Granularity; 4] = Granularity::ALL;
    Documented::new(&ALL, Granularity::as_str)
}

/// `--transcription-language`: the 29 documented BCP-47 tags (`en`, `en-GB`, `fr`, ...).
pub fn language() -> Documented<Bcp47Tag> {
    static ALL: [Bcp47Tag; 29] = Bcp47Tag::ALL;
    Documented::new(&ALL, Bcp47Tag::as_str)
}

/// The longest `--timeout`: 30 days, in seconds.
pub const MAX_TIMEOUT_SECONDS: f64 = 30.0 * 24.0 * 3600.0;

/// The largest `--top`: more than there are emotions in any model.
pub const MAX_TOP: usize = 1000;

/// `--timeout SECONDS`: a number from 1 to [`MAX_TIMEOUT_SECONDS`].
///
/// # Errors
/// Not a number, not finite, or out of that range.
pub fn timeout_seconds(text: &str) -> Result<f64, String> {
    let seconds: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("{text:?} is not a number of seconds"))?;
    if !(1.0..=MAX_TIMEOUT_SECONDS).contains(&seconds) {
        return Err(format!(
            "must be at least 1 second and at most {MAX_TIMEOUT_SECONDS} (30 days)"
        ));
    }
    Ok(seconds)
}

/// `--top N`: a count from 1 to [`MAX_TOP`].
///
/// # Errors
/// Not a whole number, or out of that range.
pub fn top(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(n) if (1..=MAX_TOP).contains(&n) => Ok(n),
        _ => Err(format!("must be a whole number from 1 to {MAX_TOP}")),
    }
}

/// A finite number (`--from`, `--to`, `--smooth`): `inf`, `NaN` and numbers too large for
/// an `f64` are refused.
///
/// # Errors
/// Not a number, or not finite.
pub fn finite(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err("must be a finite number".to_owned()),
        Err(_) => Err(format!("{text:?} is not a number")),
    }
}

#[cfg(test)]
mod tests;
