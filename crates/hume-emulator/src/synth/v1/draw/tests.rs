use super::*;

#[test]
fn the_same_seed_gives_the_same_stream_and_another_seed_another() {
    let a: Vec<u64> = {
        let mut d = Draws::new(&[b"tag", b"input"]);
        (0..8).map(|_| d.next_u64()).collect()
    };
    let b: Vec<u64> = {
        let mut d = Draws::new(&[b"tag", b"input"]);
        (0..8).map(|_| d.next_u64()).collect()
    };
    let c: Vec<u64> = {
        let mut d = Draws::new(&[b"tag", b"inpuT"]);
        (0..8).map(|_| d.next_u64()).collect()
    };
    assert_eq!(a, b);
    assert_ne!(a, c);
    // Pinned: the stream must not change between releases (tokens, fixtures and tests rely on it).
    assert_eq!(Draws::from_seed(0).next_u64(), 0xE220_A839_7B1D_CDAF);
}

#[test]
fn ranges_hold() {
    let mut d = Draws::from_seed(42);
    for _ in 0..10_000 {
        let u = d.unit();
        assert!((0.0..1.0).contains(&u));
        let x = d.between(2.0, 3.0);
        assert!((2.0..3.0).contains(&x));
        assert!(d.below(7) < 7);
    }
    assert_eq!(d.below(0), 0);
}
