//! The workspace-level test member `hume-tests`. It has no library code: the tests live in one
//! integration-test binary, `it/` (`cargo nextest run -p hume-tests`), with one module per
//! concern: the exact wire format per backend (`wire_blocking`, `wire_async`, shared cases in
//! `wire_cases`), `retry`, `redirect`, the seed example flow (`flow`), `secrets`, the public surface (`facade`, `reexports`), and whole
//! flows against the in-process emulator (`emulator`, `e2e`), with shared helpers in
//! `it/support.rs`.
