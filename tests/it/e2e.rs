//! End to end against the in-process emulator, beyond the seed flow of `emulator.rs`: list
//! filters checked against the jobs a test created, failed jobs (raised and returned), await
//! timeouts, multipart uploads (md5 and filename echoed), text offsets, a wrong key sent once,
//! and the completion callback received on loopback. Each runs on both clients where the
//! client matters.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use hume::models::predictions::Source;
use hume::models::{
    CallbackBody, Direction, Granularity, LanguageConfig, ListJobsQuery, Models, SortBy, When,
};
use hume::transport::{AsyncTransport, Transport, async_transport_fn, transport_fn};
use hume::{ApiKey, BatchJobDetails, BatchJobStatus, HumeError, JobId, JobRequest, PollPolicy};
use hume_emulator::{Emulator, EmulatorConfig, RunningEmulator};
use md5::{Digest, Md5};

use crate::support::{KEY, async_client, blocking, blocking_client, fast_poll, fast_retry};

/// An emulator accepting [`KEY`], with jobs queued for 10 ms and running for `in_progress`.
async fn emulator(in_progress: Duration) -> RunningEmulator {
    Emulator::start(
        EmulatorConfig::default()
            .with_api_key(KEY)
            .with_queued_duration(Duration::from_millis(10))
            .with_in_progress_duration(in_progress),
    )
    .await
    .expect("emulator starts")
}

/// An emulator whose jobs finish within 40 ms.
async fn quick_emulator() -> RunningEmulator {
    emulator(Duration::from_millis(30)).await
}

fn id_of(details: &BatchJobDetails) -> JobId {
    details.job_id.clone().expect("listed jobs carry their id")
}

fn ids(jobs: &[BatchJobDetails]) -> Vec<JobId> {
    jobs.iter().map(id_of).collect()
}

// ---------------------------------------------------------------------------------------------
// list filters

/// One list query and the jobs it must return, in order.
struct ListCase {
    name: &'static str,
    query: ListJobsQuery,
    expected: Vec<JobId>,
}

/// The cases for four terminal jobs `a`..`d` (submitted in that order, `b` and `d` failed),
/// given their details.
fn list_cases(jobs: &[BatchJobDetails]) -> Vec<ListCase> {
    let [a, b, c, d] = [0, 1, 2, 3].map(|i| id_of(&jobs[i]));
    let submitted = [a.clone(), b.clone(), c.clone(), d.clone()];
    let reversed: Vec<JobId> = submitted.iter().rev().cloned().collect();
    // Expected orders for started/ended come from the jobs' own timestamps (ties keep
    // submission order), not from an assumption about the emulator's timings.
    let order_by = |key: fn(&BatchJobDetails) -> Option<i64>| -> Vec<JobId> {
        let mut indexed: Vec<(i64, usize)> = jobs
            .iter()
            .enumerate()
            .map(|(i, j)| (key(j).expect("terminal jobs have the timestamp"), i))
            .collect();
        indexed.sort();
        indexed.into_iter().map(|(_, i)| id_of(&jobs[i])).collect()
    };
    let by_started = order_by(|j| j.state.started_timestamp_ms);
    let by_ended = order_by(|j| j.state.ended_timestamp_ms);
    let b_created = jobs[1].state.created_timestamp_ms.expect("created");
    let rev = |v: &[JobId]| v.iter().rev().cloned().collect::<Vec<_>>();
    vec![
        ListCase {
            name: "defaults: newest first",
            query: ListJobsQuery::new(),
            expected: reversed.clone(),
        },
        ListCase {
            name: "status FAILED",
            query: ListJobsQuery::new().with_status(BatchJobStatus::Failed),
            expected: vec![d.clone(), b.clone()],
        },
        ListCase {
            name: "status COMPLETED, ascending",
            query: ListJobsQuery::new()
                .with_status(BatchJobStatus::Completed)
                .with_direction(Direction::Asc),
            expected: vec![a.clone(), c.clone()],
        },
        ListCase {
            name: "status repeated: COMPLETED or FAILED",
            query: ListJobsQuery::new()
                .with_status(BatchJobStatus::Completed)
                .with_status(BatchJobStatus::Failed),
            expected: reversed.clone(),
        },
        ListCase {
            name: "status repeated: QUEUED or IN_PROGRESS (all jobs ended)",
            query: ListJobsQuery::new()
                .with_status(BatchJobStatus::Queued)
                .with_status(BatchJobStatus::InProgress),
            expected: vec![],
        },
        ListCase {
            name: "created_before b (strict)",
            query: ListJobsQuery::new().with_when(When::CreatedBefore, b_created),
            expected: vec![a.clone()],
        },
        ListCase {
            name: "created_after b (strict), ascending",
            query: ListJobsQuery::new()
                .with_when(When::CreatedAfter, b_created)
                .with_direction(Direction::Asc),
            expected: vec![c.clone(), d.clone()],
        },
        ListCase {
            name: "created_after b and FAILED",
            query: ListJobsQuery::new()
                .with_when(When::CreatedAfter, b_created)
                .with_status(BatchJobStatus::Failed),
            expected: vec![d.clone()],
        },
        ListCase {
            name: "sort_by started asc",
            query: ListJobsQuery::new()
                .with_sort_by(SortBy::Started)
                .with_direction(Direction::Asc),
            expected: by_started.clone(),
        },
        ListCase {
            name: "sort_by started desc",
            query: ListJobsQuery::new()
                .with_sort_by(SortBy::Started)
                .with_direction(Direction::Desc),
            expected: rev(&by_started),
        },
        ListCase {
            name: "sort_by ended asc",
            query: ListJobsQuery::new()
                .with_sort_by(SortBy::Ended)
                .with_direction(Direction::Asc),
            expected: by_ended.clone(),
        },
        ListCase {
            name: "sort_by ended desc, limit 3",
            query: ListJobsQuery::new()
                .with_sort_by(SortBy::Ended)
                .with_direction(Direction::Desc)
                .with_limit(3),
            expected: rev(&by_ended)[..3].to_vec(),
        },
        ListCase {
            name: "limit 2",
            query: ListJobsQuery::new().with_limit(2),
            expected: reversed[..2].to_vec(),
        },
        ListCase {
            name: "limit 2, ascending",
            query: ListJobsQuery::new()
                .with_limit(2)
                .with_direction(Direction::Asc),
            expected: submitted[..2].to_vec(),
        },
        ListCase {
            name: "limit 0",
            query: ListJobsQuery::new().with_limit(0),
            expected: vec![],
        },
    ]
}

