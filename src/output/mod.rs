//! Output as a set: the files a command writes to its output folder appear
//! there together or not at all, and a failure leaves the folder as it was.
//!
//! What `--out DIR` does to an existing folder (README, "Output folders"):
//! the command's own names (for `solve` the five plan files; for `sweep`
//! `sweep.csv`, `sweep.json` and `scenarios/`; …) are replaced as one set —
//! afterwards DIR holds this run's files under them, and an own name this
//! run did not write (an old `scenarios/`) is gone. Everything else in DIR
//! is kept.
//!
//! How: [`OutputSet::begin`] makes a hidden staging folder beside DIR,
//! `.DIR.kraamplan-new-…`; the command writes its files there;
//! [`OutputSet::commit`] adds what DIR keeps (files by hard link, copied
//! where the file system has none; folders rebuilt; links recreated), syncs
//! everything and exchanges the staging folder with DIR in one rename
//! (Linux `renameat2(RENAME_EXCHANGE)`). Where the file system cannot
//! exchange, DIR is renamed to `.DIR.kraamplan-old-…` and the staging
//! folder to DIR. The old folder is then removed. An error, or dropping the
//! set without committing, removes the staging folder and leaves DIR alone.
//!
//! When DIR cannot be swapped — a mount point (a container volume), or a
//! parent folder this user cannot write — the files are staged inside it,
//! in `DIR/.kraamplan-new-…`; the commit writes a manifest (what to put,
//! what to drop), renames the staging folder to `DIR/.kraamplan-commit-…`
//! and moves the files in one by one. Only a kill during those moves can
//! leave a mix, marked by the commit folder, and the next run writing DIR
//! finishes the moves before anything else.
//!
//! Otherwise a killed run leaves at most a hidden folder (beside DIR, or in
//! it in place), never a file of its set among DIR's files. The next run
//! that writes DIR removes it, or, when the kill fell between
//! the two renames of the fallback, first moves the old folder back. While
//! a run lives its staging folder is locked (`flock`), so a run never
//! removes another live run's staging folder. The hidden names never match
//! `DIR/*` or `shards/*`, so they are never taken for output.
//!
//! DIR is a new folder afterwards, with the old one's permissions; a shell
//! whose working directory is DIR sees the new files after `cd .`.
//!
//! [`write_file`] is the one-file form (`generate --out`, `bench --out`): a
//! hidden temporary file beside the target, synced and renamed over it.

use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why an output could not be written. [`OutputError::Target`] is the
/// user's argument (exit 2); [`OutputError::Io`] a failure of the system
/// (exit 3).
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    /// The output path given cannot be the output (a file where a folder
    /// goes, or a folder where a file goes).
    #[error("{}: {reason}", path.display())]
    Target {
        /// The path as given.
        path: PathBuf,
        /// What is wrong and the fix.
        reason: String,
    },
    /// Writing, keeping or replacing a file failed; nothing was replaced.
    #[error("cannot {action} {}: {cause}", path.display())]
    Io {
        /// `write`, `keep`, `replace`, …
        action: &'static str,
        /// The file, as the user will look for it (the staging folder never shows).
        path: PathBuf,
        /// The operating system's error.
        cause: io::Error,
    },
}

impl OutputError {
    /// The output path given is wrong (the user's input), not the system.
    pub fn is_usage(&self) -> bool {
        matches!(self, OutputError::Target { .. })
    }

    fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> OutputError {
        let path = path.into();
        move |cause| OutputError::Io {
            action,
            path,
            cause,
        }
    }
}

/// A folder inside a staged output set, to write files into (from any
/// thread); its errors name the file where it will appear.
#[derive(Debug, Clone)]
pub struct StagedDir {
    /// Where the files go now (inside the staging folder).
    real: PathBuf,
    /// Where they will appear (as the user named it).
    shown: PathBuf,
}

impl StagedDir {
    /// Where the files will appear, e.g. `out/scenarios`.
    pub fn shown(&self) -> &Path {
        &self.shown
    }

    /// Write `bytes` to the file `name` of this folder.
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
        write_new(&self.real.join(name), bytes)
            .map_err(OutputError::io("write", self.shown.join(name)))
    }
}

