//! The process's own CPU time (user + system), from `/proc/self/stat`.

use std::time::Duration;

/// Clock ticks per second of `/proc/<pid>/stat` times (`USER_HZ`: 100 on every Linux ABI).
const TICKS_PER_SEC: u64 = 100;

/// CPU time this process has used so far (all threads), or `None` where `/proc/self/stat` is
/// unavailable.
pub fn cpu_time() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    parse_stat(&stat)
}

/// `utime + stime` of a `/proc/<pid>/stat` line (fields 14 and 15; the command name, field 2,
/// may hold spaces and parentheses, so fields are counted after its last `)`).
fn parse_stat(stat: &str) -> Option<Duration> {
    let (_, rest) = stat.rsplit_once(')')?;
    let mut fields = rest.split_whitespace().skip(11);
    let utime: u64 = fields.next()?.parse().ok()?;
    let stime: u64 = fields.next()?.parse().ok()?;
    let ticks = utime.checked_add(stime)?;
    Some(Duration::from_millis(
        ticks.checked_mul(1000)? / TICKS_PER_SEC,
    ))
}

#[cfg(test)]
mod tests;
