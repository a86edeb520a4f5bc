//! A fake driver for the operations' unit tests: a [`MockTransport`] for the network, a fake
//! clock that only moves on sleeps (and by a fixed latency per request), small body chunks so
//! sniffing sees more than one, and a record of every action.

use std::io::Read;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

use super::{Action, Event, Operation};
use crate::body::BlockingBody;
use crate::config::{ClientConfig, ClientContext};
use crate::mock::MockTransport;
use crate::transport::Transport;
use crate::{ApiKey, BaseUrl, HumeError, PollPolicy, RetryPolicy};

/// The key of every test context.
pub(crate) const KEY: &str = "sk-operation-test";

/// A context for `http://127.0.0.1:4010` with exact policies: retries 1 s doubling, no
/// jitter, 3 attempts; polls 1 s doubling, no jitter, 10 s timeout.
pub(crate) fn ctx() -> Arc<ClientContext> {
    ctx_with(|config| config)
}

/// [`ctx`] with `change` applied to its configuration.
pub(crate) fn ctx_with(change: impl FnOnce(ClientConfig) -> ClientConfig) -> Arc<ClientContext> {
    let config = ClientConfig::new()
        .with_api_key(ApiKey::new(KEY).unwrap())
        .with_retry(
            RetryPolicy::default()
                .with_multiplier(2.0)
                .with_jitter(false)
                .with_initial_backoff(Duration::from_secs(1))
                .with_max_attempts(3),
        )
        .with_poll(
            PollPolicy::default()
                .with_jitter(0.0)
                .with_timeout(Duration::from_secs(10)),
        );
    let config = change(config);
    let base = BaseUrl::parse("http://127.0.0.1:4010").unwrap();
    Arc::new(ClientContext::new(config, base).unwrap())
}

/// What the fake driver did, in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Did {
    /// Sent a request (method and URL) at this fake time.
    Send(String, Duration),
    ReadBody,
    ReadChunk,
    Stream {
        prefix_len: usize,
    },
    Sleep(Duration),
    Hash,
}

/// The outcome of [`run`].
#[derive(Debug)]
pub(crate) struct Run<T> {
    pub(crate) result: Result<T, HumeError>,
    pub(crate) did: Vec<Did>,
    pub(crate) sleeps: Vec<Duration>,
}

/// Drives `op` to the end against `mock`; each request takes `latency` of fake time.
pub(crate) fn run_with_latency<O: Operation>(
    mock: &MockTransport,
    mut op: O,
    latency: Duration,
) -> Run<O::Output> {
    let mut now = Duration::ZERO;
    let mut body: Option<BlockingBody> = None;
    let mut did = Vec::new();
    let mut sleeps = Vec::new();
    let mut event = Event::Start;
    for _ in 0..100_000 {
        event = match op.next(event, now) {
            Action::Send(request) => {
                did.push(Did::Send(
                    format!("{} {}", request.method, request.url),
                    now,
                ));
                now += latency;
                drop(body.take());
                let (event, response_body) = Event::sent(Transport::send(mock, request));
                body = response_body;
                event
            }
            Action::ReadBody { limit, whole } => {
                did.push(Did::ReadBody);
                let body = body.as_mut().expect("a body to read");
                Event::Body(if whole {
                    body.read_to_vec_limited(limit)
                } else {
                    body.read_up_to(limit)
                })
            }
            Action::ReadChunk => {
                did.push(Did::ReadChunk);
                let mut buf = [0u8; 3];
                let body = body.as_mut().expect("a body to read");
                Event::Chunk(
                    body.read(&mut buf)
                        .map(|n| (n > 0).then(|| Bytes::copy_from_slice(&buf[..n]))),
                )
            }
            Action::StreamToFile { download, prefix } => {
                did.push(Did::Stream {
                    prefix_len: prefix.len(),
                });
                let body = body.take().expect("a body to stream");
                Event::from(crate::download::stream_blocking(download, &prefix, body))
            }
            Action::HashFiles(files) => {
                did.push(Did::Hash);
                Event::Hashed(files.hash())
            }
            Action::Sleep(delay) => {
                did.push(Did::Sleep(delay));
                sleeps.push(delay);
                now += delay;
                Event::Slept
            }
            Action::Done(result) => {
                return Run {
                    result,
                    did,
                    sleeps,
                };
            }
        };
    }
    panic!("the operation never finished: {did:?}");
}

/// [`run_with_latency`] with requests that take no time.
pub(crate) fn run<O: Operation>(mock: &MockTransport, op: O) -> Run<O::Output> {
    run_with_latency(mock, op, Duration::ZERO)
}

/// The methods and URLs sent, without times.
pub(crate) fn sent(did: &[Did]) -> Vec<String> {
    did.iter()
        .filter_map(|d| match d {
            Did::Send(what, _) => Some(what.clone()),
            _ => None,
        })
        .collect()
}
