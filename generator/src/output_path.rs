//! Output paths: what may name a file or folder below the output folder.
//!
//! Page files and folders are named after what a description says (its paths, Seam's group
//! and method names, tags), so a description could otherwise name `..`, an absolute path or a
//! name Windows cannot create. Every segment of an output path passes [`segment_problem`];
//! [`usable_segment`] turns any name into one that does, and [`check_relative`] is the one
//! check every file of the set and every entry of the manifest read back goes through.

use std::borrow::Cow;

/// Names Windows reserves for devices, with or without an extension, in any case.
pub const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "com¹", "com²",
    "com³", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "lpt¹", "lpt²", "lpt³",
];

/// Characters Windows forbids in a name; `/` and `\` also separate segments.
const FORBIDDEN: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// The longest segment, in bytes: file systems allow 255, and a page's file adds `.md`, the
/// temporary file of an atomic write a leading `.` and `.codegen-tmp`.
const MAX_SEGMENT_BYTES: usize = 200;

/// Why `segment` cannot name a file or folder as it is, if it cannot.
pub fn segment_problem(segment: &str) -> Option<&'static str> {
    if segment.is_empty() {
        Some("is empty")
    } else if segment.chars().all(|c| c == '.') {
        Some("is made of dots only")
    } else if segment.chars().any(char::is_control) {
        Some("holds a control character")
    } else if segment.contains(FORBIDDEN) {
        Some("holds a character Windows forbids in names (`<>:\"/\\|?*`)")
    } else if segment.ends_with(['.', ' ']) {
        Some("ends with a dot or a space, which Windows drops")
    } else if is_device_name(segment) {
        Some("is a device name Windows reserves")
    } else if segment.len() > MAX_SEGMENT_BYTES {
        Some("is longer than a file name may be")
    } else {
        None
    }
}

/// Whether the part of `segment` before its first dot is a Windows device name.
fn is_device_name(segment: &str) -> bool {
    let stem = segment.split('.').next().unwrap_or_default().trim_end();
    let stem = stem.to_lowercase();
    DEVICE_NAMES.contains(&stem.as_str())
}

/// `segment` as it can name a file or folder: itself when it can; else each forbidden or
/// control character, each dot of a dot-only name and a trailing dot or space become `_`, a
/// device name takes a `_` after its stem (`con` → `con_`, `nul.txt` → `nul_.txt`), an empty
/// name is `_`, and a long one is cut at a character boundary.
pub fn usable_segment(segment: &str) -> Cow<'_, str> {
    if segment_problem(segment).is_none() {
        return Cow::Borrowed(segment);
    }
    let mut name: String = if segment.chars().all(|c| c == '.') {
        "_".repeat(segment.len().max(1))
    } else {
        segment
            .chars()
            .map(|c| {
                if c.is_control() || FORBIDDEN.contains(&c) {
                    '_'
                } else {
                    c
                }
            })
            .collect()
    };
    if name.len() > MAX_SEGMENT_BYTES {
        let mut end = MAX_SEGMENT_BYTES;
        while !name.is_char_boundary(end) {
            end -= 1;
        }
        name.truncate(end);
    }
    if name.ends_with(['.', ' ']) {
        name.pop();
        name.push('_');
    }
    if is_device_name(&name) {
        let stem_end = name.find('.').unwrap_or(name.len());
        name.insert(stem_end, '_');
    }
    Cow::Owned(name)
}

/// The segments of a page's place below the docs folder, its file name last (without `.md`),
/// from the names a description gives it: each one usable, and the file not one the layout
/// writes itself (a folder's `README`, the root's `SUMMARY` and `index`), which takes a `_`.
pub fn page_segments<'a>(names: &[&'a str]) -> Vec<Cow<'a, str>> {
    let mut segments: Vec<Cow<'a, str>> = names.iter().map(|name| usable_segment(name)).collect();
    let root = segments.len() == 1;
    if let Some(file) = segments.last_mut() {
        let lower = file.to_lowercase();
        if lower == "readme" || (root && (lower == "summary" || lower == "index")) {
            file.to_mut().push('_');
        }
    }
    segments
}

/// Checks a path relative to the output folder: `/`-separated, not absolute, every segment
/// usable (no `..`, `.`, empty, reserved or forbidden name), so that it cannot lead out of
/// the output folder on any system.
pub fn check_relative(path: &str) -> Result<(), String> {
    for segment in path.split('/') {
        if let Some(problem) = segment_problem(segment) {
            return Err(format!("its segment `{}` {problem}", segment.escape_debug()));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_names_are_kept() {
        for name in [
            "acs",
            "user_identities",
            "get.md",
            "README.md",
            "ünïcode",
            "a b",
            "console",
            "com10",
            ".hidden",
        ] {
            assert_eq!(segment_problem(name), None, "{name}");
            assert_eq!(usable_segment(name), name);
        }
    }

    #[test]
    fn unusable_names_become_usable_ones() {
        let cases = [
            ("..", "__"),
            (".", "_"),
            ("", "_"),
            ("a/b", "a_b"),
            ("a\\b", "a_b"),
            ("C:", "C_"),
            ("tab\there", "tab_here"),
            ("what?*", "what__"),
            ("trailing.", "trailing_"),
            ("trailing ", "trailing_"),
            ("CON", "CON_"),
            ("nul.txt", "nul_.txt"),
            ("Lpt3", "Lpt3_"),
            ("com²", "com²_"),
            ("aux.tar.gz", "aux_.tar.gz"),
        ];
        for (raw, usable) in cases {
            assert!(segment_problem(raw).is_some(), "{raw:?} is not usable");
            assert_eq!(usable_segment(raw), usable, "{raw:?}");
            assert_eq!(segment_problem(&usable_segment(raw)), None, "{raw:?}");
        }
        let long = "é".repeat(150);
        let cut = usable_segment(&long);
        assert!(cut.len() <= MAX_SEGMENT_BYTES && segment_problem(&cut).is_none());
    }

    #[test]
    fn pages_never_take_the_layouts_own_files() {
        let joined = |names: &[&str]| page_segments(names).join("/");
        assert_eq!(joined(&["acs", "users", "get"]), "acs/users/get");
        assert_eq!(joined(&["acs", "readme"]), "acs/readme_");
        assert_eq!(joined(&["SUMMARY"]), "SUMMARY_");
        assert_eq!(joined(&["index"]), "index_");
        assert_eq!(joined(&["acs", "index"]), "acs/index");
        assert_eq!(joined(&["..", "..", "escaped", "nul"]), "__/__/escaped/nul_");
    }

    #[test]
    fn relative_paths_stay_below_the_output_folder() {
        assert!(check_relative("docs/acs/users/get.md").is_ok());
        for bad in [
            "/etc/passwd",
            "docs/../../README.md",
            "docs//x.md",
            "docs/./x.md",
            "C:/x",
            "docs\\..\\x",
            "docs/nul.md",
            "docs/x.md/",
        ] {
            assert!(check_relative(bad).is_err(), "{bad}");
        }
    }
}
