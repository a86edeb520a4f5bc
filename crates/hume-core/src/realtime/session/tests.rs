//! Every transition of the session machine, on the fake clock of
//! [`testing`](crate::realtime::testing), with scripted server messages.

mod audio;
mod lifecycle;
mod reconnect;
mod video;

use crate::realtime::testing::{Harness, audio_created, video_created};
use crate::realtime::{Audio, Event, SessionConfig, Video};

/// An audio session opened at the current time with id `id`.
fn open_audio(config: SessionConfig, id: &str) -> Harness<Audio> {
    let mut h = Harness::new(config);
    h.run();
    h.on(Event::Connected);
    h.text(audio_created(id));
    h
}

/// A video session opened at the current time with id `id`.
fn open_video(config: SessionConfig, id: &str) -> Harness<Video> {
    let mut h = Harness::new(config);
    h.run();
    h.on(Event::Connected);
    h.text(video_created(id));
    h
}
