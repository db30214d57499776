//! Part of `cargo xtask run-tabs`: every HTTP tab of the escaping cases
//! (`generator/tests/fixtures/http-tabs`, hostile values and names among them) parses in its
//! language: `node --check`, Python's `compile` with warnings as errors (an unknown escape
//! warns), `ruby -c`, `php -l`, `gofmt -e`, `javac` (the tabs of one language as one class).
//! C#'s tabs are left out: no C# compiler is installed.

use std::path::Path;
use std::process::Command;

use codegen::emit::docs::samples::http::{requests, Client};

use crate::tasks::workspace_root;

/// Parses every tab; returns how many and the ones that do not parse.
pub fn check(python: &Path) -> Result<(usize, Vec<String>), String> {
    let root = workspace_root();
    let fixture = root.join("generator/tests/fixtures/http-tabs");
    let options = codegen::Options {
        samples: Some(fixture.join("samples")),
        ..codegen::Options::description_only(fixture.join("openapi.yaml"), &root)
    };
    let (api, _) = codegen::build_model(&options).map_err(|d| format!("http-tabs: {d}"))?;
    let dir = root.join("target/run-tabs/parse");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let tabs = requests(&api, &api.base_url);
    let mut failures = Vec::new();
    let mut count = 0;
    let mut java = String::from(
        "import java.net.URI;\nimport java.net.http.HttpClient;\nimport java.net.http.HttpRequest;\n\
         import java.net.http.HttpResponse;\n\npublic class Tabs {\n",
    );
    for (i, (id, request)) in tabs.iter().enumerate() {
        for client in Client::ALL {
            let code = client.code(request);
            let (file, mut command) = match client {
                // Node's `http` module, for a GET with a body, is CommonJS.
                Client::JavaScriptFetch if client.httpsnippet(request).0 == "node" => {
                    (format!("tab{i}.cjs"), command("node", &["--check"]))
                }
                Client::JavaScriptFetch => (format!("tab{i}.mjs"), command("node", &["--check"])),
                Client::PythonRequests => (
                    format!("tab{i}.py"),
                    command(
                        &python.to_string_lossy(),
                        &[
                            "-W",
                            "error",
                            "-c",
                            "import sys; compile(open(sys.argv[1], encoding='utf-8').read(), sys.argv[1], 'exec')",
                        ],
                    ),
                ),
                Client::RubyNetHttp => (format!("tab{i}.rb"), command("ruby", &["-c"])),
                Client::PhpGuzzle => (format!("tab{i}.php"), command("php", &["-l"])),
                Client::GoNative => (format!("tab{i}.go"), command("gofmt", &["-e", "-l"])),
                Client::JavaNetHttp => {
                    let body: Vec<String> = code.lines().map(|l| format!("    {l}")).collect();
                    java.push_str(&format!(
                        "  static void tab{i}() throws Exception {{\n{}\n  }}\n\n",
                        body.join("\n")
                    ));
                    count += 1;
                    continue;
                }
                Client::CSharpHttpClient => continue,
            };
            let path = dir.join(&file);
            std::fs::write(&path, format!("{code}\n")).map_err(|e| e.to_string())?;
            count += 1;
            let output = command
                .arg(&path)
                .output()
                .map_err(|e| format!("cannot run {command:?}: {e}"))?;
            if !output.status.success() {
                failures.push(format!(
                    "{id} {} ({file}) does not parse:\n{}{}",
                    client.httpsnippet(request).0,
                    String::from_utf8_lossy(&output.stdout),
                    String::from_utf8_lossy(&output.stderr)
                ));
            }
        }
    }
    java.push_str("}\n");
    std::fs::write(dir.join("Tabs.java"), java).map_err(|e| e.to_string())?;
    let output = Command::new("javac")
        .arg("Tabs.java")
        .current_dir(&dir)
        .output()
        .map_err(|e| format!("cannot run javac: {e}"))?;
    if !output.status.success() {
        failures.push(format!(
            "the Java tabs do not compile:\n{}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    Ok((count, failures))
}

fn command(program: &str, args: &[&str]) -> Command {
    let mut command = Command::new(program);
    command.args(args);
    command
}
