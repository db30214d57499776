//! What each kind of change means: for callers on the wire (does a request that worked still
//! work, does an answer still read as before) and for the generated crate (the semver bump its
//! code needs), from what the crate does: request builders with one setter per parameter (a
//! required one checked when the call is sent), `#[non_exhaustive]` result structs whose
//! optional fields are `Option`s, enums with an `Other` variant for values they do not know.

use serde::Serialize;

/// The consequence for callers on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Wire {
    /// Every request that worked still works, and every answer reads as before.
    Compatible,
    /// Some request that worked fails now, or some answer reads differently.
    Breaking,
}

/// The semver bump of the generated crate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Bump {
    /// Nothing a user of the crate sees.
    None,
    /// Docs or behaviour only; the crate's items are unchanged.
    Patch,
    /// Items added; code that compiled still compiles and behaves the same.
    Minor,
    /// Code that compiled may fail to compile, or fail where it worked.
    Major,
}

impl Bump {
    /// Its name in the report.
    pub fn word(self) -> &'static str {
        match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        }
    }
}

/// A kind of change between two descriptions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    OperationAdded,
    OperationRemoved,
    OperationDeprecated,
    OperationUndeprecated,
    OperationMethodChanged,
    OperationPathChanged,
    ResultTypeChanged,
    ResultAdded,
    ResultRemoved,
    ResultElementsBecameNullable,
    ResultElementsBecameNonNullable,
    ParameterAddedOptional,
    ParameterAddedRequired,
    ParameterRemoved,
    ParameterBecameRequired,
    ParameterBecameOptional,
    ParameterTypeChanged,
    ParameterBecameNullable,
    ParameterBecameNonNullable,
    ParameterElementsBecameNullable,
    ParameterElementsBecameNonNullable,
    ParameterDeprecated,
    ParameterMoved,
    FieldAdded,
    InputFieldAddedOptional,
    InputFieldAddedRequired,
    FieldRemoved,
    FieldBecameOptional,
    FieldBecameRequired,
    FieldTypeChanged,
    FieldElementsBecameNullable,
    FieldElementsBecameNonNullable,
    FieldDeprecated,
    EnumValueAdded,
    EnumValueRemoved,
    VariantAdded,
    VariantRemoved,
    TypeAdded,
    TypeRemoved,
    AuthMethodAdded,
    AuthMethodRemoved,
    DescriptionChanged,
}

/// One row of the rules table.
pub struct Rule {
    /// The kind of change.
    pub kind: Kind,
    /// What it means on the wire.
    pub wire: Wire,
    /// The crate's bump.
    pub bump: Bump,
    /// Why, in the crate's terms.
    pub reason: &'static str,
}

use Bump::{Major, Minor, Patch};
use Wire::{Breaking, Compatible};

