//! The Markdown reference pages, under `docs/` of the output folder.
//!
//! Every page is a minijinja template of `templates/docs/` (endpoint pages, folder READMEs,
//! `SUMMARY.md`) or `templates/guides/` (hand-written guides, which insert sample tabs with
//! `sample_tabs(…)`). Templates are compiled once per run. GitBook's `{% … %}` tags collide
//! with minijinja's, so templates write them as strings (the `gitbook` macro of
//! `templates/docs/macros.md`); Rust makes only the code of the samples, never Markdown.
//!
//! Output layout: `docs/<endpoint path>.md` per documented endpoint, `docs/<folder>/README.md`
//! per folder of pages (the root one too), `docs/guides/<name>.md` per guide, `docs/SUMMARY.md`.

mod anchors;
mod collation;
mod context;
mod guide;
mod html;
mod json;
mod operation;
mod pretty;
mod response;
mod routes;
pub mod samples;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;
use std::sync::Arc;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, Error, UndefinedBehavior};

use crate::diagnostics::{Diagnostics, Location};
use crate::fileset::FileSet;
use crate::model::{Api, Endpoint};
use crate::plan::{Anatomy, Profile, Reference};
use context::{EndpointLink, FolderLink, FolderPage, GuideLink, SummaryNode};
use samples::Renderer;

/// The folders of `templates/` that hold the docs' templates.
const TEMPLATE_FOLDERS: [&str; 2] = ["docs", "guides"];
/// The endpoint page template.
const ENDPOINT: &str = "docs/endpoint.md";
/// The folder README template.
const README: &str = "docs/readme.md";
/// The table of contents template.
const SUMMARY: &str = "docs/summary.md";
/// The page template of an HTTP operation.
const OPERATION: &str = "docs/operation.md";
/// The route page template of Seam's reference.
const ROUTE: &str = "docs/route.md";
/// The namespace page template of Seam's reference.
const NAMESPACE: &str = "docs/namespace.md";

/// Adds the reference pages, folder READMEs, `SUMMARY.md` and, with `include_guides`, the
/// guides to `files`.
pub fn emit(api: &Api, templates: &Path, include_guides: bool, files: &mut FileSet) -> Diagnostics {
    let mut diags = Diagnostics::new();
    let mut sources = load_templates(templates, &mut diags);
    if !include_guides {
        sources.retain(|(name, _)| !name.starts_with("guides/"));
    }
    let guides: Vec<&str> = sources
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| name.starts_with("guides/"))
        .collect();
    let has_samples = api.endpoints.iter().any(|e| !e.samples.is_empty());
    let env = environment(
        &sources,
        (has_samples && !guides.is_empty()).then(|| Arc::new(api.clone())),
        &mut diags,
    );
    if diags.has_errors() {
        return diags;
    }
    let documented: Vec<&Endpoint> = api.endpoints.iter().filter(|e| e.is_documented()).collect();
    let folders = folders(&documented);
    let docs = Docs {
        api,
        profile: Profile::of(api),
        env,
        types: context::Types::of(api),
        homes: homes(&folders),
        folders,
    };
    endpoint_pages(&docs, &documented, files, &mut diags);
    files.insert("docs/changelog.md", api.release.changelog.clone());
    // Guides show the repository's samples, so a description without samples gets none.
    let guide_links = if !has_samples && !guides.is_empty() {
        diags.warning(
            Location::File(templates.join("guides").display().to_string()),
            "the API has no samples, so the guides (which show samples) are left out",
        );
        Vec::new()
    } else {
        guide_pages(&docs, &guides, files, &mut diags)
    };
    match docs.profile.reference() {
        Reference::Routes => {
            let routes = routes::Routes::of(&documented);
            route_readmes(&docs, &routes, &guide_links, files, &mut diags);
            route_summary(&docs, &routes, guide_links, files, &mut diags);
        }
        Reference::Folders => {
            folder_readmes(&docs, &guide_links, files, &mut diags);
            summary(&docs, guide_links, files, &mut diags);
        }
    }
    diags
}

