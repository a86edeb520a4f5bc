//! Integration tests of `hume-models` against the crate's own fixtures (written from SPEC.md,
//! in `tests/fixtures/`). One binary, one module per area.

mod builders;
mod callback;
mod details;
mod errors;
mod fixtures;
mod list_query;
mod predictions;
mod requests;
mod round_trip;
mod traps;
mod validation;
