//! Redirect following done by hume-core itself (transports never follow redirects).
//!
//! A same-origin redirect keeps every header, including `X-Hume-Api-Key`. A cross-origin one
//! (another scheme, host or port) drops the credentials: `X-Hume-Api-Key`, `Authorization`,
//! `Proxy-Authorization` and `Cookie`. 303, and 301/302 after anything but GET/HEAD, become a
//! body-less GET; 307/308 repeat the method and body (bodies are re-sendable).

use http::header::{
    AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, COOKIE, LOCATION, PROXY_AUTHORIZATION,
};
use http::{HeaderMap, HeaderName, Method, StatusCode};
use url::Url;

use crate::body::RequestBody;
use crate::http::HttpRequest;
use crate::{API_KEY_HEADER, HumeError};

/// Default maximum number of redirects followed for one request.
pub const DEFAULT_MAX_REDIRECTS: u32 = 5;

/// Follows the redirects of one logical request, counting hops.
#[derive(Debug, Clone)]
pub struct RedirectState {
    max: u32,
    hops: u32,
}

impl RedirectState {
    /// Allows at most `max` redirects (0: redirects are errors).
    pub fn new(max: u32) -> Self {
        Self { max, hops: 0 }
    }

    /// The redirect limit.
    pub fn limit(&self) -> u32 {
        self.max
    }

    /// Redirects followed so far.
    pub fn hops(&self) -> u32 {
        self.hops
    }

    /// Given the request just sent and the response head it got, returns the next request to
    /// send, or `None` if the response is not a redirect (a 3xx without `Location` is final).
    ///
    /// # Errors
    /// [`HumeError::TooManyRedirects`] past the limit; [`HumeError::BadRedirect`] for a
    /// `Location` that is not a valid http(s) URL.
    pub fn next(
        &mut self,
        sent: &HttpRequest,
        status: StatusCode,
        headers: &HeaderMap,
    ) -> Result<Option<HttpRequest>, HumeError> {
        if !matches!(status.as_u16(), 301 | 302 | 303 | 307 | 308) {
            return Ok(None);
        }
        let Some(location) = headers.get(LOCATION) else {
            return Ok(None);
        };
        let location_text = String::from_utf8_lossy(location.as_bytes())
            .chars()
            .take(200)
            .collect::<String>();
        if self.hops >= self.max {
            return Err(HumeError::TooManyRedirects { limit: self.max });
        }
        let bad = || HumeError::BadRedirect {
            location: location_text.clone(),
        };
        let from = Url::parse(&sent.url).map_err(|_| bad())?;
        let to = from
            .join(location.to_str().map_err(|_| bad())?)
            .map_err(|_| bad())?;
        if to.scheme() != "http" && to.scheme() != "https" {
            return Err(bad());
        }
        self.hops += 1;

        let mut next = sent.clone();
        next.url = to.to_string();
        let to_get = status == StatusCode::SEE_OTHER
            || (matches!(status.as_u16(), 301 | 302)
                && sent.method != Method::GET
                && sent.method != Method::HEAD);
        if to_get {
            if sent.method != Method::HEAD {
                next.method = Method::GET;
            }
            next.body = RequestBody::Empty;
            next.headers.remove(CONTENT_TYPE);
            next.headers.remove(CONTENT_LENGTH);
        }
        if from.origin() != to.origin() {
            for name in [
                HeaderName::from_static(API_KEY_HEADER),
                AUTHORIZATION,
                PROXY_AUTHORIZATION,
                COOKIE,
            ] {
                next.headers.remove(name);
            }
        }
        Ok(Some(next))
    }
}

impl Default for RedirectState {
    fn default() -> Self {
        Self::new(DEFAULT_MAX_REDIRECTS)
    }
}

#[cfg(test)]
mod tests;
