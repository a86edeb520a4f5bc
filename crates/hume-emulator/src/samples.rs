//! [`dump_samples`]: one sample of every body the emulator sends, captured over real HTTP.
//!
//! The samples come from emulators started for the purpose (one held in `QUEUED`, one held in
//! `IN_PROGRESS`, one finishing jobs at once) and a local callback receiver, so they are
//! exactly what a client sees on the wire. File names follow the conformance convention:
//! `details-*.json`, `list-jobs.json`, `start-job-request.json`, `start-job-response.json`,
//! `predictions-*.json`, `error-*.json`, `callback-*.json`.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use serde_json::{Value, json};
use tokio::sync::Mutex;

use crate::{Emulator, EmulatorConfig, RunningEmulator};

const KEY: &str = crate::DEFAULT_API_KEY;

/// Writes one sample of every body kind into `dir` (created if needed) and returns the paths
/// written. Runs its own runtime on a helper thread, so it may be called from sync or async
/// code alike. Contacts nothing but 127.0.0.1.
pub fn dump_samples(dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let dir = dir.to_owned();
    std::thread::scope(|scope| {
        scope
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_multi_thread()
                    .worker_threads(2)
                    .enable_all()
                    .build()?;
                runtime.block_on(collect(&dir))
            })
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("sample thread panicked")))
    })
}

