use super::*;

#[test]
fn kinds_follow_extensions() {
    assert_eq!(kind_of_name("a/b/clip.MP4"), Some(MediaKind::Video));
    assert_eq!(kind_of_name("voice.flac"), Some(MediaKind::Audio));
    assert_eq!(kind_of_name("face.jpeg"), Some(MediaKind::Image));
    assert_eq!(kind_of_name("notes.txt"), Some(MediaKind::Text));
    assert_eq!(kind_of_name("faces.tar.gz"), Some(MediaKind::Archive));
    assert_eq!(kind_of_name("faces.zip"), Some(MediaKind::Archive));
    assert_eq!(kind_of_name("mesh.json"), Some(MediaKind::Landmarks));
    assert_eq!(kind_of_name("noext"), None);
    assert_eq!(kind_of(None, Some("audio/mpeg")), MediaKind::Audio);
    assert_eq!(kind_of(Some("blob"), None), MediaKind::Video);
}

#[test]
fn url_parts() {
    assert_eq!(
        url_host_and_path("https://User@Media.Example.INVALID:8443/a/b.mp4?x=1#f"),
        ("media.example.invalid".to_owned(), "/a/b.mp4".to_owned())
    );
    assert_eq!(
        url_host_and_path("http://[::1]:80/x"),
        ("::1".to_owned(), "/x".to_owned())
    );
    assert_eq!(
        url_host_and_path("http://host"),
        ("host".to_owned(), String::new())
    );
    assert_eq!(url_file_name("https://h/p/faces.zip?sig=1"), "faces.zip");
    assert_eq!(archive_stem("faces.tar.xz"), "faces");
    assert_eq!(archive_stem("faces.zip"), "faces");
}
