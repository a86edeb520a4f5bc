use tokio_tungstenite_axum::tungstenite::error::{CapacityError, ProtocolError};

use super::*;

#[test]
fn server_endings_send_session_closed_and_a_close_frame() {
    for (ending, reason, code) in [
        (Ending::ClientRequest, CloseReason::ClientRequest, 1000),
        (Ending::IdleTimeout, CloseReason::IdleTimeout, 1000),
        (Ending::ServerShutdown, CloseReason::ServerShutdown, 1001),
        (Ending::Fatal(1008), CloseReason::Error, 1008),
        (Ending::Fatal(1009), CloseReason::Error, 1009),
    ] {
        assert_eq!(ending.closed_reason(), Some(reason.clone()));
        assert_eq!(ending.close_frame().map(|f| f.0), Some(code));
        let (recorded_code, recorded_reason, _) = ending.record();
        assert_eq!((recorded_code, recorded_reason), (Some(code), Some(reason)));
    }
    assert_eq!(Ending::ClientRequest.record().2, RunStatus::Ended);
    assert_eq!(Ending::Fatal(1008).record().2, RunStatus::Errored);
}

#[test]
fn client_closes_are_recorded_with_their_own_code_and_text() {
    let normal = Ending::ClientClosed {
        code: Some(1000),
        reason: "bye".to_owned(),
    };
    assert_eq!(normal.closed_reason(), None);
    assert_eq!(normal.close_frame(), None);
    assert_eq!(
        normal.record(),
        (
            Some(1000),
            Some(CloseReason::Other("bye".to_owned())),
            RunStatus::Ended
        )
    );
    let failing = Ending::ClientClosed {
        code: Some(1011),
        reason: "keepalive ping timeout".to_owned(),
    };
    assert_eq!(failing.record().2, RunStatus::Errored);
    let codeless = Ending::ClientClosed {
        code: None,
        reason: String::new(),
    };
    assert_eq!(codeless.record(), (None, None, RunStatus::Ended));
}

#[test]
fn lost_connections_and_cuts() {
    let lost = (Some(1011), Some(CloseReason::Error), RunStatus::Errored);
    assert_eq!(Ending::Lost.record(), lost);
    assert_eq!(Ending::Cut(SessionCut::Drop).record(), lost);
    assert_eq!(Ending::Cut(SessionCut::Drop).close_frame(), None);
    assert_eq!(
        Ending::Cut(SessionCut::Restart).close_frame().map(|f| f.0),
        Some(1012)
    );
    assert_eq!(
        Ending::Cut(SessionCut::Restart).record().1,
        Some(CloseReason::ServerShutdown)
    );
    assert_eq!(
        Ending::Cut(SessionCut::TryAgainLater).record(),
        (Some(1013), Some(CloseReason::Error), RunStatus::Errored)
    );
    assert_eq!(Ending::Cut(SessionCut::Restart).closed_reason(), None);
}

#[test]
fn read_errors_are_told_apart_by_type() {
    let wrap = |e: tungstenite::Error| Error::new(e);
    assert_eq!(
        read_failure(wrap(tungstenite::Error::Capacity(
            CapacityError::MessageTooLong {
                size: 2,
                max_size: 1
            }
        ))),
        ReadFailure::TooLarge
    );
    assert_eq!(
        read_failure(wrap(tungstenite::Error::Utf8("bad".to_owned()))),
        ReadFailure::InvalidUtf8
    );
    assert_eq!(
        read_failure(wrap(tungstenite::Error::Protocol(
            ProtocolError::ResetWithoutClosingHandshake
        ))),
        ReadFailure::Lost
    );
    assert_eq!(
        read_failure(wrap(tungstenite::Error::Protocol(
            ProtocolError::UnmaskedFrameFromClient
        ))),
        ReadFailure::Protocol
    );
    assert_eq!(
        read_failure(wrap(tungstenite::Error::ConnectionClosed)),
        ReadFailure::Lost
    );
    assert_eq!(
        read_failure(Error::new(std::io::Error::other("x"))),
        ReadFailure::Lost
    );
}
