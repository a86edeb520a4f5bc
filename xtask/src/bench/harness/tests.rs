use std::process::Command;

use super::*;

fn sh(script: &str) -> Command {
    let mut command = Command::new("sh");
    command.args(["-c", script]);
    command
}

#[test]
fn a_serve_child_is_ready_with_its_line_and_stops_when_dropped() {
    // Prints its line, then runs until its stdin closes.
    let child = ServeChild::start(
        sh(r#"echo '{"emulator":"http://127.0.0.1:1"}'; cat >/dev/null"#),
        "a test server",
    )
    .unwrap();
    assert_eq!(
        child.field("emulator").as_deref(),
        Some("http://127.0.0.1:1")
    );
    assert_eq!(child.field("job_id"), None);
    drop(child); // returns once the child exits: closing stdin ended `cat`
}

#[test]
fn a_child_that_prints_no_json_is_an_error_naming_it() {
    let err = ServeChild::start(sh("echo not json; cat >/dev/null"), "a test server")
        .err()
        .expect("not ready");
    assert!(
        err.to_string().contains("a test server did not start"),
        "{err}"
    );
}
