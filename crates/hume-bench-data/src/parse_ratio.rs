//! [`interleaved_ratio`]: a typed parse against serde_json's `IgnoredAny` floor, measured
//! round by round in alternation (the `predictions_parse` and `v1_audio_parse` benches).

use std::hint::black_box;
use std::time::Instant;

/// Medians of an [`interleaved_ratio`] run, in MiB/s.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct ParseRates {
    /// The typed parse, its result dropped outside the timing.
    pub typed_mib_s: f64,
    /// The typed parse and the drop of its result.
    pub typed_drop_mib_s: f64,
    /// `serde_json::from_slice::<IgnoredAny>`: reading the JSON and keeping nothing.
    pub ignored_any_mib_s: f64,
}

/// Criterion runs one benchmark after the other, so a load spike from another process can
/// land on just one of them. This alternates the typed `parse` of `body` with the
/// `IgnoredAny` floor for `rounds` rounds and reports the medians (on stderr, and as JSON in
/// the file `HUME_BENCH_JSON` names, when set), which keeps the ratio meaningful on a shared
/// machine.
///
/// # Panics
/// If `body` is not JSON (`parse` may panic on its own terms), or the `HUME_BENCH_JSON` file
/// cannot be written: a benchmark's failure.
pub fn interleaved_ratio<T>(body: &[u8], rounds: usize, parse: impl Fn(&[u8]) -> T) -> ParseRates {
    let rounds = rounds.max(1);
    let mut typed = Vec::with_capacity(rounds);
    let mut typed_drop = Vec::with_capacity(rounds);
    let mut ignored = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let t = Instant::now();
        let parsed = black_box(parse(black_box(body)));
        let parsed_at = t.elapsed().as_secs_f64();
        drop(parsed);
        typed.push(parsed_at);
        typed_drop.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        black_box(
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).expect("parses"),
        );
        ignored.push(t.elapsed().as_secs_f64());
    }
    let mib = body.len() as f64 / (1024.0 * 1024.0);
    let rates = ParseRates {
        typed_mib_s: mib / median(&mut typed),
        typed_drop_mib_s: mib / median(&mut typed_drop),
        ignored_any_mib_s: mib / median(&mut ignored),
    };
    let ParseRates {
        typed_mib_s: typed,
        typed_drop_mib_s: typed_drop,
        ignored_any_mib_s: floor,
    } = rates;
    eprintln!(
        "interleaved medians over {rounds} rounds: IgnoredAny {floor:.0} MiB/s; typed parse \
         {typed:.0} MiB/s (ratio {:.2}); typed parse + drop {typed_drop:.0} MiB/s (ratio {:.2})",
        typed / floor,
        typed_drop / floor
    );
    if let Some(path) = std::env::var_os("HUME_BENCH_JSON") {
        let summary = serde_json::json!({
            "body_bytes": body.len(),
            "rounds": rounds,
            "ignored_any_mib_s": floor,
            "typed_mib_s": typed,
            "typed_drop_mib_s": typed_drop,
        });
        std::fs::write(&path, summary.to_string()).expect("write HUME_BENCH_JSON");
    }
    rates
}

/// The median of `times` (sorted in place; never empty here).
fn median(times: &mut [f64]) -> f64 {
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
