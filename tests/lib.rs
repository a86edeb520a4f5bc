//! The workspace-level test member `hume-tests`. It has no library code: the tests live in one
//! integration-test binary, `it/` (`cargo nextest run -p hume-tests`), with one module per
//! concern (wire format per backend, retries, redirects, the seed flow, secrets) and shared
//! helpers in `it/support.rs`.
