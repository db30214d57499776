//! A document printer in the manner of Wadler's "prettier printer", as prettier and Ruby's
//! `prettier_print` (syntax_tree) run it: a [`Doc`] says where lines may break, and a group
//! breaks only when its flat form, and whatever follows it up to the next possible break,
//! would pass the line width.

/// A document: text with the places where it may break.
#[derive(Debug, Clone)]
pub enum Doc {
    /// Text that never breaks.
    Text(String),
    /// A line break when its group breaks; `flat` (`""` or `" "`) when it does not.
    Line { flat: &'static str },
    /// Docs printed one after the other.
    Concat(Vec<Doc>),
    /// Docs laid out flat if they fit, else with every line of this group broken.
    Group(Vec<Doc>),
    /// A group that is always broken, and so breaks every group that holds it.
    BrokenGroup(Vec<Doc>),
    /// Docs whose broken lines are indented one level more.
    Indent(Vec<Doc>),
    /// `broken` when the enclosing group breaks, else `flat`.
    IfBreak { broken: String, flat: String },
}

/// Text.
pub fn text(s: impl Into<String>) -> Doc {
    Doc::Text(s.into())
}

/// A break that is a space when flat.
pub fn line() -> Doc {
    Doc::Line { flat: " " }
}

/// A break that is nothing when flat.
pub fn softline() -> Doc {
    Doc::Line { flat: "" }
}

/// `docs` joined by `separator`.
pub fn join(docs: Vec<Doc>, separator: impl Fn() -> Doc) -> Vec<Doc> {
    let mut out = Vec::with_capacity(docs.len() * 2);
    for (i, doc) in docs.into_iter().enumerate() {
        if i > 0 {
            out.push(separator());
        }
        out.push(doc);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

/// Prints `doc` at `width` columns, one level of indentation being `indent`.
pub fn print(doc: &Doc, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut column = 0;
    // The commands left to print, last first: (indentation level, mode, doc).
    let mut stack: Vec<(usize, Mode, &Doc)> = vec![(0, Mode::Break, doc)];
    while let Some((level, mode, doc)) = stack.pop() {
        match doc {
            Doc::Text(s) => {
                out.push_str(s);
                column += s.chars().count();
            }
            Doc::Line { flat } => match mode {
                Mode::Flat => {
                    out.push_str(flat);
                    column += flat.len();
                }
                Mode::Break => {
                    out.push('\n');
                    out.push_str(&indent.repeat(level));
                    column = indent.len() * level;
                }
            },
            Doc::Concat(docs) => stack.extend(docs.iter().rev().map(|d| (level, mode, d))),
            Doc::Indent(docs) => stack.extend(docs.iter().rev().map(|d| (level + 1, mode, d))),
            Doc::Group(docs) => {
                let flat = mode == Mode::Flat || fits(docs, &stack, width.saturating_sub(column));
                let mode = if flat { Mode::Flat } else { Mode::Break };
                stack.extend(docs.iter().rev().map(|d| (level, mode, d)));
            }
            Doc::BrokenGroup(docs) => stack.extend(docs.iter().rev().map(|d| (level, Mode::Break, d))),
            Doc::IfBreak { broken, flat } => {
                let s = if mode == Mode::Break { broken } else { flat };
                out.push_str(s);
                column += s.chars().count();
            }
        }
    }
    out
}

/// Whether `docs`, flat, and then the rest up to its first break, take at most `room` columns.
fn fits<'d>(docs: &'d [Doc], rest: &[(usize, Mode, &'d Doc)], room: usize) -> bool {
    let mut room = room as isize;
    // (whether it belongs to the measured docs, mode, doc), last first.
    let mut queue: Vec<(bool, Mode, &'d Doc)> = docs.iter().rev().map(|d| (true, Mode::Flat, d)).collect();
    let mut rest = rest.iter().rev();
    loop {
        let (measured, mode, doc) = match queue.pop() {
            Some(next) => next,
            None => match rest.next() {
                Some((_, mode, doc)) => (false, *mode, *doc),
                None => return true,
            },
        };
        let mut push = |docs: &'d [Doc], mode: Mode| queue.extend(docs.iter().rev().map(|d| (measured, mode, d)));
        match doc {
            Doc::Text(s) => room -= s.chars().count() as isize,
            Doc::Line { flat } => match mode {
                Mode::Flat => room -= flat.len() as isize,
                Mode::Break => return true,
            },
            Doc::Concat(docs) | Doc::Indent(docs) => push(docs, mode),
            // A group met after the measured docs is judged as it would be printed: flat if it
            // were to fit.
            Doc::Group(docs) => push(docs, Mode::Flat),
            // The measured docs cannot be flat around a broken group; after them, the broken
            // group's first break ends the line.
            Doc::BrokenGroup(_) if measured => return false,
            Doc::BrokenGroup(docs) => push(docs, Mode::Break),
            Doc::IfBreak { broken, flat } => {
                let s = if mode == Mode::Break { broken } else { flat };
                room -= s.chars().count() as isize;
            }
        }
        if room < 0 {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Doc {
        Doc::Group(vec![
            text("["),
            Doc::Indent(vec![
                softline(),
                Doc::Concat(join(items.iter().map(|i| text(*i)).collect(), || {
                    Doc::Concat(vec![text(","), line()])
                })),
            ]),
            Doc::IfBreak {
                broken: ",".into(),
                flat: String::new(),
            },
            softline(),
            text("]"),
        ])
    }

    #[test]
    fn a_group_breaks_only_when_it_does_not_fit() {
        assert_eq!(print(&list(&["a", "b"]), 10, "  "), "[a, b]");
        assert_eq!(print(&list(&["aaaa", "bbbb"]), 10, "  "), "[\n  aaaa,\n  bbbb,\n]");
    }

    #[test]
    fn what_follows_a_group_up_to_the_next_break_counts() {
        // "[a, b]" fits in 8 columns, but not with the ";;;" that follows it on the same line.
        let doc = Doc::Concat(vec![list(&["a", "b"]), text(";;;")]);
        assert_eq!(print(&doc, 8, "  "), "[\n  a,\n  b,\n];;;");
        assert_eq!(print(&doc, 9, "  "), "[a, b];;;");
    }
}