/// Seam's reference: `docs/<route>/README.md` per route and namespace (the resources, their
/// errors, warnings and events, and the endpoints), and the root README.
fn route_readmes(
    docs: &Docs,
    routes: &routes::Routes,
    guide_links: &[GuideLink],
    files: &mut FileSet,
    diags: &mut Diagnostics,
) {
    let api = docs.api;
    for (path, endpoints) in &routes.routes {
        if path.is_empty() {
            continue;
        }
        let page = routes::route_page(api, path, endpoints);
        if let Some(text) = render(&docs.env, ROUTE, minijinja::context! { page }, diags) {
            files.insert(format!("docs{path}/README.md"), text);
        }
    }
    for path in &routes.namespaces {
        let page = routes::namespace_page(api, path);
        if let Some(text) = render(&docs.env, NAMESPACE, minijinja::context! { page }, diags) {
            files.insert(format!("docs{path}/README.md"), text);
        }
    }
    if let Some(root) = docs.folders.get(&Vec::new()) {
        let mut page = folder_page(docs, &[], root, guide_links);
        // The root lists the pages at the top of the table of contents.
        page.folders = routes
            .pages()
            .filter(|path| routes.listed_under(path).is_none())
            .map(|path| FolderLink {
                name: path.trim_start_matches('/').to_owned(),
            })
            .collect();
        page.folders.sort_by(|a, b| a.name.cmp(&b.name));
        if let Some(text) = render(&docs.env, README, minijinja::context! { page }, diags) {
            files.insert("docs/README.md", text);
        }
    }
}

/// Seam's reference's table of contents: the hand-written pages, then the routes by title.
fn route_summary(
    docs: &Docs,
    routes: &routes::Routes,
    guide_links: Vec<GuideLink>,
    files: &mut FileSet,
    diags: &mut Diagnostics,
) {
    let api = docs.api;
    let title = api
        .route_docs
        .title
        .clone()
        .unwrap_or_else(|| "Table of contents".to_owned());
    let pages = &api.route_docs.pages;
    let nodes = routes::toc(api, routes);
    let context = minijinja::context! {
        title => title,
        api_title => context::plain_text(&api.title),
        pages => pages,
        nodes => nodes,
        guides => guide_links,
    };
    if let Some(text) = render(&docs.env, SUMMARY, context, diags) {
        files.insert("docs/SUMMARY.md", text);
    }
}

/// What every page is rendered with.
struct Docs<'a, 's> {
    api: &'a Api,
    /// Whom the pages are laid out for.
    profile: Profile,
    /// Every template, compiled.
    env: Environment<'s>,
    types: context::Types<'a>,
    /// Every folder of pages, by its segments.
    folders: BTreeMap<Vec<String>, Folder<'a>>,
    /// Where each returned type is documented.
    homes: context::Homes,
}

/// `docs/<endpoint path>.md`: a page per documented endpoint.
fn endpoint_pages(docs: &Docs, documented: &[&Endpoint], files: &mut FileSet, diags: &mut Diagnostics) {
    let renderer = Renderer::new(docs.api);
    for endpoint in documented {
        let rendered = match docs.profile.anatomy(endpoint) {
            Anatomy::SeamCall => {
                let page = context::endpoint_page(docs.api, endpoint, &docs.types, &renderer);
                render(&docs.env, ENDPOINT, minijinja::context! { page }, diags)
            }
            Anatomy::Operation => {
                let page = operation::operation_page(docs.api, endpoint, &docs.types, &renderer);
                render(&docs.env, OPERATION, minijinja::context! { page }, diags).map(|text| single_blank_lines(&text))
            }
        };
        if let Some(text) = rendered {
            let file = format!("docs/{}", page_file(endpoint));
            let (text, unlinked) = anchors::unlink_missing_anchors(&text);
            for (line, anchor) in unlinked {
                diags.warning(
                    Location::Line {
                        file: file.clone(),
                        line,
                        column: 1,
                    },
                    format!(
                        "the description of `{}` links to `#{anchor}`, which is no heading of its page; the link is written as its text",
                        endpoint.path
                    ),
                );
            }
            files.insert(file, text);
        }
    }
}

/// `text` with every run of blank lines outside code fences made one: the printers shared
/// with Seam's pages keep the blank lines of Seam's reference, which an operation's page
/// has no need to copy.
fn single_blank_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_fence = false;
    let mut blank_before = false;
    for line in text.split_inclusive('\n') {
        // What follows the indentation: empty on a blank line (its newline is whitespace).
        let visible = line.trim_start();
        let blank = visible.is_empty();
        if visible.starts_with("```") {
            in_fence = !in_fence;
        }
        if blank && blank_before && !in_fence {
            continue;
        }
        blank_before = blank;
        out.push_str(line);
    }
    out
}

/// `docs/guides/<name>.md`: a page per guide template; returns the links to them, titled by
/// each guide's first heading.
fn guide_pages(docs: &Docs, guides: &[&str], files: &mut FileSet, diags: &mut Diagnostics) -> Vec<GuideLink> {
    let mut links = Vec::new();
    for name in guides {
        if let Some(text) = render(&docs.env, name, Value::UNDEFINED, diags) {
            let file = name.trim_start_matches("guides/");
            let title = text
                .lines()
                .find_map(|l| l.strip_prefix("# "))
                .unwrap_or(file)
                .to_owned();
            links.push(GuideLink {
                title,
                file: format!("guides/{file}"),
            });
            files.insert(format!("docs/guides/{file}"), text);
        }
    }
    links
}

