//! [`AudioClient`]: audio uploads of the async v1 client.

use std::path::Path;

use hume_core::HumeError;
use hume_core::operation::Measure;
use hume_models::v1::{AudioFileConfig, AudioFileResponse};

use super::ExpressionMeasurementClient;

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
}