/// The files of one output, staged beside their folder (or, for a mount
/// point, inside it) until [`commit`](Self::commit).
#[derive(Debug)]
pub struct OutputSet {
    /// The output folder, absolute, symbolic links resolved.
    target: PathBuf,
    /// The command's own names (a trailing `/` marks a folder).
    own: Vec<String>,
    /// The staging folder.
    root: StagedDir,
    /// The lock on the staging folder, held while the set lives.
    _lock: Lock,
    /// Staged inside the output folder and moved in file by file (a mount
    /// point, or a parent this user cannot write).
    in_place: bool,
    committed: bool,
    /// Tests: fail the write with this number (0-based).
    #[cfg(test)]
    fail_on: Option<usize>,
    #[cfg(test)]
    writes: std::sync::atomic::AtomicUsize,
}

impl OutputSet {
    /// Start an output into folder `dir` (created if missing, with its
    /// parents) whose own names are `own`; a trailing `/` marks a folder,
    /// e.g. `["sweep.csv", "sweep.json", "scenarios/"]`. Removes what a
    /// killed earlier run left beside `dir`; fails before anything is
    /// written when `dir` is a file or an own name is taken by an entry
    /// of the other kind (a folder `visits.csv`).
    pub fn begin(dir: &Path, own: &[&str]) -> Result<OutputSet, OutputError> {
        OutputSet::begin_with(dir, own, false)
    }

    fn begin_with(dir: &Path, own: &[&str], in_place: bool) -> Result<OutputSet, OutputError> {
        let target = resolve_dir(dir)?;
        let (parent, base) = split(&target, dir)?;
        clean_stale(&parent, &base, &target).map_err(OutputError::io("clean up beside", dir))?;
        let exists = match fs::symlink_metadata(&target) {
            Ok(m) if !m.is_dir() => return Err(not_a_folder(dir)),
            Ok(_) => true,
            Err(e) if e.kind() == io::ErrorKind::NotFound => false,
            Err(e) => return Err(OutputError::io("read", dir)(e)),
        };
        if exists {
            clean_inside(&target).map_err(OutputError::io("clean up in", dir))?;
        }
        for name in own {
            in_the_way(&target, dir, name)?;
        }
        let fail = OutputError::io("write", dir);
        let (staging, lock, in_place) = if in_place && exists {
            let (staging, lock) = make_staging(&target, None).map_err(fail)?;
            (staging, lock, true)
        } else {
            match make_staging(&parent, Some(&base)) {
                Ok((staging, lock)) if exists => match swappable(&staging, &target) {
                    Ok(true) => (staging, lock, false),
                    Ok(false) => {
                        drop(lock);
                        let _ = remove_all(&staging);
                        let (staging, lock) = make_staging(&target, None).map_err(fail)?;
                        (staging, lock, true)
                    }
                    Err(e) => {
                        let _ = remove_all(&staging);
                        return Err(fail(e));
                    }
                },
                Ok((staging, lock)) => (staging, lock, false),
                // The folder exists but not its parent for this user: in place.
                Err(e)
                    if exists
                        && matches!(
                            e.kind(),
                            io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem
                        ) =>
                {
                    let (staging, lock) = make_staging(&target, None).map_err(fail)?;
                    (staging, lock, true)
                }
                Err(e) => return Err(fail(e)),
            }
        };
        Ok(OutputSet {
            target,
            own: own.iter().map(|n| n.to_string()).collect(),
            root: StagedDir {
                real: staging,
                shown: dir.to_path_buf(),
            },
            _lock: lock,
            in_place,
            committed: false,
            #[cfg(test)]
            fail_on: None,
            #[cfg(test)]
            writes: Default::default(),
        })
    }

    /// The output folder as given, e.g. `out`.
    pub fn shown(&self) -> &Path {
        &self.root.shown
    }

    /// Stage the file `name` (one of the own names).
    pub fn write(&self, name: &str, bytes: &[u8]) -> Result<(), OutputError> {
        #[cfg(test)]
        {
            let n = self
                .writes
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if self.fail_on == Some(n) {
                return Err(OutputError::io("write", self.root.shown.join(name))(
                    io::Error::from(io::ErrorKind::StorageFull),
                ));
            }
        }
        self.root.write(name, bytes)
    }

