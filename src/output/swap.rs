//! The file-system steps behind an output set: resolving the folder,
//! staging beside it, cleaning stale staging, and swapping the staged
//! folder in (one exchange of two names where the system has it, renames
//! otherwise).

use super::*;

pub(super) fn not_a_folder(dir: &Path) -> OutputError {
    OutputError::Target {
        path: dir.into(),
        reason: "is a file, not a folder: give --out a folder (it is made if missing)".into(),
    }
}

/// The output folder, absolute with links resolved; its parents are made.
pub(super) fn resolve_dir(dir: &Path) -> Result<PathBuf, OutputError> {
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => fs::canonicalize(dir).map_err(OutputError::io("read", dir)),
        Ok(_) => Err(not_a_folder(dir)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if fs::symlink_metadata(dir).is_ok() {
                return Err(OutputError::Target {
                    path: dir.into(),
                    reason: "is a symbolic link to nothing: make its folder or give another --out"
                        .into(),
                });
            }
            let name = dir.file_name().ok_or_else(|| OutputError::Target {
                path: dir.into(),
                reason: "has no folder name: give e.g. --out out".into(),
            })?;
            let parent = match dir.parent() {
                Some(p) if !p.as_os_str().is_empty() => p,
                _ => Path::new("."),
            };
            fs::create_dir_all(parent).map_err(OutputError::io("make", parent))?;
            let parent = fs::canonicalize(parent).map_err(OutputError::io("read", parent))?;
            Ok(parent.join(name))
        }
        Err(e) => Err(OutputError::io("read", dir)(e)),
    }
}

/// Parent folder and name of the (absolute) output folder.
pub(super) fn split(target: &Path, shown: &Path) -> Result<(PathBuf, OsString), OutputError> {
    match (target.parent(), target.file_name()) {
        (Some(p), Some(n)) => Ok((p.to_path_buf(), n.to_os_string())),
        _ => Err(OutputError::Target {
            path: shown.into(),
            reason: "is the root folder: give a folder of its own, e.g. --out out".into(),
        }),
    }
}

/// An own name (`/` at the end for a folder) taken by an entry of the other kind.
pub(super) fn in_the_way(target: &Path, shown: &Path, name: &str) -> Result<(), OutputError> {
    let (name, folder) = match name.strip_suffix('/') {
        Some(n) => (n, true),
        None => (name, false),
    };
    let Ok(meta) = fs::symlink_metadata(target.join(name)) else {
        return Ok(());
    };
    let blocked = if meta.is_dir() && !folder {
        "a folder of this name is in the way (kraamplan writes a file here): move it away or give another --out"
    } else if meta.is_file() && folder {
        "a file of this name is in the way (kraamplan writes a folder here): move it away or give another --out"
    } else {
        return Ok(());
    };
    Err(OutputError::Io {
        action: "write",
        path: shown.join(name),
        cause: io::Error::other(blocked),
    })
}

/// `.BASE.kraamplan-KIND-PID-RANDOM` beside the output, or
/// `.kraamplan-KIND-PID-RANDOM` inside it (`base` `None`).
pub(super) fn hidden(base: Option<&OsStr>, kind: &str) -> OsString {
    let mut name = OsString::from(".");
    if let Some(base) = base {
        name.push(base);
    }
    name.push(format!(
        ".kraamplan-{kind}-{}-{:08x}",
        std::process::id(),
        rand::random::<u32>()
    ));
    name
}

/// A fresh staging folder in `parent` (named for `base` beside the
/// output, or inside it), locked.
pub(super) fn make_staging(parent: &Path, base: Option<&OsStr>) -> io::Result<(PathBuf, Lock)> {
    for _ in 0..16 {
        let path = parent.join(hidden(base, "new"));
        match fs::create_dir(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
        // A cleanup by another run may take a folder between its making and
        // its locking; then make another.
        match Lock::path(&path)? {
            LockState::Held(lock) if lock.still_at(&path) => return Ok((path, lock)),
            LockState::Unsupported => return Ok((path, Lock(None))),
            _ => continue,
        }
    }
    Err(io::Error::other("no free name for a staging folder"))
}

/// Remove what killed runs left beside `target` (`.BASE.kraamplan-…`),
/// except what a live run holds; an old folder whose replacement never
/// arrived is moved back first.
pub(super) fn clean_stale(parent: &Path, base: &OsStr, target: &Path) -> io::Result<()> {
    let prefix = format!(".{}.kraamplan-", base.to_string_lossy());
    let entries = match fs::read_dir(parent) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Some(kind) = name.strip_prefix(&prefix) else {
            continue;
        };
        let old = kind.starts_with("old-");
        if !(old || kind.starts_with("new-") || kind.starts_with("tmp-")) {
            continue;
        }
        let path = entry.path();
        let LockState::Held(_lock) = Lock::path(&path)? else {
            continue;
        };
        if old && fs::symlink_metadata(target).is_err() {
            fs::rename(&path, target)?;
        } else {
            // Best effort: what cannot be removed now is tried again next time.
            let _ = remove_all(&path);
        }
    }
    Ok(())
}

