//! [`Resume`]: what a download needs to continue after its body broke off.
//!
//! A body cut short is a failed attempt of the exchange, retried in the same budget as a
//! dropped connection. Before the retry the operation asks: can the bytes already written be
//! kept? Only when the server said `Accept-Ranges: bytes` and the partial download can be tied
//! to the same entity: a strong `ETag` (sent back as `If-Range`) or a known total length
//! (checked against `Content-Range`). Then the next attempt asks for `Range: bytes=N-` and a
//! `206` whose `Content-Range` starts at N (and totals the same) continues the download.
//! Anything else starts again from byte 0: a `200` (the server ignored the range, or `If-Range`
//! did not match), a `416`, or a `206` for other bytes. The partial [`Download`] is dropped
//! then, and its temporary file with it, so a destination is never a partial file.

use http::header::{ACCEPT_RANGES, CONTENT_RANGE, ETAG, IF_RANGE, RANGE};
use http::{HeaderMap, HeaderValue, StatusCode};

use super::Action;
use super::head::Head;
use crate::download::{Download, content_length};

/// The resume state of one download operation.
#[derive(Debug, Default)]
pub(crate) struct Resume {
    /// The server offered byte ranges on the last full response.
    ranges: bool,
    /// Its strong entity tag.
    validator: Option<HeaderValue>,
    /// Its total length.
    total: Option<u64>,
    /// The download to continue with the next `206`.
    partial: Option<Download>,
}

/// What to do with a response that came while a resume was pending.
pub(crate) enum Continue<T> {
    /// The `206` continues the partial download: stream the rest into it.
    Stream(Download),
    /// The response is useless for the partial download; it was dropped: send this.
    Restart(Action<T>),
    /// Not a resume answer: handle the response as usual (the partial download was dropped).
    Fresh,
}

impl Resume {
    /// Notes what a full (`200`) response offers, drops any partial download (the body starts
    /// from byte 0) and stops asking for a range.
    pub(crate) fn fresh(&mut self, headers: &HeaderMap, head: &mut Head) {
        self.ranges = headers
            .get(ACCEPT_RANGES)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|u| u.trim().eq_ignore_ascii_case("bytes")));
        self.validator = headers
            .get(ETAG)
            .filter(|tag| !tag.as_bytes().starts_with(b"W/"))
            .cloned();
        self.total = content_length(headers);
        self.partial = None;
        head.set_header(RANGE, None);
        head.set_header(IF_RANGE, None);
    }

    /// The body broke off after `download.received()` bytes: keeps the download and asks the
    /// next attempt for the rest when the server allows it, otherwise drops it (its file goes)
    /// and asks for the whole body again.
    pub(crate) fn interrupted(&mut self, download: Download, head: &mut Head) {
        let offset = download.received();
        let resumable = self.ranges
            && offset > 0
            && (self.validator.is_some() || self.total.is_some())
            && self.total.is_none_or(|total| offset < total);
        if !resumable {
            tracing::debug!(offset, "download broke off; starting again from byte 0");
            self.partial = None;
            head.set_header(RANGE, None);
            head.set_header(IF_RANGE, None);
            return;
        }
        tracing::debug!(offset, "download broke off; resuming with a range request");
        head.set_header(
            RANGE,
            HeaderValue::from_str(&format!("bytes={offset}-")).ok(),
        );
        head.set_header(IF_RANGE, self.validator.clone());
        self.partial = Some(download);
    }

    /// Takes the final response head of an attempt (`status`, `headers`) when a resume is
    /// pending; see [`Continue`].
    pub(crate) fn on_response<T>(
        &mut self,
        status: StatusCode,
        headers: &HeaderMap,
        head: &mut Head,
    ) -> Continue<T> {
        let Some(mut partial) = self.partial.take() else {
            return Continue::Fresh;
        };
        let restart = |this: &mut Self, head: &mut Head| {
            this.ranges = false;
            head.set_header(RANGE, None);
            head.set_header(IF_RANGE, None);
            Continue::Restart(head.resend())
        };
        match status {
            StatusCode::PARTIAL_CONTENT => match content_range(headers) {
                Some((start, total))
                    if start == partial.received()
                        && (total.is_none() || self.total.is_none() || total == self.total) =>
                {
                    if let Some(total) = total.or(self.total) {
                        partial.set_expected(Some(total));
                    }
                    head.set_header(RANGE, None);
                    head.set_header(IF_RANGE, None);
                    Continue::Stream(partial)
                }
                // Other bytes than asked for, or another entity: start again.
                _ => restart(self, head),
            },
            StatusCode::RANGE_NOT_SATISFIABLE => restart(self, head),
            _ => {
                head.set_header(RANGE, None);
                head.set_header(IF_RANGE, None);
                Continue::Fresh
            }
        }
    }
}

/// `Content-Range: bytes first-last/total` as `(first, total)` (`total` `None` for `*`).
fn content_range(headers: &HeaderMap) -> Option<(u64, Option<u64>)> {
    let value = headers.get(CONTENT_RANGE)?.to_str().ok()?.trim();
    let spec = value.strip_prefix("bytes ")?;
    let (range, total) = spec.split_once('/')?;
    let (first, last) = range.trim().split_once('-')?;
    let first: u64 = first.trim().parse().ok()?;
    let last: u64 = last.trim().parse().ok()?;
    if last < first {
        return None;
    }
    let total = match total.trim() {
        "*" => None,
        t => Some(t.parse::<u64>().ok().filter(|t| *t > last)?),
    };
    Some((first, total))
}

#[cfg(test)]
mod tests;
