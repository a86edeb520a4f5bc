//! The `hume` command-line tool.
fn main() {}
