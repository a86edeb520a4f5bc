use std::time::Duration;

use super::*;
use crate::SessionCut;

#[test]
fn defaults() {
    let config = RealtimeConfig::default();
    assert_eq!(config.max_sessions(), DEFAULT_MAX_SESSIONS);
    assert_eq!(config.idle_timeout(), Duration::from_secs(60));
    assert!(!config.relaxed_pacing());
    assert_eq!(config.audio_burst(), Duration::from_millis(500));
    assert_eq!(config.video_burst(), 3);
    assert!(!config.faults().is_active());
}

#[test]
fn setters_clamp_to_usable_values() {
    let config = RealtimeConfig::default()
        .with_max_sessions(0)
        .with_idle_timeout(Duration::ZERO)
        .with_audio_burst(Duration::ZERO)
        .with_video_burst(0)
        .with_relaxed_pacing(true)
        .with_faults(SessionFaults::none().with_cut(SessionCut::Drop));
    assert_eq!(config.max_sessions(), 1);
    assert_eq!(config.idle_timeout(), Duration::from_millis(1));
    assert_eq!(config.audio_burst(), Duration::from_millis(1));
    assert_eq!(config.video_burst(), 1);
    assert!(config.relaxed_pacing());
    assert_eq!(config.faults().cut(), Some(SessionCut::Drop));
}
