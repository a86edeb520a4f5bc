use super::*;
use http::{Method, StatusCode};
use std::sync::atomic::{AtomicUsize, Ordering};

fn block_on<F: Future>(fut: F) -> F::Output {
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
fn closure_is_a_blocking_transport_and_shares_through_arc() {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let t = transport_fn(move |req: HttpRequest| {
        seen.fetch_add(1, Ordering::SeqCst);
        assert_eq!(req.url, "http://127.0.0.1/x");
        Ok(HttpResponse::new(
            StatusCode::ACCEPTED,
            BlockingBody::from("ok"),
        ))
    });
    let shared: Arc<dyn Transport> = Arc::new(t);
    let mut resp = shared
        .send(HttpRequest::new(Method::GET, "http://127.0.0.1/x"))
        .unwrap();
    assert_eq!(resp.status, StatusCode::ACCEPTED);
    assert_eq!(resp.body.read_to_vec_limited(10).unwrap(), b"ok");
    let boxed: Box<dyn Transport> = Box::new(shared.clone());
    boxed
        .send(HttpRequest::new(Method::GET, "http://127.0.0.1/x"))
        .unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(
        format!("{:?}", transport_fn(|_| Err(TransportError::connect("x")))),
        "FnTransport(..)"
    );
}

#[test]
fn async_closure_is_an_async_transport() {
    let t = async_transport_fn(|req: HttpRequest| async move {
        if req.method == Method::POST {
            Err(TransportError::connect("refused"))
        } else {
            Ok(HttpResponse::new(StatusCode::OK, AsyncBody::from("[]")))
        }
    });
    let shared: Arc<dyn AsyncTransport> = Arc::new(t);
    let mut resp =
        block_on(shared.send(HttpRequest::new(Method::GET, "http://127.0.0.1/"))).unwrap();
    assert_eq!(block_on(resp.body.read_to_vec_limited(10)).unwrap(), b"[]");
    let err =
        block_on(shared.send(HttpRequest::new(Method::POST, "http://127.0.0.1/"))).unwrap_err();
    assert!(err.is_connect());
}
