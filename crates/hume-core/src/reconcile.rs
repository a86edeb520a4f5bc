//! Exactly-once submission without server idempotency keys: what the
//! [`Submit`](crate::Submit) operation uses to find out whether a submission that failed after
//! it may have reached the server created a job.
//!
//! After such a failure the client lists the jobs created since just before it first sent the
//! request, by the server's clock: once the client has seen the creation time of a job it
//! submitted, it knows that clock to within a round trip ([`ServerClock`]) and the listing
//! starts 2 s before the send (at most [`ReconcilePolicy::clock_skew`]); before that, it
//! starts [`ReconcilePolicy::clock_skew`] before. It compares each job's echoed request with
//! what it sent ([`echoes`]: URLs, text, models, transcription, callback URL, notify, and
//! uploaded files by name and MD5). Jobs this client has already
//! returned from a submit are *claimed* ([`SubmitRegistry`]) and never considered.
//!
//! - Exactly one unclaimed match, and no identical submission of this client in flight: that
//!   is the job; the submit returns it.
//! - No match, still none after [`ReconcilePolicy::settle`]: no job was created, so sending
//!   again is safe, and the submit does (at most [`ReconcilePolicy::max_resends`] times).
//! - More than one match, or matches while an identical submission is in flight: which one is
//!   ours cannot be told. [`HumeError::SubmitUncertain`](crate::HumeError::SubmitUncertain)
//!   carries the candidate ids; nothing is guessed.
//!
//! What it cannot promise: a job that becomes visible in listings only after the settle time
//! is created twice (the resend); an identical request sent by another client or process in the
//! same window makes the match ambiguous (reported, not guessed), or, if this client's own
//! job was never created, is taken for it; a server clock more than the allowed skew behind
//! the client's (or, once learned, one whose offset moved by more than 2 s) hides the job from
//! the listing; a local file changed since it was sent cannot be matched by MD5 (reported as
//! uncertain).

mod digest;
mod matching;
mod policy;
mod registry;
mod server_clock;

pub use self::digest::{FileKey, FilesToHash, file_keys};
pub use self::matching::echoes;
pub use self::policy::ReconcilePolicy;
pub use self::registry::{InFlight, SubmitRegistry};
pub use self::server_clock::ServerClock;
