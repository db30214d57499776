//! What the page templates read: plain, serializable views of the model, already sorted and
//! filtered (undocumented endpoints and properties left out). No Markdown is made here.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::Serialize;

use super::response::{response_view, ResponseView};
use super::samples::{Lang, Renderer, Shown, Style};
use crate::model::{
    Api, AuthMethod, Endpoint, NamedType, Property, Sample, SchemeKind, TypeKind, TypeRef, WorkspaceHeader,
};
use crate::plan::Anatomy;

/// The named types, by id, and what the docs need to know about them.
pub struct Types<'a> {
    by_id: HashMap<&'a str, &'a NamedType>,
    /// Variant types that several unions share. The model gives structurally identical inline
    /// types one id and keeps the description of the first place it met, so such a variant's
    /// description may speak of another resource: the docs leave it out.
    shared_variants: HashSet<&'a str>,
}

impl<'a> Types<'a> {
    /// The named types of `api`.
    pub fn of(api: &'a Api) -> Self {
        let mut seen = HashSet::new();
        let mut shared_variants = HashSet::new();
        for t in &api.types {
            if let TypeKind::Union { variants, .. } = &t.kind {
                for v in variants {
                    if !seen.insert(v.ty.as_str()) {
                        shared_variants.insert(v.ty.as_str());
                    }
                }
            }
        }
        Types {
            by_id: api.types.iter().map(|t| (t.id.as_str(), t)).collect(),
            shared_variants,
        }
    }

    /// The named type `id`.
    pub fn get(&self, id: &str) -> Option<&'a NamedType> {
        self.by_id.get(id).copied()
    }

    /// Whether the named type `id` is an enum.
    fn is_enum(&self, id: &str) -> bool {
        matches!(self.get(id).map(|t| &t.kind), Some(TypeKind::Enum { .. }))
    }
}

/// An endpoint's reference page.
#[derive(Debug, Serialize)]
pub struct EndpointPage<'a> {
    pub path: &'a str,
    pub title: String,
    pub description: String,
    pub deprecated: Option<String>,
    /// The primary sample's tabs, if the endpoint has a sample.
    pub primary: Option<SampleView>,
    /// The further samples.
    pub examples: Vec<SampleView>,
    pub auth: Vec<AuthView>,
    /// Whether the authentication is Seam's, which the reference's Authentication page explains.
    pub seam_auth: bool,
    pub params: Vec<ParamView>,
    pub response: ResponseView,
}

/// One sample, rendered in every language.
#[derive(Debug, Serialize)]
pub struct SampleView {
    pub title: String,
    pub description: String,
    /// Code and output by language key (`javascript`, `curl`, …); the templates pick the tabs.
    pub tabs: BTreeMap<&'static str, TabView>,
    /// Why the sample was not sent before it was published, when it was not (pages outside
    /// Seam's profile say so under its tabs).
    pub untested: Option<String>,
}

/// One language's code and output.
#[derive(Debug, Serialize)]
pub struct TabView {
    pub code: String,
    pub output: String,
    /// The output's fence key when it is not the code's: `json` for what an HTTP library's
    /// call prints.
    pub output_fence: Option<&'static str>,
}

/// An authentication method.
#[derive(Debug, Serialize)]
pub struct AuthView {
    pub name: String,
    /// For a personal access token: `required`, `optional` or `forbidden` (the `seam-workspace` header).
    pub workspace: Option<&'static str>,
}

/// A parameter, a field, or a union's variant.
#[derive(Debug, Serialize)]
pub struct PropertyView {
    pub name: String,
    /// The capitalised JSON type: `String`, `Number`, `Boolean`, `Object`, `Array`, `Datetime`.
    pub ty: &'static str,
    /// For a list: its items, plural (`UUIDs`, `Strings`, `Objects`, …).
    pub of: Option<&'static str>,
    pub required: bool,
    pub description: String,
    pub deprecated: Option<String>,
    /// The known values of an enum.
    pub values: Vec<String>,
    /// The fields of an object (or of a list's objects), or the variants of a union.
    pub children: Vec<PropertyView>,
    /// For a union's variant: the field that tells the variants apart.
    pub discriminator: Option<String>,
    /// A resource documented in a README, which the property links to instead of expanding it.
    pub resource: Option<String>,
    /// The link to that resource's section.
    pub link: Option<String>,
}

