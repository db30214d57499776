//! The API diff's classification, one small description pair per kind of change: each pair
//! differs from `api_diff/base.yaml` by one edit, and gives exactly the kinds of change
//! expected, each with the wire and crate consequences the rules table gives and the case
//! states (with the reason, from the crate's behaviour).

mod docs_support;

use std::collections::BTreeSet;

use codegen::diff::rules::{Bump, Kind, Wire};
use codegen::diff::{self, Change};

use docs_support::root;

/// An edit of the base description: `from` (which must occur) replaced by `to`.
type Edit = (&'static str, &'static str);

struct Case {
    /// What changes.
    name: &'static str,
    /// The old description's edits of the base.
    old: &'static [Edit],
    /// The new description's edits of the base.
    new: &'static [Edit],
    /// The kinds of change found, each with its consequence for callers and the crate's bump.
    expected: &'static [(Kind, Wire, Bump)],
}

use Bump::{Major, Minor, Patch};
use Kind::*;
use Wire::{Breaking, Compatible};

const PAINT: &str = "  /things/{id}/paint:\n    post:\n      operationId: paintThing\n      tags: [things]\n      description: Paints a thing.\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                color: {$ref: \"#/components/schemas/color\"}\n      responses:\n        \"204\":\n          description: Painted\n";

const DEPRECATE_GET: Edit = (
    "      description: Gets a thing.\n",
    "      description: Gets a thing.\n      deprecated: true\n",
);
const PAINT_RETURNS_A_THING: Edit = ("        \"204\":\n          description: Painted\n", "        \"200\":\n          description: Painted\n          content:\n            application/json:\n              schema: {$ref: \"#/components/schemas/thing\"}\n");
const SIZE_REQUIRED: Edit = (
    "              required: [name]\n",
    "              required: [name, size]\n",
);
const SIZE_NULLABLE: Edit = (
    "                size: {type: integer}\n",
    "                size: {type: integer, nullable: true}\n",
);
const LABEL_TYPE: Edit = (
    "  schemas:\n",
    "  schemas:\n    label:\n      type: object\n      properties:\n        text: {type: string}\n",
);
const PAINT_WITH_A_KEY: Edit = (
    "      description: Paints a thing.\n",
    "      description: Paints a thing.\n      security: [{bearer: []}, {key: []}]\n",
);

const NAMES_RESULT: Edit = (
    "        - {name: verbose, in: query, schema: {type: boolean}}\n      responses:\n        \"200\":\n          description: OK\n          content:\n            application/json:\n              schema: {$ref: \"#/components/schemas/thing\"}",
    "        - {name: verbose, in: query, schema: {type: boolean}}\n      responses:\n        \"200\":\n          description: OK\n          content:\n            application/json:\n              schema: {type: array, items: {type: string}}",
);
const NAMES_NULLABLE: Edit = (
    "{type: array, items: {type: string}}",
    "{type: array, items: {type: string, nullable: true}}",
);
const TAGS_PARAMETER: Edit = (
    "                size: {type: integer}\n",
    "                size: {type: integer}\n                tags: {type: array, items: {type: string}}\n",
);
const TAGS_NULLABLE: Edit = (
    "tags: {type: array, items: {type: string}}",
    "tags: {type: array, items: {type: string, nullable: true}}",
);
const NOTES_FIELD: Edit = (
    "        size: {type: integer}\n        shape:",
    "        size: {type: integer}\n        notes: {type: object, additionalProperties: {type: string}}\n        shape:",
);
const NOTES_NULLABLE: Edit = (
    "additionalProperties: {type: string}}",
    "additionalProperties: {type: string, nullable: true}}",
);

