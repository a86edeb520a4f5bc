//! [`Client`]: what the clients of this crate have in common, for the generic builders
//! ([`ClientBuilder`](crate::ClientBuilder), [`SubmitJob`](crate::SubmitJob),
//! [`AwaitCompletion`](crate::AwaitCompletion)).

use std::fmt;
use std::sync::Arc;

use hume_core::{BaseUrl, ClientContext, HumeError};

/// A client of this crate: `HumeBatchClient` or `ExpressionMeasurementClient`, in
/// `hume::blocking` or `hume::asynchronous`. Sealed: it names what the generic builders build
/// or finish with, and cannot be implemented outside this crate.
pub trait Client: sealed::Sealed + Clone + Send + Sync + fmt::Debug + 'static {}

pub(crate) mod sealed {
    use super::*;

    /// The crate-private side of [`Client`](super::Client).
    pub trait Sealed: Sized {
        /// The transport trait object the client sends through (`dyn Transport` or
        /// `dyn AsyncTransport`).
        type Transport: ?Sized + fmt::Debug + Send + Sync;

        /// The base URL of the client's API, used when none is configured.
        fn default_base_url() -> BaseUrl;

        /// The client over a validated context, with `transport` or its built-in one.
        fn from_parts(
            ctx: ClientContext,
            transport: Option<Arc<Self::Transport>>,
        ) -> Result<Self, HumeError>;

        /// The validated configuration every operation is built from.
        fn context(&self) -> &Arc<ClientContext>;
    }
}
