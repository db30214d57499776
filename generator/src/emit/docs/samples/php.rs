//! PHP: `$seam->acs->credentials->unassign(acs_user_id: "…");`, outputs as PHP arrays.

use serde_json::Value;

use super::printer::{self, print, Layout, Syntax};
use super::{Call, Shown, Style};

/// PHP literals: named arguments in calls, `"key" => value` arrays elsewhere.
struct Literal;

impl Syntax for Literal {
    fn scalar(&self, value: &Value) -> String {
        match value {
            Value::String(s) => string(s),
            other => other.to_string(),
        }
    }
    fn open_object(&self, class: Option<&str>) -> String {
        match class {
            Some(class) => format!("{class}("),
            None => "[".to_owned(),
        }
    }
    fn close_object(&self, class: Option<&str>) -> String {
        match class {
            Some(_) => ")".to_owned(),
            None => "]".to_owned(),
        }
    }
    fn entry(&self, class: Option<&str>, key: &str, value: &str) -> String {
        match class {
            Some(_) => format!("{key}: {value}"),
            None => format!("{} => {value}", string(key)),
        }
    }
    fn comment(&self, note: &str) -> String {
        format!("// {note}")
    }
}

/// A double-quoted PHP string: `\`, `"`, `$` and control characters escaped.
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn layout(style: Style) -> Layout {
    Layout {
        indent: match style {
            Style::Page => "    ",
            Style::Guide => "  ",
        },
        trailing_comma: false,
        inline_scalar_lists: true,
    }
}

/// The call; pages open with `<?php`.
pub fn code(call: &Call, style: Style) -> String {
    let name = format!("$seam->{}", call.segments().join("->"));
    let printed = print(&call.params_node(Some(name)), &Literal, &layout(style), 0);
    match style {
        Style::Page => format!("<?php\n{printed};"),
        Style::Guide => format!("{printed};"),
    }
}

/// What the call returns: `null`, or the resource as an array (pages) or as JSON (guides).
pub fn output(shown: Option<&Shown>, style: Style) -> String {
    match (shown, style) {
        (None, _) => "null".to_owned(),
        (Some(shown), Style::Page) => print(&shown.resource_node(false), &Literal, &layout(style), 0),
        (Some(shown), Style::Guide) => printer::json(&shown.resource_node(false), "//"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypeRef;
    use serde_json::json;

    #[test]
    fn call_and_array_output() {
        let p = json!({"name": "a \"b\" \\ $c {$d}\n", "on": false, "gone": null, "o": {"k": [1.5]}});
        let p = p.as_object().unwrap().clone();
        let call = Call {
            base_url: "",
            path: "/acs/users/create",
            params: &p,
        };
        assert_eq!(
            code(&call, Style::Page),
            "<?php\n$seam->acs->users->create(\n    name: \"a \\\"b\\\" \\\\ \\$c {\\$d}\\n\",\n    on: false,\n    \
             gone: null,\n    o: [\n        \"k\" => [1.5]\n    ]\n);"
        );
        let body = json!({"acs_user": {"acs_user_id": "1", "is_managed": true}});
        let ty = TypeRef::named("acs_user");
        let shown = Shown {
            key: "acs_user",
            body: &body,
            ty: &ty,
            elide: None,
        };
        assert_eq!(
            output(Some(&shown), Style::Page),
            "[\n    \"acs_user_id\" => \"1\",\n    \"is_managed\" => true\n]"
        );
        assert_eq!(output(None, Style::Page), "null");
    }
}
