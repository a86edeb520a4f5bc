//! v1 authentication: an API key in `X-Hume-Api-Key` or an access token in
//! `Authorization: Bearer <token>`, checked before anything else (after the request id).
//!
//! - No credential (or an empty one): `401 {"message"}`.
//! - A rejected API key: `401 {"message", "request_id"}`; a rejected token: `401 {"message"}`
//!   (the docs: a `request_id` only "when an API key was rejected").
//! - The emulator issues no tokens: a bearer token passes when it would pass as a key (the
//!   configured key, or any non-empty one with `--any-api-key`).
//! - Both headers (the official SDK's async client sends both when given a token): the request
//!   passes when either credential does.
//! - A key or token configured as forbidden (`V1Config::with_forbidden_key`) authenticates but
//!   gets `403 forbidden`.
//!
//! The accepted credential becomes the request's [`Caller`].

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::drain::answer_after_draining;
use super::error::{V1Error, unauthorized};
use super::request_id::ctx_of;
use crate::routes::auth::API_KEY_HEADER;
use crate::state::AppState;
use crate::v1::Caller;

/// Checks the credential and attaches the [`Caller`]. A refusal is sent after the request's
/// body has been read ([`answer_after_draining`]), so an uploading client gets the answer.
pub(crate) async fn authenticate(
    State(state): State<Arc<AppState>>,
    mut request: Request,
    next: Next,
) -> Response {
    match caller(&state, &request) {
        Ok(caller) => {
            request.extensions_mut().insert(caller);
            next.run(request).await.into_response()
        }
        Err(refusal) => answer_after_draining(request, *refusal).await,
    }
}

/// The caller the request's credential names, or the refusal to send.
fn caller(state: &AppState, request: &Request) -> Result<Caller, Box<Response>> {
    let ctx = ctx_of(request, state);
    let headers = request.headers();
    // A header that is not valid text cannot match any key: keep it as a rejected value.
    let key = headers
        .get(API_KEY_HEADER)
        .map(|v| v.to_str().unwrap_or("\u{0}").trim().to_owned())
        .filter(|k| !k.is_empty());
    let authorization = headers
        .get(header::AUTHORIZATION)
        .map(|v| v.to_str().unwrap_or("\u{0}").trim().to_owned())
        .filter(|a| !a.is_empty());
    let token = match &authorization {
        Some(value) => match bearer_token(value) {
            Some(token) => Some(token.to_owned()),
            None if key.is_none() => {
                return Err(Box::new(unauthorized(
                    "the Authorization header must be `Bearer <access token>`",
                    None,
                )));
            }
            None => None,
        },
        None => None,
    };
    if key.is_none() && token.is_none() {
        return Err(Box::new(unauthorized(
            "missing credential: send an API key in X-Hume-Api-Key or an access token in Authorization: Bearer",
            None,
        )));
    }
    let v1 = &state.config.v1;
    let policy = &state.config.api_key;
    let presented = key.iter().chain(token.iter());
    if presented.clone().any(|c| v1.is_forbidden(c)) {
        let forbidden =
            V1Error::forbidden("this API key may not use the Expression Measurement API v1");
        return Err(Box::new(forbidden.into_response_for(&ctx.request_id)));
    }
    let Some(accepted) = presented.clone().find(|c| policy.accepts(c)).cloned() else {
        return Err(Box::new(match key {
            Some(_) => unauthorized("invalid API key", Some(&ctx.request_id)),
            None => unauthorized("invalid or expired access token", None),
        }));
    };
    Ok(Caller::from_credential(&accepted))
}

/// The token of `Bearer <token>` (scheme case-insensitive), if the value has that form.
fn bearer_token(value: &str) -> Option<&str> {
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[cfg(test)]
mod tests;
