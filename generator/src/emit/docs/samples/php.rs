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
        printer::open_call_or_map(class, "[")
    }
    fn close_object(&self, class: Option<&str>) -> String {
        printer::close_call_or_map(class, "]")
    }
    fn entry(&self, class: Option<&str>, key: &str, value: &str) -> String {
        match class {
            Some(_) => format!("{key}: {value}"),
            None => format!("{} => {value}", string(key)),
        }
    }
}

/// A double-quoted PHP string: `\`, `"`, `$` and control characters escaped.
pub(crate) fn string(s: &str) -> String {
    // No escape writes a `$`, so each one left is the text's own, which would interpolate.
    printer::quoted(s, '"', |c| format!("\\u{{{:x}}}", c as u32)).replace('$', "\\$")
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
    let name = format!("$seam->{}", call.chain_joined(str::to_owned, "->"));
    if style == Style::Page {
        return live::call(&name, call.params);
    }
    let printed = print(&call.params_node(Some(name)), &Literal, &layout(style), 0);
    match style {
        Style::Page => format!("<?php\n{printed};"),
        Style::Guide => format!("{printed};"),
    }
}

/// What the call returns: `null`, or the resource as an array (pages) or as JSON (guides).
pub fn output(shown: Option<&Shown>, style: Style) -> String {
    match (shown, style) {
        // The live pipeline formats `null` as PHP, which drops its only line.
        (None, Style::Page) => String::new(),
        (None, Style::Guide) => "null".to_owned(),
        (Some(shown), Style::Page) => live::resource(shown.resource()),
        (Some(shown), Style::Guide) => printer::json(&shown.resource_node(false), "//"),
    }
}

/// PHP as the live reference prints it: Seam's sample builder writes the call and the arrays
/// (strings between double quotes, escaped where they must be), then prettier's PHP plugin lays them out at
/// 80 columns with four-space indents, without the opening `<?php` line.
mod live {
    use heck::ToSnakeCase;
    use serde_json::{Map, Value};

    use super::super::doc::{self, bracketed, concat, group, indent, text, Doc};
    use super::super::prettier::{js_number, WIDTH};
    use super::super::width;

    /// `$seam->…(key: value, …);`: the arguments on one line when they fit, else one a
    /// line with a trailing comma.
    pub fn call(name: &str, params: &Map<String, Value>) -> String {
        let args = params
            .iter()
            .map(|(key, value)| concat(vec![text(format!("{key}: ")), literal(value)]))
            .collect();
        print(concat(vec![
            text(name),
            bracketed("(", args, ",", ",", ")", false),
            text(";"),
        ]))
    }

    /// The returned resource as an array, or a list of them.
    pub fn resource(value: &Value) -> String {
        print(concat(vec![literal(value), text(";")]))
    }

    fn print(statement: Doc) -> String {
        doc::print(&statement, WIDTH, "    ", width::prettier)
    }

    fn literal(value: &Value) -> Doc {
        match value {
            Value::Null => text("null"),
            Value::String(s) => text(super::string(s)),
            Value::Number(n) => text(js_number(n)),
            Value::Array(items) => array(items.iter().map(literal).collect()),
            Value::Object(map) => array(map.iter().map(|(k, v)| entry(k, v)).collect()),
            other => text(other.to_string()),
        }
    }

    /// `[a, b]`, each item its own group.
    fn array(items: Vec<Doc>) -> Doc {
        if items.is_empty() {
            return text("[]");
        }
        bracketed("[", items.into_iter().map(group).collect(), ",", ",", "]", false)
    }

    /// `"key" => value`; a string value moves to its own, deeper line when the entry does not
    /// fit (the plugin's assignment layout).
    fn entry(key: &str, value: &Value) -> Doc {
        let head = text(format!("{} =>", super::string(&key.to_snake_case())));
        match value {
            Value::String(_) => group(concat(vec![
                head,
                group(indent(concat(vec![doc::line(), literal(value)]))),
            ])),
            _ => concat(vec![head, text(" "), literal(value)]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use crate::model::TypeRef;
    use serde_json::json;

    #[test]
    fn calls_and_arrays_as_the_php_plugin_lays_them_out() {
        let call = test_call(
            "/acs/users/create",
            json!({"name": "Jane Doe", "on": false, "gone": null, "o": {"k": [1.5]}}),
        );
        assert_eq!(
            code(&call, Style::Page),
            "$seam->acs->users->create(\n    name: \"Jane Doe\",\n    on: false,\n    gone: null,\n    \
             o: [\"k\" => [1.5]],\n);"
        );
        let note = "a".repeat(67);
        let body = json!({"acs_user": {"acs_user_id": "1", "is_managed": true, "note": note}});
        let ty = TypeRef::named("acs_user");
        let shown = Shown::new("acs_user", &body, &ty);
        assert_eq!(
            output(Some(&shown), Style::Page),
            format!(
                "[\n    \"acs_user_id\" => \"1\",\n    \"is_managed\" => true,\n    \"note\" =>\n        \"{note}\",\n];"
            )
        );
        assert_eq!(output(None, Style::Page), "");
    }

    #[test]
    fn strings_escape_dollars_backslashes_and_control_characters() {
        assert_eq!(string("a$b\\\u{1}\""), "\"a\\$b\\\\\\u{1}\\\"\"");
    }
}