/// Every kind of change, with its consequences and the reason.
pub const RULES: &[Rule] = &[
    rule(Kind::OperationAdded, Compatible, Minor, "a new method on its namespace"),
    rule(
        Kind::OperationRemoved,
        Breaking,
        Major,
        "the method is gone; calls to it no longer compile",
    ),
    rule(
        Kind::OperationDeprecated,
        Compatible,
        Patch,
        "documented as deprecated; the method is unchanged",
    ),
    rule(
        Kind::OperationUndeprecated,
        Compatible,
        Patch,
        "the deprecation note is gone; the method is unchanged",
    ),
    rule(
        Kind::OperationMethodChanged,
        Breaking,
        Patch,
        "the client sends the new HTTP method; a server still answering only the old one, or an older client, fails",
    ),
    rule(
        Kind::OperationPathChanged,
        Breaking,
        Patch,
        "the client calls the new path; older clients call one that may be gone",
    ),
    rule(
        Kind::ResultTypeChanged,
        Breaking,
        Major,
        "the method returns another type",
    ),
    rule(
        Kind::ResultAdded,
        Compatible,
        Major,
        "a method that returned nothing now returns a value: its result type changes",
    ),
    rule(
        Kind::ResultRemoved,
        Breaking,
        Major,
        "the method returns nothing; code reading its result no longer compiles",
    ),
    rule(
        Kind::ResultElementsBecameNullable,
        Breaking,
        Major,
        "answers may hold `null` list items or map values, which older clients fail to decode; they become `Option`s",
    ),
    rule(
        Kind::ResultElementsBecameNonNullable,
        Compatible,
        Major,
        "the list items or map values are no longer `Option`s; code reading them no longer compiles",
    ),
    rule(
        Kind::ParameterAddedOptional,
        Compatible,
        Minor,
        "a new setter on the request builder",
    ),
    rule(
        Kind::ParameterAddedRequired,
        Breaking,
        Major,
        "a new required setter: calls that compiled now fail before sending",
    ),
    rule(
        Kind::ParameterRemoved,
        Breaking,
        Major,
        "the setter is gone; calls using it no longer compile",
    ),
    rule(
        Kind::ParameterBecameRequired,
        Breaking,
        Major,
        "calls without the setter now fail before sending",
    ),
    rule(
        Kind::ParameterBecameOptional,
        Compatible,
        Patch,
        "the setter may now be left out; calls that set it are unchanged",
    ),
    rule(
        Kind::ParameterTypeChanged,
        Breaking,
        Major,
        "the setter takes another type",
    ),
    rule(Kind::ParameterBecameNullable, Compatible, Minor, "a new `_null` setter"),
    rule(
        Kind::ParameterBecameNonNullable,
        Breaking,
        Major,
        "the `_null` setter is gone",
    ),
    rule(
        Kind::ParameterElementsBecameNullable,
        Compatible,
        Major,
        "the setter takes `Option` list items or map values: calls passing plain ones no longer compile",
    ),
    rule(
        Kind::ParameterElementsBecameNonNullable,
        Breaking,
        Major,
        "requests holding `null` items or values are refused, and the setter no longer takes `Option`s",
    ),
    rule(
        Kind::ParameterDeprecated,
        Compatible,
        Patch,
        "documented as deprecated; the setter is unchanged",
    ),
    rule(
        Kind::ParameterMoved,
        Breaking,
        Patch,
        "the client sends it elsewhere (query or body); older clients send it where the server no longer reads it",
    ),
    rule(
        Kind::FieldAdded,
        Compatible,
        Minor,
        "a new field of a `#[non_exhaustive]` struct (one only results hold)",
    ),
    rule(
        Kind::InputFieldAddedOptional,
        Compatible,
        Major,
        "a new field of a struct callers build with struct literals: their literals no longer compile",
    ),
    rule(
        Kind::InputFieldAddedRequired,
        Breaking,
        Major,
        "a new required field of a struct callers build: requests without it are refused, and their literals no longer compile",
    ),
    rule(
        Kind::FieldRemoved,
        Breaking,
        Major,
        "the field is gone; code reading it no longer compiles",
    ),
    rule(
        Kind::FieldBecameOptional,
        Breaking,
        Major,
        "the field becomes an `Option`: answers may lack it, and code reading it no longer compiles",
    ),
    rule(
        Kind::FieldBecameRequired,
        Compatible,
        Major,
        "the field is no longer an `Option`; code matching on it no longer compiles",
    ),
    rule(Kind::FieldTypeChanged, Breaking, Major, "the field has another type"),
    rule(
        Kind::FieldElementsBecameNullable,
        Breaking,
        Major,
        "answers may hold `null` items or values in the field, which older clients fail to decode; they become `Option`s",
    ),
    rule(
        Kind::FieldElementsBecameNonNullable,
        Compatible,
        Major,
        "the field's items or values are no longer `Option`s; code reading them no longer compiles",
    ),
    rule(
        Kind::FieldDeprecated,
        Compatible,
        Patch,
        "documented as deprecated; the field is unchanged",
    ),
    rule(
        Kind::EnumValueAdded,
        Compatible,
        Minor,
        "a new variant of a `#[non_exhaustive]` enum; older clients read it as `Other`",
    ),
    rule(
        Kind::EnumValueRemoved,
        Breaking,
        Major,
        "the variant is gone; requests sending the value fail, and code naming it no longer compiles",
    ),
    rule(
        Kind::VariantAdded,
        Compatible,
        Minor,
        "a new variant of a `#[non_exhaustive]` union; older clients read it as unknown",
    ),
    rule(Kind::VariantRemoved, Breaking, Major, "the union's variant is gone"),
    rule(Kind::TypeAdded, Compatible, Minor, "a new public type"),
    rule(Kind::TypeRemoved, Compatible, Major, "the public type is gone"),
    rule(
        Kind::AuthMethodAdded,
        Compatible,
        Patch,
        "one more way to authenticate the call",
    ),
    rule(
        Kind::AuthMethodRemoved,
        Breaking,
        Patch,
        "callers holding only that credential are refused",
    ),
    rule(Kind::DescriptionChanged, Compatible, Patch, "docs only"),
];

const fn rule(kind: Kind, wire: Wire, bump: Bump, reason: &'static str) -> Rule {
    Rule {
        kind,
        wire,
        bump,
        reason,
    }
}

/// The rule of a kind of change.
pub fn of(kind: Kind) -> &'static Rule {
    RULES
        .iter()
        .find(|r| r.kind == kind)
        .expect("every kind of change has a rule")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_exactly_one_rule() {
        for (i, rule) in RULES.iter().enumerate() {
            assert!(
                RULES[i + 1..].iter().all(|r| r.kind != rule.kind),
                "{:?} twice",
                rule.kind
            );
        }
        assert_eq!(RULES.len(), Kind::DescriptionChanged as usize + 1);
    }
}
