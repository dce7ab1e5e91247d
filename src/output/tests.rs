use super::*;

const OWN: [&str; 4] = ["plan.json", "visits.csv", "oncall.csv", "scenarios/"];

/// Every file under `dir` with its contents (folders end in `/`), sorted.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            let rel = p.strip_prefix(dir).unwrap().to_string_lossy().to_string();
            if p.is_dir() {
                out.push((format!("{rel}/"), String::new()));
                stack.push(p);
            } else {
                out.push((rel, fs::read_to_string(&p).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

/// An output folder from an earlier run, with a file of the user's.
fn old_output(parent: &Path) -> PathBuf {
    let out = parent.join("out");
    fs::create_dir_all(out.join("scenarios")).unwrap();
    fs::create_dir_all(out.join("notes")).unwrap();
    fs::write(out.join("plan.json"), "old plan").unwrap();
    fs::write(out.join("visits.csv"), "old visits").unwrap();
    fs::write(out.join("oncall.csv"), "old oncall").unwrap();
    fs::write(out.join("scenarios/variant-0000.json"), "old variant").unwrap();
    fs::write(out.join("README.txt"), "mine").unwrap();
    fs::write(out.join("notes/a.txt"), "my note").unwrap();
    out
}

fn write_three(set: &OutputSet) -> Result<(), OutputError> {
    set.write("plan.json", b"new plan")?;
    set.write("visits.csv", b"new visits")?;
    set.write("oncall.csv", b"new oncall")
}

#[test]
fn issue11_output_set_replaces_its_own_names_and_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let out = old_output(tmp.path());
    let set = OutputSet::begin(&out, &OWN).unwrap();
    write_three(&set).unwrap();
    // Nothing shows before the commit.
    assert_eq!(
        fs::read_to_string(out.join("plan.json")).unwrap(),
        "old plan"
    );
    set.commit().unwrap();
    assert_eq!(
        tree(&out),
        kept_and_new(),
        "own names replaced, the old scenarios/ gone, the user's files kept"
    );
    assert_eq!(names(tmp.path()), ["out"], "no staging or old folder left");
}

#[test]
fn issue11_output_set_failure_on_the_nth_file_leaves_the_folder_as_it_was() {
    for n in 0..3 {
        let tmp = tempfile::tempdir().unwrap();
        let out = old_output(tmp.path());
        let before = tree(&out);
        let mut set = OutputSet::begin(&out, &OWN).unwrap();
        set.fail_on(n);
        let err = write_three(&set).unwrap_err();
        let file = ["plan.json", "visits.csv", "oncall.csv"][n];
        assert!(
            err.to_string()
                .contains(&out.join(file).display().to_string()),
            "the error names the file: {err}"
        );
        assert!(!err.is_usage());
        drop(set);
        assert_eq!(tree(&out), before, "write {n} failed: the old files stay");
        assert_eq!(names(tmp.path()), ["out"], "no temporary files left");
    }
}

#[test]
fn issue11_output_set_into_a_new_folder_and_a_staged_subfolder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("a/b/out");
    let set = OutputSet::begin(&out, &OWN).unwrap();
    let scenarios = set.dir("scenarios").unwrap();
    assert_eq!(scenarios.shown(), out.join("scenarios"));
    scenarios.write("variant-0003.json", b"{}").unwrap();
    write_three(&set).unwrap();
    assert!(!out.exists(), "nothing shows before the commit");
    set.commit().unwrap();
    assert_eq!(
        names(&out),
        ["oncall.csv", "plan.json", "scenarios", "visits.csv"]
    );
    assert_eq!(names(&out.join("scenarios")), ["variant-0003.json"]);
    assert_eq!(names(&tmp.path().join("a/b")), ["out"]);
}

#[test]
fn issue11_folder_in_the_way_of_an_own_file_fails_before_writing_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let out = old_output(tmp.path());
    fs::remove_file(out.join("visits.csv")).unwrap();
    fs::create_dir(out.join("visits.csv")).unwrap();
    let before = tree(&out);
    let err = OutputSet::begin(&out, &OWN).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains(&out.join("visits.csv").display().to_string()) && msg.contains("folder"),
        "{msg}"
    );
    assert!(!err.is_usage());
    assert_eq!(tree(&out), before);
    assert_eq!(names(tmp.path()), ["out"]);
    // A file where a folder goes: likewise.
    fs::remove_dir(out.join("visits.csv")).unwrap();
    fs::remove_dir_all(out.join("scenarios")).unwrap();
    fs::write(out.join("scenarios"), "x").unwrap();
    let msg = OutputSet::begin(&out, &OWN).unwrap_err().to_string();
    assert!(msg.contains("scenarios") && msg.contains("a file"), "{msg}");
}

