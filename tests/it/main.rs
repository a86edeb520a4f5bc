//! One integration-test binary for the whole workspace: wire-level (wiremock) tests of both
//! clients, retries, redirects, the seed example flow, secret redaction, and end-to-end runs
//! against the in-process emulator.

mod e2e;
mod emulator;
mod flow;
mod redirect;
mod retry;
mod secrets;
mod support;
mod wire_async;
mod wire_blocking;
mod wire_cases;
