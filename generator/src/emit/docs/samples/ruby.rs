//! Ruby: `seam.acs.credentials.unassign(acs_user_id: "…")`, outputs as Ruby hashes.

use serde_json::Value;

use super::printer::{self, print, Layout, Syntax};
use super::{is_identifier, Call, Shown, Style};

/// Ruby literals. Requests use symbol keys (`key: value`); outputs use string keys
/// (`"key" => value`), as the SDK's resources print.
struct Literal {
    string_keys: bool,
}

impl Syntax for Literal {
    fn scalar(&self, value: &Value) -> String {
        match value {
            Value::Null => "nil".to_owned(),
            Value::String(s) => string(s),
            other => other.to_string(),
        }
    }
    fn open_object(&self, class: Option<&str>) -> String {
        match class {
            Some(class) => format!("{class}("),
            None => "{".to_owned(),
        }
    }
    fn close_object(&self, class: Option<&str>) -> String {
        match class {
            Some(_) => ")".to_owned(),
            None => "}".to_owned(),
        }
    }
    fn entry(&self, _: Option<&str>, key: &str, value: &str) -> String {
        if self.string_keys {
            format!("{} => {value}", string(key))
        } else if is_identifier(key) {
            format!("{key}: {value}")
        } else {
            format!("{}: {value}", string(key))
        }
    }
    fn comment(&self, note: &str) -> String {
        format!("# {note}")
    }
}

/// A double-quoted Ruby string: `\`, `"` and control characters escaped, and `#` escaped where
/// it would start an interpolation (`#{`, `#$`, `#@`).
pub(crate) fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '#' if matches!(chars.peek(), Some('{' | '$' | '@')) => out.push_str("\\#"),
            c if c.is_control() => out.push_str(&printer::control_x2(c)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn layout(style: Style) -> Layout {
    Layout {
        indent: "  ",
        trailing_comma: style == Style::Page,
        inline_scalar_lists: true,
    }
}

/// The call.
pub fn code(call: &Call, style: Style) -> String {
    let name = format!("seam.{}", call.segments().join("."));
    print(
        &call.params_node(Some(name)),
        &Literal { string_keys: false },
        &layout(style),
        0,
    )
}

/// What the call returns: `nil`, or the resource as a hash.
pub fn output(shown: Option<&Shown>, style: Style) -> String {
    match shown {
        None => "nil".to_owned(),
        Some(shown) => print(
            &shown.resource_node(false),
            &Literal { string_keys: true },
            &layout(style),
            0,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TypeRef;
    use serde_json::json;

    #[test]
    fn call_and_hash_output() {
        let p = json!({"name": "a \"b\" \\ #{x} #$y #@z # $w\n", "on": true, "gone": null, "o": {"k": [1, 2]}});
        let p = p.as_object().unwrap().clone();
        let call = Call {
            base_url: "",
            path: "/acs/users/create",
            params: &p,
        };
        assert_eq!(
            code(&call, Style::Page),
            "seam.acs.users.create(\n  name: \"a \\\"b\\\" \\\\ \\#{x} \\#$y \\#@z # $w\\n\",\n  on: true,\n  gone: nil,\n  \
             o: {\n    k: [1, 2],\n  },\n)"
        );
        let body = json!({"acs_user": {"acs_user_id": "1", "errors": []}});
        let ty = TypeRef::named("acs_user");
        let shown = Shown {
            key: "acs_user",
            body: &body,
            ty: &ty,
            elide: None,
        };
        assert_eq!(
            output(Some(&shown), Style::Page),
            "{\n  \"acs_user_id\" => \"1\",\n  \"errors\" => [],\n}"
        );
        assert_eq!(output(None, Style::Page), "nil");
    }
}
