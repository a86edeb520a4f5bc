//! [`UreqTransport`]: the blocking backend on ureq 3.

use std::io::{self, Cursor, Read};

use http::HeaderValue;
use http::header::{CONTENT_LENGTH, CONTENT_TYPE};
use hume_core::{
    BlockingBody, HttpRequest, HttpResponse, ProxyConfig, RequestBody, Route, SendState, Transport,
    TransportError, TransportErrorKind,
};
use ureq::unversioned::resolver::{DefaultResolver, Resolver};
use ureq::unversioned::transport::DefaultConnector;

use self::connect::{Connect, ConnectFailed, Resolve};

mod connect;

/// A blocking transport on a ureq [`Agent`](https://docs.rs/ureq/3/ureq/struct.Agent.html):
/// connection pool, rustls, no redirects, every status returned as a response. Cheap to clone
/// (clones share the pool).
///
/// Proxies follow [`ProxyConfig`] (the environment by default): loopback targets and
/// `NO_PROXY` hosts are reached directly, https goes through `HTTPS_PROXY`/`ALL_PROXY`, and
/// plain http that a proxy would carry is refused before anything is sent.
///
/// A failure to resolve the host, to connect or to complete the TLS handshake is reported as
/// [`SendState::NotSent`]: the agents use ureq's default resolver and connector chain, each
/// wrapped so that their failures are known to precede the request.
#[derive(Clone)]
pub struct UreqTransport {
    /// Connects to targets itself.
    direct: ureq::Agent,
    /// Tunnels through the https proxy, when there is one (or why ureq cannot use it).
    proxied: Option<Result<ureq::Agent, String>>,
    proxies: ProxyConfig,
}

/// Just the name: the backend's internals (pool, TLS, agent configuration) are not printed.
impl std::fmt::Debug for UreqTransport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UreqTransport")
    }
}

impl UreqTransport {
    /// A transport with its own connection pool and the environment's proxies.
    pub fn new() -> Self {
        Self::with_proxies(ProxyConfig::from_env())
    }

    /// A transport with its own connection pool and these proxies.
    pub fn with_proxies(proxies: ProxyConfig) -> Self {
        Self::with_parts(proxies, DefaultResolver::default())
    }

    /// A transport looking host names up with `resolver` (tests override the lookup), with
    /// the environment's proxies.
    #[cfg(test)]
    pub(crate) fn with_resolver(resolver: impl Resolver) -> Self {
        Self::with_parts(ProxyConfig::from_env(), resolver)
    }

    /// Direct connections look names up with `resolver`; the proxy's own name is looked up
    /// by the default resolver.
    fn with_parts(proxies: ProxyConfig, resolver: impl Resolver) -> Self {
        let proxied = proxies.tunnel().map(|url| {
            ureq::Proxy::new(url)
                .map(|proxy| agent(Some(proxy), DefaultResolver::default()))
                .map_err(|e| format!("cannot use the proxy named by the environment: {e}"))
        });
        Self {
            direct: agent(None, resolver),
            proxied,
            proxies,
        }
    }

    /// The agent for `url`, per [`ProxyConfig::route`].
    fn agent_for(&self, url: &str) -> Result<&ureq::Agent, TransportError> {
        match self.proxies.route(url) {
            Ok(Route::Direct) => Ok(&self.direct),
            Ok(Route::Proxy(_)) => match &self.proxied {
                Some(Ok(agent)) => Ok(agent),
                Some(Err(why)) => Err(TransportError::other(SendState::NotSent, why.clone())),
                None => Ok(&self.direct),
            },
            Err(refused) => Err(TransportError::other(SendState::NotSent, refused)),
        }
    }
}

/// An agent with our settings: statuses as responses, no redirects, only `proxy` (never the
/// environment's: [`ProxyConfig`] decides).
fn agent(proxy: Option<ureq::Proxy>, resolver: impl Resolver) -> ureq::Agent {
    let config = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .max_redirects_will_error(false)
        .proxy(proxy)
        .build();
    ureq::Agent::with_parts(config, Connect(DefaultConnector::new()), Resolve(resolver))
}

impl Default for UreqTransport {
    fn default() -> Self {
        Self::new()
    }
}