#[test]
fn issue11_out_given_as_a_file_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("plan.json");
    fs::write(&file, "x").unwrap();
    let err = OutputSet::begin(&file, &OWN).unwrap_err();
    assert!(err.is_usage(), "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), "x");
    assert_eq!(names(tmp.path()), ["plan.json"]);
}

#[test]
fn issue11_leftovers_of_a_killed_run_are_removed_and_never_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let out = old_output(tmp.path());
    // A staging folder and a temporary file of killed runs beside `out`,
    // and the earlier writer's temporary file inside it.
    let stale = tmp.path().join(".out.kraamplan-new-1-0000abcd");
    fs::create_dir(&stale).unwrap();
    fs::write(stale.join("plan.json"), "half a plan").unwrap();
    fs::write(tmp.path().join(".out.kraamplan-tmp-1-00000001"), "x").unwrap();
    fs::write(out.join(".tmpAb12Cd"), "half a file").unwrap();
    // Not ours: kept.
    fs::write(tmp.path().join(".other.kraamplan-new-1-0"), "x").unwrap();
    let set = OutputSet::begin(&out, &OWN).unwrap();
    assert!(!stale.exists(), "the stale staging folder is removed");
    write_three(&set).unwrap();
    set.commit().unwrap();
    assert_eq!(names(tmp.path()), [".other.kraamplan-new-1-0", "out"]);
    assert!(!names(&out).contains(&".tmpAb12Cd".to_string()));
    assert_eq!(
        fs::read_to_string(out.join("plan.json")).unwrap(),
        "new plan"
    );
}

#[test]
fn issue11_a_live_runs_staging_folder_is_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let out = old_output(tmp.path());
    let first = OutputSet::begin(&out, &OWN).unwrap();
    let second = OutputSet::begin(&out, &OWN).unwrap();
    assert!(first.root.real.exists(), "the first run's folder survives");
    write_three(&second).unwrap();
    second.commit().unwrap();
    first.write("plan.json", b"first").unwrap();
    first.commit().unwrap();
    assert_eq!(fs::read_to_string(out.join("plan.json")).unwrap(), "first");
    assert!(!out.join("visits.csv").exists(), "one run's set, not a mix");
    assert_eq!(names(tmp.path()), ["out"]);
}

#[test]
fn issue11_kill_between_the_fallback_renames_restores_the_old_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = old_output(tmp.path());
    let before = tree(&out);
    // What a run killed between `out → old` and `staging → out` leaves.
    let old = tmp.path().join(".out.kraamplan-old-7-00000001");
    fs::rename(&out, &old).unwrap();
    let staging = tmp.path().join(".out.kraamplan-new-7-00000002");
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join("plan.json"), "new plan").unwrap();
    let set = OutputSet::begin(&out, &OWN).unwrap();
    assert_eq!(tree(&out), before, "the old folder is back, whole");
    drop(set);
    assert_eq!(names(tmp.path()), ["out"]);
}

#[test]
fn issue11_fallback_swap_replaces_the_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = old_output(tmp.path());
    let staging = tmp.path().join("staged");
    fs::create_dir(&staging).unwrap();
    fs::write(staging.join("plan.json"), "new").unwrap();
    swap_by_renames(&staging, &out, tmp.path(), OsStr::new("out")).unwrap();
    assert_eq!(names(&out), ["plan.json"]);
    assert_eq!(names(tmp.path()), ["out"]);
}

const KEPT_AND_NEW: [(&str, &str); 6] = [
    ("README.txt", "mine"),
    ("notes/", ""),
    ("notes/a.txt", "my note"),
    ("oncall.csv", "new oncall"),
    ("plan.json", "new plan"),
    ("visits.csv", "new visits"),
];

fn kept_and_new() -> Vec<(String, String)> {
    KEPT_AND_NEW
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .to_vec()
}

#[cfg(unix)]
fn inode(p: &Path) -> u64 {
    std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap())
}

/// A mount point as `--out` (or a parent this user cannot write):
/// staged inside the folder, moved in file by file.
#[test]
fn issue11_in_place_set_replaces_its_own_names_and_keeps_the_rest() {
    let tmp = tempfile::tempdir().unwrap();
    let out = old_output(tmp.path());
    #[cfg(unix)]
    let before = inode(&out);
    let set = OutputSet::begin_with(&out, &OWN, true).unwrap();
    assert!(set.in_place);
    let scenarios = set.dir("scenarios").unwrap();
    scenarios
        .write("variant-0001.json", b"new variant")
        .unwrap();
    write_three(&set).unwrap();
    assert_eq!(
        fs::read_to_string(out.join("plan.json")).unwrap(),
        "old plan"
    );
    set.commit().unwrap();
    let mut want = kept_and_new();
    want.push(("scenarios/".into(), String::new()));
    want.push(("scenarios/variant-0001.json".into(), "new variant".into()));
    want.sort();
    assert_eq!(tree(&out), want);
    #[cfg(unix)]
    assert_eq!(inode(&out), before, "the same folder");
    assert_eq!(names(tmp.path()), ["out"]);
}