    /// Stage the folder `name` (an own name) and return it to write into.
    pub fn dir(&self, name: &str) -> Result<StagedDir, OutputError> {
        let real = self.root.real.join(name);
        let shown = self.root.shown.join(name);
        fs::create_dir(&real).map_err(OutputError::io("write", &shown))?;
        Ok(StagedDir { real, shown })
    }

    /// Replace the own names in the output folder by the staged files, at once.
    pub fn commit(mut self) -> Result<(), OutputError> {
        let shown = self.root.shown.clone();
        let staging = self.root.real.clone();
        for name in &self.own {
            in_the_way(&self.target, &shown, name)?;
        }
        let mut staged = BTreeSet::new();
        for entry in fs::read_dir(&staging).map_err(OutputError::io("write", &shown))? {
            let entry = entry.map_err(OutputError::io("write", &shown))?;
            if entry.path().is_dir() {
                sync_dir(&entry.path());
            }
            staged.insert(entry.file_name());
        }
        if self.in_place {
            return self.commit_in_place(&staged);
        }
        let mut replaced = staged;
        replaced.extend(
            self.own
                .iter()
                .map(|n| OsString::from(n.trim_end_matches('/'))),
        );
        if let Ok(meta) = fs::symlink_metadata(&self.target) {
            let entries = fs::read_dir(&self.target).map_err(OutputError::io("read", &shown))?;
            for entry in entries {
                let entry = entry.map_err(OutputError::io("read", &shown))?;
                let name = entry.file_name();
                if replaced.contains(&name) || is_ours(&entry) {
                    continue;
                }
                keep(
                    &entry.path(),
                    &staging.join(&name),
                    device(&meta),
                    &shown.join(&name),
                )?;
            }
            // The new folder gets the old one's permissions (last: it may be read-only).
            fs::set_permissions(&staging, meta.permissions())
                .map_err(OutputError::io("write", &shown))?;
        }
        sync_dir(&staging);
        let (parent, base) = split(&self.target, &shown)?;
        swap(&staging, &self.target, &parent, &base).map_err(OutputError::io("replace", &shown))?;
        self.committed = true;
        sync_dir(&parent);
        Ok(())
    }

    /// The in-place commit: a manifest of what to put and what to drop,
    /// the staging folder renamed to `.kraamplan-commit-…` (from here on
    /// the set is complete and a later run finishes a killed one's work),
    /// then the files moved in one by one.
    fn commit_in_place(&mut self, staged: &BTreeSet<OsString>) -> Result<(), OutputError> {
        let shown = self.root.shown.clone();
        let fail = OutputError::io("replace", &shown);
        let mut manifest = String::new();
        for name in staged {
            manifest.push_str(&format!("put {}\n", name.to_string_lossy()));
        }
        for name in &self.own {
            let name = name.trim_end_matches('/');
            if !staged.contains(OsStr::new(name)) {
                manifest.push_str(&format!("drop {name}\n"));
            }
        }
        write_new(&self.root.real.join(MANIFEST), manifest.as_bytes()).map_err(fail)?;
        sync_dir(&self.root.real);
        let commit = self.target.join(hidden(None, "commit"));
        fs::rename(&self.root.real, &commit).map_err(OutputError::io("replace", &shown))?;
        self.committed = true;
        roll_forward(&commit, &self.target).map_err(OutputError::io("replace", &shown))?;
        sync_dir(&self.target);
        Ok(())
    }

    /// Tests: make write number `n` (0-based) fail as on a full disk.
    #[cfg(test)]
    fn fail_on(&mut self, n: usize) {
        self.fail_on = Some(n);
    }
}

impl Drop for OutputSet {
    fn drop(&mut self) {
        if !self.committed {
            let _ = remove_all(&self.root.real);
        }
    }
}

