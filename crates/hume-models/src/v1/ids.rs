//! Identifiers of the v1 API: [`RunId`], [`SessionId`], [`RequestId`], and the opaque
//! [`FaceState`] token.
//!
//! All are opaque strings chosen by the server; this crate never looks inside them. They are
//! separate types so a run id cannot be passed where a request id is expected.

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident, $kind:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[derive(::serde::Serialize, ::serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// Wraps a value received from the server (or typed by a user).
            pub fn new(id: impl Into<String>) -> Self {
                $name(id.into())
            }

            /// The value as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The value as an owned string.
            pub fn into_string(self) -> String {
                self.0
            }

            /// Is the value empty?
            pub fn is_empty(&self) -> bool {
                self.0.is_empty()
            }

            /// Checks that the value is safe as one URL path segment and one file name
            /// (see [`check_id`](crate::path_segment::check_id)); clients call it before
            /// putting an id the server sent into a URL.
            ///
            /// # Errors
            /// [`InvalidId`](crate::path_segment::InvalidId) naming the rule it breaks.
            pub fn check(&self) -> Result<(), crate::path_segment::InvalidId> {
                crate::path_segment::check_id($kind, &self.0)
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok($name(s.to_owned()))
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl From<String> for $name {
            fn from(s: String) -> Self {
                $name(s)
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> Self {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

string_id!(
    /// Identifies a run: the record the server keeps of one file request or one realtime
    /// session. A file response's `run_id`; a realtime session's `session_id`. Pass it to the
    /// run endpoints (`GET /v1/expression/run/{run_id}`).
    RunId,
    "run id"
);

string_id!(
    /// Identifies a realtime session (from `session.created`). It is also the [`RunId`] of the
    /// run the session is recorded as ([`SessionId::run_id`]); quote it when asking Hume's
    /// support about a session.
    SessionId,
    "session id"
);

string_id!(
    /// Identifies one HTTP request in Hume's records (in every file response and error body).
    /// Quote it when asking Hume's support about a request.
    RequestId,
    "request id"
);

string_id!(
    /// An opaque token returned by an image request made with `return_face_state`. Passed
    /// back unchanged as `face_state` in a later request (within 24 hours, see
    /// [`FACE_STATE_TTL_SECS`](crate::v1::limits::FACE_STATE_TTL_SECS)), it makes `face_id`
    /// numbering continue from the faces the earlier request saw. The server ignores a token
    /// that has expired, was altered or belongs to another organisation (numbering restarts at
    /// 0); that is not an error.
    FaceState,
    "face state"
);

impl SessionId {
    /// The id of the run this session is recorded as (the same string).
    pub fn run_id(&self) -> RunId {
        RunId(self.0.clone())
    }
}

impl From<SessionId> for RunId {
    fn from(id: SessionId) -> Self {
        RunId(id.0)
    }
}
