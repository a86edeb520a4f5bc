//! [`ProxyConfig`]: which requests go through a proxy, read once from the environment and
//! applied the same way by both transports.
//!
//! The usual variables are honoured (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY`, `NO_PROXY`,
//! upper or lower case, upper case first), with two rules the backends' own environment
//! handling does not have:
//!
//! - **Loopback targets never go through a proxy** (`localhost`, `*.localhost`, `127.0.0.0/8`,
//!   `::1`): a proxy cannot reach the caller's loopback anyway, and the key would leave the
//!   machine for nothing. So an emulator on 127.0.0.1 works whatever proxy is set.
//! - **Plain http through a proxy is refused** ([`Route`] is an error): the proxy would read
//!   the request, `X-Hume-Api-Key` included, in cleartext. https goes through a proxy inside
//!   a `CONNECT` tunnel, which the proxy cannot read.

use std::net::IpAddr;

use url::{Host, Url};

use crate::HumeError;

/// The proxy variables, checked in this order (the first set and non-blank one wins).
const HTTPS_VARS: [&str; 2] = ["HTTPS_PROXY", "https_proxy"];
const HTTP_VARS: [&str; 2] = ["HTTP_PROXY", "http_proxy"];
const ALL_VARS: [&str; 2] = ["ALL_PROXY", "all_proxy"];
const NO_PROXY_VARS: [&str; 2] = ["NO_PROXY", "no_proxy"];

/// How one request reaches its target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// Connect to the target itself.
    Direct,
    /// Tunnel through this proxy (its URL; `CONNECT`, https targets only).
    Proxy(String),
}

/// The proxies of the environment and the hosts that bypass them; see the
/// [module docs](self).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProxyConfig {
    http: Option<Url>,
    https: Option<Url>,
    all: Option<Url>,
    no_proxy: Vec<NoProxyEntry>,
}

impl ProxyConfig {
    /// No proxy at all.
    pub fn none() -> Self {
        Self::default()
    }

    /// The proxies the environment names. A variable whose value is not a URL is ignored
    /// (and logged), as curl and the backends do.
    pub fn from_env() -> Self {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// [`from_env`](Self::from_env) with the variables read through `var`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Self {
        let first = |names: [&'static str; 2]| {
            names.iter().find_map(|name| {
                var(name)
                    .filter(|v| !v.trim().is_empty())
                    .map(|v| (*name, v))
            })
        };
        let proxy = |names| {
            let (name, value) = first(names)?;
            match parse_proxy(&value) {
                Ok(url) => Some(url),
                Err(_) => {
                    tracing::warn!(
                        variable = name,
                        "ignoring a proxy variable that is not a url"
                    );
                    None
                }
            }
        };
        Self {
            https: proxy(HTTPS_VARS),
            http: proxy(HTTP_VARS),
            all: proxy(ALL_VARS),
            no_proxy: first(NO_PROXY_VARS)
                .map(|(_, v)| v.split(',').filter_map(NoProxyEntry::parse).collect())
                .unwrap_or_default(),
        }
    }

    /// Routes every https request (not bypassed) through `proxy` (tests, or a proxy chosen
    /// in code).
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when `proxy` is not a URL with a host.
    pub fn with_https_proxy(mut self, proxy: &str) -> Result<Self, HumeError> {
        self.https = Some(parse_proxy(proxy)?);
        Ok(self)
    }

    /// Names a proxy for plain http requests, which [`route`](Self::route) then refuses.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] when `proxy` is not a URL with a host.
    pub fn with_http_proxy(mut self, proxy: &str) -> Result<Self, HumeError> {
        self.http = Some(parse_proxy(proxy)?);
        Ok(self)
    }

    /// Adds `NO_PROXY` entries (comma separated: hosts, `.domain` suffixes, IPs, CIDRs, `*`).
    #[must_use]
    pub fn with_no_proxy(mut self, entries: &str) -> Self {
        self.no_proxy
            .extend(entries.split(',').filter_map(NoProxyEntry::parse));
        self
    }

    /// The proxy https requests tunnel through, if any (`HTTPS_PROXY`, else `ALL_PROXY`):
    /// the only proxy a request can [`route`](Self::route) to.
    pub fn tunnel(&self) -> Option<&str> {
        self.https.as_ref().or(self.all.as_ref()).map(Url::as_str)
    }

    /// `true` when no proxy is configured.
    pub fn is_empty(&self) -> bool {
        self.http.is_none() && self.https.is_none() && self.all.is_none()
    }

    /// How a request to `target` travels.
    ///
    /// # Errors
    /// [`HumeError::InvalidConfig`] for a plain http target a proxy would carry (its
    /// cleartext would show the key to the proxy), and for a target that is not a URL.
    pub fn route(&self, target: &str) -> Result<Route, HumeError> {
        let url = Url::parse(target).map_err(|e| {
            HumeError::InvalidConfig(format!("cannot route request: invalid url: {e}"))
        })?;
        self.route_url(&url)
    }

