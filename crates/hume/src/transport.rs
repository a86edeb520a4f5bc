//! What a custom transport needs: the transport traits, the request and response types, and
//! the transport error. Plug one in with `HumeBatchClient::builder().transport(..)`.
//!
//! The built-in transports (ureq for `hume::blocking`, reqwest for
//! `hume::asynchronous`) need none of this.

pub use hume_core::{
    AsyncBody, AsyncBodySource, AsyncTransport, BlockingBody, FnTransport, HttpRequest,
    HttpResponse, MultipartBody, RequestBody, SendState, Transport, TransportError,
    TransportErrorKind, async_transport_fn, transport_fn,
};
