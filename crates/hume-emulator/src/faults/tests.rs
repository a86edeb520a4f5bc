use super::*;

fn sequence(plan: &FaultPlan, n: usize) -> Vec<Option<Fault>> {
    (0..n).map(|_| plan.next_fault()).collect()
}

#[test]
fn disabled_plan_never_faults() {
    let plan = FaultPlan::new(FaultConfig::none(), 7);
    assert!(sequence(&plan, 100).iter().all(Option::is_none));
}

#[test]
fn same_seed_same_sequence_other_seed_differs() {
    let config = FaultConfig::none()
        .with_server_error(0.2)
        .with_rate_limit(0.2, 1)
        .with_drop_connection(0.1)
        .with_truncate_body(0.1)
        .with_slow(0.1, Duration::from_millis(1))
        .with_drop_after_processing(0.1);
    let a = sequence(&FaultPlan::new(config.clone(), 42), 200);
    let b = sequence(&FaultPlan::new(config.clone(), 42), 200);
    let c = sequence(&FaultPlan::new(config, 43), 200);
    assert_eq!(a, b);
    assert_ne!(a, c);
    for kind in [
        Fault::ServiceUnavailable,
        Fault::RateLimited,
        Fault::DropConnection,
        Fault::TruncateBody,
        Fault::Slow,
        Fault::DropAfterProcessing,
    ] {
        assert!(a.contains(&Some(kind)), "{kind:?} never drawn");
    }
    assert!(a.contains(&None));
}

#[test]
fn reject_first_then_clean() {
    let plan = FaultPlan::new(FaultConfig::none().with_reject_first(3), 1);
    let seq = sequence(&plan, 6);
    assert_eq!(
        seq,
        vec![
            Some(Fault::ServiceUnavailable),
            Some(Fault::ServiceUnavailable),
            Some(Fault::ServiceUnavailable),
            None,
            None,
            None
        ]
    );
}

#[test]
fn fractions_are_roughly_respected() {
    let plan = FaultPlan::new(FaultConfig::none().with_server_error(0.25), 9);
    let hits = sequence(&plan, 4000).iter().filter(|f| f.is_some()).count();
    assert!((800..1200).contains(&hits), "{hits}");
}