const CASES: &[Case] = &[
    Case {
        name: "a call is added",
        old: &[(PAINT, "")],
        new: &[],
        expected: &[(OperationAdded, Compatible, Minor)],
    },
    Case {
        name: "a call is removed",
        old: &[],
        new: &[(PAINT, "")],
        expected: &[(OperationRemoved, Breaking, Major)],
    },
    Case {
        name: "a call is deprecated",
        old: &[],
        new: &[DEPRECATE_GET],
        expected: &[(OperationDeprecated, Compatible, Patch)],
    },
    Case {
        name: "a call is no longer deprecated",
        old: &[DEPRECATE_GET],
        new: &[],
        expected: &[(OperationUndeprecated, Compatible, Patch)],
    },
    Case {
        name: "a call's HTTP method changes",
        old: &[],
        new: &[("  /things/{id}/paint:\n    post:", "  /things/{id}/paint:\n    put:")],
        expected: &[(OperationMethodChanged, Breaking, Patch)],
    },
    Case {
        name: "a call's path changes",
        old: &[],
        new: &[("/things/{id}/paint:", "/things/{id}/repaint:")],
        expected: &[(OperationPathChanged, Breaking, Patch)],
    },
    Case {
        name: "a call's result type changes",
        old: &[],
        new: &[(
            "      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n        - {name: verbose, in: query, schema: {type: boolean}}\n      responses:\n        \"200\":\n          description: OK\n          content:\n            application/json:\n              schema: {$ref: \"#/components/schemas/thing\"}",
            "      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n        - {name: verbose, in: query, schema: {type: boolean}}\n      responses:\n        \"200\":\n          description: OK\n          content:\n            application/json:\n              schema: {type: array, items: {$ref: \"#/components/schemas/thing\"}}",
        )],
        expected: &[(ResultTypeChanged, Breaking, Major)],
    },
    Case {
        name: "a call that returned nothing returns a value",
        old: &[],
        new: &[PAINT_RETURNS_A_THING],
        expected: &[(ResultAdded, Compatible, Major)],
    },
    Case {
        name: "a call no longer returns a value",
        old: &[PAINT_RETURNS_A_THING],
        new: &[],
        expected: &[(ResultRemoved, Breaking, Major)],
    },
    Case {
        name: "a call's result may hold null items",
        old: &[NAMES_RESULT],
        new: &[NAMES_RESULT, NAMES_NULLABLE],
        expected: &[(ResultElementsBecameNullable, Breaking, Major)],
    },
    Case {
        name: "a call's result no longer holds null items",
        old: &[NAMES_RESULT, NAMES_NULLABLE],
        new: &[NAMES_RESULT],
        expected: &[(ResultElementsBecameNonNullable, Compatible, Major)],
    },
    Case {
        name: "an optional parameter is added",
        old: &[],
        new: &[(
            "        - {name: verbose, in: query, schema: {type: boolean}}\n",
            "        - {name: verbose, in: query, schema: {type: boolean}}\n        - {name: limit, in: query, schema: {type: integer}}\n",
        )],
        expected: &[(ParameterAddedOptional, Compatible, Minor)],
    },
    Case {
        name: "a required parameter is added",
        old: &[],
        new: &[(
            "              required: [name]\n              properties:\n                name: {type: string}\n",
            "              required: [name, owner]\n              properties:\n                name: {type: string}\n                owner: {type: string}\n",
        )],
        expected: &[(ParameterAddedRequired, Breaking, Major)],
    },
    Case {
        name: "a parameter is removed",
        old: &[],
        new: &[("        - {name: verbose, in: query, schema: {type: boolean}}\n", "")],
        expected: &[(ParameterRemoved, Breaking, Major)],
    },
    Case {
        name: "a parameter becomes required",
        old: &[],
        new: &[SIZE_REQUIRED],
        expected: &[(ParameterBecameRequired, Breaking, Major)],
    },
    Case {
        name: "a parameter becomes optional",
        old: &[SIZE_REQUIRED],
        new: &[],
        expected: &[(ParameterBecameOptional, Compatible, Patch)],
    },
    Case {
        name: "a parameter's type changes",
        old: &[],
        new: &[("                size: {type: integer}\n", "                size: {type: string}\n")],
        expected: &[(ParameterTypeChanged, Breaking, Major)],
    },
    Case {
        name: "a parameter becomes nullable",
        old: &[],
        new: &[SIZE_NULLABLE],
        expected: &[(ParameterBecameNullable, Compatible, Minor)],
    },
    Case {
        name: "a parameter is no longer nullable",
        old: &[SIZE_NULLABLE],
        new: &[],
        expected: &[(ParameterBecameNonNullable, Breaking, Major)],
    },
    Case {
        name: "a parameter's items may be null",
        old: &[TAGS_PARAMETER],
        new: &[TAGS_PARAMETER, TAGS_NULLABLE],
        expected: &[(ParameterElementsBecameNullable, Compatible, Major)],
    },
    Case {
        name: "a parameter's items may no longer be null",
        old: &[TAGS_PARAMETER, TAGS_NULLABLE],
        new: &[TAGS_PARAMETER],
        expected: &[(ParameterElementsBecameNonNullable, Breaking, Major)],
    },
    Case {
        name: "a parameter is deprecated",
        old: &[],
        new: &[(
            "        - {name: verbose, in: query, schema: {type: boolean}}\n",
            "        - {name: verbose, in: query, deprecated: true, schema: {type: boolean}}\n",
        )],
        expected: &[(ParameterDeprecated, Compatible, Patch)],
    },
    Case {
        name: "a parameter moves from the body to the query",
        old: &[],
        new: &[(
            "        - {name: id, in: path, required: true, schema: {type: string}}\n      requestBody:\n        content:\n          application/json:\n            schema:\n              type: object\n              properties:\n                color: {$ref: \"#/components/schemas/color\"}\n",
            "        - {name: id, in: path, required: true, schema: {type: string}}\n        - {name: color, in: query, schema: {$ref: \"#/components/schemas/color\"}}\n",
        )],
        expected: &[(ParameterMoved, Breaking, Patch)],
    },
    Case {
        name: "a field is added to a result",
        old: &[],
        new: &[("        size: {type: integer}\n", "        size: {type: integer}\n        weight: {type: number}\n")],
        expected: &[(FieldAdded, Compatible, Minor)],
    },
    Case {
        name: "a field is added to an object a parameter takes",
        old: &[],
        new: &[("        street: {type: string}\n", "        street: {type: string}\n        city: {type: string}\n")],
        expected: &[(InputFieldAddedOptional, Compatible, Major)],
    },
    Case {
        name: "a required field is added to an object a parameter takes",
        old: &[],
        new: &[
            ("      required: [street]\n", "      required: [street, city]\n"),
            ("        street: {type: string}\n", "        street: {type: string}\n        city: {type: string}\n"),
        ],
        expected: &[(InputFieldAddedRequired, Breaking, Major)],
    },
    Case {
        name: "a field is removed from a result",
        old: &[],
        new: &[("        size: {type: integer}\n", "")],
        expected: &[(FieldRemoved, Breaking, Major)],
    },
    Case {
        name: "a field becomes optional",
        old: &[],
        new: &[("      required: [id, name, color]\n", "      required: [id, color]\n")],
        expected: &[(FieldBecameOptional, Breaking, Major)],
    },
    Case {
        name: "a field becomes required",
        old: &[],
        new: &[("      required: [id, name, color]\n", "      required: [id, name, color, size]\n")],
        expected: &[(FieldBecameRequired, Compatible, Major)],
    },
    Case {
        name: "a field's type changes",
        old: &[],
        new: &[("        size: {type: integer}\n", "        size: {type: string}\n")],
        expected: &[(FieldTypeChanged, Breaking, Major)],
    },
    Case {
        name: "a field's map values may be null",
        old: &[NOTES_FIELD],
        new: &[NOTES_FIELD, NOTES_NULLABLE],
        expected: &[(FieldElementsBecameNullable, Breaking, Major)],
    },
    Case {
        name: "a field's map values may no longer be null",
        old: &[NOTES_FIELD, NOTES_NULLABLE],
        new: &[NOTES_FIELD],
        expected: &[(FieldElementsBecameNonNullable, Compatible, Major)],
    },
    Case {
        name: "a field is deprecated",
        old: &[],
        new: &[("        size: {type: integer}\n", "        size: {type: integer, deprecated: true}\n")],
        expected: &[(FieldDeprecated, Compatible, Patch)],
    },
    Case {
        name: "an enum gains a value",
        old: &[],
        new: &[("      enum: [red, blue]\n", "      enum: [red, blue, green]\n")],
        expected: &[(EnumValueAdded, Compatible, Minor)],
    },
    Case {
        name: "an enum loses a value",
        old: &[],
        new: &[("      enum: [red, blue]\n", "      enum: [red]\n")],
        expected: &[(EnumValueRemoved, Breaking, Major)],
    },
    Case {
        name: "a union loses a variant",
        old: &[],
        new: &[
            ("        - $ref: \"#/components/schemas/triangle\"\n", ""),
            (", triangle: \"#/components/schemas/triangle\"", ""),
        ],
        expected: &[(VariantRemoved, Breaking, Major)],
    },
    Case {
        name: "a union gains a variant",
        old: &[
            ("        - $ref: \"#/components/schemas/triangle\"\n", ""),
            (", triangle: \"#/components/schemas/triangle\"", ""),
        ],
        new: &[],
        expected: &[(VariantAdded, Compatible, Minor)],
    },
    Case {
        name: "a type is added",
        old: &[],
        new: &[LABEL_TYPE],
        expected: &[(TypeAdded, Compatible, Minor)],
    },
    Case {
        name: "a type is removed",
        old: &[LABEL_TYPE],
        new: &[],
        expected: &[(TypeRemoved, Compatible, Major)],
    },
    Case {
        name: "a call accepts another credential",
        old: &[],
        new: &[PAINT_WITH_A_KEY],
        expected: &[(AuthMethodAdded, Compatible, Patch)],
    },
    Case {
        name: "a call no longer accepts a credential",
        old: &[PAINT_WITH_A_KEY],
        new: &[],
        expected: &[(AuthMethodRemoved, Breaking, Patch)],
    },
    Case {
        name: "a description changes",
        old: &[],
        new: &[("      description: Gets a thing.\n", "      description: Gets one thing by its id.\n")],
        expected: &[(DescriptionChanged, Compatible, Patch)],
    },
];

