//! JavaScript: `await seam.acs.credentials.unassign({ … });` with the `seam` npm package.

use heck::ToLowerCamelCase;
use serde_json::Value;

use super::printer::{self, json_scalar, print, Layout, Syntax};
use super::{doc, prettier};
use super::{is_identifier, Call, Shown, Style};

/// Object literals with snake_case keys (quoted only when they must be) and JSON strings.
struct Literal {
    /// Whether strings use single quotes (as Node's console prints them) instead of JSON's.
    single_quotes: bool,
}

impl Syntax for Literal {
    fn scalar(&self, value: &Value) -> String {
        match value {
            Value::String(s) if self.single_quotes => single_quoted(s),
            other => json_scalar(other),
        }
    }
    fn entry(&self, _: Option<&str>, key: &str, value: &str) -> String {
        if is_identifier(key) {
            format!("{key}: {value}")
        } else {
            format!("{}: {value}", self.scalar(&Value::from(key)))
        }
    }
}

/// A JavaScript string between single quotes.
pub(crate) fn single_quoted(s: &str) -> String {
    printer::quoted(s, '\'', printer::control_u4)
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
    let chain = call.chain_joined(|s| s.to_lower_camel_case(), ".");
    if call.params.is_empty() {
        return format!("await seam.{chain}();");
    }
    if style == Style::Page {
        let params = Value::Object(call.params.clone());
        let statement = doc::concat(vec![
            doc::text(format!("await seam.{chain}(")),
            prettier::literal(&params, prettier::Dialect::JavaScript),
            doc::text(");"),
        ]);
        return prettier::print(&statement);
    }
    let args = print(
        &call.params_node(None),
        &Literal { single_quotes: false },
        &layout(style),
        0,
    );
    format!("await seam.{chain}({args});")
}

pub fn output(shown: Option<&Shown>, style: Style) -> String {
    match (shown, style) {
        (None, _) => "// void".to_owned(),
        (Some(shown), Style::Page) => prettier::json(shown.resource()),
        (Some(shown), Style::Guide) => print(
            &shown.resource_node(false),
            &Literal { single_quotes: true },
            &printer::JSON_LAYOUT,
            0,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use serde_json::json;

    #[test]
    fn nested_values_and_escapes() {
        let call = test_call(
            "/user_identities/remove_acs_user",
            json!({
                "name": "a \"quoted\" \\ $x\nline",
                "flag": true,
                "n": 1.5,
                "none": null,
                "ids": ["a", "b"],
                "schedule": {"starts_at": "s", "my-key": 1},
                "empty": []
            }),
        );
        assert_eq!(
            code(&call, Style::Page),
            r#"await seam.userIdentities.removeAcsUser({
  name: 'a "quoted" \\ $x\nline',
  flag: true,
  n: 1.5,
  none: null,
  ids: ["a", "b"],
  schedule: { starts_at: "s", "my-key": 1 },
  empty: [],
});"#
        );
    }

    #[test]
    fn no_parameters_and_guide_style() {
        let call = test_call("/acs/systems/list", json!({}));
        assert_eq!(code(&call, Style::Page), "await seam.acs.systems.list();");
        let call = test_call("/acs/systems/get", json!({"a": "x", "b": "y"}));
        assert_eq!(
            code(&call, Style::Guide),
            "await seam.acs.systems.get({\n  a: \"x\",\n  b: \"y\"\n});"
        );
    }

    #[test]
    fn single_quoted_strings_escape_quotes_and_backslashes() {
        assert_eq!(single_quoted("it's \\ \n"), r"'it\'s \\ \n'");
    }
}
