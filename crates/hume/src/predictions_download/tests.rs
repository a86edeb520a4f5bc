use super::{PEEK_LIMIT, Prefix, classify};

#[test]
fn arrays_are_predictions_objects_are_not() {
    assert_eq!(classify(b""), Prefix::Undecided);
    assert_eq!(classify(b"  \n\t"), Prefix::Undecided);
    assert_eq!(classify(b"[{\"source\""), Prefix::Predictions);
    assert_eq!(classify(b"\n  []"), Prefix::Predictions);
    assert_eq!(
        classify(b"{\"message\":\"job not found\"}"),
        Prefix::NotPredictions
    );
    assert_eq!(classify(b"<html>"), Prefix::NotPredictions);
    assert_eq!(classify(&vec![b' '; PEEK_LIMIT]), Prefix::NotPredictions);
}