/// A request parameter, or a field of one.
#[derive(Debug, Serialize)]
pub struct ParamView {
    pub name: String,
    /// The JSON type, as a parameter's heading says it: `String` (dates, IDs and enums too),
    /// `Number`, `Boolean`, `Object`, `Array`.
    pub json_type: &'static str,
    /// The format, as a field's summary says it: `UUID`, `Datetime`, `Enum`, `String`,
    /// `Number`, `Boolean`, `Object`, `Record`, `List`.
    pub format: &'static str,
    /// For a list, its items' format (the heading makes it plural: `UUIDs`, `Enums`).
    pub item_format: Option<&'static str>,
    pub required: bool,
    pub description: String,
    pub deprecated: Option<String>,
    /// The known values of an enum.
    pub values: Vec<String>,
    /// The known values of a list's enum items.
    pub item_values: Vec<String>,
    /// The fields of an object; for a list of objects, the items' fields, each object field
    /// followed by its own fields as `field.child`.
    pub children: Vec<ParamView>,
}

/// A folder's `README.md`.
#[derive(Debug, Serialize)]
pub struct FolderPage {
    /// Path segments from `docs/`.
    pub segments: Vec<String>,
    pub api_title: String,
    pub endpoints: Vec<EndpointLink>,
    pub folders: Vec<FolderLink>,
    pub resources: Vec<ResourceView>,
    /// Guides, listed on the root page only.
    pub guides: Vec<GuideLink>,
}

/// A link to an endpoint page, relative to its folder.
#[derive(Debug, Serialize, Clone)]
pub struct EndpointLink {
    pub title: String,
    pub path: String,
    /// The file name, e.g. `unassign.md`.
    pub file: String,
    pub deprecated: bool,
}

/// A link to a subfolder's README.
#[derive(Debug, Serialize, Clone)]
pub struct FolderLink {
    pub name: String,
}

/// A guide, for the root README and SUMMARY.
#[derive(Debug, Serialize, Clone)]
pub struct GuideLink {
    pub title: String,
    /// The path from `docs/`, e.g. `guides/assigning-credentials.md`.
    pub file: String,
}

/// A documented type.
#[derive(Debug, Serialize)]
pub struct ResourceView {
    pub id: String,
    pub description: String,
    pub deprecated: Option<String>,
    /// `object`, `union` or `enum`.
    pub kind: &'static str,
    /// Fields (object), or variants (union).
    pub properties: Vec<PropertyView>,
    /// Values (enum).
    pub values: Vec<String>,
}

/// The SUMMARY's tree.
#[derive(Debug, Serialize)]
pub struct SummaryNode {
    pub name: String,
    /// The folder's path from `docs/`, `""` for the root.
    pub dir: String,
    pub pages: Vec<EndpointLink>,
    pub children: Vec<SummaryNode>,
}

/// Builds an endpoint's page view.
pub fn endpoint_page<'a>(api: &Api, endpoint: &'a Endpoint, types: &Types, renderer: &Renderer) -> EndpointPage<'a> {
    let anatomy = renderer.profile().anatomy(endpoint);
    let mut views = endpoint.samples.iter().map(|s| sample_view(endpoint, s, renderer));
    let primary = views.next();
    let examples = views.collect();
    EndpointPage {
        path: &endpoint.path,
        title: plain_text(&endpoint.title),
        description: markdown(&endpoint.description),
        deprecated: deprecation(&endpoint.deprecated),
        primary,
        examples,
        auth: match anatomy {
            Anatomy::SeamCall => endpoint.auth.iter().map(|a| auth_view(*a)).collect(),
            Anatomy::Operation => security_views(endpoint, api),
        },
        seam_auth: anatomy == Anatomy::SeamCall,
        params: param_views(&endpoint.params, types),
        response: response_view(endpoint, types, api),
    }
}

