use super::*;

#[test]
fn parses_the_vm_hwm_line() {
    let status = "Name:\thume-bench\nVmPeak:\t  20000 kB\nVmHWM:\t    5120 kB\nVmRSS:\t 4000 kB\n";
    assert_eq!(parse_vm_hwm(status), Some(5120));
}

#[test]
fn missing_or_malformed_line_is_none() {
    assert_eq!(parse_vm_hwm("VmRSS:\t4000 kB\n"), None);
    assert_eq!(parse_vm_hwm("VmHWM:\tlots kB\n"), None);
}

#[cfg(target_os = "linux")]
#[test]
fn grows_when_memory_is_touched() {
    let before = peak_rss_kib().expect("linux has /proc/self/status");
    let block = vec![1u8; 64 * 1024 * 1024];
    std::hint::black_box(&block);
    let after = peak_rss_kib().expect("linux has /proc/self/status");
    assert!(
        after >= before + 32 * 1024,
        "before {before} KiB, after {after} KiB"
    );
}
