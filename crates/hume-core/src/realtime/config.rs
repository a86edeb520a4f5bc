//! [`SessionConfig`]: how a realtime session behaves (not what the server measures: that is
//! the endpoint's `session.update`), and [`StreamMode`].

use std::time::Duration;

use super::keepalive::KeepalivePolicy;
use super::pacing::DEFAULT_AUDIO_BURST;
use super::reconnect::ReconnectPolicy;

/// Where the frames come from, which decides what happens to a frame that cannot go or was
/// not measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum StreamMode {
    /// A recording (a file, a stored stream): every frame matters and none is stale. Frames
    /// wait for the send budget; a `rate_limited` frame is sent again (and a video frame
    /// failed by a retryable `internal_error`, once); after a reconnect, video frames still
    /// unanswered and the audio of the utterance in progress are sent again.
    #[default]
    Recording,
    /// A live source (a camera, a microphone): staying current matters more than every frame.
    /// A video frame the send budget has no room for is dropped at once, frames submitted
    /// while no session is open are dropped, a `rate_limited` frame is handed back
    /// ([`SessionEvent::Rejected`](super::SessionEvent::Rejected)) and nothing is sent again
    /// after a reconnect ([`SessionEvent::Lost`](super::SessionEvent::Lost) lists the video
    /// frames whose replies will never come).
    Live,
}

/// How a [`Session`](super::Session) behaves. Builder-lite:
/// `SessionConfig::default().with_mode(StreamMode::Live)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SessionConfig {
    mode: StreamMode,
    reconnect: ReconnectPolicy,
    keepalive: Option<KeepalivePolicy>,
    handshake_timeout: Duration,
    drain_timeout: Duration,
    close_grace: Duration,
    audio_burst: Duration,
    audio_replay: Duration,
}

impl Default for SessionConfig {
    /// A recording, the SDKs' reconnect policy, pings after 20 s of quiet, 10 s for
    /// `session.created`, 30 s to drain, 5 s for the server to close after `session.closed`,
    /// a 250 ms audio burst, up to 10 s of audio re-sent after a reconnect.
    fn default() -> Self {
        SessionConfig {
            mode: StreamMode::Recording,
            reconnect: ReconnectPolicy::default(),
            keepalive: Some(KeepalivePolicy::default()),
            handshake_timeout: Duration::from_secs(10),
            drain_timeout: Duration::from_secs(30),
            close_grace: Duration::from_secs(5),
            audio_burst: DEFAULT_AUDIO_BURST,
            audio_replay: Duration::from_secs(10),
        }
    }
}

impl SessionConfig {
    /// Recording or live source.
    pub fn with_mode(mut self, mode: StreamMode) -> Self {
        self.mode = mode;
        self
    }

    /// When and how to reconnect ([`ReconnectPolicy::disabled`] to never).
    pub fn with_reconnect(mut self, reconnect: ReconnectPolicy) -> Self {
        self.reconnect = reconnect;
        self
    }

    /// WebSocket pings (`None`: no pings, and no dead-connection detection either).
    pub fn with_keepalive(mut self, keepalive: Option<KeepalivePolicy>) -> Self {
        self.keepalive = keepalive;
        self
    }

    /// How long the server has to send `session.created` once the connection is open.
    pub fn with_handshake_timeout(mut self, timeout: Duration) -> Self {
        self.handshake_timeout = timeout;
        self
    }

    /// Once [`close`](super::Session::close) is called and every frame is sent, how long the
    /// answers still due and `session.closed` may take.
    pub fn with_drain_timeout(mut self, timeout: Duration) -> Self {
        self.drain_timeout = timeout;
        self
    }

    /// How long the server has to close the connection after `session.closed` before the
    /// client closes it.
    pub fn with_close_grace(mut self, grace: Duration) -> Self {
        self.close_grace = grace;
        self
    }

    /// Audio credit that builds up while nothing is sent ([`AudioPacer`](super::AudioPacer)).
    pub fn with_audio_burst(mut self, burst: Duration) -> Self {
        self.audio_burst = burst;
        self
    }

    /// Most audio a recording sends again after a reconnect (the utterance the server was
    /// measuring, up to this much; zero turns it off). The frames are kept until then, so
    /// this is also the memory a session holds on to.
    pub fn with_audio_replay(mut self, replay: Duration) -> Self {
        self.audio_replay = replay;
        self
    }

    /// Recording or live source.
    pub fn mode(&self) -> StreamMode {
        self.mode
    }

    /// The reconnect policy.
    pub fn reconnect(&self) -> ReconnectPolicy {
        self.reconnect
    }

    /// The keepalive policy, if pings are on.
    pub fn keepalive(&self) -> Option<KeepalivePolicy> {
        self.keepalive
    }

    /// How long the server has to send `session.created`.
    pub fn handshake_timeout(&self) -> Duration {
        self.handshake_timeout
    }

    /// How long draining may take.
    pub fn drain_timeout(&self) -> Duration {
        self.drain_timeout
    }

    /// How long the server has to close after `session.closed`.
    pub fn close_grace(&self) -> Duration {
        self.close_grace
    }

    /// The audio burst.
    pub fn audio_burst(&self) -> Duration {
        self.audio_burst
    }

    /// Most audio re-sent after a reconnect.
    pub fn audio_replay(&self) -> Duration {
        self.audio_replay
    }
}