pub(super) fn sample_view(endpoint: &Endpoint, sample: &Sample, renderer: &Renderer) -> SampleView {
    let shown = Shown::of(endpoint, sample);
    let anatomy = renderer.profile().anatomy(endpoint);
    let tabs = Lang::page_tabs(anatomy)
        .iter()
        .map(|&lang| {
            let r = renderer.render(lang, Style::Page, endpoint, sample, shown.as_ref());
            (
                lang.key(),
                TabView {
                    code: r.code,
                    output: r.output,
                    output_fence: (anatomy == Anatomy::Operation
                        && crate::emit::docs::samples::http_client(lang).is_some())
                    .then_some("json"),
                },
            )
        })
        .collect();
    SampleView {
        title: plain_text(&sample.title),
        description: markdown(&sample.description),
        tabs,
        untested: sample.untested.as_deref().map(plain_text),
    }
}

fn auth_view(method: AuthMethod) -> AuthView {
    let workspace = match method {
        AuthMethod::PersonalAccessToken { workspace } => Some(match workspace {
            WorkspaceHeader::Required => "required",
            WorkspaceHeader::Optional => "optional",
            WorkspaceHeader::Forbidden => "forbidden",
        }),
        _ => None,
    };
    AuthView {
        name: method.display_name().to_owned(),
        workspace,
    }
}

/// `text` as inline code (a backtick in it would end the span early).
fn code_span(text: &str) -> String {
    format!("`{}`", text.replace('`', "'"))
}

/// The security requirements of an endpoint outside Seam's dialect, any one of which it may
/// meet: each the schemes it needs together and how their credentials travel.
pub(super) fn security_views(endpoint: &Endpoint, api: &Api) -> Vec<AuthView> {
    endpoint
        .security
        .iter()
        .filter(|requirement| !requirement.is_empty())
        .map(|requirement| {
            let schemes: Vec<String> = api
                .schemes_of(requirement)
                .map(|scheme| {
                    let how = match &scheme.kind {
                        SchemeKind::Bearer => "a bearer token".to_owned(),
                        SchemeKind::Basic => "HTTP basic authentication".to_owned(),
                        SchemeKind::ApiKey { name, place } => {
                            format!("an API key in the {} {}", code_span(name), place.noun())
                        }
                    };
                    format!("{}: {how}", code_span(&scheme.name))
                })
                .collect();
            AuthView {
                name: schemes.join(", with "),
                workspace: None,
            }
        })
        .collect()
}

/// How a list of properties is ordered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Required ones first, then by name (request parameters).
    RequiredFirst,
    /// By name only, and none marked required (a resource's fields).
    Alphabetical,
}

/// Where each resource is documented: the folder (segments from `docs/`) whose README holds
/// its section.
pub type Homes = HashMap<String, Vec<String>>;

/// A relative link, from a page of folder `here`, to the section of `id` in the README of
/// folder `home`. Generated links always start with `./`.
pub fn resource_link(here: &[String], home: &[String], id: &str) -> String {
    if here == home {
        return format!("./README.md#{id}");
    }
    let up = "../".repeat(here.len());
    let down: String = home.iter().map(|s| format!("{s}/")).collect();
    format!("./{up}{down}README.md#{id}")
}

/// Turns properties into views, expanding named types in place, except resources documented
/// in a README (linked instead) and types already being expanded (recursion).
struct Walker<'a> {
    types: &'a Types<'a>,
    homes: &'a Homes,
    /// The folder of the page being built.
    here: &'a [String],
    order: Order,
    expansion: Expansion,
}

/// How many named types one view (a page's parameters, a resource) may expand. Types are
/// expanded wherever they occur, as the live reference does, except inside themselves; where
/// references branch and rejoin (a diamond of types, repeated), every path would be written
/// out, exponentially many. Real descriptions stay far below this (the full Seam description's
/// pages are the same with a budget of 300); past it, the remaining occurrences are shown
/// without their fields.
const EXPANSION_BUDGET: usize = 2_000;

/// Which named types a view may expand next: none it is already inside (recursion), and no
/// more than [`EXPANSION_BUDGET`] in all.
struct Expansion {
    /// The named types being expanded.
    stack: Vec<String>,
    /// How many more types may be expanded.
    budget: usize,
}

