//! A description and samples written to do harm (`tests/untrusted_input/`): paths and group
//! names of `..`, device names and forbidden characters, sample values and keys that run
//! commands in a shell, HTML in a description. Generation writes and removes nothing outside
//! its output folder, every cURL and Seam CLI tab run in an interactive bash sends its request
//! and runs nothing else, and the HTML shows as text.

mod docs_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use codegen::emit::docs::samples::{Lang, Renderer, Style};
use codegen::fileset::{self, FileSet, Mode, MANIFEST};
use serde_json::Value;

fn case() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/untrusted_input")
}

fn options() -> codegen::Options {
    docs_support::case_options(&case())
}

fn sandbox(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("codegen-untrusted-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Every file below `dir`, relative to it, `/`-separated.
fn files_below(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(current) = stack.pop() {
        for entry in fs::read_dir(&current).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                found.push(relative);
            }
        }
    }
    found.sort();
    found
}

#[test]
fn nothing_is_written_or_removed_outside_the_output_folder() {
    let sandbox = sandbox("paths");
    let out = sandbox.join("out");
    fs::create_dir_all(&out).unwrap();
    fs::write(sandbox.join("precious.md"), "precious\n").unwrap();
    // A manifest is input too: entries that climb out must be neither removed nor kept.
    fs::write(
        out.join(MANIFEST),
        "../precious.md\n/precious.md\ndocs/../../precious.md\ndocs/con.md\n",
    )
    .unwrap();

    let generation = codegen::generate(&options()).unwrap_or_else(|diags| panic!("generation failed:\n{diags}"));
    let warnings = generation
        .warnings
        .to_string()
        .replace(&format!("{}/", case().display()), "<case>/");
    let expected = [
        r#"warning: <case>/openapi.yaml#/paths/~1..~1..~1..~1escaped~1seampwn: the page of `/../../../escaped/seampwn` cannot be named `../../../escaped/seampwn.md` after its path, which could lead out of the output folder or cannot be a file name everywhere; it is `__/__/__/escaped/seampwn.md`"#,
        r#"warning: <case>/openapi.yaml#/paths/~1con~1aux~1nul.txt: the page of `/con/aux/nul.txt` cannot be named `con/aux/nul.txt.md` after its path, which could lead out of the output folder or cannot be a file name everywhere; it is `con_/aux_/nul_.txt.md`"#,
        r#"warning: <case>/openapi.yaml#/paths/~1lib~1readme: the page of `/lib/readme` cannot be named `lib/readme.md` after its path, which could lead out of the output folder or cannot be a file name everywhere; it is `lib/readme_.md`"#,
        r#"warning: <case>/openapi.yaml#/paths/~1odd~1a:b|c?d*e<f>g"h\i: the page of `/odd/a:b|c?d*e<f>g\"h\\i` cannot be named `odd/a:b|c?d*e<f>g\"h\\i.md` after its path, which could lead out of the output folder or cannot be a file name everywhere; it is `odd/a_b_c_d_e_f_g_h_i.md`"#,
    ];
    assert_eq!(warnings.lines().collect::<Vec<_>>(), expected);

    fileset::apply(&out, &generation.files, Mode::Write).unwrap();
    let written = files_below(&out);
    for path in &written {
        assert!(codegen::output_path::check_relative(path).is_ok(), "{path} was written");
    }
    for page in [
        "docs/__/__/__/escaped/seampwn.md",
        "docs/con_/aux_/nul_.txt.md",
        "docs/lib/readme_.md",
        "docs/lib/README.md",
        "docs/odd/a_b_c_d_e_f_g_h_i.md",
        "client/src/lib.rs",
        "client/src/lib_2.rs",
        "client/src/con_2.rs",
    ] {
        assert!(written.iter().any(|p| p == page), "{page} is missing from {written:#?}");
    }
    let manifest = fs::read_to_string(out.join(MANIFEST)).unwrap();
    assert!(manifest
        .lines()
        .skip(1)
        .all(|l| codegen::output_path::check_relative(l).is_ok()));

    // Generating nothing removes every file produced, and only those.
    fileset::apply(&out, &FileSet::new(), Mode::Write).unwrap();
    assert_eq!(files_below(&out), [MANIFEST]);
    assert_eq!(files_below(&sandbox), ["out/.codegen-manifest", "precious.md"]);
    assert_eq!(fs::read_to_string(sandbox.join("precious.md")).unwrap(), "precious\n");
    fs::remove_dir_all(sandbox).unwrap();
}

