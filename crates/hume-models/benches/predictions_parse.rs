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
    hume_bench_data::interleaved_ratio(&body, 15, |body| {
        Predictions::from_response(body).expect("parses")
    });
}

// The macro generates an undocumented public function.
#[allow(missing_docs)]
mod group {
    criterion::criterion_group!(benches, super::bench);
}
use group::benches;
criterion_main!(benches);
