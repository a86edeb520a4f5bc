//! [`Session`]: the blocking clients every API command uses (the batch API's and the v1
//! API's), built from the global options, and the in-process emulator they talk to with
//! `--emulator` (it serves both APIs on one port).

use anyhow::Context as _;

use hume::blocking::{ExpressionMeasurementClient, HumeBatchClient};
use hume::{ApiKey, BaseUrl, ClientConfig, PollPolicy};
use hume_emulator::{BlockingEmulatorHandle, Emulator, EmulatorConfig};

use crate::args::Global;
use crate::exit::{ExitKind, Failure};

/// How long a v1 upload may take: the API answers once the media is measured.
const V1_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(120);

/// The clients, and the emulator behind them when `--emulator` was given.
#[derive(Debug)]
pub struct Session {
    // Dropped first: the clients never outlive the emulator they talk to.
    client: HumeBatchClient,
    v1: ExpressionMeasurementClient,
    emulator: Option<BlockingEmulatorHandle>,
}

impl Session {
    /// Builds the client: with `--emulator`, starts one on a free port and uses its key;
    /// otherwise `--api-key`/`HUME_API_KEY` and `--base-url`/`HUME_BASE_URL`.
    ///
    /// A loopback base URL (an emulator) is polled every 200 ms at first, doubling up to
    /// 2 s; any other every second at first, doubling up to 15 s, so `wait` shows progress.
    ///
    /// # Errors
    /// A missing or malformed key (exit 3), a bad base URL (exit 7), an emulator that cannot
    /// start.
    pub fn open(global: &Global) -> anyhow::Result<Session> {
        let (emulator, key, base_url) = if global.emulator {
            let handle = Emulator::start_blocking(EmulatorConfig::default())
                .context("cannot start the in-process emulator")?;
            let url = handle.base_url();
            (
                Some(handle),
                hume_emulator::DEFAULT_API_KEY.to_owned(),
                Some(url),
            )
        } else {
            let key = non_blank(&global.api_key).ok_or_else(|| {
                Failure::new(
                    ExitKind::Auth,
                    "no api key: pass --api-key, set HUME_API_KEY, or use --emulator",
                )
            })?;
            (None, key, non_blank(&global.base_url))
        };
        let key = ApiKey::new(key).map_err(|e| Failure::new(ExitKind::Auth, e.to_string()))?;
        let base_url = base_url.as_deref().map(BaseUrl::parse).transpose()?;
        let loopback = base_url.as_ref().is_some_and(BaseUrl::is_loopback);
        let poll = if loopback {
            PollPolicy::default()
                .with_initial_delay(std::time::Duration::from_millis(200))
                .with_max_delay(std::time::Duration::from_secs(2))
        } else {
            PollPolicy::default().with_max_delay(std::time::Duration::from_secs(15))
        };
        let mut config = ClientConfig::new().with_api_key(key).with_poll(poll);
        if let Some(url) = base_url {
            config = config.with_base_url(url);
        }
        let v1 = ExpressionMeasurementClient::from_config(config.clone().with_timeout(V1_TIMEOUT))?;
        let client = HumeBatchClient::from_config(config)?;
        Ok(Session {
            client,
            v1,
            emulator,
        })
    }

    /// The batch (v0) client.
    pub fn client(&self) -> &HumeBatchClient {
        &self.client
    }

    /// The Expression Measurement API (v1) client: same key and base URL (the v1 default,
    /// `https://api.cloud.hume.ai`, when none is given), and 120 s per request, since an
    /// upload is answered once its media is measured.
    pub fn v1(&self) -> &ExpressionMeasurementClient {
        &self.v1
    }

    /// The in-process emulator's URL, with `--emulator`.
    pub fn emulator_url(&self) -> Option<String> {
        self.emulator.as_ref().map(BlockingEmulatorHandle::base_url)
    }
}

/// The value unless it is unset or blank (an empty `HUME_BASE_URL=` means "not set").
fn non_blank(value: &Option<String>) -> Option<String> {
    value.clone().filter(|v| !v.trim().is_empty())
}