/// Write `bytes` to the file `path` atomically: a hidden temporary file
/// beside it (`.NAME.kraamplan-tmp-…`, locked while written; one a killed
/// run left is removed by the next write of the same file), synced, then
/// renamed over `path`. The parent folder must exist.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    let name = path.file_name().ok_or_else(|| OutputError::Target {
        path: path.into(),
        reason: "has no file name: give a file, e.g. --out scenario.json".into(),
    })?;
    if fs::metadata(path).is_ok_and(|m| m.is_dir()) {
        return Err(OutputError::Target {
            path: path.into(),
            reason: "is a folder: give a file name, e.g. --out scenario.json".into(),
        });
    }
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    clean_stale(parent, name, path).map_err(OutputError::io("write", path))?;
    let mut last = None;
    for _ in 0..16 {
        let tmp = parent.join(hidden(Some(name), "tmp"));
        let mut file = match File::create_new(&tmp) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(OutputError::io("write", path)(e)),
        };
        match Lock::file(&file, &tmp) {
            Ok(LockState::Busy) => {
                last = Some(io::Error::other(
                    "a temporary file was taken by another run",
                ));
                continue;
            }
            Ok(_) => {}
            Err(e) => return Err(OutputError::io("write", path)(e)),
        }
        let result = file
            .write_all(bytes)
            .and_then(|()| file.sync_all())
            .and_then(|()| fs::rename(&tmp, path));
        if let Err(e) = result {
            let _ = fs::remove_file(&tmp);
            return Err(OutputError::io("write", path)(e));
        }
        sync_dir(parent);
        return Ok(());
    }
    Err(OutputError::io("write", path)(last.unwrap_or_else(|| {
        io::Error::other("no free temporary name")
    })))
}

/// `path` made absolute with symbolic links resolved as far as it exists;
/// the rest is appended with `.` and `..` taken literally. For comparing
/// folders (`merge --out`).
pub fn absolute(path: &Path) -> io::Result<PathBuf> {
    use std::path::Component;
    let mut out = PathBuf::new();
    let mut exists = true;
    let whole = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()?.join(path)
    };
    for part in whole.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => out.push(part),
            Component::CurDir => {}
            Component::ParentDir if !exists => {
                out.pop();
            }
            _ => {
                out.push(part);
                if exists {
                    match fs::canonicalize(&out) {
                        Ok(real) => out = real,
                        Err(_) => {
                            exists = false;
                            if part == Component::ParentDir {
                                out.pop();
                                out.pop();
                            }
                        }
                    }
                }
            }
        }
    }
    Ok(out)
}

fn not_a_folder(dir: &Path) -> OutputError {
    OutputError::Target {
        path: dir.into(),
        reason: "is a file, not a folder: give --out a folder (it is made if missing)".into(),
    }
}

