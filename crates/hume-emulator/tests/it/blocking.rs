//! The blocking handle: its own runtime on a thread, usable from sync code, stops on drop.

use std::io::{Read, Write};
use std::net::TcpStream;

use hume_emulator::{Emulator, EmulatorConfig};

fn raw_get(addr: std::net::SocketAddr, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(addr)?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hume-Api-Key: test-key\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    Ok(response)
}

#[test]
fn blocking_emulator_serves_and_stops_on_drop() {
    let handle = Emulator::start_blocking(EmulatorConfig::default()).unwrap();
    assert!(handle.base_url().starts_with("http://127.0.0.1:"));
    let addr = handle.addr();
    let response = raw_get(addr, "/v0/batch/jobs").unwrap();
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(response.ends_with("[]"), "{response}");
    assert_eq!(handle.job_count(), 0);
    let body = r#"{"urls":["https://m.example.com/a.mp4"]}"#;
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST /v0/batch/jobs HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Hume-Api-Key: test-key\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut created = String::new();
    stream.read_to_string(&mut created).unwrap();
    assert!(created.starts_with("HTTP/1.1 200"), "{created}");
    assert_eq!(handle.job_count(), 1);
    drop(handle);
    assert!(TcpStream::connect(addr).is_err(), "stopped");
}

#[test]
fn a_taken_port_is_a_bind_error() {
    let first = Emulator::start_blocking(EmulatorConfig::default()).unwrap();
    let error = Emulator::start_blocking(EmulatorConfig::default().with_port(first.addr().port()))
        .unwrap_err();
    assert!(
        error.to_string().starts_with("could not bind 127.0.0.1:"),
        "{error}"
    );
}
