//! Every measurement end to end against a real emulator (small sizes): the wiring works and
//! what each one fetches or sends arrives.

use std::path::PathBuf;
use std::time::Duration;

use hume::models::{BatchJobStatus, JobRequest};
use hume_emulator::{BlockingEmulatorHandle, Emulator, EmulatorConfig};

use super::*;
use crate::cli::{
    Backend, DetailsArgs, DownloadArgs, ImagesArgs, Implementation, JobsArgs, PredictionsArgs,
    Server, SubmitArgs,
};
use crate::predictions_server::PredictionsServer;

const KEY: &str = "measure-test-key";
const PADDING: u64 = 3 << 20;

fn emulator() -> (BlockingEmulatorHandle, Server) {
    let config = EmulatorConfig::default()
        .with_api_key(KEY)
        .with_artifact_padding(PADDING);
    let emulator = Emulator::start_blocking(config).expect("emulator");
    let server = Server {
        base_url: emulator.base_url(),
        key: KEY.into(),
        timeout_secs: 30,
    };
    (emulator, server)
}

fn completed_job(server: &Server) -> String {
    let client = crate::clients::blocking(server).expect("client");
    let job = client
        .submit(JobRequest::new().with_url("https://example.com/a.mp4"))
        .send()
        .expect("submit");
    let details = job
        .await_complete()
        .timeout(Duration::from_secs(30))
        .wait()
        .expect("await");
    assert_eq!(*details.status(), BatchJobStatus::Completed);
    job.id().to_string()
}

#[test]
fn download_writes_the_padded_artifacts_ours_and_bare_on_both_backends() {
    let (_emulator, server) = emulator();
    let job_id = completed_job(&server);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut sizes = Vec::new();
    for backend in [Backend::Blocking, Backend::Async] {
        for implementation in [Implementation::Hume, Implementation::Bare] {
            let dest = dir
                .path()
                .join(format!("{}-{implementation:?}.zip", backend.name()));
            let args = DownloadArgs {
                server: server.clone(),
                backend,
                implementation,
                job_id: job_id.clone(),
                dest: dest.clone(),
            };
            download::run(&args).expect("download");
            let len = std::fs::metadata(&dest).expect("downloaded").len();
            assert!(len > PADDING, "{len} bytes");
            sizes.push(len);
        }
    }
    assert!(
        sizes.windows(2).all(|w| w[0] == w[1]),
        "same zip every way: {sizes:?}"
    );
}

#[test]
fn submit_uploads_the_file_with_both_clients() {
    let (_emulator, server) = emulator();
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("clip.mp4");
    crate::upload_file::write_upload_file(&file, 1 << 20).expect("file");
    for backend in [Backend::Blocking, Backend::Async] {
        let args = SubmitArgs {
            server: server.clone(),
            backend,
            file: file.clone(),
            json: r#"{"models":{"face":{}}}"#.into(),
        };
        submit::run(&args).expect("submit");
    }
    let bad = SubmitArgs {
        server,
        backend: Backend::Blocking,
        file,
        json: "not json".into(),
    };
    assert!(submit::run(&bad).is_err(), "a bad --json is refused");
}

#[test]
fn details_runs_ours_and_bare_on_both_backends() {
    let (_emulator, server) = emulator();
    let job_id = completed_job(&server);
    for backend in [Backend::Blocking, Backend::Async] {
        for implementation in [Implementation::Hume, Implementation::Bare] {
            let args = DetailsArgs {
                server: server.clone(),
                backend,
                implementation,
                job_id: job_id.clone(),
                calls: 5,
            };
            details::run(&args).expect("details");
        }
    }
    let missing = DetailsArgs {
        server,
        backend: Backend::Blocking,
        implementation: Implementation::Bare,
        job_id: "no-such-job".into(),
        calls: 1,
    };
    assert!(
        details::run(&missing).is_err(),
        "a 404 is an error, not a fast call"
    );
}

#[test]
fn predictions_runs_ours_and_bare_on_both_backends() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file: PathBuf = dir.path().join("p.json");
    hume_bench_data::write_predictions(&file, 500_000, hume_bench_data::Layout::Mixed)
        .expect("file");
    let served = PredictionsServer::start(file, KEY.into()).expect("server");
    let server = Server {
        base_url: served.base_url(),
        key: KEY.into(),
        timeout_secs: 30,
    };
    for backend in [Backend::Blocking, Backend::Async] {
        for implementation in [Implementation::Hume, Implementation::Bare] {
            let args = PredictionsArgs {
                server: server.clone(),
                backend,
                implementation,
                job_id: "any".into(),
            };
            predictions::run(&args).expect("predictions");
        }
    }
}

#[test]
fn jobs_submits_and_awaits_every_job() {
    let (_emulator, server) = emulator();
    let args = JobsArgs {
        server,
        jobs: 20,
        concurrency: 4,
        schedule: crate::cli::Schedule::Adaptive,
        poll_initial_ms: Some(100),
        poll_max_ms: Some(200),
        job_ms: 200,
    };
    jobs::run(&args).expect("jobs");
}

#[test]
fn images_measures_every_image() {
    let (_emulator, server) = emulator();
    let args = ImagesArgs {
        server,
        images: 40,
        concurrency: 8,
    };
    images::run(&args).expect("images");
}

#[test]
fn images_counts_the_faces_of_every_response() {
    let (_emulator, server) = emulator();
    let dir = tempfile::tempdir().expect("temp dir");
    let files = images::write_images(dir.path()).expect("images");
    // Each file measured once, in order, by the blocking client: the faces of one round.
    let client = hume::blocking::ExpressionMeasurementClient::builder()
        .api_key(hume::ApiKey::new(KEY).expect("key"))
        .base_url(server.base_url.clone())
        .build()
        .expect("client");
    let per_file: Vec<u64> = files
        .iter()
        .map(|file| {
            let response = client
                .video()
                .measure([file.clone()], hume::models::v1::VideoFileConfig::new())
                .expect("measure");
            response.faces().filter(|(_, f)| f.is_measured()).count() as u64
        })
        .collect();
    assert!(per_file.iter().any(|&n| n > 0), "{per_file:?}");
    // 40 requests, round robin over the files: every response's faces are counted.
    let expected: u64 = (0..40).map(|i| per_file[i % per_file.len()]).sum();
    let args = ImagesArgs {
        server,
        images: 40,
        concurrency: 8,
    };
    let (_, faces) = crate::clients::runtime()
        .expect("runtime")
        .block_on(images::measure(&args, files))
        .expect("measure");
    assert_eq!(faces, expected);
}

#[test]
fn the_bench_images_are_jpegs_the_api_takes() {
    let bytes = hume_bench_data::test_media::jpeg(1280, 720, 3);
    assert!(hume::models::v1::media::inspect_jpeg(&bytes).is_ok());
}

#[test]
fn soak_runs_through_faults_on_both_backends() {
    for backend in [Backend::Blocking, Backend::Async] {
        let args = crate::cli::SoakArgs {
            backend,
            jobs: 12,
            concurrency: 4,
            faults: true,
            queued_ms: 10,
            in_progress_ms: 40,
            seed: 5,
        };
        soak::run(&args).expect("soak");
    }
    assert!(soak::issue_faults().is_enabled());
}