/// `docs/<folder>/README.md`: a page per folder, the root one listing the guides too.
fn folder_readmes(docs: &Docs, guide_links: &[GuideLink], files: &mut FileSet, diags: &mut Diagnostics) {
    for (segments, folder) in &docs.folders {
        let guides = if segments.is_empty() { guide_links } else { &[] };
        let page = folder_page(docs, segments, folder, guides);
        if let Some(text) = render(&docs.env, README, minijinja::context! { page }, diags) {
            let dir: String = segments.iter().map(|s| format!("{s}/")).collect();
            files.insert(format!("docs/{dir}README.md"), text);
        }
    }
}

/// The README view of the folder at `segments`: its pages, subfolders, the resources its
/// endpoints return, and `guides`.
fn folder_page(docs: &Docs, segments: &[String], folder: &Folder, guides: &[GuideLink]) -> FolderPage {
    let mut resources: Vec<&str> = folder
        .endpoints
        .iter()
        .filter_map(|e| response::returned_type(e))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    resources.retain(|id| docs.types.get(id).is_some());
    FolderPage {
        segments: segments.to_vec(),
        api_title: context::plain_text(&docs.api.title),
        endpoints: folder.endpoints.iter().map(|e| endpoint_link(e)).collect(),
        folders: folder
            .children
            .iter()
            .map(|name| FolderLink { name: name.clone() })
            .collect(),
        resources: resources
            .iter()
            .filter_map(|id| {
                let named = docs.types.get(id)?;
                Some(context::resource_view(named, &docs.types, &docs.homes, segments))
            })
            .collect(),
        guides: guides.to_vec(),
    }
}

/// `docs/SUMMARY.md`: the table of contents.
fn summary(docs: &Docs, guide_links: Vec<GuideLink>, files: &mut FileSet, diags: &mut Diagnostics) {
    let root = summary_node(&docs.folders, &[]);
    let api_title = context::plain_text(&docs.api.title);
    let summary = minijinja::context! { api_title => api_title, root => root, guides => guide_links };
    if let Some(text) = render(&docs.env, SUMMARY, summary, diags) {
        files.insert("docs/SUMMARY.md", text);
    }
}

/// Reads every template of the docs' folders, named by their path below `templates/`.
fn load_templates(templates: &Path, diags: &mut Diagnostics) -> Vec<(String, String)> {
    let mut sources = Vec::new();
    for folder in TEMPLATE_FOLDERS {
        let dir = templates.join(folder);
        let mut stack = vec![(dir.clone(), folder.to_owned())];
        while let Some((dir, name)) = stack.pop() {
            let entries = match fs::read_dir(&dir) {
                Ok(entries) => entries,
                Err(err) if err.kind() == std::io::ErrorKind::NotFound && folder == "guides" => continue,
                Err(err) => {
                    diags.error(Location::File(dir.display().to_string()), format!("cannot read: {err}"));
                    continue;
                }
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let child = format!("{name}/{}", entry.file_name().to_string_lossy());
                if path.is_dir() {
                    stack.push((path, child));
                } else if child.ends_with(".md") {
                    match fs::read_to_string(&path) {
                        Ok(text) => sources.push((child, text)),
                        Err(err) => diags.error(
                            Location::File(path.display().to_string()),
                            format!("cannot read: {err}"),
                        ),
                    }
                }
            }
        }
    }
    sources.sort();
    sources
}

/// The environment: every template compiled once, and the guides' function.
fn environment<'s>(
    sources: &'s [(String, String)],
    guide_api: Option<Arc<Api>>,
    diags: &mut Diagnostics,
) -> Environment<'s> {
    let mut env = Environment::new();
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|_| AutoEscape::None);
    guide::register(&mut env, guide_api);
    env.add_filter("indent_block", indent_block);
    for (name, source) in sources {
        if let Err(err) = env.add_template(name, source) {
            let (location, message) = template_error(name, &err);
            diags.error(location, message);
        }
    }
    for required in [ENDPOINT, README, SUMMARY, ROUTE, NAMESPACE, guide::TABS] {
        if !sources.iter().any(|(name, _)| name == required) {
            diags.error(
                Location::Template {
                    name: required.to_owned(),
                    line: None,
                },
                "template not found; the docs need it",
            );
        }
    }
    env
}

