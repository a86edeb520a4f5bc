use std::sync::{Arc, Mutex};

use super::*;

/// Where an announced base URL lands.
type Announced = Arc<Mutex<Option<String>>>;

fn announced() -> (Announced, impl FnOnce(&str) -> std::io::Result<()>) {
    let seen = Arc::new(Mutex::new(None));
    let slot = Arc::clone(&seen);
    let on_ready = move |url: &str| {
        *slot.lock().expect("lock") = Some(url.to_owned());
        Ok(())
    };
    (seen, on_ready)
}

#[tokio::test]
async fn serves_after_announcing_and_stops_on_the_signal() {
    let (seen, on_ready) = announced();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let stop = async move {
        let _ = stop_rx.await;
        Ok(())
    };
    let server = tokio::spawn(serve_until(EmulatorConfig::default(), on_ready, stop));
    let url = loop {
        if let Some(url) = seen.lock().expect("lock").clone() {
            break url;
        }
        tokio::task::yield_now().await;
    };
    let response = reqwest::Client::new()
        .get(format!("{url}/v0/batch/jobs"))
        .header("X-Hume-Api-Key", crate::DEFAULT_API_KEY)
        .send()
        .await
        .expect("the announced emulator answers");
    assert_eq!(response.status(), 200);
    stop_tx.send(()).expect("server waiting");
    server.await.expect("joins").expect("a clean stop");
    assert!(
        reqwest::Client::new()
            .get(format!("{url}/v0/batch/jobs"))
            .send()
            .await
            .is_err(),
        "stopped after the signal"
    );
}

#[tokio::test]
async fn a_failed_announcement_stops_the_emulator() {
    let stop = std::future::pending::<std::io::Result<()>>();
    let on_ready = |_: &str| Err(std::io::Error::other("stdout closed"));
    let error = serve_until(EmulatorConfig::default(), on_ready, stop)
        .await
        .expect_err("announcement failed");
    assert!(matches!(error, EmulatorError::Announce(_)), "{error:?}");
}

#[tokio::test]
async fn a_failed_signal_listener_is_reported() {
    let (_, on_ready) = announced();
    let stop = async { Err(std::io::Error::other("no signals here")) };
    let error = serve_until(EmulatorConfig::default(), on_ready, stop)
        .await
        .expect_err("signal failed");
    assert!(matches!(error, EmulatorError::Signal(_)), "{error:?}");
    assert_eq!(error.to_string(), "could not listen for Ctrl-C");
}
