//! Issue 11: `scripts/ensure-deps.sh --find-libclang` finds libclang exactly
//! where bindgen (clang-sys) would load it, and never takes Clang's C++
//! library `libclang-cpp` for it — the mistake that made `make demo` fail on
//! a fresh machine after five minutes of building HiGHS.
//!
//! The script's system directories are put under a temporary root
//! (`ENSURE_DEPS_ROOT`) holding fake libraries: a 64-bit ELF header is all
//! that the detection reads.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

/// A file that starts like a 64-bit ELF shared library.
fn elf64(path: &Path) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut bytes = vec![0x7f, b'E', b'L', b'F', 2, 1, 1, 0];
    bytes.resize(64, 0);
    fs::write(path, bytes).unwrap();
}

/// Run the detection under `root`, with `LIBCLANG_PATH` set or not.
fn find(root: &Path, libclang_path: Option<&Path>) -> Output {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/ensure-deps.sh");
    let mut cmd = Command::new("bash");
    cmd.arg(script)
        .arg("--find-libclang")
        .env("ENSURE_DEPS_ROOT", root)
        .env_remove("LIBCLANG_PATH")
        .env_remove("LD_LIBRARY_PATH")
        .env_remove("LIBRARY_PATH");
    if let Some(p) = libclang_path {
        cmd.env("LIBCLANG_PATH", p);
    }
    cmd.output().unwrap()
}

fn found(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

#[test]
fn issue11_libclang_cpp_is_not_libclang() {
    let root = tempfile::tempdir().unwrap();
    // What a fresh Debian machine of this kind has: libclang-cpp14 only.
    elf64(
        &root
            .path()
            .join("usr/lib/x86_64-linux-gnu/libclang-cpp.so.14"),
    );
    elf64(&root.path().join("usr/lib/llvm-14/lib/libclang-cpp.so.1"));
    let out = find(root.path(), None);
    assert_eq!(out.status.code(), Some(1), "{}", found(&out));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no libclang found"));

    // libclang1-14 installed: bindgen loads libclang-14.so.1.
    let lib = root.path().join("usr/lib/llvm-14/lib/libclang-14.so.1");
    elf64(&lib);
    let out = find(root.path(), None);
    assert!(out.status.success());
    assert_eq!(found(&out), lib.display().to_string());
}

#[test]
fn issue11_only_64_bit_elf_files_named_as_bindgen_names_them_count() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("usr/lib/llvm-14/lib");
    fs::create_dir_all(&dir).unwrap();
    // A text file (a linker script, a broken download) is not a library.
    fs::write(dir.join("libclang.so"), "INPUT(libclang-14.so.1)\n").unwrap();
    // A 32-bit library is not loadable by a 64-bit build script.
    let mut b32 = vec![0x7f, b'E', b'L', b'F', 1];
    b32.resize(64, 0);
    fs::write(dir.join("libclang-14.so"), b32).unwrap();
    // Names bindgen does not look for.
    elf64(&dir.join("libclangBasic.a.so"));
    elf64(&dir.join("clang.so"));
    assert_eq!(find(root.path(), None).status.code(), Some(1));
    elf64(&root.path().join("usr/local/lib/libclang.so"));
    let out = find(root.path(), None);
    assert!(out.status.success());
    assert!(
        found(&out).ends_with("usr/local/lib/libclang.so"),
        "{}",
        found(&out)
    );
}

#[test]
fn issue11_libclang_path_is_the_only_place_searched_when_set() {
    let root = tempfile::tempdir().unwrap();
    let system = root.path().join("usr/lib/llvm-14/lib/libclang-14.so.1");
    elf64(&system);
    // A directory with libclang: found there.
    let own = root.path().join("opt/llvm/lib");
    elf64(&own.join("libclang.so.18.1"));
    let out = find(root.path(), Some(&own));
    assert!(out.status.success());
    assert_eq!(
        found(&out),
        own.join("libclang.so.18.1").display().to_string()
    );
    // The library file itself.
    let out = find(root.path(), Some(&own.join("libclang.so.18.1")));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A directory without one: not found, though the system has one,
    // because bindgen then looks nowhere else; the message says so.
    let empty = root.path().join("empty");
    fs::create_dir_all(&empty).unwrap();
    let out = find(root.path(), Some(&empty));
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("LIBCLANG_PATH") && err.contains("looks nowhere else"),
        "{err}"
    );
    // libclang-cpp in LIBCLANG_PATH does not count either.
    let cpp = root.path().join("cpp");
    elf64(&cpp.join("libclang-cpp.so.14"));
    assert_eq!(find(root.path(), Some(&cpp)).status.code(), Some(1));
}
