//! Testing code that uses a client (feature `test-util`): a scripted transport and policies
//! that make tests fast.
//!
//! [`MockTransport`] answers each request with the next scripted [`MockResponse`] (or
//! transport error), records every request as a [`RecordedRequest`] (body included, multipart
//! read out) and can assert that the whole script was used. One type serves both clients
//! (`transport(..)` on either builder); clones share the script, so keep one handle and give
//! another to the client. [`fast_config`] polls, retries and reconciles in milliseconds, so a
//! test never sleeps a second per poll.
//!
//! ```
//! use hume::blocking::HumeBatchClient;
//! use hume::test_util::{MockResponse, MockTransport, fast_config};
//!
//! let mock = MockTransport::new()
//!     .with_response(MockResponse::new(503)) // retried after a few milliseconds
//!     .with_response(
//!         MockResponse::new(200)
//!             .with_header("content-type", "application/json")
//!             .with_body(r#"{"job_id": "job-1", "state": {"status": "QUEUED"}}"#),
//!     );
//! let client = HumeBatchClient::builder().config(fast_config()).transport(mock.clone()).build()?;
//! let details = client.get_job_details("job-1")?;
//! assert_eq!(details.status().as_str(), "QUEUED");
//! assert_eq!(mock.requests()[1].url, "https://api.hume.ai/v0/batch/jobs/job-1");
//! mock.assert_all_used();
//! # Ok::<(), hume::HumeError>(())
//! ```

use std::time::Duration;

use crate::{ApiKey, ClientConfig, PollPolicy, ReconcilePolicy, RetryPolicy};

pub use hume_core::mock::{AsyncMockTransport, MockResponse, MockTransport, RecordedRequest};

/// The API key [`fast_config`] sets (any key works against a mock).
pub const TEST_API_KEY: &str = "hume-test-key";

/// Retries at test speed: 3 attempts, 10 ms then 20 ms (capped at 50 ms), no jitter.
pub fn fast_retry_policy() -> RetryPolicy {
    RetryPolicy::default()
        .with_max_attempts(3)
        .with_initial_backoff(Duration::from_millis(10))
        .with_max_backoff(Duration::from_millis(50))
        .with_jitter(false)
}

/// Polling at test speed: 10 ms, 20 ms, 40 ms ... capped at 100 ms, no jitter, the default
/// 300 s timeout, on the legacy schedule: scripted job timestamps are not real time, so nothing
/// is learned from them (see `PollSchedule`).
pub fn fast_poll_policy() -> PollPolicy {
    PollPolicy::legacy()
        .with_initial_delay(Duration::from_millis(10))
        .with_max_delay(Duration::from_millis(100))
        .with_jitter(0.0)
}

/// Reconciliation at test speed: a 20 ms settle time, otherwise the defaults.
pub fn fast_reconcile_policy() -> ReconcilePolicy {
    ReconcilePolicy::default().with_settle(Duration::from_millis(20))
}

/// A complete configuration for tests: [`TEST_API_KEY`], [`fast_retry_policy`],
/// [`fast_poll_policy`], [`fast_reconcile_policy`], every other option at its default (the base
/// URL too: a mock answers whatever URL it is sent). Give it to a builder with
/// `.config(fast_config())`, then add `.transport(mock)` or `.base_url(..)`.
pub fn fast_config() -> ClientConfig {
    ClientConfig::new()
        .with_api_key(ApiKey::new(TEST_API_KEY).expect("the test key is a valid key"))
        .with_retry(fast_retry_policy())
        .with_poll(fast_poll_policy())
        .with_reconcile(fast_reconcile_policy())
}
