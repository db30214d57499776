//! The repository's pinned Node packages (`xtask/node`), for tests that run one of them.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace's root folder.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap().to_path_buf()
}

/// Installs the pinned Node packages (`npm ci`) unless `package` is there already, and fails
/// the test when it is still missing after.
pub fn install_node_packages(root: &Path, package: &str) {
    let marker = root.join("xtask/node/node_modules").join(package).join("package.json");
    if marker.is_file() {
        return;
    }
    let status = Command::new("npm")
        .args([
            "ci",
            "--prefix",
            "xtask/node",
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
        ])
        .current_dir(root)
        .status()
        .unwrap_or_else(|err| panic!("npm must be installed to run {package}: {err}"));
    assert!(status.success(), "npm ci failed: {status}");
    assert!(marker.is_file(), "npm ci did not install {package}");
}