/// The manifest of an in-place commit folder.
pub(super) const MANIFEST: &str = ".kraamplan-manifest";

/// Whether the folder `target` can be swapped with `staging` beside it:
/// not when `target` is a mount point (the two are on different mounts),
/// found by moving `staging` into `target` and back.
pub(super) fn swappable(staging: &Path, target: &Path) -> io::Result<bool> {
    let probe = target.join(hidden(None, "new"));
    match fs::rename(staging, &probe) {
        Ok(()) => fs::rename(&probe, staging).map(|()| true),
        Err(e) if matches!(e.raw_os_error(), Some(code) if code == cross_device()) => Ok(false),
        Err(e) if e.kind() == io::ErrorKind::ResourceBusy => Ok(false),
        // E.g. a folder this user cannot write into, but may replace.
        Err(_) => Ok(true),
    }
}

#[cfg(unix)]
pub(super) fn cross_device() -> i32 {
    libc::EXDEV
}

#[cfg(not(unix))]
pub(super) fn cross_device() -> i32 {
    17 // ERROR_NOT_SAME_DEVICE
}

/// Inside the output folder: remove the staging folders of dead in-place
/// runs, and finish their commits.
pub(super) fn clean_inside(target: &Path) -> io::Result<()> {
    for entry in fs::read_dir(target)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let commit = name.starts_with(".kraamplan-commit-");
        if !(commit || name.starts_with(".kraamplan-new-")) {
            continue;
        }
        let path = entry.path();
        let LockState::Held(_lock) = Lock::path(&path)? else {
            continue;
        };
        if commit {
            roll_forward(&path, target)?;
        } else {
            let _ = remove_all(&path);
        }
    }
    Ok(())
}

/// Move the files of the in-place commit folder `commit` into `target` as
/// its manifest says, then remove it. Safe to repeat after a kill: a name
/// already moved is no longer in `commit`.
pub(super) fn roll_forward(commit: &Path, target: &Path) -> io::Result<()> {
    let manifest = fs::read_to_string(commit.join(MANIFEST))?;
    for line in manifest.lines() {
        let (what, name) = line.split_once(' ').unwrap_or(("", line));
        let (from, to) = (commit.join(name), target.join(name));
        match what {
            "put" if fs::symlink_metadata(&from).is_err() => {}
            "put" if from.is_dir() => {
                // A folder cannot be renamed over another: the old one goes
                // aside (into `commit`, removed with it), then the new one in.
                let aside = commit.join(format!(".old-{name}"));
                if fs::symlink_metadata(&to).is_ok() {
                    remove_all(&aside)?;
                    fs::rename(&to, &aside)?;
                }
                fs::rename(&from, &to)?;
            }
            "put" => fs::rename(&from, &to)?,
            "drop" => remove_all(&to)?,
            _ => {}
        }
    }
    remove_all(commit)
}

/// Entries inside an output folder that belong to an in-place run of
/// kraamplan (a live one; dead ones were cleaned): never kept.
pub(super) fn is_ours(entry: &fs::DirEntry) -> bool {
    entry
        .file_name()
        .to_string_lossy()
        .starts_with(".kraamplan-")
        || is_legacy_temp(entry)
}

/// Temporary files the earlier one-file-at-a-time writer (`tempfile`'s
/// `.tmpXXXXXX`) left in an output folder when killed: not kept.
pub(super) fn is_legacy_temp(entry: &fs::DirEntry) -> bool {
    let name = entry.file_name();
    let name = name.to_string_lossy();
    name.strip_prefix(".tmp")
        .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
        && entry.file_type().is_ok_and(|t| t.is_file())
}

