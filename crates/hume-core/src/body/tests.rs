use super::*;

/// Drives a future that never waits on I/O to completion (our async bodies here are ready).
fn block_on<F: std::future::Future>(fut: F) -> F::Output {
    use std::task::{Context, Poll, Waker};
    let mut fut = std::pin::pin!(fut);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

#[test]
fn blocking_body_limit() {
    let mut body = BlockingBody::from(vec![1u8; 10]);
    assert_eq!(body.read_to_vec_limited(10).unwrap().len(), 10);
    let mut body = BlockingBody::from(vec![1u8; 11]);
    let err = body.read_to_vec_limited(10).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidData);
    assert_eq!(
        format!("{:?}", BlockingBody::empty()),
        "BlockingBody { .. }"
    );
}

struct Chunks(Vec<&'static str>);

#[async_trait::async_trait]
impl AsyncBodySource for Chunks {
    async fn chunk(&mut self) -> io::Result<Option<Bytes>> {
        Ok(if self.0.is_empty() {
            None
        } else {
            Some(Bytes::from_static(self.0.remove(0).as_bytes()))
        })
    }
}

#[test]
fn async_body_chunks_and_limit() {
    let mut body = AsyncBody::new(Chunks(vec!["ab", "cd", "e"]));
    assert_eq!(block_on(body.read_to_vec_limited(5)).unwrap(), b"abcde");
    let mut body = AsyncBody::new(Chunks(vec!["ab", "cd", "e"]));
    assert_eq!(
        block_on(body.read_to_vec_limited(4)).unwrap_err().kind(),
        io::ErrorKind::InvalidData
    );
    let mut body = AsyncBody::from("xyz");
    assert_eq!(block_on(body.chunk()).unwrap().unwrap(), "xyz");
    assert!(block_on(body.chunk()).unwrap().is_none());
    let mut empty = AsyncBody::empty();
    assert!(block_on(empty.chunk()).unwrap().is_none());
}

#[test]
fn request_body_lengths_and_types() {
    assert_eq!(RequestBody::Empty.content_length(), 0);
    assert!(RequestBody::Empty.content_type().is_none());
    let json = RequestBody::Json(Bytes::from_static(b"{\"a\":1}"));
    assert_eq!(json.content_length(), 7);
    assert_eq!(json.content_type().unwrap(), "application/json");
}
