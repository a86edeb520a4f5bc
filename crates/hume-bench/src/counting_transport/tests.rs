use std::sync::atomic::Ordering;

use hume::transport::async_transport_fn;

use super::*;

#[test]
fn classifies_submit_details_and_the_rest() {
    let base = "http://127.0.0.1:9/v0/batch/jobs";
    assert_eq!(classify(&Method::POST, base), Kind::Submit);
    assert_eq!(
        classify(&Method::GET, &format!("{base}/abc")),
        Kind::Details
    );
    assert_eq!(
        classify(&Method::GET, &format!("{base}/abc?x=1")),
        Kind::Details
    );
    assert_eq!(
        classify(&Method::GET, &format!("{base}/abc/predictions")),
        Kind::Other
    );
    assert_eq!(
        classify(&Method::GET, &format!("{base}/abc/artifacts")),
        Kind::Other
    );
    assert_eq!(classify(&Method::GET, base), Kind::Other, "list");
    assert_eq!(
        classify(&Method::GET, &format!("{base}?limit=5")),
        Kind::Other,
        "list"
    );
    assert_eq!(
        classify(&Method::GET, "http://127.0.0.1:9/v0/batch/jobsx/a"),
        Kind::Other
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn counts_requests_and_bounds_those_in_flight() {
    let active = Arc::new(AtomicU64::new(0));
    let peak = Arc::new(AtomicU64::new(0));
    let inner = {
        let (active, peak) = (Arc::clone(&active), Arc::clone(&peak));
        async_transport_fn(move |_req: HttpRequest| {
            let (active, peak) = (Arc::clone(&active), Arc::clone(&peak));
            async move {
                let now = active.fetch_add(1, Ordering::SeqCst) + 1;
                peak.fetch_max(now, Ordering::SeqCst);
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                active.fetch_sub(1, Ordering::SeqCst);
                Ok(HttpResponse::new(http::StatusCode::OK, AsyncBody::empty()))
            }
        })
    };
    let (transport, counts) = CountingTransport::new(inner, 3);
    let transport = Arc::new(transport);
    let mut tasks = Vec::new();
    for i in 0..12 {
        let transport = Arc::clone(&transport);
        tasks.push(tokio::spawn(async move {
            let (method, url) = if i % 4 == 0 {
                (Method::POST, "http://127.0.0.1:9/v0/batch/jobs".to_owned())
            } else {
                (Method::GET, format!("http://127.0.0.1:9/v0/batch/jobs/{i}"))
            };
            transport
                .send(HttpRequest::new(method, url))
                .await
                .expect("send");
        }));
    }
    for task in tasks {
        task.await.expect("task");
    }
    assert_eq!(counts.submits.load(Ordering::SeqCst), 3);
    assert_eq!(counts.details.load(Ordering::SeqCst), 9);
    assert_eq!(counts.other.load(Ordering::SeqCst), 0);
    let peak = peak.load(Ordering::SeqCst);
    assert!((1..=3).contains(&peak), "peak in flight {peak}");
}
