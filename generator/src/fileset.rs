//! The file set: every output file computed in memory, then written or checked as a whole.
//!
//! One writer serves both modes, so `--check` judges exactly what a write would produce. A
//! manifest of the files the generator produced (`.codegen-manifest`) is kept in the output
//! folder: only files listed there are ever removed, so a hand-written file is never lost.
//!
//! Every path, of a file produced or of a manifest entry read back, passes one check
//! ([`crate::output_path::check_relative`]): nothing is written or removed outside the output
//! folder, whatever names a description holds.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The manifest's file name, inside the output folder.
pub const MANIFEST: &str = ".codegen-manifest";

/// The generated files, by path relative to the output folder (always `/`-separated).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FileSet {
    files: BTreeMap<String, String>,
    /// Paths refused because they could lead out of the output folder, each with why.
    refused: Vec<(String, String)>,
}

impl FileSet {
    /// An empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file; a second file at the same path is a bug in an emitter. A path that could
    /// lead out of the output folder is refused, and the set is then never written.
    pub fn insert(&mut self, path: impl Into<String>, contents: impl Into<String>) {
        let path = path.into();
        if let Err(problem) = crate::output_path::check_relative(&path) {
            self.refused.push((path, problem));
            return;
        }
        let previous = self.files.insert(path.clone(), contents.into());
        debug_assert!(previous.is_none(), "two emitters produced {path}");
    }

    /// Adds every file of `other`, and what it refused.
    pub fn extend(&mut self, other: FileSet) {
        self.refused.extend(other.refused);
        for (path, contents) in other.files {
            self.insert(path, contents);
        }
    }

    /// The paths refused by [`FileSet::insert`], each with why.
    pub fn refused(&self) -> &[(String, String)] {
        &self.refused
    }

    /// The contents of one file.
    pub fn get(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Every file, in path order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files.iter().map(|(p, c)| (p.as_str(), c.as_str()))
    }

    /// How many files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    fn manifest(&self) -> String {
        let mut text = String::from("# Files written by `cargo xtask codegen`; only these are ever removed by it.\n");
        for path in self.files.keys() {
            text.push_str(path);
            text.push('\n');
        }
        text
    }
}

/// Whether to write the files or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Write what changed, remove what is no longer produced.
    Write,
    /// Write nothing; report every difference.
    Check,
}

/// What a write or check found.
#[derive(Debug, Default, Clone)]
pub struct Report {
    /// Files written (write mode) or that would be (check mode: stale or missing).
    pub changed: Vec<String>,
    /// Files already up to date.
    pub unchanged: usize,
    /// Files removed (write mode) or that would be (check mode): produced before, no longer.
    pub removed: Vec<String>,
    /// Files in the output folder that the generator never produced; left alone.
    pub foreign: Vec<String>,
    /// Unified diffs of the stale files (check mode), bounded.
    pub diffs: Vec<String>,
    /// Files that do not exist yet (check mode).
    pub missing: Vec<String>,
}

impl Report {
    /// Whether the output folder already matched (check mode).
    pub fn is_clean(&self) -> bool {
        self.changed.is_empty() && self.removed.is_empty()
    }
}

/// The most diff lines shown per stale file, and in all.
const DIFF_LINES_PER_FILE: usize = 60;
const DIFF_LINES_TOTAL: usize = 400;

