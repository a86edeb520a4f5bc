use super::*;

fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect()
}

#[test]
fn a_new_file_appears_only_on_commit() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.json");
    let mut out = OutputFile::create(&dest).unwrap();
    assert!(!out.is_in_place());
    out.write_all(b"[1,2]").unwrap();
    assert!(!dest.exists());
    assert_eq!(leftovers(dir.path()).len(), 1);
    out.commit(false).unwrap();
    assert_eq!(std::fs::read(&dest).unwrap(), b"[1,2]");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn dropping_uncommitted_leaves_the_destination_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("out.json");
    std::fs::write(&dest, b"old").unwrap();
    let mut out = OutputFile::create(&dest).unwrap();
    out.write_all(b"new, but broken").unwrap();
    drop(out);
    assert_eq!(std::fs::read(&dest).unwrap(), b"old");
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_directory_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert!(OutputFile::create(dir.path()).is_err());
}

#[cfg(unix)]
#[test]
fn a_symlink_planted_at_a_temporary_name_is_never_followed() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, b"precious").unwrap();
    let dest = dir.path().join("out.json");
    // Plant links at many candidate names, as an attacker sharing the folder would: the
    // output must never write through one of them.
    for _ in 0..64 {
        let _ = symlink(&victim, temp_name_for(&dest));
    }
    for _ in 0..20 {
        let mut out = OutputFile::create(&dest).unwrap();
        let temp = out.temp_path().unwrap().to_path_buf();
        assert!(
            !std::fs::symlink_metadata(&temp)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        out.write_all(b"mine").unwrap();
        out.commit(false).unwrap();
    }
    assert_eq!(std::fs::read(&victim).unwrap(), b"precious");
    assert_eq!(std::fs::read(&dest).unwrap(), b"mine");
}

#[cfg(unix)]
#[test]
fn a_symlink_to_a_regular_file_replaces_the_file_and_keeps_the_link() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.json");
    std::fs::write(&real, b"old").unwrap();
    let link = dir.path().join("link.json");
    symlink(&real, &link).unwrap();
    let mut out = OutputFile::create(&link).unwrap();
    assert!(!out.is_in_place());
    out.write_all(b"new").unwrap();
    out.commit(false).unwrap();
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read(&real).unwrap(), b"new");
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_are_written_in_place() {
    // /dev/null stays the device: nothing is renamed over it.
    let mut out = OutputFile::create(Path::new("/dev/null")).unwrap();
    assert!(out.is_in_place());
    assert!(out.temp_path().is_none());
    out.write_all(b"discarded").unwrap();
    out.commit(false).unwrap();
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );

    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let status = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !status.is_ok_and(|s| s.success()) {
        return; // no mkfifo on this system
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let mut out = OutputFile::create(&fifo).unwrap();
    assert!(out.is_in_place());
    out.write_all(b"through the pipe").unwrap();
    out.commit(false).unwrap();
    assert_eq!(reader.join().unwrap(), b"through the pipe");
    assert!(
        std::fs::symlink_metadata(&fifo)
            .unwrap()
            .file_type()
            .is_fifo()
    );
    assert!(leftovers(dir.path()).is_empty());
}
