//! CSV export throughput and peak memory on a ~200 MB predictions body.
//!
//! `cargo bench -p hume-analysis --bench export_csv` (set `HUME_BENCH_MB` for another size,
//! `HUME_BENCH_ONE_SOURCE=1` to put every file in one source, `HUME_BENCH_ROUNDS` for the
//! number of interleaved rounds).
//!
//! 1. Generates a deterministic predictions body into a temp file: video sources with face
//!    (two identified faces), prosody, burst, language and NER on the transcript, a raw-text
//!    source (untimed language + NER), and facemesh; 48 or 53 emotions per segment, scores
//!    printed with full `f64` precision like the API's.
//! 2. Runs the baseline and each export in a child process (this binary, re-executed with
//!    `HUME_ANALYSIS_BENCH_CHILD` set) that times itself and prints its CPU time and its own
//!    peak RSS (`VmHWM` from `/proc/self/status`) before exiting, so each figure is that
//!    run's alone. The baseline is the bare parse, `serde_json::from_slice::<IgnoredAny>` over
//!    the bytes in memory. Modes are interleaved over `HUME_BENCH_ROUNDS` rounds (default 3)
//!    and each keeps its fastest run, which damps noise from other processes.
//!
//! Modes: `bare-parse-reader` (the baseline through `from_reader` on the file, for reference),
//! `stream-file` ([`stream_csv`] on the `File`, the constant-memory path),
//! `stream-slice` ([`stream_csv_slice`] on the body already read into memory),
//! `stream-file-to-tempfile` (as `stream-file`, writing the CSV to disk), `typed` (parse a
//! whole `Predictions` from the bytes in memory, then `write_csv`), and the two halves of `typed` alone (`parse-only`,
//! `csv-only`) to show where the time goes. All but the tempfile mode write to a byte counter.
//!
//! [`stream_csv`]: hume_analysis::export::stream_csv
//! [`stream_csv_slice`]: hume_analysis::export::stream_csv_slice
//!
//! Targets: streamed export at most 3× the bare parse; peak RSS below 2× the file size.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use serde::Deserialize as _;

const CHILD_ENV: &str = "HUME_ANALYSIS_BENCH_CHILD";
const PATH_ENV: &str = "HUME_ANALYSIS_BENCH_PATH";

const EXPRESSIONS_48: &[&str] = hume_models::names::EXPRESSIONS_48;
const LANGUAGE_53: &[&str] = hume_models::names::LANGUAGE_EXPRESSIONS_53;

/// xorshift64*: deterministic, dependency-free.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A score in [0, 1) with 53 random bits, printed in full like the API's.
    fn score(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let x = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        x
    }
}

fn scores(out: &mut String, rng: &mut Rng, names: &[&str]) {
    out.push('[');
    for (i, name) in names.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let _ = write!(out, r#"{{"name":"{name}","score":{}}}"#, rng.score());
    }
    out.push(']');
}

const WORDS: &[&str] = &[
    "well", "I", "think", "that", "we", "should", "probably", "go", "home", "now", "really",
    "great", "idea", "the", "weather", "is", "lovely", "today",
];

