//! The Seam CLI: `seam acs credentials unassign --acs_user_id "…"`.

use heck::ToKebabCase;
use serde_json::Value;

use super::printer;
use super::{shell_double_quoted, shell_single_quoted, Call, Shown};

/// The command: kebab-case segments, then `--key value` per parameter, keys as written.
/// Strings are double-quoted; lists and objects are passed as single-quoted JSON.
pub fn code(call: &Call) -> String {
    let mut out = String::from("seam");
    for segment in call.segments() {
        out.push(' ');
        out.push_str(&segment.to_kebab_case());
    }
    for (key, value) in call.params {
        out.push_str(" --");
        out.push_str(key);
        out.push(' ');
        out.push_str(&match value {
            Value::String(s) => shell_double_quoted(s),
            Value::Array(_) | Value::Object(_) => shell_single_quoted(&value.to_string()),
            other => other.to_string(),
        });
    }
    out
}

/// The result as JSON, `{}` when there is none.
pub fn output(shown: Option<&Shown>) -> String {
    match shown {
        None => "{}".to_owned(),
        Some(shown) => printer::json(&shown.resource_node(false), "//"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flags_quote_per_shell_rules() {
        let p =
            json!({"name": "a \"b\" $c `d` \\e", "limit": 10, "on": true, "gone": null, "ids": ["x'y"], "o": {"k": 1}});
        let p = p.as_object().unwrap().clone();
        let call = Call {
            base_url: "",
            path: "/user_identities/remove_acs_user",
            params: &p,
        };
        assert_eq!(
            code(&call),
            "seam user-identities remove-acs-user --name \"a \\\"b\\\" \\$c \\`d\\` \\\\e\" --limit 10 --on true \
             --gone null --ids '[\"x'\\''y\"]' --o '{\"k\":1}'"
        );
    }
}