fn base() -> String {
    std::fs::read_to_string(root().join("generator/tests/api_diff/base.yaml")).unwrap()
}

fn edited(case: &str, edits: &[Edit]) -> String {
    let mut text = base();
    for (from, to) in edits {
        assert!(text.contains(from), "{case}: the base has no `{from}`");
        text = text.replacen(from, to, 1);
    }
    text
}

fn model(case: &str, side: &str, text: &str) -> codegen::model::Api {
    let dir = std::env::temp_dir().join(format!("api-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let spec = dir.join(format!("{}-{side}.yaml", case.replace(' ', "-").replace('\'', "")));
    std::fs::write(&spec, text).unwrap();
    let options = codegen::Options::description_only(spec, &docs_support::root());
    codegen::build_model(&options)
        .unwrap_or_else(|d| panic!("{case} ({side}): {d}"))
        .0
}

fn changes(case: &Case) -> Vec<Change> {
    let old = model(case.name, "old", &edited(case.name, case.old));
    let new = model(case.name, "new", &edited(case.name, case.new));
    diff::compare(&old, &new)
}

#[test]
fn the_same_description_has_no_change() {
    let api = model("same", "old", &base());
    let changes = diff::compare(&api, &api);
    assert!(changes.is_empty(), "{changes:?}");
    assert_eq!(
        diff::summary_line(&changes),
        "api-diff: 0 changes, 0 breaking for callers; crate bump: none"
    );
}

#[test]
fn every_kind_of_change_is_classified_as_expected() {
    assert!(CASES.len() >= 25, "{} cases", CASES.len());
    let mut covered = BTreeSet::new();
    let mut failures = Vec::new();
    for case in CASES {
        let found = changes(case);
        let kinds: BTreeSet<Kind> = found.iter().map(|c| c.kind).collect();
        let expected: BTreeSet<Kind> = case.expected.iter().map(|e| e.0).collect();
        if kinds != expected {
            failures.push(format!("{}: expected {expected:?}, found {found:?}", case.name));
            continue;
        }
        for (kind, wire, bump) in case.expected {
            let change = found.iter().find(|c| c.kind == *kind).unwrap();
            if (change.wire(), change.bump()) != (*wire, *bump) {
                failures.push(format!(
                    "{}: {kind:?} is {:?}/{:?}, expected {wire:?}/{bump:?}",
                    case.name,
                    change.wire(),
                    change.bump()
                ));
            }
            covered.insert(*kind);
        }
        let (breaking, bump) = diff::verdict(&found);
        let expected_bump = case.expected.iter().map(|e| e.2).max().unwrap();
        let expected_breaking = found.iter().filter(|c| c.wire() == Breaking).count();
        assert_eq!((breaking, bump), (expected_breaking, expected_bump), "{}", case.name);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{} cases, {} kinds of change covered", CASES.len(), covered.len());
}

#[test]
fn the_report_ends_with_the_verdict() {
    let case = CASES
        .iter()
        .find(|c| c.name == "a required parameter is added")
        .unwrap();
    let report = diff::report("Things 1", "Things 2", &changes(case));
    assert!(report.starts_with("# API changes: Things 1 → Things 2\n"), "{report}");
    assert!(
        report.contains("| parameter-added-required | `things.create_thing(owner)` | string | breaking | major |"),
        "{report}"
    );
    assert!(
        report.ends_with("\napi-diff: 1 changes, 1 breaking for callers; crate bump: major\n"),
        "{report}"
    );
}

/// Generates `text` as the description into `out`, reading `out`'s last generation.
fn generate_into(out: &std::path::Path, name: &str, text: &str) -> codegen::Generation {
    let spec = out.with_extension(format!("{name}.yaml"));
    std::fs::write(&spec, text).unwrap();
    let options = codegen::Options {
        previous: Some(out.to_path_buf()),
        ..codegen::Options::description_only(spec, &docs_support::root())
    };
    let generation = codegen::generate(&options).unwrap_or_else(|d| panic!("{d}"));
    codegen::fileset::apply(out, &generation.files, codegen::fileset::Mode::Write).unwrap();
    generation
}

#[test]
fn codegen_bumps_the_crate_by_the_verdict_and_writes_the_changelog() {
    let out = std::env::temp_dir().join(format!("api-diff-release-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let read = |file: &str| std::fs::read_to_string(out.join(file)).unwrap();

    let first = generate_into(&out, "first", &base());
    assert!(first.changes.is_empty());
    assert!(read("client/Cargo.toml").contains("\nversion = \"0.1.0\"\n"));
    assert_eq!(
        read("client/CHANGELOG.md"),
        "# Changelog\n\n## 0.1.0\n\nGenerated from Things 1.0.0.\n"
    );

    // An optional parameter: a minor change, which below 1.0.0 bumps the patch number.
    let case = CASES
        .iter()
        .find(|c| c.name == "an optional parameter is added")
        .unwrap();
    let second = generate_into(&out, "second", &edited(case.name, case.new));
    assert_eq!(
        diff::summary_line(&second.changes),
        "api-diff: 1 changes, 0 breaking for callers; crate bump: minor"
    );
    assert!(read("client/Cargo.toml").contains("\nversion = \"0.1.1\"\n"));
    let changelog = read("client/CHANGELOG.md");
    assert!(
        changelog.starts_with("# Changelog\n\n## 0.1.1\n\nChanges: Things 1.0.0 → Things 1.0.0\n"),
        "{changelog}"
    );
    assert!(
        changelog.contains("| parameter-added-optional | `things.get_thing(limit)` | integer | compatible | minor |")
    );
    assert!(
        changelog.ends_with("crate bump: minor\n\n## 0.1.0\n\nGenerated from Things 1.0.0.\n"),
        "{changelog}"
    );
    assert_eq!(read("docs/changelog.md"), changelog);

    // The same description again: nothing changes.
    let again = generate_into(&out, "again", &edited(case.name, case.new));
    assert!(again.changes.is_empty());
    assert!(read("client/Cargo.toml").contains("\nversion = \"0.1.1\"\n"));
    assert_eq!(read("client/CHANGELOG.md"), changelog);

    // A required parameter: breaking, which below 1.0.0 bumps the minor number.
    let case = CASES
        .iter()
        .find(|c| c.name == "a required parameter is added")
        .unwrap();
    let third = generate_into(&out, "third", &edited(case.name, case.new));
    assert_eq!(diff::verdict(&third.changes).1, Bump::Major);
    assert!(read("client/Cargo.toml").contains("\nversion = \"0.2.0\"\n"));
    assert!(read("client/CHANGELOG.md").starts_with("# Changelog\n\n## 0.2.0\n"));
    std::fs::remove_dir_all(&out).unwrap();
}