impl Expansion {
    /// An expansion already inside the types of `stack`.
    fn inside(stack: Vec<String>) -> Self {
        Expansion {
            stack,
            budget: EXPANSION_BUDGET,
        }
    }

    /// Enters `id` when it may be expanded, and says whether it was; [`Expansion::leave`] it
    /// after.
    fn enter(&mut self, id: &str) -> bool {
        if self.stack.iter().any(|s| s == id) || self.budget == 0 {
            return false;
        }
        self.budget -= 1;
        self.stack.push(id.to_owned());
        true
    }

    /// Leaves the type entered last.
    fn leave(&mut self) {
        self.stack.pop();
    }
}

impl Walker<'_> {
    fn properties(&mut self, props: &[Property]) -> Vec<PropertyView> {
        let mut documented: Vec<&Property> = props.iter().filter(|p| p.undocumented.is_none()).collect();
        documented.sort_by(|a, b| match self.order {
            Order::RequiredFirst => b.required.cmp(&a.required).then_with(|| a.name.cmp(&b.name)),
            Order::Alphabetical => a.name.cmp(&b.name),
        });
        documented.into_iter().map(|p| self.property(p)).collect()
    }

    fn property(&mut self, p: &Property) -> PropertyView {
        let (ty, of) = type_words(&p.ty, self.types);
        let mut view = PropertyView {
            name: p.name.clone(),
            ty,
            of,
            required: p.required && self.order == Order::RequiredFirst,
            description: markdown(&p.description),
            deprecated: deprecation(&p.deprecated),
            values: Vec::new(),
            children: Vec::new(),
            discriminator: None,
            resource: None,
            link: None,
        };
        self.expand(&p.ty, &mut view);
        view
    }

    /// Fills the enum values, the children (fields or variants) or the resource link of a
    /// property of type `ty`, looking through lists.
    fn expand(&mut self, ty: &TypeRef, view: &mut PropertyView) {
        let id = match ty {
            TypeRef::Named { id } => id,
            TypeRef::Array { items } => return self.expand(items, view),
            _ => return,
        };
        let Some(named) = self.types.get(id.as_str()) else {
            return;
        };
        if let Some(home) = self.homes.get(id) {
            view.resource = Some(id.clone());
            view.link = Some(resource_link(self.here, home, id));
            return;
        }
        if !self.expansion.enter(id) {
            return;
        }
        match &named.kind {
            TypeKind::Enum { values } => view.values = values.clone(),
            TypeKind::Object { fields } => view.children = self.properties(fields),
            TypeKind::Union {
                discriminator,
                variants,
            } => view.children = self.variants(discriminator, variants),
        }
        self.expansion.leave();
    }

    fn variants(&mut self, discriminator: &str, variants: &[crate::model::UnionVariant]) -> Vec<PropertyView> {
        variants
            .iter()
            .map(|v| {
                let named = self.types.get(v.ty.as_str());
                let own = !self.types.shared_variants.contains(v.ty.as_str());
                let mut view = PropertyView {
                    name: v.tag.clone(),
                    ty: "Object",
                    of: None,
                    required: false,
                    description: named
                        .filter(|_| own)
                        .map(|t| markdown(&t.description))
                        .unwrap_or_default(),
                    deprecated: named.filter(|_| own).and_then(|t| deprecation(&t.deprecated)),
                    values: Vec::new(),
                    children: Vec::new(),
                    discriminator: Some(discriminator.to_owned()),
                    resource: None,
                    link: None,
                };
                self.expand(&TypeRef::named(v.ty.clone()), &mut view);
                view
            })
            .collect()
    }
}

/// The request parameters: documented ones only, required ones first, then by name.
pub(super) fn param_views(params: &[Property], types: &Types) -> Vec<ParamView> {
    let documented: Vec<Property> = params.iter().filter(|p| p.undocumented.is_none()).cloned().collect();
    let mut views = ParamWalker {
        types,
        expansion: Expansion::inside(Vec::new()),
    }
    .fields(&documented);
    views.sort_by(|a, b| b.required.cmp(&a.required).then_with(|| a.name.cmp(&b.name)));
    views
}

