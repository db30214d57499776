//! The Seam CLI: `seam acs credentials unassign --acs_user_id "…"`.

use heck::ToKebabCase;
use serde_json::Value;

use super::shell::{json_word_expands, single_quoted_line};
use super::Call;

/// The command: kebab-case segments, then `--key value` per parameter with the key as written
/// and the value as JSON, the way the live reference writes it. A key or value that a shell
/// would expand or split is single-quoted instead: a key as `'--key'`, a string as its text,
/// any other value as its JSON.
pub fn code(call: &Call) -> String {
    let mut out = format!("seam {}", call.chain_joined(|s| s.to_kebab_case(), " "));
    for (key, value) in call.params {
        let flag = format!("--{key}");
        let flag = if is_plain_word(key) {
            flag
        } else {
            single_quoted_line(&flag)
        };
        let json = value.to_string();
        let value = match value {
            _ if !json_word_expands(&json) => json,
            Value::String(text) => single_quoted_line(text),
            _ => single_quoted_line(&json),
        };
        out.push_str(&format!(" {flag} {value}"));
    }
    out
}

/// Whether `key` reads as one word in a shell, as it is.
fn is_plain_word(key: &str) -> bool {
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::docs::samples::test_call;
    use serde_json::json;

    #[test]
    fn values_are_written_as_json() {
        let call = test_call(
            "/acs/access_groups/add_user",
            json!({"acs_user_id": "u", "ids": ["a", "b"], "n": 2, "o": {"k": null}}),
        );
        assert_eq!(
            code(&call),
            r#"seam acs access-groups add-user --acs_user_id "u" --ids ["a","b"] --n 2 --o {"k":null}"#
        );
    }

    #[test]
    fn what_a_shell_would_expand_is_single_quoted() {
        let call = test_call(
            "/a/b",
            json!({"name": "$(id) `id` \"q\" it's", "ok": "Acme!", "list": ["x!y"], "bad key;id": 1, "l": "a\n```"}),
        );
        assert_eq!(
            code(&call),
            r#"seam a b --name '$(id) `id` "q" it'\''s' --ok "Acme!" --list '["x!y"]' '--bad key;id' 1 --l 'a'$'\x0a''```'"#
        );
    }
}