/// Writes or checks `set` under `out`; a set that refused a path is neither.
pub fn apply(out: &Path, set: &FileSet, mode: Mode) -> io::Result<Report> {
    if !set.refused.is_empty() {
        let refused: Vec<String> = set
            .refused
            .iter()
            .map(|(path, problem)| format!("`{}`: {problem}", path.escape_debug()))
            .collect();
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "nothing written: output paths that could leave {}: {}",
                out.display(),
                refused.join("; ")
            ),
        ));
    }
    let mut report = Report::default();
    let previous = read_manifest(out)?;
    let mut full = set.clone();
    full.insert(MANIFEST, set.manifest());
    let mut diff_budget = DIFF_LINES_TOTAL;

    for (path, contents) in full.iter() {
        let target = out.join(path);
        match fs::read(&target) {
            Ok(existing) if existing == contents.as_bytes() => report.unchanged += 1,
            Ok(existing) => {
                report.changed.push(path.to_owned());
                if mode == Mode::Check && path != MANIFEST {
                    let old = String::from_utf8_lossy(&existing);
                    let (diff, used) = bounded_diff(path, &old, contents, DIFF_LINES_PER_FILE.min(diff_budget));
                    diff_budget -= used;
                    report.diffs.push(diff);
                }
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                report.changed.push(path.to_owned());
                if mode == Mode::Check {
                    report.missing.push(path.to_owned());
                }
            }
            Err(err) => return Err(io::Error::new(err.kind(), format!("{}: {err}", target.display()))),
        }
    }
    for path in previous.difference(&full.files.keys().cloned().collect()) {
        if out.join(path).is_file() {
            report.removed.push(path.clone());
        }
    }
    report.foreign = foreign_files(out, &full, &previous)?;

    if mode == Mode::Write {
        write_all(out, &full, &report.changed)?;
        for path in &report.removed {
            let target = out.join(path);
            fs::remove_file(&target).map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", target.display())))?;
            remove_empty_parents(out, &target);
        }
    }
    Ok(report)
}

fn read_manifest(out: &Path) -> io::Result<BTreeSet<String>> {
    match fs::read_to_string(out.join(MANIFEST)) {
        Ok(text) => Ok(text
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            // A manifest is input too: never follow it out of the output folder.
            .filter(|l| crate::output_path::check_relative(l).is_ok())
            .map(str::to_owned)
            .collect()),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(BTreeSet::new()),
        Err(err) => Err(err),
    }
}

/// Files under `out` that are neither produced now nor listed as produced before.
fn foreign_files(out: &Path, set: &FileSet, previous: &BTreeSet<String>) -> io::Result<Vec<String>> {
    let mut found = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(relative) = stack.pop() {
        let dir = out.join(&relative);
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(err) if err.kind() == io::ErrorKind::NotFound => continue,
            Err(err) => return Err(err),
        };
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let child = relative.join(&name);
            let kind = entry.file_type()?;
            if kind.is_dir() {
                // Build output of the generated crate is not part of the tree.
                if name != "target" && name != "node_modules" {
                    stack.push(child);
                }
            } else {
                let key = child.to_string_lossy().replace('\\', "/");
                if set.get(&key).is_none() && !previous.contains(&key) {
                    found.push(key);
                }
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Writes through a temporary file and a rename, so a reader never sees half a file.
/// Writes `paths` of `set` under `out`, on a few threads: creating a file is mostly the
/// file system's work, and its inodes in different folders are allocated side by side.
fn write_all(out: &Path, set: &FileSet, paths: &[String]) -> io::Result<()> {
    const WRITERS: usize = 4;
    let chunk = paths.len().div_ceil(WRITERS).max(1);
    std::thread::scope(|scope| {
        let writers: Vec<_> = paths
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter().try_for_each(|path| {
                        write_atomically(&out.join(path), set.get(path).unwrap_or_default().as_bytes())
                    })
                })
            })
            .collect();
        writers
            .into_iter()
            .try_for_each(|writer| writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    })
}

fn write_atomically(target: &Path, contents: &[u8]) -> io::Result<()> {
    let context = |e: io::Error| io::Error::new(e.kind(), format!("{}: {e}", target.display()));
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent).map_err(context)?;
    }
    let file_name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = target.with_file_name(format!(".{file_name}.codegen-tmp"));
    fs::write(&temporary, contents).map_err(context)?;
    fs::rename(&temporary, target).map_err(context)
}

fn remove_empty_parents(out: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d == out || fs::remove_dir(d).is_err() {
            break;
        }
        dir = d.parent();
    }
}