#[test]
fn issue11_in_place_failure_on_the_nth_file_leaves_the_folder_as_it_was() {
    for n in 0..3 {
        let tmp = tempfile::tempdir().unwrap();
        let out = old_output(tmp.path());
        let before = tree(&out);
        let mut set = OutputSet::begin_with(&out, &OWN, true).unwrap();
        set.fail_on(n);
        assert!(write_three(&set).is_err());
        drop(set);
        assert_eq!(tree(&out), before, "write {n} failed: the old files stay");
        assert_eq!(names(tmp.path()), ["out"]);
    }
}

#[test]
fn issue11_a_killed_in_place_commit_is_finished_by_the_next_run() {
    let tmp = tempfile::tempdir().unwrap();
    let out = old_output(tmp.path());
    // Killed after moving plan.json in: visits.csv and oncall.csv wait
    // in the commit folder, the old scenarios/ is still to be dropped.
    let commit = out.join(".kraamplan-commit-5-00000005");
    fs::create_dir(&commit).unwrap();
    fs::write(
        commit.join(MANIFEST),
        "put oncall.csv\nput plan.json\nput visits.csv\ndrop scenarios\n",
    )
    .unwrap();
    fs::write(out.join("plan.json"), "new plan").unwrap();
    fs::write(commit.join("visits.csv"), "new visits").unwrap();
    fs::write(commit.join("oncall.csv"), "new oncall").unwrap();
    // And a dead in-place staging folder.
    fs::create_dir(out.join(".kraamplan-new-5-00000006")).unwrap();
    let set = OutputSet::begin(&out, &OWN).unwrap();
    assert_eq!(tree(&out), kept_and_new(), "the killed run's set, whole");
    drop(set);
    assert_eq!(tree(&out), kept_and_new());
}

#[cfg(target_os = "linux")]
#[test]
fn issue11_exchange_swaps_two_folders_at_once() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    fs::create_dir(&a).unwrap();
    fs::create_dir(&b).unwrap();
    fs::write(a.join("x"), "a").unwrap();
    match exchange(&a, &b) {
        // A file system without RENAME_EXCHANGE: `swap` falls back.
        Err(e) if e.raw_os_error() == Some(libc::EINVAL) => return,
        other => other.unwrap(),
    }
    assert_eq!(names(&a), Vec::<String>::new());
    assert_eq!(fs::read_to_string(b.join("x")).unwrap(), "a");
}

#[cfg(unix)]
#[test]
fn issue11_out_as_a_symbolic_link_stays_a_link() {
    let tmp = tempfile::tempdir().unwrap();
    let real = old_output(tmp.path());
    let link = tmp.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let set = OutputSet::begin(&link, &OWN).unwrap();
    write_three(&set).unwrap();
    set.commit().unwrap();
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        fs::read_to_string(link.join("plan.json")).unwrap(),
        "new plan"
    );
    assert_eq!(names(tmp.path()), ["link", "out"]);
}

#[test]
fn issue11_write_file_replaces_atomically_and_removes_stale_temporary_files() {
    let tmp = tempfile::tempdir().unwrap();
    let path = tmp.path().join("s.json");
    fs::write(tmp.path().join(".s.json.kraamplan-tmp-9-00000009"), "half").unwrap();
    write_file(&path, b"one").unwrap();
    write_file(&path, b"two").unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), "two");
    assert_eq!(names(tmp.path()), ["s.json"]);
    let err = write_file(tmp.path(), b"x").unwrap_err();
    assert!(err.is_usage(), "{err}");
    let err = write_file(&tmp.path().join("missing/s.json"), b"x").unwrap_err();
    assert!(err.to_string().contains("missing/s.json"), "{err}");
    assert!(!err.is_usage());
}

#[test]
fn issue11_absolute_resolves_the_existing_part() {
    let tmp = tempfile::tempdir().unwrap();
    let real = fs::canonicalize(tmp.path()).unwrap();
    assert_eq!(
        absolute(&tmp.path().join("a/../b")).unwrap(),
        real.join("b")
    );
    fs::create_dir(tmp.path().join("a")).unwrap();
    assert_eq!(
        absolute(&tmp.path().join("a/./x")).unwrap(),
        real.join("a/x")
    );
}
