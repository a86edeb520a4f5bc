//! `realtime`: `sessions` concurrent async realtime audio sessions against an emulator with
//! relaxed pacing (`hume-bench serve-realtime`), each streaming `seconds` of audio (a second of
//! tone, a second of silence, in 100 ms frames) as fast as the client's pacing lets it, then
//! closing. Reports the wall time, the process's CPU time per session-second of audio, the
//! send rate each session achieved against real time (audio sent / wall time from the session's
//! opening to its last frame leaving), and what came back (measurements, `rate_limited`, failed
//! sessions). The peak RSS is the report's own.

use std::time::{Duration, Instant};

use anyhow::Context as _;
use hume::ApiKey;
use hume::asynchronous::ExpressionMeasurementClient;
use hume::realtime::{AudioServerMessage, ErrorCode, SessionConfig, SessionEvent};

use crate::cli::RealtimeArgs;
use crate::clients;
use crate::cpu_time::cpu_time;
use crate::report::Report;

/// Audio per frame.
const FRAME_MS: u64 = 100;

/// What one session did.
#[derive(Debug, Default, Clone, Copy)]
struct Outcome {
    /// Audio handed to the session and sent.
    audio: Duration,
    /// From the session's opening to its last frame leaving.
    sending: Duration,
    /// From the session's opening to its close.
    open: Duration,
    measurements: u64,
    rate_limited: u64,
    received_ms: u64,
}

impl Outcome {
    /// Audio sent per second of wall time (1.0: real time).
    fn rate(&self) -> f64 {
        self.audio.as_secs_f64() / self.sending.as_secs_f64().max(f64::MIN_POSITIVE)
    }
}

/// Frame `i` of the stream: a 220 Hz tone in even seconds, silence in odd ones.
fn frame(i: u64) -> Vec<u8> {
    let samples = (FRAME_MS * 16) as usize;
    let tone = (i * FRAME_MS / 1000).is_multiple_of(2);
    let mut out = Vec::with_capacity(samples * 2);
    for n in 0..samples {
        let t = (i as usize * samples + n) as f64 / 16_000.0;
        let sample = if tone {
            (8000.0 * (2.0 * std::f64::consts::PI * 220.0 * t).sin()).round() as i16
        } else {
            0
        };
        out.extend_from_slice(&sample.to_le_bytes());
    }
    out
}

/// One session: streams `frames` frames, reads every event, closes.
async fn session(client: ExpressionMeasurementClient, frames: u64) -> anyhow::Result<Outcome> {
    let mut session = client
        .audio()
        .connect(SessionConfig::default())
        .await
        .context("opening a session")?;
    let opened = Instant::now();
    // Each send returns once its frame has left: the feeder's clock sees the send rate.
    session.set_max_queued(0);
    let sender = session.sender();
    let feeder = tokio::spawn(async move {
        for i in 0..frames {
            sender.send_frame(frame(i), i).await?;
        }
        let last = opened.elapsed();
        sender.finish();
        Ok::<_, hume::HumeError>(last)
    });
    let mut outcome = Outcome::default();
    while let Some(event) = session.next().await {
        let message = match &event {
            SessionEvent::Message(m) | SessionEvent::Reply { message: m, .. } => m,
            _ => continue,
        };
        match message {
            AudioServerMessage::MeasurementResult(_) => outcome.measurements += 1,
            AudioServerMessage::Error(e) if e.code == ErrorCode::RateLimited => {
                outcome.rate_limited += 1
            }
            _ => {}
        }
    }
    outcome.sending = feeder.await.context("the feeder task")??;
    let summary = session.close().await.context("closing the session")?;
    outcome.open = opened.elapsed();
    outcome.audio = Duration::from_millis(frames * FRAME_MS);
    outcome.received_ms = summary.closed.received.audio_duration_ms;
    Ok(outcome)
}

/// Runs `realtime`.
///
/// # Errors
/// If the client or runtime cannot start (a failed session is counted, not an error).
pub fn run(args: &RealtimeArgs) -> anyhow::Result<()> {
    let runtime = clients::runtime()?;
    let frames = args.seconds * 1000 / FRAME_MS;
    let client = runtime.block_on(async {
        ExpressionMeasurementClient::builder()
            .api_key(ApiKey::new(args.server.key.clone())?)
            .base_url(args.server.base_url.clone())
            .build()
            .context("building the async client")
    })?;
    let cpu_before = cpu_time().unwrap_or_default();
    let start = Instant::now();
    let results = runtime.block_on(async {
        let mut tasks = tokio::task::JoinSet::new();
        for _ in 0..args.sessions {
            tasks.spawn(session(client.clone(), frames));
        }
        let mut results = Vec::new();
        while let Some(joined) = tasks.join_next().await {
            results.push(joined.map_err(anyhow::Error::from).and_then(|r| r));
        }
        results
    });
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu_time().unwrap_or_default().saturating_sub(cpu_before);
    let mut outcomes = Vec::new();
    let mut failed = 0u64;
    for result in results {
        match result {
            Ok(outcome) => outcomes.push(outcome),
            Err(err) => {
                eprintln!("hume-bench realtime: a session failed: {err:#}");
                failed += 1;
            }
        }
    }
    let session_secs: f64 = outcomes.iter().map(|o| o.open.as_secs_f64()).sum();
    let audio_secs: f64 = outcomes.iter().map(|o| o.audio.as_secs_f64()).sum();
    let rates: Vec<f64> = outcomes.iter().map(Outcome::rate).collect();
    let mean = rates.iter().sum::<f64>() / rates.len().max(1) as f64;
    let fold = |init: f64, f: fn(f64, f64) -> f64| rates.iter().copied().fold(init, f);
    let received_ok = outcomes
        .iter()
        .filter(|o| o.received_ms == o.audio.as_millis() as u64)
        .count();
    Report::new("realtime", "async", secs)
        .with("sessions", args.sessions)
        .with("seconds", args.seconds)
        .with("failed", failed)
        .with("fully_received", received_ok)
        .with(
            "measurements",
            outcomes.iter().map(|o| o.measurements).sum::<u64>(),
        )
        .with(
            "rate_limited",
            outcomes.iter().map(|o| o.rate_limited).sum::<u64>(),
        )
        .with("cpu_secs", cpu.as_secs_f64())
        .with("session_secs", session_secs)
        .with(
            "cpu_ms_per_session_sec",
            cpu.as_secs_f64() * 1000.0 / audio_secs.max(f64::MIN_POSITIVE),
        )
        .with("send_rate_mean", mean)
        .with("send_rate_min", fold(f64::INFINITY, f64::min))
        .with("send_rate_max", fold(0.0, f64::max))
        .print();
    Ok(())
}