/// Turns parameters into views, expanding named types in place; a type already being
/// expanded (recursion) is not expanded again.
struct ParamWalker<'a> {
    types: &'a Types<'a>,
    expansion: Expansion,
}

impl ParamWalker<'_> {
    /// The fields, by name; the reference lists a parameter's undocumented fields too.
    fn fields(&mut self, props: &[Property]) -> Vec<ParamView> {
        let mut sorted: Vec<&Property> = props.iter().collect();
        sorted.sort_by(|a, b| a.name.cmp(&b.name));
        sorted.into_iter().map(|p| self.param(p)).collect()
    }

    fn param(&mut self, p: &Property) -> ParamView {
        let items = match &p.ty {
            TypeRef::Array { items } => Some(items.as_ref()),
            _ => None,
        };
        ParamView {
            name: p.name.clone(),
            json_type: json_type(&p.ty, self.types),
            format: format(&p.ty, self.types),
            item_format: items.map(|items| format(items, self.types)),
            required: p.required,
            description: markdown(&p.description),
            deprecated: deprecation(&p.deprecated),
            values: self.enum_values(&p.ty),
            item_values: items.map(|items| self.enum_values(items)).unwrap_or_default(),
            children: match items {
                Some(items) => self.flattened(items),
                None => self.object_fields(&p.ty),
            },
        }
    }

    fn enum_values(&self, ty: &TypeRef) -> Vec<String> {
        match ty {
            TypeRef::Named { id } => match self.types.get(id).map(|t| &t.kind) {
                Some(TypeKind::Enum { values }) => values.clone(),
                _ => Vec::new(),
            },
            _ => Vec::new(),
        }
    }

    /// The fields of an object type.
    fn object_fields(&mut self, ty: &TypeRef) -> Vec<ParamView> {
        let TypeRef::Named { id } = ty else {
            return Vec::new();
        };
        let Some(TypeKind::Object { fields }) = self.types.get(id).map(|t| &t.kind) else {
            return Vec::new();
        };
        if !self.expansion.enter(id) {
            return Vec::new();
        }
        let views = self.fields(fields);
        self.expansion.leave();
        views
    }

    /// The fields of a list's object items, each object field followed by its fields, named
    /// `field.child`.
    fn flattened(&mut self, items: &TypeRef) -> Vec<ParamView> {
        let mut out = Vec::new();
        for mut field in self.object_fields(items) {
            let children = std::mem::take(&mut field.children);
            let prefix = field.name.clone();
            let is_object = field.format == "Object";
            out.push(field);
            if is_object {
                out.extend(children.into_iter().map(|mut child| {
                    child.name = format!("{prefix}.{}", child.name);
                    child
                }));
            }
        }
        out
    }
}

/// A parameter's JSON type word.
fn json_type(ty: &TypeRef, types: &Types) -> &'static str {
    match ty {
        TypeRef::String { .. } => "String",
        TypeRef::Named { id } if types.is_enum(id) => "String",
        TypeRef::Integer | TypeRef::Number => "Number",
        TypeRef::Boolean => "Boolean",
        TypeRef::Array { .. } => "Array",
        TypeRef::Map { .. } | TypeRef::Any | TypeRef::Named { .. } => "Object",
    }
}

/// A field's format word.
fn format(ty: &TypeRef, types: &Types) -> &'static str {
    match ty {
        TypeRef::String { format } if format == "uuid" => "UUID",
        TypeRef::String { format } if format == "date-time" => "Datetime",
        TypeRef::String { .. } => "String",
        TypeRef::Named { id } if types.is_enum(id) => "Enum",
        TypeRef::Integer | TypeRef::Number => "Number",
        TypeRef::Boolean => "Boolean",
        TypeRef::Array { .. } => "List",
        TypeRef::Map { .. } => "Record",
        TypeRef::Any | TypeRef::Named { .. } => "Object",
    }
}

