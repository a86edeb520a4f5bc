//! One integration-test binary for the whole workspace: wire-level (wiremock) and
//! end-to-end (emulator) tests live in the modules below.
