//! Errors and warnings that name where the problem is and what to do about it.
//!
//! Every stage reports into [`Diagnostics`] instead of stopping at the first problem, so a
//! maintainer sees every independent mistake in one run.

use std::fmt;

/// Where in the input a problem is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Location {
    /// A whole file.
    File(String),
    /// A line and column (both 1-based) of a file.
    Line {
        /// The file.
        file: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// A JSON pointer into a file, e.g. `/paths/~1acs~1users~1get/post`.
    Pointer {
        /// The file.
        file: String,
        /// RFC 6901 pointer.
        pointer: String,
    },
    /// A sample, named by its file and title.
    Sample {
        /// The sample file.
        file: String,
        /// The sample's title.
        title: String,
    },
    /// A template, with the line when known.
    /// An option of the generator, e.g. `--crate-name`.
    Option(String),
    Template {
        /// The template's name.
        name: String,
        /// 1-based line, when known.
        line: Option<usize>,
    },
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File(file) => write!(f, "{file}"),
            Location::Option(option) => write!(f, "option {option}"),
            Location::Line { file, line, column } => write!(f, "{file}:{line}:{column}"),
            Location::Pointer { file, pointer } => write!(f, "{file}#{pointer}"),
            Location::Sample { file, title } => write!(f, "{file} (sample \"{title}\")"),
            Location::Template { name, line: Some(line) } => write!(f, "template {name}:{line}"),
            Location::Template { name, line: None } => write!(f, "template {name}"),
        }
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Generation goes on; some information may be lost.
    Warning,
    /// Generation fails and writes nothing.
    Error,
}

/// One problem, with its place and a hint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Where.
    pub location: Location,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}: {}", self.location, self.message)
    }
}

/// The problems found so far.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// No problems yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records an error.
    pub fn error(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Error, location, message.into());
    }

    /// Records a warning.
    pub fn warning(&mut self, location: Location, message: impl Into<String>) {
        self.push(Severity::Warning, location, message.into());
    }

    fn push(&mut self, severity: Severity, location: Location, message: String) {
        let diagnostic = Diagnostic {
            severity,
            location,
            message,
        };
        // The same defect reached along two routes is reported once.
        if !self.items.contains(&diagnostic) {
            self.items.push(diagnostic);
        }
    }

    /// Moves every problem of `other` into this list.
    pub fn extend(&mut self, other: Diagnostics) {
        for d in other.items {
            self.push(d.severity, d.location, d.message);
        }
    }

    /// Whether any error was recorded.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|d| d.severity == Severity::Error)
    }

    /// Every problem, in the order found.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// The errors only.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Error)
    }

    /// The warnings only.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter().filter(|d| d.severity == Severity::Warning)
    }

    /// How many problems were recorded.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.items {
            writeln!(f, "{d}")?;
        }
        Ok(())
    }
}

/// Escapes one JSON pointer token (RFC 6901).
pub fn pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
