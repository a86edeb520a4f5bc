use super::*;

fn texts(segments: &[Segment]) -> Vec<&str> {
    segments.iter().map(|s| s.text.as_str()).collect()
}

#[test]
fn words_have_char_offsets() {
    let text = "Héllo, wörld! It's  \"fine\" — ok.";
    let w = words(text);
    assert_eq!(texts(&w), ["Héllo", "wörld", "It's", "fine", "ok"]);
    let chars: Vec<char> = text.chars().collect();
    for s in &w {
        let slice: String = chars[s.begin as usize..s.end as usize].iter().collect();
        assert_eq!(slice, s.text);
    }
    assert_eq!((w[1].begin, w[1].end), (7, 12));
}

#[test]
fn sentences_split_on_terminators() {
    let text = "  I love this. Is it real?! Yes... version 1.5 works\n\nNew para";
    let s = sentences(text);
    assert_eq!(
        texts(&s),
        [
            "I love this.",
            "Is it real?!",
            "Yes...",
            "version 1.5 works",
            "New para"
        ]
    );
    assert_eq!((s[0].begin, s[0].end), (2, 14));
}

#[test]
fn passage_is_trimmed_whole_text() {
    let p = passage("  one. two  ").unwrap();
    assert_eq!((p.text.as_str(), p.begin, p.end), ("one. two", 2, 10));
    assert!(passage("   ").is_none());
}
