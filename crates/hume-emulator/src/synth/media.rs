//! What kind of media an input is, judged only by its name (no URL is ever fetched).

/// The media kind of one input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MediaKind {
    /// Still image: one face frame at time 0.
    Image,
    /// Video: faces over time, plus the audio models on its sound track.
    Video,
    /// Audio: burst, prosody, and language/NER on the transcript.
    Audio,
    /// Text file: language and NER.
    Text,
    /// Face landmarks (`.json`): facemesh only.
    Landmarks,
    /// Archive (`.zip`, `.tar.gz`, `.tar.bz2`, `.tar.xz`, `.tgz`, `.tar`): several files inside.
    Archive,
}

impl MediaKind {
    /// The `file_type` reported in predictions.
    pub(crate) fn file_type(self) -> &'static str {
        match self {
            MediaKind::Image => "image",
            MediaKind::Video => "video",
            MediaKind::Audio => "audio",
            MediaKind::Text => "text",
            MediaKind::Landmarks => "landmarks",
            MediaKind::Archive => "archive",
        }
    }

    /// A typical extension for a file of this kind.
    pub(crate) fn extension(self) -> &'static str {
        match self {
            MediaKind::Image => "jpg",
            MediaKind::Video => "mp4",
            MediaKind::Audio => "wav",
            MediaKind::Text => "txt",
            MediaKind::Landmarks => "json",
            MediaKind::Archive => "zip",
        }
    }

    /// Whether the media has a sound track (and so a transcript).
    pub(crate) fn has_audio(self) -> bool {
        matches!(self, MediaKind::Video | MediaKind::Audio)
    }
}

const VIDEO: &[&str] = &[
    "mp4", "mov", "webm", "mkv", "avi", "m4v", "mpeg", "mpg", "wmv", "flv", "3gp",
];
const AUDIO: &[&str] = &[
    "wav", "mp3", "m4a", "flac", "ogg", "aac", "opus", "wma", "aiff", "aif",
];
const IMAGE: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "bmp", "webp", "tif", "tiff", "heic",
];
const ARCHIVE_SUFFIXES: &[&str] = &[".zip", ".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tar"];

/// The kind given by a file name's extension, if it is a known one.
pub(crate) fn kind_of_name(name: &str) -> Option<MediaKind> {
    let lower = name.to_ascii_lowercase();
    if ARCHIVE_SUFFIXES.iter().any(|s| lower.ends_with(s)) {
        return Some(MediaKind::Archive);
    }
    let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
    if VIDEO.contains(&ext) {
        Some(MediaKind::Video)
    } else if AUDIO.contains(&ext) {
        Some(MediaKind::Audio)
    } else if IMAGE.contains(&ext) {
        Some(MediaKind::Image)
    } else if ext == "txt" {
        Some(MediaKind::Text)
    } else if ext == "json" {
        Some(MediaKind::Landmarks)
    } else {
        None
    }
}

/// The kind of an input: by name, then by content type, else video.
pub(crate) fn kind_of(name: Option<&str>, content_type: Option<&str>) -> MediaKind {
    if let Some(kind) = name.and_then(kind_of_name) {
        return kind;
    }
    match content_type.map(|c| c.to_ascii_lowercase()) {
        Some(c) if c.starts_with("image/") => MediaKind::Image,
        Some(c) if c.starts_with("audio/") => MediaKind::Audio,
        Some(c) if c.starts_with("video/") => MediaKind::Video,
        Some(c) if c.starts_with("text/") => MediaKind::Text,
        Some(c) if c.contains("zip") || c.contains("tar") || c.contains("x-xz") => {
            MediaKind::Archive
        }
        _ => MediaKind::Video,
    }
}

/// Host and path of a URL (lower-cased host, path without query or fragment). The host is
/// the one the `url` crate (every HTTP client) reads, so a `\` or `@` trick cannot make the
/// emulator see another host than a client would connect to; the path is kept as written
/// (file names in predictions are the URL's own spelling).
pub(crate) fn url_host_and_path(url: &str) -> (String, String) {
    let host = match url::Url::parse(url)
        .ok()
        .and_then(|u| u.host().map(|h| h.to_owned()))
    {
        Some(url::Host::Domain(d)) => d.to_ascii_lowercase(),
        Some(url::Host::Ipv4(ip)) => ip.to_string(),
        Some(url::Host::Ipv6(ip)) => ip.to_string(),
        None => String::new(),
    };
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let after = &rest[end..];
    let path_end = after.find(['?', '#']).unwrap_or(after.len());
    (host, after[..path_end].to_owned())
}

/// The last path segment of a URL ("" when there is none).
pub(crate) fn url_file_name(url: &str) -> String {
    let (_, path) = url_host_and_path(url);
    path.rsplit('/').next().unwrap_or("").to_owned()
}

/// A file name's stem without any archive suffix (`faces.tar.gz` → `faces`).
pub(crate) fn archive_stem(name: &str) -> String {
    let lower = name.to_ascii_lowercase();
    for suffix in ARCHIVE_SUFFIXES {
        if lower.ends_with(suffix) {
            return name[..name.len() - suffix.len()].to_owned();
        }
    }
    name.rsplit_once('.').map_or(name, |(s, _)| s).to_owned()
}

#[cfg(test)]
mod tests;
