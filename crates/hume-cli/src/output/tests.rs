use std::io::Write as _;

use super::{table, write_atomically};

#[test]
fn table_aligns_columns_and_trims_line_ends() {
    let rows = vec![
        vec!["id".to_owned(), "status".to_owned()],
        vec!["abc-123".to_owned(), "COMPLETED".to_owned()],
        vec!["x".to_owned(), "".to_owned()],
    ];
    assert_eq!(table(&rows), "id       status\nabc-123  COMPLETED\nx\n");
}

fn entries(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn write_atomically_replaces_the_target_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("out.csv");
    std::fs::write(&target, "old").expect("old file");
    let rows = write_atomically(&target, |w| {
        w.write_all(b"a,b\n1,2\n")?;
        Ok(2)
    })
    .expect("written");
    assert_eq!(rows, 2);
    assert_eq!(
        std::fs::read_to_string(&target).expect("read"),
        "a,b\n1,2\n"
    );
    assert_eq!(entries(dir.path()), ["out.csv"]);
}

#[test]
fn a_failed_write_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let target = dir.path().join("plot.svg");
    std::fs::write(&target, "old").expect("old file");
    let err = write_atomically(&target, |w| -> anyhow::Result<()> {
        w.write_all(b"<svg>half")?;
        anyhow::bail!("renderer failed")
    })
    .expect_err("fails");
    assert_eq!(err.to_string(), "renderer failed");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "old");
    assert_eq!(entries(dir.path()), ["plot.svg"]);

    let missing = dir.path().join("no-such-dir").join("x.csv");
    let err = write_atomically(&missing, |_| Ok(())).expect_err("no directory");
    assert!(err.to_string().starts_with("cannot create "), "{err}");
}

#[cfg(unix)]
#[test]
fn a_device_is_written_in_place_and_a_planted_link_is_never_followed() {
    use std::os::unix::fs::FileTypeExt as _;
    write_atomically(std::path::Path::new("/dev/null"), |w| {
        w.write_all(b"discarded")?;
        Ok(())
    })
    .expect("written in place");
    assert!(
        std::fs::metadata("/dev/null")
            .expect("metadata")
            .file_type()
            .is_char_device()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").expect("victim");
    let target = dir.path().join("out.csv");
    // The old predictable name, and many random candidates, all planted.
    std::os::unix::fs::symlink(&victim, dir.path().join(".out.csv.hume-partial")).expect("link");
    for _ in 0..32 {
        let _ = std::os::unix::fs::symlink(&victim, hume_core::output_file::temp_name_for(&target));
    }
    write_atomically(&target, |w| {
        w.write_all(b"mine")?;
        Ok(())
    })
    .expect("written");
    assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
    assert_eq!(std::fs::read_to_string(&target).expect("read"), "mine");
}

#[cfg(unix)]
#[test]
fn the_written_file_has_the_permissions_of_an_ordinary_new_file() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().expect("temp dir");
    let plain = dir.path().join("plain");
    std::fs::File::create(&plain).expect("plain file");
    let target = dir.path().join("atomic");
    write_atomically(&target, |_| Ok(())).expect("written");
    let mode = |p: &std::path::Path| p.metadata().expect("metadata").permissions().mode();
    assert_eq!(mode(&target), mode(&plain));
}