fn check_listing(case: &ListCase, listed: &[BatchJobDetails], client: &str) {
    assert_eq!(ids(listed), case.expected, "{client}: {}", case.name);
    for job in listed {
        if !case.query.statuses.is_empty() {
            assert!(
                case.query.statuses.contains(job.status()),
                "{client}: {}",
                case.name
            );
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn list_filters_select_and_order_the_jobs_created() {
    let emulator = quick_emulator().await;
    let client = async_client(&emulator.base_url());
    let urls = [
        "https://example.com/a.jpg",
        "https://example.com/b-fail-job.jpg",
        "https://example.com/c.jpg",
        "https://example.com/d-fail-job.jpg",
    ];
    let mut handles = Vec::new();
    for url in urls {
        handles.push(
            client
                .submit(JobRequest::new().with_url(url))
                .await
                .unwrap(),
        );
        // Distinct creation milliseconds, so created_before/after have a strict order.
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
    let mut jobs = Vec::new();
    for job in &handles {
        jobs.push(
            job.await_complete()
                .timeout(Duration::from_secs(10))
                .await
                .unwrap(),
        );
    }
    let statuses: Vec<_> = jobs.iter().map(|j| j.status().clone()).collect();
    assert_eq!(
        statuses,
        [
            BatchJobStatus::Completed,
            BatchJobStatus::Failed,
            BatchJobStatus::Completed,
            BatchJobStatus::Failed
        ]
    );
    let cases = Arc::new(list_cases(&jobs));
    for case in cases.iter() {
        let listed = client.list_jobs(&case.query).await.unwrap();
        check_listing(case, &listed, "async");
    }
    let blocking_client = blocking_client(&emulator.base_url());
    let blocking_cases = Arc::clone(&cases);
    blocking(move || {
        for case in blocking_cases.iter() {
            let listed = blocking_client.list_jobs(&case.query).unwrap();
            check_listing(case, &listed, "blocking");
        }
    })
    .await;
    emulator.shutdown().await;
}

// ---------------------------------------------------------------------------------------------
// failed jobs

const FAILING_URL: &str = "https://example.com/media/fail-job.mp4";

/// The raised error and the returned details of one failed job agree on the server's message.
fn check_failed(job_id: &JobId, raised: HumeError, returned: &BatchJobDetails) {
    assert_eq!(*returned.status(), BatchJobStatus::Failed);
    let message = returned
        .state
        .message
        .as_deref()
        .expect("FAILED details carry the server message");
    assert!(message.contains(FAILING_URL), "{message}");
    match &raised {
        HumeError::JobFailed {
            job_id: failed,
            message: Some(m),
            ..
        } => {
            assert_eq!(failed, job_id);
            assert_eq!(m, message);
        }
        other => panic!("expected JobFailed, got {other:?}"),
    }
    let shown = raised.to_string();
    assert!(
        shown.contains(job_id.as_str()) && shown.contains(message),
        "{shown}"
    );
    assert!(returned.state.ended_timestamp_ms.is_some());
}

#[tokio::test(flavor = "multi_thread")]
async fn failed_job_is_raised_or_returned_on_both_clients() {
    let emulator = quick_emulator().await;
    let limit = Duration::from_secs(10);

    let client = async_client(&emulator.base_url());
    let job = client
        .submit(JobRequest::new().with_url(FAILING_URL))
        .await
        .unwrap();
    let raised = job
        .await_complete()
        .timeout(limit)
        .raise_on_failed(true)
        .await
        .unwrap_err();
    let returned = job.await_complete().timeout(limit).await.unwrap();
    check_failed(job.id(), raised, &returned);

    let client = blocking_client(&emulator.base_url());
    blocking(move || {
        let job = client
            .submit_job([FAILING_URL], Vec::<hume::ModelConfig>::new())
            .send()
            .unwrap();
        let raised = job
            .await_complete()
            .timeout(limit)
            .raise_on_failed(true)
            .wait()
            .unwrap_err();
        let returned = job.await_complete().timeout(limit).wait().unwrap();
        check_failed(job.id(), raised, &returned);
    })
    .await;
    emulator.shutdown().await;
}

// ---------------------------------------------------------------------------------------------
// await timeout

/// Polls every 50 ms at most, no jitter.
fn eager_poll() -> PollPolicy {
    PollPolicy::default()
        .with_initial_delay(Duration::from_millis(20))
        .with_max_delay(Duration::from_millis(50))
        .with_jitter(0.0)
}

fn check_await_timeout(job_id: &JobId, err: &HumeError, elapsed: Duration) {
    match err {
        HumeError::AwaitTimeout {
            job_id: id,
            timeout,
            last_status,
            ..
        } => {
            assert_eq!(id, job_id);
            assert_eq!(*timeout, Duration::from_secs(1));
            assert!(
                matches!(
                    last_status,
                    Some(BatchJobStatus::Queued | BatchJobStatus::InProgress)
                ),
                "{last_status:?}"
            );
        }
        other => panic!("expected AwaitTimeout, got {other:?}"),
    }
    let shown = err.to_string();
    assert!(shown.contains("stopped polling"), "{shown}");
    assert!(shown.contains("the job keeps running"), "{shown}");
    assert!(shown.contains(job_id.as_str()), "{shown}");
    assert!(
        elapsed >= Duration::from_millis(900) && elapsed < Duration::from_secs(4),
        "{elapsed:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn await_times_out_while_the_job_keeps_running() {
    let emulator = emulator(Duration::from_secs(120)).await;
    let base = emulator.base_url();
    let async_client = hume::asynchronous::HumeBatchClient::builder()
        .api_key(ApiKey::new(KEY).unwrap())
        .base_url(&base)
        .retry_policy(fast_retry())
        .poll_policy(eager_poll())
        .build()
        .unwrap();
    let blocking_client = hume::blocking::HumeBatchClient::builder()
        .api_key(ApiKey::new(KEY).unwrap())
        .base_url(&base)
        .retry_policy(fast_retry())
        .poll_policy(eager_poll())
        .build()
        .unwrap();
    let async_job = async_client
        .submit(JobRequest::new().with_url("https://example.com/long.mp4"))
        .await
        .unwrap();
    let blocking_job = async_client
        .submit(JobRequest::new().with_url("https://example.com/long2.mp4"))
        .await
        .unwrap();
    let blocking_job = blocking_client.get_job(blocking_job.id().clone());
    // Both awaits run at the same time: the test takes about one second.
    let blocking_side = blocking(move || {
        let start = Instant::now();
        let err = blocking_job
            .await_complete()
            .timeout(Duration::from_secs(1))
            .wait()
            .unwrap_err();
        check_await_timeout(blocking_job.id(), &err, start.elapsed());
        blocking_job.get_status().unwrap()
    });
    let async_side = async {
        let start = Instant::now();
        let err = async_job
            .await_complete()
            .timeout(Duration::from_secs(1))
            .await
            .unwrap_err();
        check_await_timeout(async_job.id(), &err, start.elapsed());
        async_job.get_status().await.unwrap()
    };
    let (blocking_status, async_status) = tokio::join!(blocking_side, async_side);
    assert_eq!(
        blocking_status,
        BatchJobStatus::InProgress,
        "it keeps running"
    );
    assert_eq!(async_status, BatchJobStatus::InProgress, "it keeps running");
    emulator.shutdown().await;
}

// ---------------------------------------------------------------------------------------------
// multipart upload

fn md5_hex(bytes: &[u8]) -> String {
    Md5::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Deterministic non-text bytes, with every byte value present.
fn upload_bytes(len: usize) -> Vec<u8> {
    (0..len).map(|i| (i * 31 % 251) as u8).collect()
}

fn check_upload(details: &BatchJobDetails, filename: &str, md5: &str) {
    assert_eq!(details.files().len(), 1, "{:?}", details.files());
    let file = &details.files()[0];
    assert_eq!(file.filename.as_deref(), Some(filename));
    assert_eq!(file.md5sum, md5);
    assert_eq!(file.content_type.as_deref(), Some("image/jpeg"));
}

#[tokio::test(flavor = "multi_thread")]
async fn uploaded_file_md5_and_name_are_reported() {
    let emulator = quick_emulator().await;
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("portrait.jpg");
    let second = dir.path().join("second portrait.jpg");
    let (first_bytes, second_bytes) = (upload_bytes(70_001), upload_bytes(1_234));
    std::fs::write(&first, &first_bytes).unwrap();
    std::fs::write(&second, &second_bytes).unwrap();
    assert_ne!(md5_hex(&first_bytes), md5_hex(&second_bytes));

    let client = async_client(&emulator.base_url());
    let job = client
        .submit(JobRequest::new())
        .files([first])
        .await
        .unwrap();
    let details = job
        .await_complete()
        .timeout(Duration::from_secs(10))
        .await
        .unwrap();
    assert_eq!(*details.status(), BatchJobStatus::Completed);
    check_upload(&details, "portrait.jpg", &md5_hex(&first_bytes));
    let predictions = job.get_predictions().await.unwrap();
    let md5 = md5_hex(&first_bytes);
    assert!(
        matches!(
            &predictions[0].source,
            Source::File { filename: Some(name), md5sum, .. }
                if name == "portrait.jpg" && *md5sum == md5
        ),
        "{:?}",
        predictions[0].source
    );

    let client = blocking_client(&emulator.base_url());
    let md5 = md5_hex(&second_bytes);
    blocking(move || {
        let job = client
            .submit(hume::JobRequest::new())
            .files([second.as_path()])
            .send()
            .unwrap();
        let details = job
            .await_complete()
            .timeout(Duration::from_secs(10))
            .wait()
            .unwrap();
        check_upload(&details, "second portrait.jpg", &md5);
    })
    .await;
    emulator.shutdown().await;
}

// ---------------------------------------------------------------------------------------------
// text input

/// Non-ASCII on purpose: offsets are in characters, not bytes.
const TEXTS: [&str; 3] = [
    "I love this wonderful day",
    "Café déjà vu: naïve joy, señor!",
    "Ünïcödé 😀 smiles — and tears",
];

fn text_request() -> JobRequest {
    JobRequest::new().with_text(TEXTS).with_models(
        Models::new().with(LanguageConfig::default().with_granularity(Granularity::Word)),
    )
}

/// The words of each [`TEXTS`] item: whitespace-separated, punctuation (and the emoji)
/// trimmed or dropped.
const WORDS: [&[&str]; 3] = [
    &["I", "love", "this", "wonderful", "day"],
    &["Café", "déjà", "vu", "naïve", "joy", "señor"],
    &["Ünïcödé", "smiles", "and", "tears"],
];

fn check_text_predictions(predictions: &hume::Predictions) {
    let mut seen = vec![false; TEXTS.len()];
    for (source, prediction) in predictions.iter_predictions() {
        assert!(matches!(source, Source::Text { .. }), "{source:?}");
        assert_eq!(prediction.file_type.as_deref(), Some("text"));
        let index = prediction.text_index().expect("text items are numbered");
        assert!(
            !std::mem::replace(&mut seen[index], true),
            "item {index} once"
        );
        let submitted = TEXTS[index];
        let language = prediction.models.language.as_ref().expect("language ran");
        let mut words: Vec<_> = language.predictions().collect();
        words.sort_by_key(|w| w.position.begin);
        for word in &words {
            assert_eq!(
                word.position.slice(submitted),
                Some(word.text.as_str()),
                "{:?} in {submitted:?}",
                word.position
            );
            assert!(word.time.is_none(), "raw text has no timing");
            assert!(!word.emotions.is_empty());
        }
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, WORDS[index], "word granularity on {submitted:?}");
    }
    assert!(seen.iter().all(|s| *s), "one prediction per text item");
}

#[tokio::test(flavor = "multi_thread")]
async fn text_predictions_carry_the_submitted_words_at_their_offsets() {
    let emulator = quick_emulator().await;
    let client = async_client(&emulator.base_url());
    let job = client.submit(text_request()).await.unwrap();
    job.await_complete()
        .timeout(Duration::from_secs(10))
        .await
        .unwrap();
    check_text_predictions(&job.get_predictions().await.unwrap());

    let client = blocking_client(&emulator.base_url());
    blocking(move || {
        let job = client.submit(text_request()).send().unwrap();
        let details = job
            .await_complete()
            .timeout(Duration::from_secs(10))
            .wait()
            .unwrap();
        assert!(
            details.text().iter().eq(TEXTS.iter()),
            "{:?}",
            details.text()
        );
        check_text_predictions(&job.get_predictions().unwrap());
    })
    .await;
    emulator.shutdown().await;
}

// ---------------------------------------------------------------------------------------------
// wrong key

fn check_invalid_key(err: &HumeError, what: &str) {
    assert!(
        matches!(err, HumeError::InvalidApiKey { status, .. } if status.as_u16() == 401),
        "{what}: {err:?}"
    );
    assert!(!err.is_retryable(), "{what}");
    assert!(!err.to_string().contains("not-the-key"), "{what}: {err}");
}

#[tokio::test(flavor = "multi_thread")]
async fn wrong_key_is_invalid_api_key_and_never_retried() {
    let emulator = quick_emulator().await;
    let base = emulator.base_url();
    let wrong = || ApiKey::new("not-the-key").unwrap();
    let request = JobRequest::new().with_url("https://example.com/face.jpg");

    // The built-in transports, wrapped to count what is actually sent.
    let async_sent = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&async_sent);
    let reqwest = Arc::new(hume_transport::ReqwestTransport::new().unwrap());
    let client = hume::asynchronous::HumeBatchClient::builder()
        .api_key(wrong())
        .base_url(&base)
        .retry_policy(fast_retry().with_max_attempts(4))
        .poll_policy(fast_poll())
        .transport(async_transport_fn(move |req| {
            counter.fetch_add(1, Ordering::SeqCst);
            let inner = Arc::clone(&reqwest);
            async move { inner.send(req).await }
        }))
        .build()
        .unwrap();
    let err = client.submit(request.clone()).await.unwrap_err();
    check_invalid_key(&err, "async submit");
    assert_eq!(
        async_sent.load(Ordering::SeqCst),
        1,
        "async submit sent once"
    );
    let err = client.list_jobs(&ListJobsQuery::new()).await.unwrap_err();
    check_invalid_key(&err, "async list");
    assert_eq!(async_sent.load(Ordering::SeqCst), 2, "async list sent once");

    let blocking_sent = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&blocking_sent);
    let ureq = hume_transport::UreqTransport::new();
    let client = hume::blocking::HumeBatchClient::builder()
        .api_key(wrong())
        .base_url(&base)
        .retry_policy(fast_retry().with_max_attempts(4))
        .poll_policy(fast_poll())
        .transport(transport_fn(move |req| {
            counter.fetch_add(1, Ordering::SeqCst);
            ureq.send(req)
        }))
        .build()
        .unwrap();
    let sent = Arc::clone(&blocking_sent);
    blocking(move || {
        let err = client.get_job_details("some-job").unwrap_err();
        check_invalid_key(&err, "blocking details");
        assert_eq!(sent.load(Ordering::SeqCst), 1, "blocking details sent once");
        let err = client.submit(request).send().unwrap_err();
        check_invalid_key(&err, "blocking submit");
        assert_eq!(sent.load(Ordering::SeqCst), 2, "blocking submit sent once");
    })
    .await;
    assert_eq!(emulator.job_count(), 0, "no job created with a wrong key");
    emulator.shutdown().await;
}

// ---------------------------------------------------------------------------------------------
// callbacks

/// A request received by [`callback_server`].
struct Received {
    request_line: String,
    content_type: Option<String>,
    body: Vec<u8>,
}

/// A plain HTTP/1.1 server on 127.0.0.1 that answers `expected` requests with `200` and hands
/// each one over. Returns its URL (`/hook`) and the receiving end.
fn callback_server(expected: usize) -> (String, mpsc::Receiver<Received>) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for _ in 0..expected {
            let Ok((stream, _)) = listener.accept() else {
                return;
            };
            stream
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut reader = BufReader::new(stream);
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            let mut headers = Vec::new();
            loop {
                let mut line = String::new();
                reader.read_line(&mut line).unwrap();
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                let (name, value) = line.split_once(':').expect("header line");
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_owned()));
            }
            let header = |name: &str| {
                headers
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            };
            let len: usize = header("content-length")
                .expect("callback sent with a content-length")
                .parse()
                .unwrap();
            let mut body = vec![0u8; len];
            reader.read_exact(&mut body).unwrap();
            let mut stream = reader.into_inner();
            stream
                .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .unwrap();
            let received = Received {
                request_line: request_line.trim_end().to_owned(),
                content_type: header("content-type"),
                body,
            };
            if tx.send(received).is_err() {
                return;
            }
        }
    });
    (format!("http://127.0.0.1:{}/hook", addr.port()), rx)
}