fn video_file(out: &mut String, rng: &mut Rng, file: &str) {
    let _ = write!(out, r#"{{"file":"{file}","file_type":"video","models":{{"#);
    // Face: two identified faces, 300 frames each (10 s at 30 fps).
    out.push_str(r#""face":{"metadata":null,"grouped_predictions":["#);
    for face in 0..2 {
        if face > 0 {
            out.push(',');
        }
        let _ = write!(out, r#"{{"id":"face_{face}","predictions":["#);
        for frame in 0..300u32 {
            if frame > 0 {
                out.push(',');
            }
            let _ = write!(
                out,
                r#"{{"frame":{frame},"time":{},"prob":{},"box":{{"x":{},"y":{},"w":{},"h":{}}},"emotions":"#,
                f64::from(frame) / 30.0,
                0.9 + rng.score() / 10.0,
                100.0 + rng.score() * 10.0,
                80.0 + rng.score() * 10.0,
                120.5,
                150.25
            );
            scores(out, rng, EXPRESSIONS_48);
            out.push_str(r#","facs":null,"descriptions":null}"#);
        }
        out.push_str("]}");
    }
    out.push_str("]},");
    // Prosody: 20 utterances of 0.5 s by two speakers.
    out.push_str(r#""prosody":{"metadata":{"confidence":0.93,"detected_language":"en"},"grouped_predictions":["#);
    for spk in 0..2 {
        if spk > 0 {
            out.push(',');
        }
        let _ = write!(out, r#"{{"id":"spk_{spk}","predictions":["#);
        for seg in 0..10u32 {
            if seg > 0 {
                out.push(',');
            }
            let begin = f64::from(seg * 2 + spk) * 0.5;
            let text = WORDS[(rng.next() % WORDS.len() as u64) as usize];
            let _ = write!(
                out,
                r#"{{"text":"{text} {text}","time":{{"begin":{begin},"end":{}}},"confidence":0.9,"speaker_confidence":0.8,"emotions":"#,
                begin + 0.5
            );
            scores(out, rng, EXPRESSIONS_48);
            out.push('}');
        }
        out.push_str("]}");
    }
    out.push_str("]},");
    // Burst: 4 bursts with 67 descriptions.
    out.push_str(
        r#""burst":{"metadata":null,"grouped_predictions":[{"id":"unknown","predictions":["#,
    );
    for b in 0..4u32 {
        if b > 0 {
            out.push(',');
        }
        let begin = f64::from(b) * 2.5;
        let _ = write!(
            out,
            r#"{{"time":{{"begin":{begin},"end":{}}},"emotions":"#,
            begin + 0.8
        );
        scores(out, rng, EXPRESSIONS_48);
        out.push_str(r#","descriptions":"#);
        scores(out, rng, hume_models::names::BURST_DESCRIPTIONS_67);
        out.push('}');
    }
    out.push_str("]}]},");
    // Language on the transcript: 40 words, timed, 53 emotions.
    out.push_str(r#""language":{"metadata":{"confidence":0.93,"detected_language":"en"},"grouped_predictions":[{"id":"unknown","predictions":["#);
    for w in 0..40u32 {
        if w > 0 {
            out.push(',');
        }
        let word = WORDS[(w as usize) % WORDS.len()];
        let t = f64::from(w) * 0.25;
        let _ = write!(
            out,
            r#"{{"text":"{word}","position":{{"begin":{},"end":{}}},"time":{{"begin":{t},"end":{}}},"confidence":0.9,"speaker_confidence":null,"emotions":"#,
            w * 6,
            w * 6 + 5,
            t + 0.25
        );
        scores(out, rng, LANGUAGE_53);
        out.push_str(r#","sentiment":null,"toxicity":null}"#);
    }
    out.push_str("]}]},");
    // NER: 2 entities.
    out.push_str(r#""ner":{"metadata":{"confidence":0.93,"detected_language":"en"},"grouped_predictions":[{"id":"unknown","predictions":["#);
    for n in 0..2u32 {
        if n > 0 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"entity":"Paris","position":{{"begin":{},"end":{}}},"entity_confidence":0.97,"support":12.0,"uri":"https://en.wikipedia.org/wiki/Paris","link_word":"Paris","time":{{"begin":{},"end":{}}},"confidence":0.9,"speaker_confidence":null,"emotions":"#,
            n * 30,
            n * 30 + 5,
            f64::from(n) * 4.0,
            f64::from(n) * 4.0 + 0.4
        );
        scores(out, rng, LANGUAGE_53);
        out.push('}');
    }
    out.push_str("]}]}");
    out.push_str("}}");
}

fn text_source(out: &mut String, rng: &mut Rng, items: u32) {
    out.push_str(r#"{"source":{"type":"text"},"results":{"errors":[],"predictions":["#);
    for item in 1..=items {
        if item > 1 {
            out.push(',');
        }
        let _ = write!(
            out,
            r#"{{"file":"{item}","file_type":"text","models":{{"language":{{"metadata":null,"grouped_predictions":[{{"id":"unknown","predictions":["#
        );
        for w in 0..8u32 {
            if w > 0 {
                out.push(',');
            }
            let word = WORDS[((item + w) as usize) % WORDS.len()];
            let _ = write!(
                out,
                r#"{{"text":"{word}","position":{{"begin":{},"end":{}}},"time":null,"confidence":null,"speaker_confidence":null,"emotions":"#,
                w * 6,
                w * 6 + 5
            );
            scores(out, rng, LANGUAGE_53);
            out.push_str(r#","sentiment":null,"toxicity":null}"#);
        }
        out.push_str("]}]},");
        out.push_str(r#""facemesh":{"metadata":null,"grouped_predictions":[{"id":"unknown","predictions":[{"emotions":"#);
        scores(out, rng, EXPRESSIONS_48);
        out.push_str("}]}]}}}");
    }
    out.push_str("]}}");
}

/// Writes about `target` bytes of predictions to `path`; returns the exact size.
/// Writes about `target` bytes of predictions to `path`; returns the exact size.
///
/// With `one_source`, every video is a file of a single zip source: the shape that puts the
/// whole body in one top-level element (the worst case for the element scanner's memory).
fn generate(path: &Path, target: u64, one_source: bool) -> std::io::Result<u64> {
    let mut w = BufWriter::with_capacity(1 << 20, File::create(path)?);
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut written = 0u64;
    let mut buf = String::with_capacity(8 << 20);
    w.write_all(b"[")?;
    buf.push_str(r#"{"source":{"type":"url","url":"https://example.com/broken.mp4"},"results":null,"error":"cannot fetch"},"#);
    text_source(&mut buf, &mut rng, 200);
    if one_source {
        buf.push_str(r#",{"source":{"type":"file","filename":"everything.zip","md5sum":"0"},"results":{"errors":[],"predictions":["#);
    }
    let mut source = 0u32;
    while written + buf.len() as u64 + 4 < target {
        w.write_all(buf.as_bytes())?;
        written += buf.len() as u64;
        buf.clear();
        if one_source {
            if source > 0 {
                buf.push(',');
            }
            video_file(&mut buf, &mut rng, &format!("videos/clip{source}.mp4"));
            source += 1;
            continue;
        }
        // Every fourth source is a zip upload holding three videos; the rest are URLs.
        buf.push(',');
        if source.is_multiple_of(4) {
            let _ = write!(
                buf,
                r#"{{"source":{{"type":"file","filename":"batch{source}.zip","content_type":"application/zip","md5sum":"{:032x}"}},"results":{{"errors":[{{"message":"Transcript confidence below threshold value","file":"silent.mp4"}}],"predictions":["#,
                rng.next()
            );
            for f in 0..3 {
                if f > 0 {
                    buf.push(',');
                }
                video_file(&mut buf, &mut rng, &format!("videos/clip{f}.mp4"));
            }
        } else {
            let _ = write!(
                buf,
                r#"{{"source":{{"type":"url","url":"https://example.com/video{source}.mp4"}},"results":{{"errors":[],"predictions":["#
            );
            video_file(&mut buf, &mut rng, &format!("video{source}.mp4"));
        }
        buf.push_str("]}}");
        source += 1;
    }
    if one_source {
        buf.push_str("]}}");
    }
    w.write_all(buf.as_bytes())?;
    written += buf.len() as u64;
    w.write_all(b"]")?;
    written += 1;
    w.flush()?;
    Ok(written)
}

fn vm_hwm_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// User + system CPU seconds of this process so far (all threads), from `/proc/self/stat`.
fn cpu_secs() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the `(comm)`; utime and stime are the 12th and 13th of those.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<u64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|v| v.parse().ok())
        .collect();
    #[allow(clippy::cast_precision_loss)]
    let ticks = f.iter().sum::<u64>() as f64;
    ticks / 100.0 // USER_HZ is 100 on Linux
}

/// Counts bytes and discards them.
struct Counter(u64);

impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The child: one export, then `seconds rows csv_bytes vm_hwm_kib cpu_seconds` on stdout.
fn child(mode: &str, path: &str) {
    // The modes that start from bytes in memory read them before the clock starts, like the
    // baseline does.
    let body = if matches!(mode, "stream-slice" | "typed") {
        std::fs::read(path).unwrap()
    } else {
        Vec::new()
    };
    let start = Instant::now();
    let cpu_start = cpu_secs();
    let (stats, out) = match mode {
        "stream-file" => {
            let mut sink = Counter(0);
            let stats = hume_analysis::export::stream_csv(File::open(path).unwrap(), &mut sink)
                .expect("export");
            (stats, sink.0)
        }
        "stream-file-to-tempfile" => {
            let out = tempfile::NamedTempFile::new().expect("temp file");
            let mut w = BufWriter::with_capacity(1 << 20, out.reopen().unwrap());
            let stats = hume_analysis::export::stream_csv(File::open(path).unwrap(), &mut w)
                .expect("export");
            w.flush().unwrap();
            let size = out.as_file().metadata().unwrap().len();
            (stats, size)
        }
        "stream-slice" => {
            let mut sink = Counter(0);
            let stats = hume_analysis::export::stream_csv_slice(&body, &mut sink).expect("export");
            (stats, sink.0)
        }
        "typed" => {
            let predictions = hume_models::Predictions::from_response(&body).expect("parse");
            drop(body);
            let mut sink = Counter(0);
            let stats = hume_analysis::export::write_csv(&predictions, &mut sink).expect("export");
            (stats, sink.0)
        }
        "bare-parse" => {
            // The baseline: JSON syntax only, no types, no output.
            let body = std::fs::read(path).unwrap();
            let start = Instant::now();
            serde_json::from_slice::<serde::de::IgnoredAny>(&body).expect("valid JSON");
            let secs = start.elapsed().as_secs_f64();
            println!("{secs} 0 0 {} {secs}", vm_hwm_kib());
            return;
        }
        "bare-parse-reader" => {
            // For reference: the same bare parse through `from_reader` on the file, the reader
            // overhead that `stream_csv` on a `File` pays too.
            let start = Instant::now();
            let file = std::io::BufReader::with_capacity(1 << 18, File::open(path).unwrap());
            let mut de = serde_json::Deserializer::from_reader(file);
            serde::de::IgnoredAny::deserialize(&mut de).expect("valid JSON");
            let secs = start.elapsed().as_secs_f64();
            println!("{secs} 0 0 {} {secs}", vm_hwm_kib());
            return;
        }
        "parse-only" => {
            // Breakdown: the typed parse alone, no CSV.
            let body = std::fs::read(path).unwrap();
            let start = Instant::now();
            let predictions = hume_models::Predictions::from_response(&body).expect("parse");
            let secs = start.elapsed().as_secs_f64();
            let segments = hume_analysis::segments(&predictions).count() as u64;
            println!("{secs} {segments} 0 {} {secs}", vm_hwm_kib());
            return;
        }
        "csv-only" => {
            // Breakdown: writing the CSV of already-parsed predictions.
            let body = std::fs::read(path).unwrap();
            let predictions = hume_models::Predictions::from_response(&body).expect("parse");
            drop(body);
            let start = Instant::now();
            let mut sink = Counter(0);
            let stats = hume_analysis::export::write_csv(&predictions, &mut sink).expect("export");
            let secs = start.elapsed().as_secs_f64();
            println!("{secs} {} {} {} {secs}", stats.rows, sink.0, vm_hwm_kib());
            return;
        }
        other => panic!("unknown child mode {other}"),
    };
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_secs() - cpu_start;
    println!("{secs} {} {out} {} {cpu}", stats.rows, vm_hwm_kib());
}

struct ChildReport {
    secs: f64,
    rows: u64,
    out: u64,
    hwm_kib: u64,
    cpu: f64,
}

fn run_child(mode: &str, path: &Path) -> ChildReport {
    let out = Command::new(std::env::current_exe().expect("own path"))
        .env(CHILD_ENV, mode)
        .env(PATH_ENV, path)
        .output()
        .expect("re-exec the bench");
    assert!(
        out.status.success(),
        "child {mode} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    let f: Vec<&str> = text.split_whitespace().collect();
    ChildReport {
        secs: f[0].parse().unwrap(),
        rows: f[1].parse().unwrap(),
        out: f[2].parse().unwrap(),
        hwm_kib: f[3].parse().unwrap(),
        cpu: f[4].parse().unwrap(),
    }
}

fn mb(bytes: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let m = bytes as f64 / 1e6;
    m
}

fn main() {
    if let Ok(mode) = std::env::var(CHILD_ENV) {
        let path = std::env::var(PATH_ENV).expect("path for the child");
        child(&mode, &path);
        return;
    }
    let args: Vec<String> = std::env::args().collect();
    if args.iter().any(|a| a == "--list") {
        // A test runner (nextest) asking for tests: this binary has none.
        return;
    }
    // `cargo bench` passes `--bench`; anything else (`cargo test --benches`) gets a 2 MB smoke
    // run so test runs stay fast.
    let default_mb = if args.iter().any(|a| a == "--bench") {
        200
    } else {
        2
    };
    let target_mb: u64 = std::env::var("HUME_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_mb);
    // HUME_BENCH_FILE keeps the generated body at that path (for profiling a child mode).
    let dir = tempfile::tempdir().expect("temp dir");
    let path = std::env::var_os("HUME_BENCH_FILE")
        .map_or_else(|| dir.path().join("predictions.json"), Into::into);
    let start = Instant::now();
    // HUME_BENCH_ONE_SOURCE=1: the whole body in one source (worst case for memory).
    let one_source = std::env::var_os("HUME_BENCH_ONE_SOURCE").is_some();
    let size = generate(&path, target_mb * 1_000_000, one_source).expect("generate");
    println!(
        "generated {:.1} MB of predictions in {:.1} s ({})",
        mb(size),
        start.elapsed().as_secs_f64(),
        path.display()
    );

    // Every figure comes from its own child process. The machine may be shared, so the modes
    // are interleaved over several rounds and each keeps its fastest run.
    let modes = [
        "bare-parse",
        "bare-parse-reader",
        "stream-file",
        "stream-slice",
        "stream-file-to-tempfile",
        "typed",
        "parse-only",
        "csv-only",
    ];
    let rounds: usize = std::env::var("HUME_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    let mut best: Vec<Option<ChildReport>> = modes.iter().map(|_| None).collect();
    for _ in 0..rounds {
        for (slot, mode) in best.iter_mut().zip(modes) {
            let r = run_child(mode, &path);
            if slot.as_ref().is_none_or(|b| r.secs < b.secs) {
                *slot = Some(r);
            }
        }
    }
    let reports: Vec<(&str, ChildReport)> = modes
        .into_iter()
        .zip(best.into_iter().map(|r| r.expect("at least one round")))
        .collect();
    let parse_secs = reports[0].1.secs;
    println!(
        "bare parse (from_slice::<IgnoredAny>): {:.3} s, {:.0} MB/s",
        parse_secs,
        mb(size) / parse_secs
    );
    for (mode, r) in &reports[1..] {
        let hwm = r.hwm_kib * 1024;
        if mode.starts_with("bare") {
            println!(
                "baseline {mode:<22} {:.3} s, {:>4.0} MB/s, {:.2}x bare parse",
                r.secs,
                mb(size) / r.secs,
                r.secs / parse_secs
            );
            continue;
        }
        println!(
            "export {mode:<24} {:.3} s ({:.3} s cpu), {:>4.0} MB/s in, {:.2}x bare parse; {} rows, {:.0} MB csv; peak RSS {:.0} MB = {:.2}x file",
            r.secs,
            r.cpu,
            mb(size) / r.secs,
            r.secs / parse_secs,
            r.rows,
            mb(r.out),
            mb(hwm),
            mb(hwm) / mb(size)
        );
    }
    let streamed = &reports[2].1;
    let ratio = streamed.secs / parse_secs;
    let rss = mb(streamed.hwm_kib * 1024) / mb(size);
    println!(
        "stream_csv(File): {:.2}x the bare parse (target <= 3x: {}), peak RSS {:.2}x the file (target < 2x: {})",
        ratio,
        if ratio <= 3.0 { "met" } else { "MISSED" },
        rss,
        if rss < 2.0 { "met" } else { "MISSED" }
    );
}
