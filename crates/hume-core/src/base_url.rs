//! The API base URL and how endpoint URLs are built from it.

use std::fmt;
use std::net::{IpAddr, ToSocketAddrs};
use std::str::FromStr;

use url::{Host, Url};

use crate::HumeError;

/// The production base URL of the batch (v0) API, the batch client's default.
pub const DEFAULT_BASE_URL: &str = "https://api.hume.ai";

/// The production base URL of the Expression Measurement API v1 (HTTP), the
/// `ExpressionMeasurementClient`'s default (the official v1 Python SDK's `base` environment).
pub const DEFAULT_V1_BASE_URL: &str = "https://api.cloud.hume.ai";

/// API paths a client appends itself: a base URL ending in one of them would repeat it.
const API_PATHS: [&[&str]; 5] = [
    &["v0"],
    &["v0", "batch"],
    &["v0", "batch", "jobs"],
    &["v1"],
    &["v1", "expression"],
];

/// API version segment of every batch path.
const API_VERSION: &str = "v0";
/// API type segment of every batch path.
const API_TYPE: &str = "batch";
/// The path prefix of every v1 HTTP endpoint.
const V1_PREFIX: [&str; 2] = ["v1", "expression"];

/// A validated base URL such as `https://api.hume.ai` or `http://127.0.0.1:8080`.
///
/// Only `http` and `https` URLs with a host, without credentials, query or fragment are
/// accepted. A path prefix (`https://proxy.example/hume`) is kept, but a path the client
/// appends itself (`/v0`, `/v0/batch`, `/v0/batch/jobs`, `/v1`, `/v1/expression`) is refused
/// with the URL to use instead.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BaseUrl(Url);

