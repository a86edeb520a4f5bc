use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{Flow, run};

#[test]
fn every_item_is_worked_once_and_handed_over() {
    let items: Vec<u32> = (0..200).collect();
    let never = AtomicBool::new(false);
    let mut seen = vec![0u32; items.len()];
    let taken = run(
        &items,
        8,
        &never,
        |x| x * 2,
        |i, r| {
            assert_eq!(r, items[i] * 2);
            seen[i] += 1;
            Flow::Continue
        },
    );
    assert_eq!(taken, 200);
    assert!(seen.iter().all(|n| *n == 1), "{seen:?}");
}

#[test]
fn at_most_jobs_items_are_in_flight() {
    let items: Vec<u32> = (0..64).collect();
    let never = AtomicBool::new(false);
    let (now, peak) = (AtomicUsize::new(0), AtomicUsize::new(0));
    run(
        &items,
        4,
        &never,
        |_| {
            let n = now.fetch_add(1, Ordering::SeqCst) + 1;
            peak.fetch_max(n, Ordering::SeqCst);
            std::thread::yield_now();
            now.fetch_sub(1, Ordering::SeqCst);
        },
        |_, ()| Flow::Continue,
    );
    assert!(peak.load(Ordering::SeqCst) <= 4);
}

#[test]
fn an_interrupt_stops_taking_items_but_hands_over_those_in_flight() {
    let items: Vec<u32> = (0..1000).collect();
    let interrupt = AtomicBool::new(false);
    let started = Mutex::new(Vec::new());
    let mut handed = Vec::new();
    let taken = run(
        &items,
        3,
        &interrupt,
        |x| {
            started.lock().unwrap().push(*x);
            if *x == 10 {
                interrupt.store(true, Ordering::SeqCst);
            }
            *x
        },
        |_, x| {
            handed.push(x);
            Flow::Continue
        },
    );
    let mut started = started.into_inner().unwrap();
    started.sort_unstable();
    handed.sort_unstable();
    // Everything started was handed over, and far from everything started.
    assert_eq!(started, handed);
    assert!((11..1000).contains(&taken), "{taken}");
    assert_eq!(started.len(), taken);
}

#[test]
fn a_stop_from_the_handler_ends_the_run() {
    let items: Vec<usize> = (0..1000).collect();
    let never = AtomicBool::new(false);
    let handled = AtomicUsize::new(0);
    // Item i waits until i - 2 results were handled, so the workers cannot run ahead of the
    // handler (no timing involved: each item only waits on earlier ones).
    let taken = run(
        &items,
        2,
        &never,
        |i| {
            while handled.load(Ordering::SeqCst) + 2 < *i {
                std::thread::yield_now();
            }
            *i
        },
        |_, _| {
            let n = handled.fetch_add(1, Ordering::SeqCst) + 1;
            if n == 5 { Flow::Stop } else { Flow::Continue }
        },
    );
    assert_eq!(handled.load(Ordering::SeqCst), taken);
    assert!((5..=10).contains(&taken), "{taken}");
}

#[test]
fn an_empty_list_runs_nothing() {
    let never = AtomicBool::new(false);
    let taken = run(&Vec::<u32>::new(), 8, &never, |x| *x, |_, _| Flow::Continue);
    assert_eq!(taken, 0);
}
