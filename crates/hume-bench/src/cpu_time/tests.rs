use std::time::Duration;

use super::*;

#[test]
fn parses_utime_and_stime_after_the_command_name() {
    let stat = "4242 (hume (bench)) S 1 4242 4242 0 -1 4194304 100 0 0 0 150 25 0 0 20 0 3 0";
    assert_eq!(parse_stat(stat), Some(Duration::from_millis(1750)));
}

#[test]
fn a_short_or_malformed_line_is_none() {
    assert_eq!(parse_stat("4242 (x) S 1 2"), None);
    assert_eq!(parse_stat("no parenthesis"), None);
    assert_eq!(parse_stat("1 (x) S 1 1 1 0 -1 0 0 0 0 0 lots 2 0"), None);
}

#[cfg(target_os = "linux")]
#[test]
fn grows_while_working() {
    let before = cpu_time().expect("linux has /proc/self/stat");
    let mut x = 0u64;
    let start = std::time::Instant::now();
    while start.elapsed() < Duration::from_millis(300) {
        x = std::hint::black_box(x.wrapping_mul(31).wrapping_add(7));
    }
    assert!(cpu_time().expect("again") > before);
}
