//! The advisory lock that keeps two runs from writing one folder at once.

use super::*;

/// An exclusive advisory lock (`flock`) on a file or folder, held while
/// the value lives.
#[derive(Debug)]
pub(super) struct Lock(pub(super) Option<File>);

pub(super) enum LockState {
    Held(Lock),
    /// Another process holds it, or it is gone.
    Busy,
    /// This file system or platform cannot lock.
    Unsupported,
}

impl Lock {
    /// Try to lock `path` (a file or a folder) without waiting.
    pub(super) fn path(path: &Path) -> io::Result<LockState> {
        let file = match File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(LockState::Busy),
            // Another user's, or a platform that cannot open folders: leave it.
            Err(_) => return Ok(LockState::Unsupported),
        };
        Lock::file_owned(file)
    }

    /// Try to lock the open `file` created at `path`.
    pub(super) fn file(file: &File, path: &Path) -> io::Result<LockState> {
        match Lock::file_owned(file.try_clone()?)? {
            LockState::Held(lock) if !lock.still_at(path) => Ok(LockState::Busy),
            state => Ok(state),
        }
    }

    #[cfg(unix)]
    pub(super) fn file_owned(file: File) -> io::Result<LockState> {
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
    pub(super) fn file_owned(_: File) -> io::Result<LockState> {
        Ok(LockState::Unsupported)
    }

    /// The locked file is still the one at `path` (not removed and replaced).
    pub(super) fn still_at(&self, path: &Path) -> bool {
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
