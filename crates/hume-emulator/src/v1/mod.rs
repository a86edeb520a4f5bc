//! The state behind the v1 endpoints ([`V1State`]): the run store, the `face_state` and
//! cursor keys, and the id source. The HTTP side is `routes::v1`; the synthesis `synth::v1`.
//!
//! | module | what |
//! |---|---|
//! | [`runs`] | [`RunStore`]: runs, newest first, bounded; filters; event logs |
//! | [`run_events`] | one run's event log with its per-kind limit |
//! | [`cursor`] | sealed, opaque page cursors |
//! | [`ids`] | run and request ids |
//! | [`caller`] | the user and `face_state` audience of a credential |
//! | [`sessions`] | the realtime sessions open now, within the cap |

pub(crate) mod caller;
pub(crate) mod cursor;
pub(crate) mod ids;
pub(crate) mod run_events;
pub(crate) mod runs;
pub(crate) mod sessions;

pub(crate) use caller::Caller;
pub(crate) use cursor::{CursorKey, CursorPurpose};
pub(crate) use ids::IdSource;
pub(crate) use runs::{RunFilter, RunKey, RunStore};
pub(crate) use sessions::{SessionRegistry, SessionSlot};

use jiff::Timestamp;

use crate::config::EmulatorConfig;
use crate::synth::v1::FaceStateKey;

/// Now, to the millisecond: what run and event timestamps are reported in (clients such as the
/// official SDK's pydantic models read at most microseconds).
pub(crate) fn now() -> Timestamp {
    let now = Timestamp::now();
    Timestamp::from_millisecond(now.as_millisecond()).unwrap_or(now)
}

/// What the v1 handlers share.
#[derive(Debug)]
pub(crate) struct V1State {
    /// Every run recorded.
    pub(crate) runs: RunStore,
    /// Signs and checks `face_state` tokens.
    pub(crate) face_state: FaceStateKey,
    /// Seals and opens page cursors.
    pub(crate) cursors: CursorKey,
    /// Run and request ids.
    pub(crate) ids: IdSource,
    /// The realtime sessions open now.
    pub(crate) sessions: SessionRegistry,
}

impl V1State {
    /// The state of a new emulator: the configured secret or a random one, an empty store.
    pub(crate) fn new(config: &EmulatorConfig) -> V1State {
        let secret: Vec<u8> = match &config.v1.face_state_secret {
            Some(secret) => secret.to_vec(),
            None => random_secret().to_vec(),
        };
        V1State {
            runs: RunStore::new(config.v1.max_runs, config.v1.max_events_per_kind),
            face_state: FaceStateKey::new(&secret),
            cursors: CursorKey::new(&secret),
            ids: IdSource::new(config.seed ^ 0x7631_5f72_756e_7321),
            sessions: SessionRegistry::new(config.v1.realtime.max_sessions),
        }
    }
}

/// 32 bytes from the operating system's generator (through `uuid`'s v4 source): a secret no
/// earlier emulator had, so its tokens are not accepted by this one.
fn random_secret() -> [u8; 32] {
    let mut secret = [0u8; 32];
    secret[..16].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    secret[16..].copy_from_slice(uuid::Uuid::new_v4().as_bytes());
    secret
}
