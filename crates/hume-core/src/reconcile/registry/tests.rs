use super::*;

#[test]
fn only_claimed_jobs_teach_the_server_clock() {
    let registry = SubmitRegistry::new();
    let mine = JobId::new("mine");
    registry.observe_created(&mine, 5_000);
    assert_eq!(registry.server_clock().offset_bounds(), None, "not claimed");
    assert!(registry.claim(&mine, 1_000, 1_020));
    registry.observe_created(&JobId::new("someone-else"), 99_000);
    assert_eq!(registry.server_clock().offset_bounds(), None);
    registry.observe_created(&mine, 5_010);
    assert_eq!(
        registry.server_clock().offset_bounds(),
        Some((3_990, 4_010))
    );
    assert_eq!(registry.claimed_at(&mine), Some(1_020));
}

#[test]
fn a_job_is_claimed_once() {
    let registry = SubmitRegistry::new();
    let job = JobId::new("j");
    assert!(registry.claim(&job, 1, 2));
    assert!(!registry.claim(&job, 3, 4));
    assert!(registry.is_claimed(&job));
}