impl BaseUrl {
    /// Parses and validates a base URL.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] for anything that is not a plain http(s) URL with a host,
    /// and for a URL ending in an API path the client appends itself.
    ///
    /// ```
    /// use hume_core::BaseUrl;
    /// let err = BaseUrl::parse("https://api.hume.ai/v0/batch").unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "invalid configuration: invalid base url \"https://api.hume.ai/v0/batch\": the client \
    ///      appends the api path (/v0/batch/jobs, /v1/...) itself; use \"https://api.hume.ai\""
    /// );
    /// ```
    pub fn parse(input: &str) -> Result<Self, HumeError> {
        let invalid =
            |why: &str| HumeError::InvalidConfig(format!("invalid base url {input:?}: {why}"));
        let mut url = Url::parse(input.trim()).map_err(|e| invalid(&e.to_string()))?;
        if url.scheme() != "http" && url.scheme() != "https" {
            return Err(invalid("scheme must be http or https"));
        }
        if url.host().is_none() {
            return Err(invalid("missing host"));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(invalid("credentials in the url are not allowed"));
        }
        if url.query().is_some() || url.fragment().is_some() {
            return Err(invalid("query and fragment are not allowed"));
        }
        let path = url.path().trim_end_matches('/').to_owned();
        url.set_path(&path);
        let segments: Vec<String> = path
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_ascii_lowercase)
            .collect();
        if let Some(api) = API_PATHS.iter().find(|api| ends_with(&segments, api)) {
            let keep = segments.len() - api.len();
            let prefix: Vec<&str> = path
                .split('/')
                .filter(|s| !s.is_empty())
                .take(keep)
                .collect();
            let mut fixed = url.clone();
            fixed.set_path(&prefix.join("/"));
            let fixed = fixed.as_str().trim_end_matches('/').to_owned();
            return Err(invalid(&format!(
                "the client appends the api path (/v0/batch/jobs, /v1/...) itself; use {fixed:?}"
            )));
        }
        Ok(Self(url))
    }

    /// The batch (v0) API's production base URL, [`DEFAULT_BASE_URL`].
    pub fn batch_default() -> Self {
        Self(Url::parse(DEFAULT_BASE_URL).expect("the default base url is valid"))
    }

    /// The Expression Measurement API v1's production base URL, [`DEFAULT_V1_BASE_URL`].
    pub fn v1_default() -> Self {
        Self(Url::parse(DEFAULT_V1_BASE_URL).expect("the default v1 base url is valid"))
    }

    /// `true` for `https` URLs.
    pub fn is_https(&self) -> bool {
        self.0.scheme() == "https"
    }

    /// `true` when the host is `localhost` or a literal loopback address (`127.0.0.0/8`,
    /// `::1`). Other names, `*.localhost` included, are not trusted by their spelling: a hosts
    /// file or a DNS answer can point them anywhere (see
    /// [`check_key_transport`](Self::check_key_transport)).
    pub fn is_loopback(&self) -> bool {
        is_loopback_url(&self.0)
    }

    /// The host (and port if explicit), for messages.
    pub fn host_display(&self) -> String {
        match (self.0.host_str(), self.0.port()) {
            (Some(h), Some(p)) => format!("{h}:{p}"),
            (Some(h), None) => h.to_owned(),
            _ => String::new(),
        }
    }

    /// Checks that an API key may be sent to this URL: https, or plain http to a loopback
    /// host: `localhost`, a literal loopback address, or a name whose every address (looked
    /// up now, with the system resolver) is a loopback address.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] for plain http to any other host.
    pub fn check_key_transport(&self) -> Result<(), HumeError> {
        self.check_key_transport_with(|host, port| {
            (host, port)
                .to_socket_addrs()
                .map(|addrs| addrs.map(|a| a.ip()).collect())
        })
    }

    /// [`check_key_transport`](Self::check_key_transport) with names looked up by `resolve`
    /// (host, port → addresses).
    ///
    /// # Errors
    /// As [`check_key_transport`](Self::check_key_transport).
    pub fn check_key_transport_with(
        &self,
        resolve: impl FnOnce(&str, u16) -> std::io::Result<Vec<IpAddr>>,
    ) -> Result<(), HumeError> {
        if self.is_https() || self.is_loopback() {
            return Ok(());
        }
        let refuse = |why: String| {
            Err(HumeError::InvalidConfig(format!(
                "refusing to send the api key over plain http to non-loopback host {}{why}; use https",
                self.host_display()
            )))
        };
        let Some(Host::Domain(name)) = self.0.host() else {
            return refuse(String::new());
        };
        let port = self.0.port_or_known_default().unwrap_or(80);
        match resolve(name, port) {
            Ok(addrs) if !addrs.is_empty() && addrs.iter().all(IpAddr::is_loopback) => Ok(()),
            Ok(addrs) if addrs.is_empty() => refuse(" (it resolves to no address)".into()),
            Ok(addrs) => refuse(format!(
                " (it resolves to {})",
                addrs
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
            Err(e) => refuse(format!(" (looking it up failed: {e})")),
        }
    }

    /// Builds `{base}/v0/batch/{segments…}`; every segment is percent-encoded, so a job id
    /// can never add path segments or a query.
    pub fn endpoint(&self, segments: &[&str]) -> String {
        self.endpoint_url(segments).into()
    }

    /// Like [`endpoint`](Self::endpoint) with query pairs appended (form-encoded, repeated keys
    /// kept in order). No `?` is added when `pairs` is empty.
    pub fn endpoint_with_query<K: AsRef<str>, V: AsRef<str>>(
        &self,
        segments: &[&str],
        pairs: &[(K, V)],
    ) -> String {
        with_query(self.endpoint_url(segments), pairs)
    }

    /// Builds `{base}/v1/expression/{segments…}` (the v1 HTTP endpoints); every segment is
    /// percent-encoded, so a run id can never add path segments or a query.
    pub fn v1_endpoint(&self, segments: &[&str]) -> String {
        self.url_under(&V1_PREFIX, segments).into()
    }

    /// Like [`v1_endpoint`](Self::v1_endpoint) with query pairs appended (form-encoded,
    /// repeated keys kept in order). No `?` is added when `pairs` is empty.
    pub fn v1_endpoint_with_query<K: AsRef<str>, V: AsRef<str>>(
        &self,
        segments: &[&str],
        pairs: &[(K, V)],
    ) -> String {
        with_query(self.url_under(&V1_PREFIX, segments), pairs)
    }

    fn endpoint_url(&self, segments: &[&str]) -> Url {
        self.url_under(&[API_VERSION, API_TYPE], segments)
    }

    /// `{base}/{prefix…}/{segments…}`, each segment percent-encoded.
    fn url_under(&self, prefix: &[&str], segments: &[&str]) -> Url {
        let mut url = self.0.clone();
        {
            // A validated http(s) URL with a host can always be a base.
            if let Ok(mut path) = url.path_segments_mut() {
                path.pop_if_empty();
                for segment in prefix.iter().chain(segments) {
                    path.push(segment);
                }
            }
        }
        url
    }

    /// The URL as a string, without trailing slash.
    pub fn as_str(&self) -> &str {
        self.0.as_str().trim_end_matches('/')
    }
}

/// `url` with `pairs` appended as its query (none: no `?`).
fn with_query<K: AsRef<str>, V: AsRef<str>>(mut url: Url, pairs: &[(K, V)]) -> String {
    if !pairs.is_empty() {
        let mut query = url.query_pairs_mut();
        for (k, v) in pairs {
            query.append_pair(k.as_ref(), v.as_ref());
        }
    }
    url.into()
}

/// `true` when `segments` end with `tail`.
fn ends_with(segments: &[String], tail: &[&str]) -> bool {
    segments.len() >= tail.len()
        && segments[segments.len() - tail.len()..]
            .iter()
            .zip(tail)
            .all(|(a, b)| a == b)
}

/// `true` when the URL's host is `localhost` or a literal loopback address.
pub(crate) fn is_loopback_url(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        Some(Host::Domain(d)) => d.trim_end_matches('.').eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

impl FromStr for BaseUrl {
    type Err = HumeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl fmt::Display for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for BaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BaseUrl({:?})", self.as_str())
    }
}

#[cfg(test)]
mod tests;
