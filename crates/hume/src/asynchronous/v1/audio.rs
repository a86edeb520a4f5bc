//! [`AudioClient`]: audio uploads of the async v1 client.

use std::path::Path;

use hume_core::HumeError;
use hume_core::operation::Measure;
use hume_core::realtime::SessionConfig;
use hume_models::v1::{AudioFileConfig, AudioFileResponse};

use super::{AudioSession, ExpressionMeasurementClient};

/// Audio uploads: [`ExpressionMeasurementClient::audio`]. A cheap view of the client (`Copy`).
#[derive(Debug, Clone, Copy)]
pub struct AudioClient<'a> {
    client: &'a ExpressionMeasurementClient,
}

impl<'a> AudioClient<'a> {
    pub(crate) fn new(client: &'a ExpressionMeasurementClient) -> Self {
        Self { client }
    }

    /// Measures the speech in one audio file (`POST /v1/expression/audio/file`): every
    /// utterance found and every measurement taken, the same results a realtime session would
    /// stream for the same audio.
    ///
    /// The audio must be 16 kHz mono signed 16-bit PCM, as a WAV file (sent as `audio/wav`) or
    /// headerless samples (sent as `application/octet-stream`), at most 25 MB; the API does
    /// not convert. `config` is sent as the JSON `config` part when it sets anything
    /// (`AudioFileConfig::default()` sends none and the server uses its defaults). The file is
    /// streamed from disk.
    ///
    /// # Errors
    /// Before anything is sent: [`HumeError::Validation`] (`measurement_timer_ms` outside
    /// 3000–10000), [`HumeError::InvalidMedia`] (MP3/FLAC/Ogg/MP4 or other RIFF, a WAV of
    /// another rate, channel count or sample format, extensible or truncated, empty or
    /// odd-length headerless samples, over 25 MB), [`HumeError::LocalFile`],
    /// [`HumeError::RequestTooLarge`]. From the API: [`HumeError::V1Api`] (its `code` says
    /// why), [`HumeError::InvalidApiKey`], [`HumeError::RateLimited`]; transport failures;
    /// [`HumeError::Decode`].
    pub async fn measure(
        self,
        file: impl AsRef<Path>,
        config: AudioFileConfig,
    ) -> Result<AudioFileResponse, HumeError> {
        let op = Measure::audio(self.client.ctx(), file.as_ref(), config);
        self.client.driver().run(op).await
    }

    /// [`measure`](Self::measure), returning the response as the server's bytes, unchanged
    /// (checked to parse as an [`AudioFileResponse`] first), for keeping or forwarding it as
    /// the API sent it.
    ///
    /// # Errors
    /// As [`measure`](Self::measure).
    pub async fn measure_bytes(
        self,
        file: impl AsRef<Path>,
        config: AudioFileConfig,
    ) -> Result<Vec<u8>, HumeError> {
        let op = Measure::audio_bytes(self.client.ctx(), file.as_ref(), config);
        self.client.driver().run(op).await
    }

    /// Opens a realtime audio session (`/v1/expression/audio/realtime`, WebSocket): connects
    /// and waits for `session.created`. `config` says how the session behaves (recording or
    /// live source, reconnects, keepalive, timeouts); what the server measures is set with the
    /// session's `update(..)` before the first frame. See [`RealtimeSession`](super::RealtimeSession).
    ///
    /// # Errors
    /// [`HumeError::InvalidApiKey`] (a 401/403 handshake; never retried),
    /// [`HumeError::RealtimeHandshake`] (another refusal), a transport failure, or the
    /// session ending before `session.created` ([`HumeError::RealtimeSessionEnded`]); the
    /// first connection is not retried.
    pub async fn connect(self, config: SessionConfig) -> Result<AudioSession, HumeError> {
        let transport = self.client.ws_transport()?;
        AudioSession::connect(self.client.ctx().clone(), transport, config).await
    }
}
