use super::mutated;
use crate::rng::Rng;

#[test]
fn mutation_is_deterministic_for_a_seed_and_changes_inputs() {
    let seeds = vec![br#"{"a": [1, 2, 3], "b": "text"}"#.to_vec()];
    let run = |seed| {
        let mut rng = Rng::new(seed);
        (0..50)
            .map(|_| mutated(&seeds, &mut rng))
            .collect::<Vec<_>>()
    };
    assert_eq!(run(1), run(1));
    assert_ne!(run(1), run(2));
    assert!(run(3).iter().any(|m| m != &seeds[0]));
}