/// Indents every line of `text` with `prefix`, blank ones too, but for the empty rest after
/// its last newline: how the reference's layouts indent a nested block.
fn indent_block(text: String, prefix: String) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let last_is_empty = lines.last().is_some_and(|l| l.is_empty());
    let count = lines.len() - usize::from(last_is_empty);
    let mut out: Vec<String> = lines.drain(..).map(str::to_owned).collect();
    for line in out.iter_mut().take(count) {
        line.insert_str(0, &prefix);
    }
    out.join("\n")
}

/// Renders a template; a failure becomes an error naming the template and line.
fn render(env: &Environment, name: &str, ctx: Value, diags: &mut Diagnostics) -> Option<String> {
    let result = env.get_template(name).and_then(|t| t.render(ctx));
    match result {
        Ok(text) => Some(text),
        Err(err) => {
            let (location, message) = template_error(name, &err);
            diags.error(location, message);
            None
        }
    }
}

fn template_error(name: &str, err: &Error) -> (Location, String) {
    let mut message = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        message.push_str(&format!(": {cause}"));
        source = cause.source();
    }
    (
        Location::Template {
            name: err.name().unwrap_or(name).to_owned(),
            line: err.line(),
        },
        message,
    )
}

/// The pages of one folder, and its subfolders.
#[derive(Debug, Default)]
struct Folder<'a> {
    endpoints: Vec<&'a Endpoint>,
    children: BTreeSet<String>,
}

/// Every folder that holds a page or a folder that does; the root always.
fn folders<'a>(documented: &[&'a Endpoint]) -> BTreeMap<Vec<String>, Folder<'a>> {
    let mut folders: BTreeMap<Vec<String>, Folder> = BTreeMap::new();
    folders.entry(Vec::new()).or_default();
    for endpoint in documented {
        let segments: Vec<String> = endpoint.page_segments().into_iter().map(|s| s.into_owned()).collect();
        // The root path `/` has its page in the root folder.
        let dir = segments.split_last().map_or(&[][..], |(_, dir)| dir);
        folders.entry(dir.to_vec()).or_default().endpoints.push(endpoint);
        for depth in 0..dir.len() {
            folders
                .entry(dir[..depth].to_vec())
                .or_default()
                .children
                .insert(dir[depth].clone());
        }
    }
    folders
}

/// The README that documents each returned type: among the folders whose endpoints return
/// it, one with an endpoint that returns it alone (not in a list), else the first.
fn homes(folders: &BTreeMap<Vec<String>, Folder>) -> context::Homes {
    let mut homes = context::Homes::new();
    let mut direct: BTreeSet<String> = BTreeSet::new();
    for (segments, folder) in folders {
        for endpoint in &folder.endpoints {
            let Some(id) = response::returned_type(endpoint) else {
                continue;
            };
            let alone = matches!(
                &endpoint.response,
                crate::model::Response::Value {
                    ty: crate::model::TypeRef::Named { .. },
                    ..
                }
            );
            if !homes.contains_key(id) || (alone && !direct.contains(id)) {
                homes.insert(id.to_owned(), segments.clone());
            }
            if alone {
                direct.insert(id.to_owned());
            }
        }
    }
    homes
}

/// An endpoint page's file below `docs/`: its path's segments, the last one the file name; the
/// root path `/` is `index.md`.
fn page_file(endpoint: &Endpoint) -> String {
    match endpoint.page_segments().split_last() {
        Some((file, dir)) => dir.iter().map(|d| format!("{d}/")).collect::<String>() + file.as_ref() + ".md",
        None => "index.md".to_owned(),
    }
}

fn endpoint_link(endpoint: &Endpoint) -> EndpointLink {
    let file = endpoint
        .page_segments()
        .last()
        .map_or_else(|| "index".to_owned(), |s| s.to_string());
    EndpointLink {
        title: context::plain_text(&endpoint.title),
        path: endpoint.path.clone(),
        file: format!("{file}.md"),
        deprecated: endpoint.deprecated.is_some(),
    }
}

fn summary_node(folders: &BTreeMap<Vec<String>, Folder>, segments: &[String]) -> SummaryNode {
    let folder = &folders[segments];
    SummaryNode {
        name: segments.last().cloned().unwrap_or_default(),
        dir: segments.iter().map(|s| format!("{s}/")).collect(),
        pages: folder.endpoints.iter().map(|e| endpoint_link(e)).collect(),
        children: folder
            .children
            .iter()
            .map(|child| {
                let mut path = segments.to_vec();
                path.push(child.clone());
                summary_node(folders, &path)
            })
            .collect(),
    }
}
