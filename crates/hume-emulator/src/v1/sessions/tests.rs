use std::time::Duration;

use super::*;

#[test]
fn slots_are_capped_and_freed_on_drop() {
    let registry = SessionRegistry::new(2);
    let a = registry.try_open().expect("first");
    let b = registry.try_open().expect("second");
    assert!(registry.try_open().is_none(), "the cap holds");
    assert_eq!(registry.live(), 2);
    assert_eq!((a.index, b.index), (0, 1));
    drop(a);
    assert_eq!(registry.live(), 1);
    let c = registry.try_open().expect("a freed slot is reused");
    assert_eq!(c.index, 2, "indexes count every session opened");
    assert_eq!(registry.max(), 2);
}

#[test]
fn the_cap_is_at_least_one() {
    let registry = SessionRegistry::new(0);
    let held = registry.try_open();
    assert!(held.is_some());
    assert!(registry.try_open().is_none());
}

#[tokio::test]
async fn waiting_for_zero() {
    let registry = SessionRegistry::new(4);
    assert!(registry.wait_closed(Duration::ZERO).await, "none open");
    let slot = registry.try_open().unwrap();
    assert!(!registry.wait_closed(Duration::from_millis(1)).await);
    let release = tokio::spawn(async move {
        tokio::task::yield_now().await;
        drop(slot);
    });
    assert!(registry.wait_closed(Duration::from_secs(5)).await);
    release.await.unwrap();
}
