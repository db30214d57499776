//! Prism (`@stoplight/prism-cli`, pinned in `xtask/node/package-lock.json`), the validating
//! mock that calls and code tabs are run against: it rejects any request its description does
//! not allow (with `--errors`, answering 422 or 401 and naming the violation in the
//! `sl-violations` header) and answers with what the description defines.
//!
//! One [`Prism`] is one `prism mock` process on `127.0.0.1`, on a port the system chose; it is
//! stopped when dropped, so a failing task leaves no server behind.

use std::io::{BufRead, BufReader};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::tasks::workspace_root;

/// How long Prism may take to read a description and listen. Large descriptions (GitHub's)
/// take tens of seconds.
const START_TIMEOUT: Duration = Duration::from_secs(180);

/// How Prism makes its answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answers {
    /// The description's examples, else one built from the schema (`prism mock`).
    Static,
    /// Values generated from the schema with this seed (`prism mock --dynamic --seed`).
    Dynamic { seed: u64 },
}

/// A running `prism mock --errors`.
pub struct Prism {
    child: Child,
    port: u16,
    log: mpsc::Receiver<String>,
}

impl Prism {
    /// Installs the Node packages if needed, starts Prism on `description` and waits until it
    /// listens.
    pub fn start(description: &Path, answers: Answers) -> Result<Prism, String> {
        Prism::start_on(description, answers, free_port()?)
    }

    /// [`Prism::start`] on `port`: a Prism started again after it ended, where the code that
    /// calls it already points.
    pub fn start_on(description: &Path, answers: Answers, port: u16) -> Result<Prism, String> {
        crate::node::install()?;
        let program = workspace_root().join("xtask/node/node_modules/.bin/prism");
        let mut command = Command::new(&program);
        command
            .args(["mock", "--errors", "--host", "127.0.0.1", "--port", &port.to_string()])
            .arg(description)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Answers::Dynamic { seed } = answers {
            command.args(["--dynamic", "--seed", &seed.to_string()]);
        }
        let mut child = command
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", program.display()))?;
        let (sender, log) = mpsc::channel();
        for stream in [
            child
                .stdout
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child
                .stderr
                .take()
                .map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    if sender.send(line).is_err() {
                        break;
                    }
                }
            });
        }
        let mut prism = Prism { child, port, log };
        prism.wait_until_listening(description)?;
        Ok(prism)
    }

    /// The base URL to send requests to, e.g. `http://127.0.0.1:40123`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The log lines Prism wrote since the last call: a request it received, and any
    /// violation it found in it.
    pub fn drain_log(&self) -> Vec<String> {
        self.log.try_iter().collect()
    }

    /// Whether Prism has ended (it crashed), and if so the lines it wrote last, which name
    /// why.
    pub fn ended(&mut self) -> Option<Vec<String>> {
        self.ended_within(Duration::ZERO)
    }

    /// As [`Prism::ended`], giving a Prism that is on its way out `grace` to end: one that
    /// throws while answering closes the connection first, so the client's failure may come
    /// before the process's end.
    pub fn ended_within(&mut self, grace: Duration) -> Option<Vec<String>> {
        let waiting = Instant::now();
        while self.child.try_wait().ok().flatten().is_none() {
            if waiting.elapsed() >= grace {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        // Its output threads may still hold the last lines: they are all read once both
        // pipes are closed (two seconds at most, on a loaded machine).
        let started = Instant::now();
        let mut lines = Vec::new();
        while let Some(left) = Duration::from_secs(2).checked_sub(started.elapsed()) {
            match self.log.recv_timeout(left) {
                Ok(line) => lines.push(line),
                Err(_) => break,
            }
        }
        Some(lines)
    }

    fn wait_until_listening(&mut self, description: &Path) -> Result<(), String> {
        let started = Instant::now();
        let mut seen = Vec::new();
        loop {
            seen.extend(self.log.try_iter());
            if TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return Ok(());
            }
            let ended = self.child.try_wait().ok().flatten();
            if ended.is_some() || started.elapsed() > START_TIMEOUT {
                let why = match ended {
                    Some(status) => format!("Prism ended ({status})"),
                    None => format!("Prism did not listen within {} s", START_TIMEOUT.as_secs()),
                };
                let tail = seen.iter().rev().take(20).rev().cloned().collect::<Vec<_>>().join("\n");
                return Err(format!("{why} on {}:\n{tail}", description.display()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A port nothing listens on now; Prism binds it a moment later.
fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot find a free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| format!("cannot find a free port: {e}"))
}

/// `cargo xtask mock --spec PATH [--dynamic SEED]`: serves until interrupted, echoing Prism's log.
pub fn serve(args: &[String]) -> Result<std::process::ExitCode, String> {
    let mut spec = None;
    let mut answers = Answers::Static;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--spec" => spec = args.next().map(std::path::PathBuf::from),
            "--dynamic" => {
                let seed = args.next().ok_or("--dynamic needs a seed")?;
                let seed = seed
                    .parse()
                    .map_err(|_| format!("--dynamic: `{seed}` is not a seed (a number)"))?;
                answers = Answers::Dynamic { seed };
            }
            other => return Err(format!("mock: unknown argument `{other}`")),
        }
    }
    let spec = spec.ok_or("mock needs --spec PATH")?;
    let prism = Prism::start(&spec, answers)?;
    println!("Prism serves {} at {}", spec.display(), prism.url());
    for line in &prism.log {
        println!("{line}");
    }
    Ok(std::process::ExitCode::SUCCESS)
}
