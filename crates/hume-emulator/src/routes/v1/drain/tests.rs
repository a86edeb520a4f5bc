use axum::body::Body;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use futures_util::stream;

use super::*;

#[tokio::test]
async fn reads_the_whole_body_before_answering() {
    let chunks: Vec<Result<_, std::io::Error>> = (0..50).map(|_| Ok(bytes_of(1000))).collect();
    let consumed = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = std::sync::Arc::clone(&consumed);
    let body = Body::from_stream(stream::iter(chunks).inspect(move |_| {
        counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }));
    let request = Request::builder().uri("/").body(body).unwrap();
    let response = answer_after_draining(request, StatusCode::UNAUTHORIZED.into_response()).await;
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(consumed.load(std::sync::atomic::Ordering::SeqCst), 50);
}

#[tokio::test]
async fn stops_reading_past_the_cap() {
    let chunk = 4 * 1024 * 1024;
    let total = (DRAIN_LIMIT as usize / chunk) + 10;
    let consumed = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = std::sync::Arc::clone(&consumed);
    let body = Body::from_stream(
        stream::iter((0..total).map(move |_| Ok::<_, std::io::Error>(bytes_of(chunk)))).inspect(
            move |_| {
                counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            },
        ),
    );
    let request = Request::builder().uri("/").body(body).unwrap();
    answer_after_draining(request, StatusCode::SERVICE_UNAVAILABLE.into_response()).await;
    let read = consumed.load(std::sync::atomic::Ordering::SeqCst);
    assert!(read < total, "stopped after {read} of {total} chunks");
    assert!(read as u64 * chunk as u64 > DRAIN_LIMIT);
}

fn bytes_of(n: usize) -> axum::body::Bytes {
    axum::body::Bytes::from(vec![b'x'; n])
}
