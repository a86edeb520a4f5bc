//! Throughput of typed predictions parsing against serde's floor (`IgnoredAny`).
//!
//! Generates a deterministic ~50 MB predictions body covering every model and source kind
//! (`hume-bench-data`, the generator every benchmark shares), then measures
//! `Predictions::from_response` and `serde_json::from_slice::<IgnoredAny>` on the same bytes
//! (criterion `Throughput::Bytes`, so results are MB/s), then both again interleaved round by
//! round. With `HUME_BENCH_JSON=PATH` set, the interleaved medians are also written to PATH as
//! JSON (`cargo xtask bench` reads that file and criterion's `estimates.json`).
//!
//! `cargo bench -p hume-models --bench predictions_parse -- --warm-up-time 1 --measurement-time 5`

use std::hint::black_box;
use std::time::Instant;

use criterion::{Criterion, Throughput, criterion_main};
use hume_models::predictions::Predictions;

/// Target body size.
const TARGET_BYTES: u64 = 50 * 1024 * 1024;

fn bench(c: &mut Criterion) {
    let body = hume_bench_data::predictions_body(TARGET_BYTES);
    // Sanity: the typed parse succeeds and sees every model.
    let parsed = Predictions::from_response(&body).expect("generated body parses");
    assert!(
        parsed
            .iter_predictions()
            .any(|(_, p)| p.models.face.is_some()
                && p.models.burst.is_some()
                && p.models.prosody.is_some()
                && p.models.language.is_some()
                && p.models.ner.is_some()
                && p.models.facemesh.is_some())
    );
    drop(parsed);
    eprintln!("predictions body: {:.1} MB", body.len() as f64 / 1e6);

    let mut group = c.benchmark_group("predictions_parse");
    group.throughput(Throughput::Bytes(body.len() as u64));
    group.sample_size(10);
    // The parse itself; the 50 MB result is dropped outside the timed region.
    group.bench_function("typed Predictions::from_response", |b| {
        b.iter_with_large_drop(|| Predictions::from_response(black_box(&body)).expect("parses"))
    });
    // Parse plus freeing the result, for comparison.
    group.bench_function("typed Predictions::from_response + drop", |b| {
        b.iter(|| Predictions::from_response(black_box(&body)).expect("parses"))
    });
    group.bench_function("serde_json IgnoredAny", |b| {
        b.iter(|| {
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(&body)).expect("parses")
        })
    });
    group.finish();
    interleaved_ratio(&body);
}

/// Criterion runs one benchmark after the other, so a load spike from another process can
/// land on just one of them. This alternates the two parses round by round and reports the
/// medians, which makes the ratio robust on a shared machine.
fn interleaved_ratio(body: &[u8]) {
    const ROUNDS: usize = 15;
    let mut parse = Vec::with_capacity(ROUNDS);
    let mut parse_drop = Vec::with_capacity(ROUNDS);
    let mut ignored = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let parsed = black_box(Predictions::from_response(black_box(body)).expect("parses"));
        let parsed_at = t.elapsed().as_secs_f64();
        drop(parsed);
        parse.push(parsed_at);
        parse_drop.push(t.elapsed().as_secs_f64());
        let t = Instant::now();
        black_box(
            serde_json::from_slice::<serde::de::IgnoredAny>(black_box(body)).expect("parses"),
        );
        ignored.push(t.elapsed().as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let mib = body.len() as f64 / (1024.0 * 1024.0);
    let typed = mib / median(&mut parse);
    let typed_drop = mib / median(&mut parse_drop);
    let floor = mib / median(&mut ignored);
    eprintln!(
        "interleaved medians over {ROUNDS} rounds: IgnoredAny {floor:.0} MiB/s; typed parse \
         {typed:.0} MiB/s (ratio {:.2}); typed parse + drop {typed_drop:.0} MiB/s (ratio {:.2})",
        typed / floor,
        typed_drop / floor
    );
    if let Some(path) = std::env::var_os("HUME_BENCH_JSON") {
        let summary = serde_json::json!({
            "body_bytes": body.len(),
            "rounds": ROUNDS,
            "ignored_any_mib_s": floor,
            "typed_mib_s": typed,
            "typed_drop_mib_s": typed_drop,
        });
        std::fs::write(&path, summary.to_string()).expect("write HUME_BENCH_JSON");
    }
}

// The macro generates an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench);
}
use group::benches;
criterion_main!(benches);
