//! The realtime WebSocket endpoints through a raw WebSocket client (tokio-tungstenite): the
//! handshake, every session rule of both endpoints, run records, and session faults.

mod audio;
mod faults;
mod handshake;
mod video;
mod ws;