/// The capitalised JSON type, and for a list the plural of its items.
pub fn type_words(ty: &TypeRef, types: &Types) -> (&'static str, Option<&'static str>) {
    match ty {
        TypeRef::Array { items } => ("Array", Some(plural(items, types))),
        TypeRef::String { format } if format == "date-time" => ("Datetime", None),
        other => (json_type(other, types), None),
    }
}

fn plural(ty: &TypeRef, types: &Types) -> &'static str {
    match ty {
        TypeRef::String { format } if format == "uuid" => "UUIDs",
        TypeRef::String { format } if format == "date-time" => "Datetimes",
        TypeRef::String { .. } => "Strings",
        TypeRef::Named { id } if types.is_enum(id) => "Enums",
        TypeRef::Integer | TypeRef::Number => "Numbers",
        TypeRef::Boolean => "Booleans",
        TypeRef::Array { .. } => "Arrays",
        TypeRef::Map { .. } | TypeRef::Any | TypeRef::Named { .. } => "Objects",
    }
}

/// A documented type's view, for the README of folder `here`.
pub fn resource_view(named: &NamedType, types: &Types, homes: &Homes, here: &[String]) -> ResourceView {
    let mut walker = Walker {
        types,
        homes,
        here,
        order: Order::Alphabetical,
        expansion: Expansion::inside(vec![named.id.clone()]),
    };
    let (kind, properties, values) = match &named.kind {
        TypeKind::Object { fields } => ("object", walker.properties(fields), Vec::new()),
        TypeKind::Union {
            discriminator,
            variants,
        } => ("union", walker.variants(discriminator, variants), Vec::new()),
        TypeKind::Enum { values } => ("enum", Vec::new(), values.clone()),
    };
    ResourceView {
        id: named.id.clone(),
        description: markdown(&named.description),
        deprecated: deprecation(&named.deprecated),
        kind,
        properties,
        values,
    }
}

/// The deprecation notice of an endpoint, property or type, as the pages show it: the model's
/// message as plain text (empty when there is none), `None` when not deprecated.
pub(super) fn deprecation(deprecated: &Option<String>) -> Option<String> {
    deprecated.as_deref().map(plain_text)
}

/// Text from the description as GitBook must read it: its tag delimiters `{%` and `%}` written
/// as character references, so a title or description can never open or close a tab or hint,
/// and raw HTML other than the tags the pages use shown as text ([`super::html`]).
/// Everything else is kept as written.
pub fn plain_text(text: &str) -> String {
    let text = super::html::escape_raw_html(text);
    if !text.contains("{%") && !text.contains("%}") {
        return text.into_owned();
    }
    text.replace("{%", "&#123;%").replace("%}", "%&#125;")
}

/// A description as the page shows it: without trailing whitespace, and without the common
/// indentation of its continuation lines when that is 4 columns or more (left over from the
/// source's own indentation), which Markdown would otherwise read as a code block. Fenced code
/// keeps its indentation relative to the rest.
pub fn markdown(text: &str) -> String {
    let text = plain_text(text.trim_end());
    let text = text.as_str();
    let mut lines = text.lines();
    let Some(first) = lines.next() else {
        return String::new();
    };
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .iter()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0);
    if indent < 4 {
        return text.to_owned();
    }
    let mut out = first.to_owned();
    for line in rest {
        out.push('\n');
        out.push_str(line.get(indent..).unwrap_or("").trim_end_matches(' '));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_indented_continuations_are_dedented() {
        assert_eq!(
            markdown("One.\n\n       Two.\n         - three\n"),
            "One.\n\nTwo.\n  - three"
        );
        assert_eq!(markdown("One.\n\n  - two\n"), "One.\n\n  - two");
        assert_eq!(markdown(""), "");
    }

    #[test]
    fn links_between_folders_climb_to_the_root() {
        let here = ["acs".to_owned(), "users".to_owned()];
        assert_eq!(resource_link(&here, &here, "acs_user"), "./README.md#acs_user");
        assert_eq!(
            resource_link(&here, &["devices".to_owned()], "device"),
            "./../../devices/README.md#device"
        );
        assert_eq!(resource_link(&[], &here, "acs_user"), "./acs/users/README.md#acs_user");
    }
}