/// Put the entry `from` of the old folder at `to` in the staging folder,
/// sharing its data: files by hard link (a copy where that fails), folders
/// rebuilt, links recreated.
pub(super) fn keep(from: &Path, to: &Path, dev: u64, shown: &Path) -> Result<(), OutputError> {
    let err = |cause| OutputError::Io {
        action: "keep",
        path: shown.to_path_buf(),
        cause,
    };
    let meta = fs::symlink_metadata(from).map_err(err)?;
    let kind = meta.file_type();
    if kind.is_symlink() {
        #[cfg(unix)]
        return fs::read_link(from)
            .and_then(|link| std::os::unix::fs::symlink(link, to))
            .map_err(err);
        #[cfg(not(unix))]
        return fs::copy(from, to).map(drop).map_err(err);
    }
    if kind.is_dir() {
        if device(&meta) != dev {
            return Err(err(io::Error::other(
                "a mount point, which cannot move into a new folder: give --out a folder of its own",
            )));
        }
        fs::create_dir(to).map_err(err)?;
        for entry in fs::read_dir(from).map_err(err)? {
            let entry = entry.map_err(err)?;
            let name = entry.file_name();
            keep(&entry.path(), &to.join(&name), dev, &shown.join(&name))?;
        }
        sync_dir(to);
        return fs::set_permissions(to, meta.permissions()).map_err(err);
    }
    if kind.is_file() {
        return fs::hard_link(from, to)
            .or_else(|_| fs::copy(from, to).map(drop))
            .map_err(err);
    }
    Err(err(io::Error::other(
        "neither a file, a folder nor a link: move it away or give another --out",
    )))
}

/// Put the folder `staging` at `target` and remove the old folder.
pub(super) fn swap(staging: &Path, target: &Path, parent: &Path, base: &OsStr) -> io::Result<()> {
    if fs::symlink_metadata(target).is_err() {
        return fs::rename(staging, target);
    }
    #[cfg(target_os = "linux")]
    match exchange(staging, target) {
        Ok(()) => {
            // The staging name now holds the old folder.
            let _ = remove_all(staging);
            return Ok(());
        }
        Err(e)
            if matches!(
                e.raw_os_error(),
                Some(libc::EINVAL | libc::ENOSYS | libc::EOPNOTSUPP)
            ) => {}
        Err(e) => return Err(e),
    }
    swap_by_renames(staging, target, parent, base)
}

/// The fallback of [`swap`]: the old folder aside, the staging folder in.
/// A kill between the two renames leaves no `target`; the next run moves
/// the old folder back ([`clean_stale`]).
pub(super) fn swap_by_renames(
    staging: &Path,
    target: &Path,
    parent: &Path,
    base: &OsStr,
) -> io::Result<()> {
    let old = parent.join(hidden(Some(base), "old"));
    // Held while the old folder is aside, so no other run moves it back
    // meanwhile.
    let lock = Lock::path(target)?;
    fs::rename(target, &old)?;
    if let Err(e) = fs::rename(staging, target) {
        let _ = fs::rename(&old, target);
        return Err(e);
    }
    drop(lock);
    let _ = remove_all(&old);
    Ok(())
}

/// `renameat2(from, to, RENAME_EXCHANGE)`: both names swap their folders at once.
#[cfg(target_os = "linux")]
pub(super) fn exchange(from: &Path, to: &Path) -> io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let from = std::ffi::CString::new(from.as_os_str().as_bytes())?;
    let to = std::ffi::CString::new(to.as_os_str().as_bytes())?;
    // SAFETY: two NUL-terminated paths that outlive the call; the raw
    // system call, as glibc before 2.28 has no wrapper.
    let r = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            from.as_ptr(),
            libc::AT_FDCWD,
            to.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// Create `path` with `bytes`, synced.
pub(super) fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Sync a folder's entries to disk; best effort (not every file system can).
pub(super) fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(path) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Remove a file or a folder with its contents; gone already is fine.
pub(super) fn remove_all(path: &Path) -> io::Result<()> {
    let result = match fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => fs::remove_dir_all(path),
        Ok(_) => fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        other => other,
    }
}

#[cfg(unix)]
pub(super) fn device(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::dev(meta)
}

#[cfg(not(unix))]
pub(super) fn device(_: &fs::Metadata) -> u64 {
    0
}
