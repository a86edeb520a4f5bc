//! Shared helpers for the workspace-level tests in `it/`.