fn err(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

struct Writer {
    dir: PathBuf,
    written: Vec<PathBuf>,
}

impl Writer {
    fn write(&mut self, name: &str, body: &[u8]) -> io::Result<()> {
        let value: Value =
            serde_json::from_slice(body).map_err(|e| err(format!("{name}: not JSON: {e}")))?;
        let path = self.dir.join(name);
        std::fs::write(&path, serde_json::to_vec_pretty(&value).map_err(err)?)?;
        self.written.push(path);
        Ok(())
    }
}

struct Api {
    http: reqwest::Client,
    base: String,
}

impl Api {
    fn new(emulator: &RunningEmulator, http: &reqwest::Client) -> Self {
        Api {
            http: http.clone(),
            base: emulator.base_url(),
        }
    }

    async fn get(&self, path: &str, key: Option<&str>) -> io::Result<(u16, Bytes)> {
        let mut request = self.http.get(format!("{}{path}", self.base));
        if let Some(key) = key {
            request = request.header("X-Hume-Api-Key", key);
        }
        let response = request.send().await.map_err(err)?;
        let status = response.status().as_u16();
        Ok((status, response.bytes().await.map_err(err)?))
    }

    async fn post_json(&self, body: &Value) -> io::Result<(u16, Bytes)> {
        let response = self
            .http
            .post(format!("{}/v0/batch/jobs", self.base))
            .header("X-Hume-Api-Key", KEY)
            .header("Content-Type", "application/json")
            .body(serde_json::to_vec(body).map_err(err)?)
            .send()
            .await
            .map_err(err)?;
        let status = response.status().as_u16();
        Ok((status, response.bytes().await.map_err(err)?))
    }

    async fn post_multipart(
        &self,
        json_part: &Value,
        files: &[(&str, &str, &[u8])],
    ) -> io::Result<(u16, Bytes)> {
        let boundary = "hume-emulator-sample-boundary";
        let mut body = Vec::new();
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n{json_part}\r\n").as_bytes(),
        );
        for (name, content_type, data) in files {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\nContent-Type: {content_type}\r\n\r\n"
                )
                .as_bytes(),
            );
            body.extend_from_slice(data);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let response = self
            .http
            .post(format!("{}/v0/batch/jobs", self.base))
            .header("X-Hume-Api-Key", KEY)
            .header(
                "Content-Type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(body)
            .send()
            .await
            .map_err(err)?;
        let status = response.status().as_u16();
        Ok((status, response.bytes().await.map_err(err)?))
    }

    /// Starts a job and returns its id.
    async fn start(&self, body: &Value) -> io::Result<String> {
        let (status, bytes) = self.post_json(body).await?;
        job_id(status, &bytes)
    }

    /// Polls until the job is terminal; returns the details body.
    async fn wait(&self, id: &str) -> io::Result<Bytes> {
        for _ in 0..200 {
            let (_, body) = self.get(&format!("/v0/batch/jobs/{id}"), Some(KEY)).await?;
            let value: Value = serde_json::from_slice(&body).map_err(err)?;
            if matches!(
                value["state"]["status"].as_str(),
                Some("COMPLETED" | "FAILED")
            ) {
                return Ok(body);
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        Err(err(format!("job {id} did not finish")))
    }
}

fn job_id(status: u16, bytes: &[u8]) -> io::Result<String> {
    let value: Value = serde_json::from_slice(bytes).map_err(err)?;
    match value["job_id"].as_str() {
        Some(id) if status == 200 => Ok(id.to_owned()),
        _ => Err(err(format!("start failed with {status}: {value}"))),
    }
}

type Received = Arc<Mutex<Vec<(String, Bytes)>>>;

async fn receive(
    State(store): State<Received>,
    UrlPath(name): UrlPath<String>,
    body: Bytes,
) -> &'static str {
    store.lock().await.push((name, body));
    "ok"
}

async fn collect(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Writer {
        dir: dir.to_owned(),
        written: Vec::new(),
    };
    let http = reqwest::Client::builder().no_proxy().build().map_err(err)?;
    let hour = Duration::from_secs(3600);
    let start = |config: EmulatorConfig| async move { Emulator::start(config).await.map_err(err) };

    // Callback receiver.
    let received: Received = Arc::default();
    let receiver = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let hook = format!("http://{}/hook", receiver.local_addr()?);
    let app = axum::Router::new()
        .route("/hook/{name}", axum::routing::post(receive))
        .with_state(Arc::clone(&received));
    let receiver_task = tokio::spawn(async move { axum::serve(receiver, app).await });

    let small = json!({"urls": ["https://media.example.com/interview.mp4"], "notify": true});

    // QUEUED, plus the not-completed and key errors.
    let queued = start(EmulatorConfig::default().with_queued_duration(hour)).await?;
    let api = Api::new(&queued, &http);
    let id = api.start(&small).await?;
    out.write(
        "details-queued.json",
        &api.get(&format!("/v0/batch/jobs/{id}"), Some(KEY)).await?.1,
    )?;
    out.write(
        "error-job-not-completed.json",
        &api.get(&format!("/v0/batch/jobs/{id}/predictions"), Some(KEY))
            .await?
            .1,
    )?;
    out.write(
        "error-invalid-api-key.json",
        &api.get("/v0/batch/jobs", Some("wrong-key")).await?.1,
    )?;
    out.write(
        "error-missing-api-key.json",
        &api.get("/v0/batch/jobs", None).await?.1,
    )?;
    out.write(
        "error-job-not-found.json",
        &api.get(
            "/v0/batch/jobs/00000000-0000-4000-8000-000000000000",
            Some(KEY),
        )
        .await?
        .1,
    )?;
    let invalid = json!({"urls": ["ftp://nope/a.mp4"], "models": {"face": {"fps_pred": -1, "prob_threshold": 2}}});
    out.write(
        "error-invalid-request.json",
        &api.post_json(&invalid).await?.1,
    )?;
    queued.shutdown().await;

    // IN_PROGRESS.
    let running = start(
        EmulatorConfig::default()
            .with_queued_duration(Duration::ZERO)
            .with_in_progress_duration(hour),
    )
    .await?;
    let api = Api::new(&running, &http);
    let id = api.start(&small).await?;
    out.write(
        "details-in-progress.json",
        &api.get(&format!("/v0/batch/jobs/{id}"), Some(KEY)).await?.1,
    )?;
    running.shutdown().await;

    // Terminal states, predictions, list, callbacks.
    let done = start(
        EmulatorConfig::default()
            .with_queued_duration(Duration::ZERO)
            .with_in_progress_duration(Duration::from_millis(20)),
    )
    .await?;
    let api = Api::new(&done, &http);
    let request = json!({
        "urls": [
            "https://media.example.com/interview.mp4",
            "https://media.example.com/portrait.png",
            "https://media.example.com/speech.wav",
            "https://media.example.com/faces.zip",
            "https://cdn.example.invalid/missing.mp4",
            "https://media.example.com/corrupt-recording.mp3"
        ],
        "text": ["Yesterday Alice met Bob in Paris. It was wonderful!", "I am not sure this is right."],
        "models": {
            "face": {"fps_pred": 2, "identify_faces": true, "facs": {}, "descriptions": {}},
            "burst": {},
            "prosody": {"granularity": "sentence", "identify_speakers": true},
            "language": {"granularity": "word", "sentiment": {}, "toxicity": {}},
            "ner": {},
            "facemesh": {}
        },
        "transcription": {"language": "en", "identify_speakers": true, "confidence_threshold": 0.5},
        "callback_url": format!("{hook}/completed"),
        "notify": false
    });
    out.write(
        "start-job-request.json",
        &serde_json::to_vec(&request).map_err(err)?,
    )?;
    let (status, response) = api.post_json(&request).await?;
    out.write("start-job-response.json", &response)?;
    let id = job_id(status, &response)?;
    out.write("details-completed.json", &api.wait(&id).await?)?;
    out.write(
        "predictions-all-models.json",
        &api.get(&format!("/v0/batch/jobs/{id}/predictions"), Some(KEY))
            .await?
            .1,
    )?;

    let per_model: [(&str, Value, Value); 7] = [
        (
            "face",
            json!({"face": {}}),
            json!({"urls": ["https://media.example.com/portrait.jpg", "https://media.example.com/clip.mp4"]}),
        ),
        (
            "burst",
            json!({"burst": {}}),
            json!({"urls": ["https://media.example.com/laugh.wav"]}),
        ),
        (
            "prosody",
            json!({"prosody": {}}),
            json!({"urls": ["https://media.example.com/speech.mp3"]}),
        ),
        (
            "prosody-window",
            json!({"prosody": {"window": {"length": 2, "step": 1}}}),
            json!({"urls": ["https://media.example.com/speech.mp3"]}),
        ),
        (
            "language",
            json!({"language": {"granularity": "sentence"}}),
            json!({"text": ["Hello there. How are you today?"]}),
        ),
        (
            "ner",
            json!({"ner": {}}),
            json!({"text": ["Yesterday Alice flew from London to Tokyo."]}),
        ),
        (
            "facemesh",
            json!({"facemesh": {}}),
            json!({"urls": ["https://media.example.com/landmarks.json"]}),
        ),
    ];
    for (name, models, mut body) in per_model {
        body["models"] = models;
        let id = api.start(&body).await?;
        api.wait(&id).await?;
        out.write(
            &format!("predictions-{name}.json"),
            &api.get(&format!("/v0/batch/jobs/{id}/predictions"), Some(KEY))
                .await?
                .1,
        )?;
    }
    let id = api
        .start(&json!({"text": ["It works.", "Really well!", "Yes."], "models": {"language": {}}}))
        .await?;
    api.wait(&id).await?;
    out.write(
        "predictions-text.json",
        &api.get(&format!("/v0/batch/jobs/{id}/predictions"), Some(KEY))
            .await?
            .1,
    )?;
    let id = api
        .start(&json!({"urls": ["https://cdn.example.invalid/a.mp4", "https://media.example.com/unreachable/b.wav", "https://media.example.com/corrupt.mp4"]}))
        .await?;
    api.wait(&id).await?;
    out.write(
        "predictions-errors.json",
        &api.get(&format!("/v0/batch/jobs/{id}/predictions"), Some(KEY))
            .await?
            .1,
    )?;

    let (status, response) = api
        .post_multipart(
            &json!({"models": {"face": {}, "language": {}}}),
            &[
                ("photo.png", "image/png", b"\x89PNG not really"),
                ("notes.txt", "text/plain", b"Dear Maria, thank you so much."),
            ],
        )
        .await?;
    let id = job_id(status, &response)?;
    api.wait(&id).await?;
    out.write(
        "details-completed-files.json",
        &api.get(&format!("/v0/batch/jobs/{id}"), Some(KEY)).await?.1,
    )?;
    out.write(
        "predictions-files.json",
        &api.get(&format!("/v0/batch/jobs/{id}/predictions"), Some(KEY))
            .await?
            .1,
    )?;

    let failing = json!({"urls": ["https://media.example.com/fail-job.mp4"], "callback_url": format!("{hook}/failed")});
    let id = api.start(&failing).await?;
    out.write("details-failed.json", &api.wait(&id).await?)?;
    out.write(
        "list-jobs.json",
        &api.get(
            "/v0/batch/jobs?limit=5&sort_by=created&direction=desc",
            Some(KEY),
        )
        .await?
        .1,
    )?;

    for _ in 0..300 {
        if received.lock().await.len() >= 2 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    for (name, body) in received.lock().await.iter() {
        out.write(&format!("callback-{name}.json"), body)?;
    }
    done.shutdown().await;
    receiver_task.abort();
    if out
        .written
        .iter()
        .filter(|p| p.to_string_lossy().contains("callback-"))
        .count()
        < 2
    {
        return Err(err("the callbacks did not arrive"));
    }
    Ok(out.written)
}