    /// [`route`](Self::route) for a parsed URL.
    ///
    /// # Errors
    /// As [`route`](Self::route).
    pub fn route_url(&self, target: &Url) -> Result<Route, HumeError> {
        if is_local_host(target) || self.bypassed(target) {
            return Ok(Route::Direct);
        }
        match target.scheme() {
            "https" => Ok(match self.tunnel() {
                Some(proxy) => Route::Proxy(proxy.to_owned()),
                None => Route::Direct,
            }),
            _ => match self.http.as_ref().or(self.all.as_ref()) {
                Some(proxy) => Err(HumeError::InvalidConfig(format!(
                    "refusing to send a plain http request to {} through the proxy {}: the \
                     proxy would read it, api key included, in cleartext; use https, or add \
                     the host to NO_PROXY",
                    target.host_str().unwrap_or_default(),
                    proxy_display(proxy)
                ))),
                None => Ok(Route::Direct),
            },
        }
    }

    fn bypassed(&self, target: &Url) -> bool {
        self.no_proxy.iter().any(|entry| entry.matches(target))
    }
}

/// A proxy URL; `host:port` without a scheme means an http proxy.
fn parse_proxy(value: &str) -> Result<Url, HumeError> {
    let value = value.trim();
    let parsed = if value.contains("://") {
        Url::parse(value)
    } else {
        Url::parse(&format!("http://{value}"))
    };
    match parsed {
        Ok(url) if url.host().is_some() => Ok(url),
        _ => Err(HumeError::InvalidConfig(
            "a proxy must be a url with a host".into(),
        )),
    }
}

/// `scheme://host:port` of a proxy, without the credentials it may carry.
fn proxy_display(proxy: &Url) -> String {
    match proxy.port() {
        Some(port) => format!(
            "{}://{}:{port}",
            proxy.scheme(),
            proxy.host_str().unwrap_or_default()
        ),
        None => format!(
            "{}://{}",
            proxy.scheme(),
            proxy.host_str().unwrap_or_default()
        ),
    }
}

/// `localhost`, a `*.localhost` name or a loopback address: never proxied.
fn is_local_host(url: &Url) -> bool {
    match url.host() {
        Some(Host::Ipv4(ip)) => ip.is_loopback(),
        Some(Host::Ipv6(ip)) => ip.is_loopback(),
        Some(Host::Domain(d)) => {
            let d = d.trim_end_matches('.').to_ascii_lowercase();
            d == "localhost" || d.ends_with(".localhost")
        }
        None => false,
    }
}

/// One `NO_PROXY` entry.
#[derive(Debug, Clone, PartialEq, Eq)]
enum NoProxyEntry {
    /// `*`: nothing is proxied.
    All,
    /// An address, or a network (`10.0.0.0/8`).
    Network(IpAddr, u8),
    /// A domain and its subdomains (`example.com`, `.example.com`).
    Domain(String),
}

impl NoProxyEntry {
    fn parse(entry: &str) -> Option<Self> {
        let entry = entry.trim().to_ascii_lowercase();
        if entry.is_empty() {
            return None;
        }
        if entry == "*" {
            return Some(Self::All);
        }
        let (addr, bits) = match entry.split_once('/') {
            Some((addr, bits)) => (addr, bits.parse::<u8>().ok()),
            None => (entry.as_str(), None),
        };
        let addr = addr.trim_start_matches('[').trim_end_matches(']');
        if let Ok(ip) = addr.parse::<IpAddr>() {
            let max = if ip.is_ipv4() { 32 } else { 128 };
            return Some(Self::Network(ip, bits.unwrap_or(max).min(max)));
        }
        // `host:port`: the port is not compared.
        let host = entry.rsplit_once(':').map_or(entry.as_str(), |(h, _)| h);
        let host = host.trim_start_matches("*.").trim_start_matches('.');
        (!host.is_empty()).then(|| Self::Domain(host.trim_end_matches('.').to_owned()))
    }

    fn matches(&self, url: &Url) -> bool {
        match (self, url.host()) {
            (Self::All, _) => true,
            (Self::Network(net, bits), Some(Host::Ipv4(ip))) => in_network(*net, *bits, ip.into()),
            (Self::Network(net, bits), Some(Host::Ipv6(ip))) => in_network(*net, *bits, ip.into()),
            (Self::Domain(domain), Some(Host::Domain(host))) => {
                let host = host.trim_end_matches('.').to_ascii_lowercase();
                host == *domain
                    || host
                        .strip_suffix(domain.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            }
            _ => false,
        }
    }
}

/// `true` when `ip` is in `net/bits`.
fn in_network(net: IpAddr, bits: u8, ip: IpAddr) -> bool {
    match (net, ip) {
        (IpAddr::V4(net), IpAddr::V4(ip)) => {
            let mask = u32::MAX.checked_shl(32 - u32::from(bits)).unwrap_or(0);
            u32::from(net) & mask == u32::from(ip) & mask
        }
        (IpAddr::V6(net), IpAddr::V6(ip)) => {
            let mask = u128::MAX.checked_shl(128 - u32::from(bits)).unwrap_or(0);
            u128::from(net) & mask == u128::from(ip) & mask
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests;