#[tokio::test(flavor = "multi_thread")]
async fn completion_callbacks_reach_a_loopback_server() {
    let emulator = quick_emulator().await;
    let (hook, received) = callback_server(2);
    // One job per client: the blocking one completes, the async one fails.
    let client = blocking_client(&emulator.base_url());
    let url = hook.clone();
    let completed = blocking(move || {
        client
            .submit_job(
                ["https://example.com/media/face.jpg"],
                Vec::<hume::ModelConfig>::new(),
            )
            .callback_url(&url)
            .send()
            .unwrap()
    })
    .await;
    let failed = async_client(&emulator.base_url())
        .submit(
            JobRequest::new()
                .with_url(FAILING_URL)
                .with_callback_url(&hook),
        )
        .await
        .unwrap();
    let posts = blocking(move || {
        (0..2)
            .map(|_| {
                received
                    .recv_timeout(Duration::from_secs(10))
                    .expect("a callback within 10 s")
            })
            .collect::<Vec<_>>()
    })
    .await;
    let mut bodies = HashMap::new();
    for post in posts {
        assert_eq!(post.request_line, "POST /hook HTTP/1.1");
        assert_eq!(post.content_type.as_deref(), Some("application/json"));
        let raw: serde_json::Value = serde_json::from_slice(&post.body).unwrap();
        for key in ["job_id", "status"] {
            assert!(raw.get(key).is_some(), "{key} in {raw}");
        }
        let body = CallbackBody::from_response(&post.body).expect("a CallbackBody");
        bodies.insert(body.job_id.clone(), (body, raw));
    }

    let (body, raw) = bodies
        .remove(completed.id())
        .expect("callback of the completed job");
    assert_eq!(body.status, BatchJobStatus::Completed);
    assert!(raw.get("predictions").is_some());
    let sent = body.predictions.expect("predictions in the callback");
    let id = completed.id().clone();
    let client = blocking_client(&emulator.base_url());
    let fetched = blocking(move || client.get_job_predictions(&id).unwrap()).await;
    assert_eq!(sent, fetched, "the callback carries the job's predictions");

    let (body, _) = bodies
        .remove(failed.id())
        .expect("callback of the failed job");
    assert_eq!(body.status, BatchJobStatus::Failed);
    assert!(body.predictions.is_none());
    let details = failed.get_details().await.unwrap();
    assert_eq!(body.failure_message(), details.state.message.as_deref());
    assert!(body.failure_message().is_some());
    emulator.shutdown().await;
}
