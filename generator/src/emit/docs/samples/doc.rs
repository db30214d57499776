//! The document model the code formatters of the live reference share (prettier and its PHP
//! plugin, ruff's formatter): text, line breaks that are taken only when their group does not
//! fit the line, indentation, and parts printed only when their group breaks.
//!
//! A group is printed flat when it fits in what is left of the line, counting the text that
//! follows it up to the next possible line break (so `});` after an object counts); otherwise
//! its own breaks are taken and its inner groups decide again. A group holding a hard line
//! break always breaks.

use super::width::Measure;

/// A document.
#[derive(Debug, Clone)]
pub enum Doc {
    /// Text without line breaks.
    Text(String),
    /// Documents one after the other.
    Concat(Vec<Doc>),
    /// Its contents one indentation level deeper after each break.
    Indent(Box<Doc>),
    /// Flat when it fits, else broken; `hard` when it holds a hard line break.
    Group { contents: Box<Doc>, hard: bool },
    /// A break: `flat` when its group is flat (`" "` or `""`), a newline otherwise.
    Line { flat: &'static str, hard: bool },
    /// `broken` when the enclosing group breaks, `flat` otherwise.
    IfBreak { broken: Box<Doc>, flat: Box<Doc> },
    /// A space then the contents when the enclosing group is flat, or when what follows the
    /// space up to its first possible break fits; else a newline and the contents indented
    /// (prettier's "fluid" assignment: a group of an indented line, and the value indented
    /// only if that group broke).
    FluidLine(Box<Doc>),
}

/// Text.
pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

/// Documents one after the other.
pub fn concat(parts: Vec<Doc>) -> Doc {
    Doc::Concat(parts)
}

/// Indents the breaks inside `doc`.
pub fn indent(doc: Doc) -> Doc {
    Doc::Indent(Box::new(doc))
}

/// A group: flat when it fits.
pub fn group(contents: Doc) -> Doc {
    let hard = contents.has_hard_break();
    Doc::Group {
        contents: Box::new(contents),
        hard,
    }
}

/// `doc`, a group, always broken (and so is every group around it).
pub fn force_break(doc: Doc) -> Doc {
    match doc {
        Doc::Group { contents, .. } => Doc::Group { contents, hard: true },
        other => Doc::Group {
            contents: Box::new(other),
            hard: true,
        },
    }
}

/// A space, or a newline when the group breaks.
pub fn line() -> Doc {
    Doc::Line { flat: " ", hard: false }
}

/// Nothing, or a newline when the group breaks.
pub fn softline() -> Doc {
    Doc::Line { flat: "", hard: false }
}

/// A space before `doc`, or a newline before it, indented, when what `doc` starts with does
/// not fit after the space.
pub fn fluid_line(doc: Doc) -> Doc {
    Doc::FluidLine(Box::new(doc))
}

/// `broken` in a broken group, `flat` in a flat one.
pub fn if_break(broken: Doc, flat: Doc) -> Doc {
    Doc::IfBreak {
        broken: Box::new(broken),
        flat: Box::new(flat),
    }
}

/// `open`, the items separated by `separator` and a line, then `close`: on one line when it
/// fits, else one item a line, indented, with `trailing` after the last one.
pub fn bracketed(open: &str, items: Vec<Doc>, separator: &str, trailing: &str, close: &str, padded: bool) -> Doc {
    let edge = if padded { line } else { softline };
    let mut inner = vec![edge()];
    let count = items.len();
    for (i, item) in items.into_iter().enumerate() {
        inner.push(item);
        if i + 1 < count {
            inner.push(text(separator));
            inner.push(line());
        }
    }
    inner.push(if_break(text(trailing), text("")));
    group(concat(vec![text(open), indent(concat(inner)), edge(), text(close)]))
}

impl Doc {
    fn has_hard_break(&self) -> bool {
        match self {
            Doc::Text(_) => false,
            Doc::Concat(parts) => parts.iter().any(Doc::has_hard_break),
            Doc::Indent(doc) => doc.has_hard_break(),
            Doc::Group { hard, .. } => *hard,
            Doc::Line { hard, .. } => *hard,
            Doc::IfBreak { broken, .. } => broken.has_hard_break(),
            Doc::FluidLine(doc) => doc.has_hard_break(),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

/// Prints `doc` at `width` columns, indenting by `indent_unit` per level, text as wide as
/// `measure` says.
pub fn print(doc: &Doc, width: usize, indent_unit: &str, measure: Measure) -> String {
    let mut out = String::new();
    let mut column = 0;
    let mut stack: Vec<(usize, Mode, &Doc)> = vec![(0, Mode::Break, doc)];
    while let Some((level, mode, doc)) = stack.pop() {
        match doc {
            Doc::Text(s) => {
                out.push_str(s);
                column += measure(s);
            }
            Doc::Concat(parts) => stack.extend(parts.iter().rev().map(|p| (level, mode, p))),
            Doc::Indent(inner) => stack.push((level + 1, mode, inner)),
            Doc::Group { contents, hard } => {
                let flat = mode == Mode::Flat
                    || (!hard
                        && fits(
                            &[(Mode::Flat, contents)],
                            &stack,
                            width as isize - column as isize,
                            measure,
                        ));
                stack.push((level, if flat { Mode::Flat } else { Mode::Break }, contents));
            }
            Doc::Line { flat, hard } => {
                if mode == Mode::Flat && !hard {
                    out.push_str(flat);
                    column += flat.len();
                } else {
                    while out.ends_with(' ') {
                        out.pop();
                    }
                    out.push('\n');
                    out.push_str(&indent_unit.repeat(level));
                    column = indent_unit.len() * level;
                }
            }
            Doc::IfBreak { broken, flat } => stack.push((level, mode, if mode == Mode::Break { broken } else { flat })),
            Doc::FluidLine(contents) => {
                let room = width as isize - column as isize - 1;
                let space = mode == Mode::Flat || fits(&[(Mode::Break, contents)], &stack, room, measure);
                if space {
                    out.push(' ');
                    column += 1;
                    stack.push((level, mode, contents));
                } else {
                    out.push('\n');
                    out.push_str(&indent_unit.repeat(level + 1));
                    column = indent_unit.len() * (level + 1);
                    stack.push((level + 1, mode, contents));
                }
            }
        }
    }
    out
}

/// Whether `next` printed flat, then the rest up to its first line break, fits in `room`
/// (none when the line is already too long).
fn fits(next: &[(Mode, &Doc)], rest: &[(usize, Mode, &Doc)], mut room: isize, measure: Measure) -> bool {
    if room < 0 {
        return false;
    }
    let mut stack: Vec<(Mode, &Doc)> = next.to_vec();
    let mut rest = rest.iter().rev();
    loop {
        let Some((mode, doc)) = stack.pop() else {
            match rest.next() {
                Some((_, mode, doc)) => {
                    stack.push((*mode, doc));
                    continue;
                }
                None => return true,
            }
        };
        match doc {
            Doc::Text(s) => {
                room -= measure(s) as isize;
                if room < 0 {
                    return false;
                }
            }
            Doc::Concat(parts) => stack.extend(parts.iter().rev().map(|p| (mode, p))),
            Doc::Indent(inner) => stack.push((mode, inner)),
            Doc::Group { contents, hard } => {
                let mode = if *hard { Mode::Break } else { mode };
                stack.push((mode, contents));
            }
            Doc::Line { flat, hard } => {
                if mode == Mode::Break || *hard {
                    return true;
                }
                room -= flat.len() as isize;
                if room < 0 {
                    return false;
                }
            }
            Doc::IfBreak { broken, flat } => stack.push((mode, if mode == Mode::Break { broken } else { flat })),
            // Its line, met in a broken group, is one prettier's fits counts as a break.
            Doc::FluidLine(_) if mode == Mode::Break => return true,
            Doc::FluidLine(contents) => {
                room -= 1;
                if room < 0 {
                    return false;
                }
                stack.push((mode, contents));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::width;

    fn list(items: &[&str]) -> Doc {
        bracketed("[", items.iter().map(|s| text(*s)).collect(), ",", ",", "]", false)
    }

    #[test]
    fn a_group_that_fits_stays_flat() {
        assert_eq!(print(&list(&["1", "2"]), 80, "  ", width::prettier), "[1, 2]");
    }

    #[test]
    fn a_group_that_does_not_fit_breaks_with_its_trailing_separator() {
        assert_eq!(
            print(&list(&["aaaa", "bbbb"]), 10, "  ", width::prettier),
            "[\n  aaaa,\n  bbbb,\n]"
        );
    }

    #[test]
    fn the_text_after_a_group_counts_against_it() {
        let doc = concat(vec![list(&["aa", "bb"]), text(");")]);
        assert_eq!(print(&doc, 9, "  ", width::prettier), "[\n  aa,\n  bb,\n]);");
        assert_eq!(print(&doc, 10, "  ", width::prettier), "[aa, bb]);");
    }

    #[test]
    fn a_forced_break_breaks_every_enclosing_group() {
        let doc = bracketed("{", vec![text("a"), force_break(list(&["b"]))], ",", "", "}", true);
        assert_eq!(print(&doc, 80, "  ", width::prettier), "{\n  a,\n  [\n    b,\n  ]\n}");
    }
}
