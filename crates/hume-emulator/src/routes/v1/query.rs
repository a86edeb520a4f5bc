//! Strict reading of the run endpoints' query strings: only the documented parameters, each at
//! most once and not empty, every value valid; anything else is 400 `invalid_request` naming
//! the parameter (a typo such as `pagesize` is refused rather than silently ignored).

use std::collections::BTreeMap;

use axum::extract::Query;
use axum::http::Uri;

use super::error::V1Error;

/// `page_size` when none is given (the documented default).
pub(crate) const DEFAULT_PAGE_SIZE: usize = 50;
/// The largest `page_size` (the documented range of the events endpoint, 1–200; the run list
/// documents none, and the emulator applies the same).
pub(crate) const MAX_PAGE_SIZE: usize = 200;

/// The parameters of a query string, by name.
pub(crate) type Params = BTreeMap<String, String>;

/// Decodes `uri`'s query, allowing only the names in `allowed`.
pub(crate) fn params(uri: &Uri, allowed: &[&str]) -> Result<Params, V1Error> {
    let Query(pairs) = Query::<Vec<(String, String)>>::try_from_uri(uri)
        .map_err(|e| V1Error::invalid_request(format!("the query string is malformed: {e}")))?;
    let mut params = Params::new();
    for (name, value) in pairs {
        if !allowed.contains(&name.as_str()) {
            let expected = allowed
                .iter()
                .map(|a| format!("`{a}`"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(V1Error::invalid_request(format!(
                "unknown query parameter `{name}`; expected {expected}"
            )));
        }
        if value.is_empty() {
            return Err(V1Error::invalid_request(format!(
                "`{name}` must not be empty (leave it out instead)"
            )));
        }
        if params.insert(name.clone(), value).is_some() {
            return Err(V1Error::invalid_request(format!(
                "`{name}` is given more than once"
            )));
        }
    }
    Ok(params)
}

/// `page_size`: a whole number from 1 to [`MAX_PAGE_SIZE`], default [`DEFAULT_PAGE_SIZE`].
pub(crate) fn page_size(params: &Params) -> Result<usize, V1Error> {
    let Some(value) = params.get("page_size") else {
        return Ok(DEFAULT_PAGE_SIZE);
    };
    match value.parse::<usize>() {
        Ok(n) if (1..=MAX_PAGE_SIZE).contains(&n) => Ok(n),
        _ => Err(V1Error::invalid_request(format!(
            "`page_size` must be a whole number from 1 to {MAX_PAGE_SIZE}, not {value:?}"
        ))),
    }
}

#[cfg(test)]
mod tests;
