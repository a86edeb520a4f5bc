use std::path::PathBuf;

use super::run;

/// A fresh scratch directory under the system temp dir (removed on drop).
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "hume-conformance-{tag}-{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ));
        std::fs::create_dir_all(&dir).expect("create scratch dir");
        Scratch(dir)
    }

    fn write(&self, name: &str, text: &str) {
        std::fs::write(self.0.join(name), text).expect("write scratch file");
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn good_files_pass_and_non_json_files_are_ignored() {
    let dir = Scratch::new("good");
    dir.write("README.md", "not json at all");
    dir.write("start-job-response.json", r#"{"job_id":"abc"}"#);
    dir.write("error-job-not-found.json", r#"{"message":"job not found"}"#);
    dir.write(
        "details-queued.json",
        r#"{"request":{},"state":{"status":"QUEUED","created_timestamp_ms":1}}"#,
    );
    assert!(run(&dir.0).expect("dir readable"));
}

#[test]
fn unknown_prefix_fails() {
    let dir = Scratch::new("prefix");
    dir.write("mystery.json", "{}");
    assert!(!run(&dir.0).expect("dir readable"));
}

#[test]
fn unparseable_file_fails() {
    let dir = Scratch::new("bad");
    dir.write("start-job-response.json", r#"{"id":"abc"}"#);
    assert!(!run(&dir.0).expect("dir readable"));
}

#[test]
fn unrecognised_error_body_fails() {
    let dir = Scratch::new("err");
    dir.write("error-odd.json", r#"{"weird":true}"#);
    assert!(!run(&dir.0).expect("dir readable"));
    let text = Scratch::new("errtext");
    text.write("error-text.json", "<html>bad gateway</html>");
    assert!(!run(&text.0).expect("dir readable"));
}
