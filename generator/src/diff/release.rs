//! What a change of the description does to the generated crate's release: its version, bumped
//! by the verdict of the change report, and its changelog, which gains the report.
//!
//! The output folder keeps what it was generated from (`client/openapi.yaml` or
//! `client/openapi.json`, the description as given): the next generation into the same folder
//! compares that description's model with the new one. The same description gives the same
//! release, so generating twice changes nothing.

use std::path::{Path, PathBuf};

use super::rules::Bump;
use super::Change;
use crate::diagnostics::{Diagnostics, Location};
use crate::model::{Api, Release};

/// The file that keeps the description an output folder was generated from, by the kind of
/// the description (`yaml` or `json`).
pub fn kept_description_file(spec: &Path) -> String {
    match spec.extension().and_then(|e| e.to_str()) {
        Some("json") => "client/openapi.json".to_owned(),
        _ => "client/openapi.yaml".to_owned(),
    }
}

/// What the output folder `previous` holds of the last generation: the description it was
/// generated from, its crate's version and changelog. Nothing, for a first generation.
#[derive(Default)]
pub struct Previous {
    /// The kept description, if any.
    pub description: Option<PathBuf>,
    /// The crate's version, if the folder has a crate.
    pub version: Option<String>,
    /// The crate's changelog, if it has one.
    pub changelog: Option<String>,
}

impl Previous {
    /// Reads what `folder` holds; a folder never generated into holds nothing.
    pub fn read(folder: &Path) -> Self {
        let description = ["client/openapi.yaml", "client/openapi.json"]
            .iter()
            .map(|f| folder.join(f))
            .find(|p| p.is_file());
        let version = std::fs::read_to_string(folder.join("client/Cargo.toml"))
            .ok()
            .and_then(|toml| package_version(&toml));
        let changelog = std::fs::read_to_string(folder.join("client/CHANGELOG.md")).ok();
        Previous {
            description,
            version,
            changelog,
        }
    }
}

/// The `version` of a `Cargo.toml`'s `[package]`.
fn package_version(toml: &str) -> Option<String> {
    let package = toml.split("[package]").nth(1)?;
    package
        .lines()
        .take_while(|l| !l.starts_with('['))
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|rest| rest.strip_suffix('"'))
        .map(str::to_owned)
}

/// The release of `api`, given what the output folder held (`previous`, with `old` the model of
/// its kept description when it has one), and the changes since that description (none the
/// first time).
pub fn plan(api: &Api, previous: &Previous, old: Option<&Api>) -> (Release, Vec<Change>) {
    let Some(old) = old else {
        let version = previous.version.clone().unwrap_or_else(|| Release::default().version);
        let changelog = previous
            .changelog
            .clone()
            .unwrap_or_else(|| first_changelog(api, &version));
        return (Release { version, changelog }, Vec::new());
    };
    let changes = super::compare(old, api);
    let current = previous.version.clone().unwrap_or_else(|| Release::default().version);
    let (_, bump) = super::verdict(&changes);
    let version = bumped(&current, bump);
    let earlier = previous
        .changelog
        .clone()
        .unwrap_or_else(|| first_changelog(old, &current));
    let changelog = if version == current {
        earlier
    } else {
        let section = super::report(
            &format!("{} {}", old.title, old.version),
            &format!("{} {}", api.title, api.version),
            &changes,
        );
        // The report's heading becomes the release's, one level down.
        let section = section.replacen("# API changes: ", &format!("## {version}\n\nChanges: "), 1);
        let rest = earlier.strip_prefix(CHANGELOG_TITLE).unwrap_or(&earlier);
        format!("{CHANGELOG_TITLE}{section}\n{}", rest.trim_start_matches('\n'))
    };
    (Release { version, changelog }, changes)
}

const CHANGELOG_TITLE: &str = "# Changelog\n\n";

fn first_changelog(api: &Api, version: &str) -> String {
    format!(
        "{CHANGELOG_TITLE}## {version}\n\nGenerated from {} {}.\n",
        api.title, api.version
    )
}

/// `version` bumped as Cargo reads semver: below 1.0.0 a breaking change bumps the minor
/// number and anything else the patch number.
pub fn bumped(version: &str, bump: Bump) -> String {
    let mut parts = version
        .split(['.', '-', '+'])
        .take(3)
        .map(|p| p.parse::<u64>().unwrap_or(0));
    let (major, minor, patch) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    let (major, minor, patch) = match (bump, major) {
        (Bump::None, _) => return version.to_owned(),
        (Bump::Major, 0) => (0, minor + 1, 0),
        (Bump::Major, _) => (major + 1, 0, 0),
        (Bump::Minor, 0) | (Bump::Patch, _) => (major, minor, patch + 1),
        (Bump::Minor, _) => (major, minor + 1, 0),
    };
    format!("{major}.{minor}.{patch}")
}

/// A kept description that cannot be read: a warning, and the release goes on as if there were
/// none.
pub fn unreadable(description: &Path, diags: &Diagnostics) -> Diagnostics {
    let mut warnings = Diagnostics::new();
    warnings.warning(
        Location::File(description.display().to_string()),
        format!(
            "the description this folder was generated from cannot be read, so the crate's version is kept: {}",
            diags.to_string().lines().next().unwrap_or_default()
        ),
    );
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_as_cargo_reads_semver() {
        assert_eq!(bumped("0.1.0", Bump::Major), "0.2.0");
        assert_eq!(bumped("0.1.3", Bump::Minor), "0.1.4");
        assert_eq!(bumped("0.1.3", Bump::Patch), "0.1.4");
        assert_eq!(bumped("1.2.3", Bump::Major), "2.0.0");
        assert_eq!(bumped("1.2.3", Bump::Minor), "1.3.0");
        assert_eq!(bumped("1.2.3", Bump::Patch), "1.2.4");
        assert_eq!(bumped("1.2.3", Bump::None), "1.2.3");
    }

    #[test]
    fn the_package_version_is_read_from_its_section() {
        let toml = "# x\n[package]\nname = \"seam\"\nversion = \"0.3.1\"\n\n[dependencies]\nversion = \"9\"\n";
        assert_eq!(package_version(toml).as_deref(), Some("0.3.1"));
        assert_eq!(package_version("[dependencies]\nversion = \"1\"\n"), None);
    }
}
