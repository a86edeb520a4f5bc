use super::*;

#[test]
fn rounding_is_to_four_decimals_and_clamped() {
    assert_eq!(round4(0.123_449), 0.1234);
    assert_eq!(round4(0.123_45), 0.1235);
    assert_eq!(round4(1.2), 1.0);
    assert_eq!(round4(-0.1), 0.0);
    assert_eq!(round4(f64::NAN), 0.0);
}

#[test]
fn lists_are_filtered_on_the_rounded_value_and_sorted_with_ties_by_name() {
    let raw = [
        ("b", 0.5),
        ("a", 0.500_04), // rounds to 0.5: ties with "b", and "a" sorts first
        ("c", 0.9),
        ("d", 0.100_04), // rounds to 0.1, which is not above 0.1
        ("e", 0.100_06), // rounds to 0.1001
    ];
    let scores = ranked(raw, |_, p| p > 0.1);
    let shown: Vec<(&str, f64)> = scores.iter().map(|s| (s.name, s.probability)).collect();
    assert_eq!(shown, [("c", 0.9), ("a", 0.5), ("b", 0.5), ("e", 0.1001)]);
}
