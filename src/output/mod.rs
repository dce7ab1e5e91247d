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

mod lock;
mod swap;

use lock::*;
use swap::*;

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

#[cfg(test)]
mod tests;
