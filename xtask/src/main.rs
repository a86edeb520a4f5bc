//! Project chores behind `cargo xtask`: `ci`, `conformance DIR`, `bench`.
fn main() {}
