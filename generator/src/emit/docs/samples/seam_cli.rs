//! The Seam CLI: `seam acs credentials unassign --acs_user_id "…"`.

use heck::ToKebabCase;

use super::Call;

/// The command: kebab-case segments, then `--key value` per parameter with the key as written
/// and the value as JSON, the way the live reference writes it.
pub fn code(call: &Call) -> String {
    let mut out = format!("seam {}", call.chain_joined(|s| s.to_kebab_case(), " "));
    for (key, value) in call.params {
        out.push_str(&format!(" --{key} {value}"));
    }
    out
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
}