/// Stubs for the commands the tabs call: each records its arguments (NUL-separated) and what
/// it reads from a here-document.
const STUBS: &str = r#"curl() { printf '%s\0' "$@" > argv; if [ "${@: -1}" = "@-" ]; then cat > stdin; fi; }
seam() { printf '%s\0' "$@" > argv; }
"#;

/// What running `code` in an interactive bash (history expansion on, as where a reader
/// pastes it) in an empty folder did: the command's arguments, what it read, and every file
/// that appeared.
fn run_pasted(code: &str, dir: &Path) -> (Vec<String>, Option<String>, Vec<String>) {
    let mut child = Command::new("bash")
        .args(["--norc", "--noprofile", "-i"])
        .current_dir(dir)
        .env("HOME", dir)
        .env("HISTFILE", "/dev/null")
        .env_remove("SEAM_API_KEY")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("bash runs");
    {
        use std::io::Write as _;
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(format!("{STUBS}{code}\n").as_bytes()).unwrap();
    }
    child.wait().unwrap();
    let argv = fs::read(dir.join("argv")).unwrap_or_default();
    let argv: Vec<String> = String::from_utf8(argv)
        .unwrap()
        .split_terminator('\0')
        .map(str::to_owned)
        .collect();
    let stdin = fs::read_to_string(dir.join("stdin")).ok();
    let others = files_below(dir)
        .into_iter()
        .filter(|f| f != "argv" && f != "stdin")
        .collect();
    (argv, stdin, others)
}

#[test]
fn copied_shell_tabs_send_the_request_and_run_nothing_else() {
    let (api, _) = codegen::build_model(&options()).unwrap_or_else(|diags| panic!("{diags}"));
    let renderer = Renderer::new(&api);
    let mut ran = 0;
    for endpoint in &api.endpoints {
        for sample in &endpoint.samples {
            let params = Value::Object(sample.params.clone());
            for (lang, style) in [
                (Lang::Curl, Style::Page),
                (Lang::Curl, Style::Guide),
                (Lang::SeamCli, Style::Page),
            ] {
                let code = renderer.render(lang, style, endpoint, sample, None).code;
                let dir = sandbox(&format!("shell-{ran}"));
                let (argv, stdin, others) = run_pasted(&code, &dir);
                let what = format!("{} tab of \"{}\":\n{code}\nargv {argv:?}", lang.key(), sample.title);
                assert!(others.is_empty(), "the {what}\nmade {others:?}");
                if lang == Lang::Curl {
                    let url = format!("{}{}", api.base_url, endpoint.path);
                    assert!(argv.contains(&url), "the {what}\ndoes not call {url}");
                    let body = match style {
                        Style::Page => stdin.unwrap_or_else(|| panic!("the {what}\nsent no body")),
                        Style::Guide => argv.last().cloned().unwrap(),
                    };
                    let sent: Value =
                        serde_json::from_str(&body).unwrap_or_else(|e| panic!("the {what}\nsent {body}: {e}"));
                    assert_eq!(sent, params, "the {what}");
                } else {
                    for (key, value) in &sample.params {
                        let flag = format!("--{key}");
                        let at = argv.iter().position(|a| *a == flag);
                        let given = at
                            .and_then(|i| argv.get(i + 1))
                            .unwrap_or_else(|| panic!("the {what}\nlacks {flag}"));
                        match value {
                            Value::String(text) => assert_eq!(given, text, "the {what}"),
                            // Bare JSON as the live pages write it, or JSON in single quotes.
                            other => {
                                let json = other.to_string();
                                assert!(*given == json || *given == json.replace('"', ""), "the {what}");
                            }
                        }
                    }
                }
                fs::remove_dir_all(dir).unwrap();
                ran += 1;
            }
        }
    }
    assert_eq!(ran, 9, "every sample's shell tabs ran");
}

#[test]
fn html_in_a_description_shows_as_text() {
    let files = codegen::generate(&options()).unwrap().files;
    let page = files.get("docs/__/__/__/escaped/seampwn.md").unwrap();
    let description = "A path and group names made of `..`. Hi &lt;script>alert(1)&lt;/script>, <b>bold</b>, \
                       `<iframe>` &lt;img src=x onerror=alert(1)>.";
    assert!(page.contains(description), "{page}");
    assert!(!page.contains("<script") && !page.contains("<img"), "{page}");
    let problems = docs_support::check(&docs_support::pages(&files));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