impl Transport for UreqTransport {
    fn send(&self, req: HttpRequest) -> Result<HttpResponse<BlockingBody>, TransportError> {
        let HttpRequest {
            method,
            url,
            mut headers,
            body,
            timeout,
            deadline,
            ..
        } = req;
        if let Some(content_type) = body.content_type() {
            headers.entry(CONTENT_TYPE).or_insert(content_type);
        }
        if !body.is_empty() {
            // An explicit length makes ureq send a fixed-length (not chunked) body.
            headers.insert(CONTENT_LENGTH, HeaderValue::from(body.content_length()));
        }
        let send_body = match body {
            RequestBody::Empty => ureq::SendBody::none(),
            RequestBody::Json(bytes) => ureq::SendBody::from_owned_reader(Cursor::new(bytes)),
            RequestBody::Multipart(multipart) => {
                let reader = multipart
                    .reader()
                    .map_err(|e| TransportError::io(SendState::NotSent, e))?;
                ureq::SendBody::from_owned_reader(reader)
            }
        };
        let mut builder = http::Request::builder().method(method).uri(url.as_str());
        if let Some(h) = builder.headers_mut() {
            *h = headers;
        }
        let request = builder
            .body(send_body)
            .map_err(|e| TransportError::other(SendState::NotSent, e))?;
        let agent = self.agent_for(&url)?;
        let request = agent
            .configure_request(request)
            .timeout_connect(timeout)
            .timeout_send_request(timeout)
            .timeout_recv_response(timeout)
            .timeout_per_read(timeout)
            .timeout_per_write(timeout)
            // The whole attempt, body included (a slow drip ends here at the latest).
            .timeout_global(deadline)
            .build();
        tracing::trace!(%url, "ureq: sending");
        let response = agent.run(request).map_err(map_error)?;
        let (parts, body) = response.into_parts();
        Ok(HttpResponse::new(
            parts.status,
            BlockingBody::new(TimeoutAwareReader(body.into_reader())),
        )
        .with_headers(parts.headers))
    }
}

/// The one place ureq errors become [`TransportError`]s. Failures before a connection exists
/// (lookup, connect, TLS handshake: see [`connect`]) are [`SendState::NotSent`]; anything
/// later may have reached the server.
fn map_error(err: ureq::Error) -> TransportError {
    use TransportErrorKind as K;
    use ureq::Error as E;
    let err = match err {
        E::Other(inner) => match inner.downcast::<ConnectFailed>() {
            Ok(failed) => {
                return TransportError::new(failed.kind, SendState::NotSent, failed.source);
            }
            Err(inner) => E::Other(inner),
        },
        err => err,
    };
    let (kind, state) = match &err {
        E::HostNotFound | E::ConnectionFailed => (K::Connect, SendState::NotSent),
        E::Timeout(ureq::Timeout::Resolve | ureq::Timeout::Connect) => {
            (K::Timeout, SendState::NotSent)
        }
        E::Timeout(_) => (K::Timeout, SendState::MaybeSent),
        E::Io(io) if is_connect_io(io) => (K::Connect, SendState::NotSent),
        E::Io(io) if io.kind() == io::ErrorKind::TimedOut => (K::Timeout, SendState::MaybeSent),
        E::Io(_) => (K::Io, SendState::MaybeSent),
        E::Tls(_) | E::Rustls(_) | E::Pem(_) => (K::Tls, SendState::NotSent),
        E::Http(_) | E::BadUri(_) | E::InvalidProxyUrl => (K::Other, SendState::NotSent),
        _ => (K::Other, SendState::MaybeSent),
    };
    TransportError::new(kind, state, err)
}

/// ureq's body reader, with its timeouts surfaced as [`io::ErrorKind::TimedOut`]: ureq reports
/// a read timeout as kind `Other` wrapping its own error, which callers cannot tell from a
/// reset connection.
struct TimeoutAwareReader<R>(R);

impl<R: Read> Read for TimeoutAwareReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(surface_timeout)
    }
}

/// Gives a ureq timeout carried inside an `io::Error` the kind `TimedOut` (the ureq error
/// stays its inner error); any other error is returned as it is.
fn surface_timeout(err: io::Error) -> io::Error {
    let is_timeout = err
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<ureq::Error>())
        .is_some_and(|inner| match inner {
            ureq::Error::Timeout(_) => true,
            ureq::Error::Io(io) => io.kind() == io::ErrorKind::TimedOut,
            _ => false,
        });
    if !is_timeout || err.kind() == io::ErrorKind::TimedOut {
        return err;
    }
    match err.into_inner() {
        Some(inner) => io::Error::new(io::ErrorKind::TimedOut, inner),
        None => io::Error::from(io::ErrorKind::TimedOut),
    }
}

/// I/O errors that can only happen while establishing a connection.
fn is_connect_io(err: &io::Error) -> bool {
    matches!(
        err.kind(),
        io::ErrorKind::ConnectionRefused
            | io::ErrorKind::AddrNotAvailable
            | io::ErrorKind::HostUnreachable
            | io::ErrorKind::NetworkUnreachable
            | io::ErrorKind::NotFound
    )
}

#[cfg(test)]
mod tests;
