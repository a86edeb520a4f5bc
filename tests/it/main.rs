//! One integration-test binary for the whole workspace: wire-level (wiremock) tests of both
//! clients, retries, redirects, the seed example flow, secret redaction, the public surface
//! (`facade`, `reexports`), and end-to-end runs against the in-process emulator. The v1
//! client's tests are the `v1_*` modules.

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
mod v1_e2e;
mod v1_retry;
mod v1_secrets;
mod v1_support;
mod v1_wire_async;
mod v1_wire_blocking;
mod v1_wire_cases;
mod wire_async;
mod wire_blocking;
mod wire_cases;
