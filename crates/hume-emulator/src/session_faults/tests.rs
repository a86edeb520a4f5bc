use std::time::Duration;

use super::*;

#[test]
fn none_is_inactive() {
    let faults = SessionFaults::none();
    assert!(!faults.is_active());
    assert_eq!(faults.cut_for(0), None);
    assert!(!faults.cuts_session(0));
}

#[test]
fn a_cut_without_a_trigger_happens_at_once() {
    let faults = SessionFaults::none().with_cut(SessionCut::Drop);
    assert_eq!(
        faults.cut_for(7),
        Some(CutPlan {
            cut: SessionCut::Drop,
            frames: Some(0),
            after: None
        })
    );
}

#[test]
fn both_triggers_are_kept() {
    let faults = SessionFaults::none()
        .with_cut(SessionCut::TryAgainLater)
        .with_cut_after_frames(3)
        .with_cut_after(Duration::from_millis(500));
    let plan = faults.cut_for(0).unwrap();
    assert_eq!(plan.frames, Some(3));
    assert_eq!(plan.after, Some(Duration::from_millis(500)));
}

#[test]
fn only_the_first_sessions_are_cut() {
    let faults = SessionFaults::none()
        .with_cut(SessionCut::Restart)
        .with_cut_after_frames(2)
        .with_cut_sessions(2);
    assert!(faults.cut_for(0).is_some());
    assert!(faults.cut_for(1).is_some());
    assert!(faults.cut_for(2).is_none());
}

#[test]
fn rate_limit_every_zero_is_off() {
    assert_eq!(
        SessionFaults::none()
            .with_rate_limit_every(0)
            .rate_limit_every(),
        None
    );
    assert!(SessionFaults::none().with_rate_limit_every(3).is_active());
}

#[test]
fn cuts_name_their_close_codes() {
    assert_eq!(SessionCut::Drop.close_code(), None);
    assert_eq!(SessionCut::Restart.close_code(), Some(1012));
    assert_eq!(SessionCut::TryAgainLater.close_code(), Some(1013));
    assert_eq!(SessionCut::Restart.to_string(), "1012");
}
