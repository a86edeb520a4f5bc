//! A TCP listener whose connections can be cut from inside a handler.
//!
//! Fault injection needs two things plain axum cannot express: closing a connection without
//! writing any response, and closing it in the middle of a body. Each accepted stream is
//! wrapped in [`KillableStream`]; its [`ConnHandle`] (reachable from handlers as
//! `ConnectInfo<ConnHandle>`) flips a switch after which every read and write fails, so hyper
//! drops the connection without sending another byte.
//!
//! The stream also closes itself once it has moved no byte, in or out, for the idle timeout
//! of [`Limits`](crate::Limits): its reads then fail with `TimedOut`.

use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::connect_info::Connected;
use axum::serve::{IncomingStream, Listener};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::time::{Instant, Sleep};

/// Listener handing out [`KillableStream`]s.
#[derive(Debug)]
pub(crate) struct KillableListener {
    inner: TcpListener,
    idle: Duration,
}

impl KillableListener {
    /// Hands out streams that close after `idle` without any byte moved.
    pub(crate) fn new(inner: TcpListener, idle: Duration) -> Self {
        KillableListener { inner, idle }
    }
}

/// The per-connection switch, also the listener's address type.
#[derive(Debug, Clone)]
pub(crate) struct ConnHandle {
    killed: Arc<AtomicBool>,
    remote: SocketAddr,
}

impl ConnHandle {
    /// After this, the connection fails every read and write and is closed by hyper.
    pub(crate) fn kill(&self) {
        self.killed.store(true, Ordering::SeqCst);
    }

    /// The peer's address.
    pub(crate) fn remote(&self) -> SocketAddr {
        self.remote
    }
}

/// A TCP stream that fails once its [`ConnHandle`] was killed.
#[derive(Debug)]
pub(crate) struct KillableStream {
    inner: TcpStream,
    killed: Arc<AtomicBool>,
    idle: Duration,
    /// Fires `idle` after the last byte moved.
    quiet: Pin<Box<Sleep>>,
}

impl KillableStream {
    /// A byte moved: the idle timer starts again.
    fn moved(&mut self) {
        let next = Instant::now() + self.idle;
        self.quiet.as_mut().reset(next);
    }

    /// `TimedOut` once the idle timer fired (the connection is then closed).
    fn poll_quiet(&mut self, cx: &mut Context<'_>) -> io::Result<()> {
        if self.quiet.as_mut().poll(cx).is_ready() {
            return Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "connection idle for too long",
            ));
        }
        Ok(())
    }

    fn check(&self) -> io::Result<()> {
        if self.killed.load(Ordering::SeqCst) {
            Err(io::Error::new(
                io::ErrorKind::ConnectionAborted,
                "connection dropped by fault injection",
            ))
        } else {
            Ok(())
        }
    }
}

impl Listener for KillableListener {
    type Io = KillableStream;
    type Addr = ConnHandle;

    async fn accept(&mut self) -> (Self::Io, Self::Addr) {
        loop {
            match self.inner.accept().await {
                Ok((stream, remote)) => {
                    let _ = stream.set_nodelay(true);
                    let killed = Arc::new(AtomicBool::new(false));
                    let handle = ConnHandle {
                        killed: Arc::clone(&killed),
                        remote,
                    };
                    return (
                        KillableStream {
                            inner: stream,
                            killed,
                            idle: self.idle,
                            quiet: Box::pin(tokio::time::sleep(self.idle)),
                        },
                        handle,
                    );
                }
                Err(error) => {
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                }
            }
        }
    }

    fn local_addr(&self) -> io::Result<Self::Addr> {
        Ok(ConnHandle {
            killed: Arc::new(AtomicBool::new(false)),
            remote: self.inner.local_addr()?,
        })
    }
}

impl Connected<IncomingStream<'_, KillableListener>> for ConnHandle {
    fn connect_info(stream: IncomingStream<'_, KillableListener>) -> Self {
        stream.remote_addr().clone()
    }
}

impl AsyncRead for KillableStream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        self.check()?;
        let this = self.get_mut();
        let before = buf.filled().len();
        match Pin::new(&mut this.inner).poll_read(cx, buf) {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.moved();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Pending => {
                this.poll_quiet(cx)?;
                Poll::Pending
            }
            ready => ready,
        }
    }
}

impl AsyncWrite for KillableStream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        self.check()?;
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write(cx, buf);
        match &written {
            Poll::Ready(Ok(n)) if *n > 0 => this.moved(),
            Poll::Pending => this.poll_quiet(cx)?,
            _ => {}
        }
        written
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        self.check()?;
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        self.check()?;
        let this = self.get_mut();
        let written = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        match &written {
            Poll::Ready(Ok(n)) if *n > 0 => this.moved(),
            Poll::Pending => this.poll_quiet(cx)?,
            _ => {}
        }
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}