/// A unified diff of one file, at most `limit` lines; returns the text and the lines used.
fn bounded_diff(path: &str, old: &str, new: &str, limit: usize) -> (String, usize) {
    let diff = similar::TextDiff::from_lines(old, new);
    let text = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string();
    let total = text.lines().count();
    let mut shown = String::new();
    for line in text.lines().take(limit) {
        shown.push_str(line);
        shown.push('\n');
    }
    if total > limit {
        let _ = writeln!(shown, "… {} more diff lines of {path} not shown", total - limit);
    }
    (shown, total.min(limit))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("codegen-fileset-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn set(files: &[(&str, &str)]) -> FileSet {
        let mut set = FileSet::new();
        for (p, c) in files {
            set.insert(*p, *c);
        }
        set
    }

    #[test]
    fn write_then_check_is_clean_and_second_write_changes_nothing() {
        let out = temp_dir("clean");
        let files = set(&[("a.md", "one\n"), ("dir/b.rs", "two\n")]);
        let first = apply(&out, &files, Mode::Write).unwrap();
        assert_eq!(first.changed, vec![MANIFEST, "a.md", "dir/b.rs"]);
        let second = apply(&out, &files, Mode::Write).unwrap();
        assert!(second.changed.is_empty());
        assert_eq!(second.unchanged, 3);
        assert!(apply(&out, &files, Mode::Check).unwrap().is_clean());
    }

    #[test]
    fn check_reports_a_diff_and_writes_nothing() {
        let out = temp_dir("check");
        apply(&out, &set(&[("a.md", "one\ntwo\n")]), Mode::Write).unwrap();
        let report = apply(&out, &set(&[("a.md", "one\nthree\n"), ("new.md", "x\n")]), Mode::Check).unwrap();
        assert!(!report.is_clean());
        assert_eq!(report.missing, vec!["new.md"]);
        assert!(report.diffs[0].contains("-two\n+three\n"), "{}", report.diffs[0]);
        assert_eq!(fs::read_to_string(out.join("a.md")).unwrap(), "one\ntwo\n");
        assert!(!out.join("new.md").exists());
    }

    #[test]
    fn only_files_produced_before_are_removed() {
        let out = temp_dir("remove");
        apply(&out, &set(&[("old/gone.md", "x\n"), ("kept.md", "y\n")]), Mode::Write).unwrap();
        fs::write(out.join("old/notes.md"), "hand-written\n").unwrap();
        let report = apply(&out, &set(&[("kept.md", "y\n")]), Mode::Write).unwrap();
        assert_eq!(report.removed, vec!["old/gone.md"]);
        assert_eq!(report.foreign, vec!["old/notes.md"]);
        assert!(!out.join("old/gone.md").exists());
        assert_eq!(fs::read_to_string(out.join("old/notes.md")).unwrap(), "hand-written\n");
    }

    #[test]
    fn a_manifest_cannot_point_outside_the_output_folder() {
        let out = temp_dir("escape");
        let outside = out.with_file_name(format!("codegen-outside-{}", std::process::id()));
        fs::write(&outside, "precious\n").unwrap();
        let name = outside.file_name().unwrap().to_string_lossy().into_owned();
        fs::write(out.join(MANIFEST), format!("../{name}\n")).unwrap();
        apply(&out, &set(&[("a.md", "a\n")]), Mode::Write).unwrap();
        assert_eq!(fs::read_to_string(&outside).unwrap(), "precious\n");
        fs::remove_file(outside).unwrap();
    }

    #[test]
    fn a_set_with_a_path_that_could_leave_the_output_folder_writes_nothing() {
        let out = temp_dir("refused").join("out");
        fs::create_dir_all(&out).unwrap();
        for path in [
            "../escaped.md",
            "/tmp/absolute.md",
            "docs/./x.md",
            "docs/con.md",
            "docs//x.md",
        ] {
            let files = set(&[("ok.md", "fine\n"), (path, "hostile\n")]);
            assert_eq!(files.len(), 1, "{path} was taken");
            assert_eq!(files.refused().len(), 1, "{path}");
            let error = apply(&out, &files, Mode::Write).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::InvalidInput, "{path}");
            assert!(error.to_string().contains(path), "{error}");
            assert!(apply(&out, &files, Mode::Check).is_err());
        }
        assert_eq!(fs::read_dir(&out).unwrap().count(), 0, "something was written");
        assert!(!out.with_file_name("escaped.md").exists());
    }
}
