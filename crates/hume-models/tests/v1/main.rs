//! Integration tests of `hume_models::v1` against the crate's own v1 fixtures (written from
//! the official SDK's types, in `tests/fixtures/v1/`). One binary, one module per area.

mod audio;
mod errors;
mod fixtures;
mod probability;
mod queries;
mod realtime;
mod requests;
mod round_trip;
mod runs;
mod tolerance;
mod validation;
mod video;
