//! The operations of the Expression Measurement API v1 client, on the same loop as the batch
//! ones: [`Measure`] (an upload: local checks when it starts, then one POST through
//! [`Fetch`](super::Fetch)'s retries), [`RunPager`] (every run of a listing, one per run of
//! the operation) and [`AllRunEvents`] (a whole event log, page after page). The single-page
//! and single-run reads are [`Fetch`](super::Fetch)es built by `Fetch::runs_page`,
//! `Fetch::run` and `Fetch::run_events_page`.

mod all_run_events;
mod measure;
mod run_pager;
mod runs;

pub use self::all_run_events::AllRunEvents;
pub use self::measure::Measure;
pub use self::run_pager::RunPager;

#[cfg(test)]
mod tests;
