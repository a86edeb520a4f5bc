//! [`ServerClock`]: what a client has learned of the server's clock, from the creation times
//! of the jobs its own submits created.

/// Bounds on the offset of the server's clock from the client's (server − client, in ms),
/// learned from jobs this client submitted: a job the server created at `created` (its clock)
/// after the client sent the request at `sent` and before the client read the reply at
/// `received` (the client's clock) bounds the offset to `[created − received,
/// created − sent]`. Each job narrows the bounds; a job whose bounds do not meet the ones kept
/// (a clock stepped, or another server answered) replaces them.
///
/// The reconciliation listing starts at the earliest server time a job sent at a given client
/// time can carry: [`earliest_created`](Self::earliest_created).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ServerClock {
    bounds: Option<(i64, i64)>,
}

impl ServerClock {
    /// Nothing learned yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Learns from one job: sent at `sent_ms`, created at `created_ms` (server clock), its id
    /// read at `received_ms` (client clock, Unix ms). An observation with `received_ms`
    /// before `sent_ms` is ignored.
    pub fn observe(&mut self, sent_ms: i64, received_ms: i64, created_ms: i64) {
        if received_ms < sent_ms {
            return;
        }
        let low = created_ms.saturating_sub(received_ms);
        let high = created_ms.saturating_sub(sent_ms);
        self.bounds = Some(match self.bounds {
            Some((kept_low, kept_high)) if low <= kept_high && kept_low <= high => {
                (kept_low.max(low), kept_high.min(high))
            }
            _ => (low, high),
        });
    }

    /// The bounds learned, `(lowest, highest)` offset in ms, if any.
    pub fn offset_bounds(&self) -> Option<(i64, i64)> {
        self.bounds
    }

    /// The earliest creation time (server clock, Unix ms) of a job whose request left the
    /// client at `sent_ms` (client clock), less `margin_ms` for what the bounds cannot see
    /// (servers whose clocks differ, drift): `None` before anything is learned.
    pub fn earliest_created(&self, sent_ms: i64, margin_ms: i64) -> Option<i64> {
        let (low, _) = self.bounds?;
        Some(sent_ms.saturating_add(low).saturating_sub(margin_ms))
    }
}

#[cfg(test)]
mod tests;