/// The output folder, absolute with links resolved; its parents are made.
fn resolve_dir(dir: &Path) -> Result<PathBuf, OutputError> {
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
fn split(target: &Path, shown: &Path) -> Result<(PathBuf, OsString), OutputError> {
    match (target.parent(), target.file_name()) {
        (Some(p), Some(n)) => Ok((p.to_path_buf(), n.to_os_string())),
        _ => Err(OutputError::Target {
            path: shown.into(),
            reason: "is the root folder: give a folder of its own, e.g. --out out".into(),
        }),
    }
}

/// An own name (`/` at the end for a folder) taken by an entry of the other kind.
fn in_the_way(target: &Path, shown: &Path, name: &str) -> Result<(), OutputError> {
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
fn hidden(base: Option<&OsStr>, kind: &str) -> OsString {
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
fn make_staging(parent: &Path, base: Option<&OsStr>) -> io::Result<(PathBuf, Lock)> {
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
fn clean_stale(parent: &Path, base: &OsStr, target: &Path) -> io::Result<()> {
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
const MANIFEST: &str = ".kraamplan-manifest";

/// Whether the folder `target` can be swapped with `staging` beside it:
/// not when `target` is a mount point (the two are on different mounts),
/// found by moving `staging` into `target` and back.
fn swappable(staging: &Path, target: &Path) -> io::Result<bool> {
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
fn cross_device() -> i32 {
    libc::EXDEV
}

#[cfg(not(unix))]
fn cross_device() -> i32 {
    17 // ERROR_NOT_SAME_DEVICE
}

/// Inside the output folder: remove the staging folders of dead in-place
/// runs, and finish their commits.
fn clean_inside(target: &Path) -> io::Result<()> {
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
fn roll_forward(commit: &Path, target: &Path) -> io::Result<()> {
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
fn is_ours(entry: &fs::DirEntry) -> bool {
    entry
        .file_name()
        .to_string_lossy()
        .starts_with(".kraamplan-")
        || is_legacy_temp(entry)
}

/// Temporary files the earlier one-file-at-a-time writer (`tempfile`'s
/// `.tmpXXXXXX`) left in an output folder when killed: not kept.
fn is_legacy_temp(entry: &fs::DirEntry) -> bool {
    let name = entry.file_name();
    let name = name.to_string_lossy();
    name.strip_prefix(".tmp")
        .is_some_and(|r| r.len() == 6 && r.bytes().all(|b| b.is_ascii_alphanumeric()))
        && entry.file_type().is_ok_and(|t| t.is_file())
}

/// Put the entry `from` of the old folder at `to` in the staging folder,
/// sharing its data: files by hard link (a copy where that fails), folders
/// rebuilt, links recreated.
fn keep(from: &Path, to: &Path, dev: u64, shown: &Path) -> Result<(), OutputError> {
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
fn swap(staging: &Path, target: &Path, parent: &Path, base: &OsStr) -> io::Result<()> {
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
fn swap_by_renames(staging: &Path, target: &Path, parent: &Path, base: &OsStr) -> io::Result<()> {
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
fn exchange(from: &Path, to: &Path) -> io::Result<()> {
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
fn write_new(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Sync a folder's entries to disk; best effort (not every file system can).
fn sync_dir(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = File::open(path) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Remove a file or a folder with its contents; gone already is fine.
fn remove_all(path: &Path) -> io::Result<()> {
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
fn device(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::dev(meta)
}

#[cfg(not(unix))]
fn device(_: &fs::Metadata) -> u64 {
    0
}

/// An exclusive advisory lock (`flock`) on a file or folder, held while
/// the value lives.
#[derive(Debug)]
struct Lock(Option<File>);

enum LockState {
    Held(Lock),
    /// Another process holds it, or it is gone.
    Busy,
    /// This file system or platform cannot lock.
    Unsupported,
}

impl Lock {
    /// Try to lock `path` (a file or a folder) without waiting.
    fn path(path: &Path) -> io::Result<LockState> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(LockState::Busy),
            // Another user's, or a platform that cannot open folders: leave it.
            Err(_) => return Ok(LockState::Unsupported),
        };
        Lock::file_owned(file)
    }

    /// Try to lock the open `file` created at `path`.
    fn file(file: &File, path: &Path) -> io::Result<LockState> {
        match Lock::file_owned(file.try_clone()?)? {
            LockState::Held(lock) if !lock.still_at(path) => Ok(LockState::Busy),
            state => Ok(state),
        }
    }

    #[cfg(unix)]
    fn file_owned(file: File) -> io::Result<LockState> {
        use std::os::fd::AsRawFd;
        // SAFETY: flock on a descriptor this function owns.
        if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) } == 0 {
            return Ok(LockState::Held(Lock(Some(file))));
        }
        let e = io::Error::last_os_error();
        Ok(match e.kind() {
            io::ErrorKind::WouldBlock => LockState::Busy,
            _ => LockState::Unsupported,
        })
    }

    #[cfg(not(unix))]
    fn file_owned(_: File) -> io::Result<LockState> {
        Ok(LockState::Unsupported)
    }

    /// The locked file is still the one at `path` (not removed and replaced).
    fn still_at(&self, path: &Path) -> bool {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let (Some(file), Ok(now)) = (&self.0, fs::symlink_metadata(path)) else {
                return false;
            };
            file.metadata()
                .is_ok_and(|m| m.ino() == now.ino() && m.dev() == now.dev())
        }
        #[cfg(not(unix))]
        {
            path.exists()
        }
    }
}

#[cfg(test)]
mod tests;
