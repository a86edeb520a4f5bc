use super::shown;

#[test]
fn terminal_control_is_escaped_and_lines_kept() {
    let hostile = "job failed\u{1b}[2J\u{1b}]52;c;ZXZpbA==\u{7}\rdone\u{9b}31m\u{202e}gnp.exe";
    let text = shown(hostile, None);
    assert!(!text.chars().any(|c| c.is_control()), "{text:?}");
    assert!(text.contains("\\u{1b}[2J"), "{text}");
    assert!(text.contains("\\u{1b}]52;c;ZXZpbA==\\u{7}"), "{text}");
    assert!(text.contains("\\u{202e}"), "{text}");
    assert_eq!(
        shown("two\nlines\tand a tab", None),
        "two\nlines\tand a tab"
    );
}

#[test]
fn the_key_is_removed_in_every_form() {
    let key = "sk-cli/secret";
    for echo in [
        "sk-cli/secret",
        r"sk-cli\/secret",
        r"\u0073k-cli/secret",
        "sk-cli%2Fsecret",
    ] {
        let text = shown(&format!("bad key: {echo}!"), Some(key));
        assert_eq!(text, "bad key: [redacted]!", "{echo}");
    }
}
