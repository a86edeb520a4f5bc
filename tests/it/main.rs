//! One integration-test binary for the whole workspace: wire-level (wiremock) tests of both
//! clients, retries, redirects, the seed example flow, secret redaction, the public surface
//! (`facade`, `reexports`), and end-to-end runs against the in-process emulator.

mod e2e;
mod emulator;
mod facade;
mod flow;
mod pager;
mod redirect;
mod reexports;
mod retry;
mod secrets;
mod soak;
mod support;
mod wire_async;
mod wire_blocking;
mod wire_cases;
