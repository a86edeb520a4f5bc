//! [`Measure`]: one v1 upload, from local checks to the decoded response.

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use http::{HeaderMap, StatusCode};
use hume_models::v1::{AudioFileConfig, AudioFileResponse, VideoFileConfig, VideoFileResponse};

use super::super::{Action, Event, Fetch, Operation, unexpected};
use crate::HumeError;
use crate::config::ClientContext;
use crate::endpoints::v1::{audio, video};

/// What a [`Measure`] does when it starts: check, then build the fetch.
type Prepare<T> = Box<dyn FnOnce(&Arc<ClientContext>) -> Result<Fetch<T>, HumeError> + Send>;

/// How a [`Measure`] reads a response: the endpoint's typed or checked-bytes decoder.
type Decode<T> = fn(&ClientContext, StatusCode, &HeaderMap, &[u8]) -> Result<T, HumeError>;

/// A v1 upload (`POST /v1/expression/{audio,video}/file`), yielding the decoded response.
///
/// The upload is checked when the operation starts (the config's values, each file's header,
/// the request size): a bad upload ends it before anything is sent. The POST is retried only
/// when it certainly was not processed (not sent, 429, 503 `server_busy`); a failure after it
/// may have reached the server (which would have recorded and metered a run) is returned,
/// not repeated.
pub struct Measure<T> {
    ctx: Arc<ClientContext>,
    prepare: Option<Prepare<T>>,
    fetch: Option<Fetch<T>>,
}

impl<T> fmt::Debug for Measure<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Measure")
            .field("started", &self.prepare.is_none())
            .field("fetch", &self.fetch)
            .finish_non_exhaustive()
    }
}

impl<T: 'static> Measure<T> {
    fn new(
        ctx: &Arc<ClientContext>,
        prepare: impl FnOnce(&Arc<ClientContext>) -> Result<Fetch<T>, HumeError> + Send + 'static,
    ) -> Self {
        Self {
            ctx: Arc::clone(ctx),
            prepare: Some(Box::new(prepare)),
            fetch: None,
        }
    }

    /// An audio upload of `file` whose response `decode` reads.
    fn audio_with(
        ctx: &Arc<ClientContext>,
        file: PathBuf,
        config: AudioFileConfig,
        decode: Decode<T>,
    ) -> Self {
        Self::new(ctx, move |ctx| {
            let request = audio::request(ctx, &file, &config)?;
            Ok(Fetch::new(ctx, request, decode))
        })
    }

    /// An image upload of `files` whose response `decode` reads.
    fn images_with(
        ctx: &Arc<ClientContext>,
        files: Vec<PathBuf>,
        config: VideoFileConfig,
        decode: Decode<T>,
    ) -> Self {
        Self::new(ctx, move |ctx| {
            let request = video::request(ctx, &files, &config)?;
            Ok(Fetch::new(ctx, request, decode))
        })
    }
}

impl Measure<AudioFileResponse> {
    /// `POST /v1/expression/audio/file`: the speech in one audio file (16 kHz mono 16-bit
    /// PCM, as WAV or headerless samples).
    pub fn audio(
        ctx: &Arc<ClientContext>,
        file: impl Into<PathBuf>,
        config: AudioFileConfig,
    ) -> Self {
        Self::audio_with(ctx, file.into(), config, audio::decode)
    }
}

impl Measure<VideoFileResponse> {
    /// `POST /v1/expression/video/file`: the faces in one or more JPEG images, one result per
    /// image in order.
    pub fn images(ctx: &Arc<ClientContext>, files: Vec<PathBuf>, config: VideoFileConfig) -> Self {
        Self::images_with(ctx, files, config, video::decode)
    }
}

impl Measure<Vec<u8>> {
    /// [`Measure::audio`], yielding the server's bytes unchanged (checked to be a valid
    /// response first), for callers that keep or forward the response as the API sent it.
    pub fn audio_bytes(
        ctx: &Arc<ClientContext>,
        file: impl Into<PathBuf>,
        config: AudioFileConfig,
    ) -> Self {
        Self::audio_with(ctx, file.into(), config, audio::decode_bytes)
    }

    /// [`Measure::images`], yielding the server's bytes unchanged (checked to be a valid
    /// response first).
    pub fn images_bytes(
        ctx: &Arc<ClientContext>,
        files: Vec<PathBuf>,
        config: VideoFileConfig,
    ) -> Self {
        Self::images_with(ctx, files, config, video::decode_bytes)
    }
}

impl<T> Operation for Measure<T> {
    type Output = T;

    fn next(&mut self, event: Event, now: Duration) -> Action<T> {
        if let (Event::Start, Some(prepare)) = (&event, self.prepare.take()) {
            match prepare(&self.ctx) {
                Ok(fetch) => self.fetch = Some(fetch),
                Err(err) => return Action::Done(Err(err)),
            }
        }
        match self.fetch.as_mut() {
            Some(fetch) => fetch.next(event, now),
            None => unexpected(&event, "measuring without a request"),
        }
    }
}
