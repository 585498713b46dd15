//! What each source file of `api/src` names: the modules of the crate and the tables of
//! `entity` it reaches, read with a Rust parser (every `use` and every path in the code).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use syn::visit::Visit;

/// One file of `api/src`: its module path (`["orders", "service", "place"]`) and what it names.
pub struct Source {
    pub file: PathBuf,
    pub module: Vec<String>,
    pub reaches: BTreeSet<Reach>,
}

impl Source {
    /// The top-level module the file belongs to (`orders`; `startup` for `startup.rs`).
    pub fn owner(&self) -> &str {
        self.module.first().map(String::as_str).unwrap_or("lib")
    }
}

/// A thing a file names outside itself.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    /// `crate::<module>::<rest…>`, resolved from `super::` too.
    Module(Vec<String>),
    /// `entity::<table>::<item>` that queries or writes the table (`Entity`, `Column`,
    /// `ActiveModel`, …); a `Model` handed over by the owning module's service is not one.
    Table(String),
}

/// Every file of `api/src` but unit tests (`#[cfg(test)]` modules, inline or in a file of
/// their own), which may reach across modules as the code they test may not.
pub fn read_all(root: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    collect(root, &mut files);
    files.sort();
    let parsed: Vec<(PathBuf, syn::File)> = files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).unwrap();
            let syntax = syn::parse_file(&text)
                .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.display()));
            (file, syntax)
        })
        .collect();
    let tests: BTreeSet<PathBuf> = parsed
        .iter()
        .flat_map(|(file, syntax)| test_files(file, syntax))
        .collect();
    parsed
        .into_iter()
        .filter(|(file, _)| !tests.contains(file))
        .map(|(file, syntax)| {
            let module = module_path(root, &file);
            let mut names = Names {
                module: &module,
                reaches: BTreeSet::new(),
                tables: BTreeMap::new(),
            };
            names.visit_file(&syntax);
            Source {
                reaches: names.reaches,
                file,
                module,
            }
        })
        .collect()
}

fn is_test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|attr| {
        attr.path().is_ident("cfg")
            && attr
                .parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// The files of the `#[cfg(test)] mod x;` that `file` declares.
fn test_files(file: &Path, syntax: &syn::File) -> Vec<PathBuf> {
    let dir = match file.file_stem().and_then(|s| s.to_str()) {
        Some("mod") | Some("lib") | Some("main") => file.parent().unwrap().to_path_buf(),
        _ => file.with_extension(""),
    };
    syntax
        .items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Mod(module) if module.content.is_none() && is_test_only(&module.attrs) => {
                let name = module.ident.to_string();
                let flat = dir.join(format!("{name}.rs"));
                Some(if flat.exists() {
                    flat
                } else {
                    dir.join(name).join("mod.rs")
                })
            }
            _ => None,
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `orders/service/mod.rs` → `["orders", "service"]`; `startup.rs` → `["startup"]`.
fn module_path(root: &Path, file: &Path) -> Vec<String> {
    let relative = file.strip_prefix(root).unwrap().with_extension("");
    let mut parts: Vec<String> = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if parts.last().is_some_and(|last| last == "mod") {
        parts.pop();
    }
    parts
}

struct Names<'a> {
    module: &'a [String],
    reaches: BTreeSet<Reach>,
    /// Tables imported by name (`use entity::{order, payment}`), so `order::Entity` is seen.
    tables: BTreeMap<String, String>,
}

/// What a path into a table's module may name without querying or writing the table.
const VALUES: &[&str] = &["Model"];

impl Names<'_> {
    /// Records a path given as segments, resolving `crate`, `super` and `self`.
    fn record(&mut self, segments: &[String]) {
        let Some(first) = segments.first() else {
            return;
        };
        match first.as_str() {
            "crate" => self.add_module(segments[1..].to_vec()),
            "super" | "self" => {
                let mut base = self.module.to_vec();
                let mut rest = segments;
                while let Some(step) = rest.first() {
                    match step.as_str() {
                        "super" => {
                            base.pop();
                        }
                        "self" => {}
                        _ => break,
                    }
                    rest = &rest[1..];
                }
                base.extend(rest.iter().cloned());
                self.add_module(base);
            }
            "entity" => match (segments.get(1), segments.get(2)) {
                (Some(table), Some(item)) if !VALUES.contains(&item.as_str()) => {
                    self.reaches.insert(Reach::Table(table.clone()));
                }
                _ => {}
            },
            name if self.tables.contains_key(name) && segments.len() > 1 => {
                let mut full = vec!["entity".to_owned(), self.tables[name].clone()];
                full.extend(segments[1..].iter().cloned());
                self.record(&full);
            }
            _ => {}
        }
    }

    fn add_module(&mut self, path: Vec<String>) {
        if !path.is_empty() {
            self.reaches.insert(Reach::Module(path));
        }
    }

    /// Every path a `use` tree names, each as its own list of segments.
    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(path) => {
                prefix.push(path.ident.to_string());
                self.use_tree(prefix, &path.tree);
                prefix.pop();
            }
            syn::UseTree::Name(name) => {
                self.use_leaf(prefix, name.ident.to_string(), name.ident.to_string())
            }
            syn::UseTree::Rename(rename) => {
                self.use_leaf(prefix, rename.ident.to_string(), rename.rename.to_string())
            }
            syn::UseTree::Glob(_) => self.record(prefix),
            syn::UseTree::Group(group) => {
                for item in &group.items {
                    self.use_tree(prefix, item);
                }
            }
        }
    }

    fn use_leaf(&mut self, prefix: &[String], leaf: String, alias: String) {
        if prefix == ["entity"] {
            self.tables.insert(alias, leaf.clone());
        }
        let mut path = prefix.to_vec();
        if leaf != "self" {
            path.push(leaf);
        }
        self.record(&path);
    }
}

impl<'ast> Visit<'ast> for Names<'_> {
    fn visit_item_mod(&mut self, module: &'ast syn::ItemMod) {
        if !is_test_only(&module.attrs) {
            syn::visit::visit_item_mod(self, module);
        }
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &item.tree);
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        self.record(&segments);
        syn::visit::visit_path(self, path);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        // A macro's tokens are not parsed as code; paths written in them (`crate::x::y!`
        // arguments) are read as token runs `crate :: a :: b`.
        let tokens: Vec<String> = mac
            .tokens
            .clone()
            .into_iter()
            .map(|t| t.to_string())
            .collect();
        for (i, token) in tokens.iter().enumerate() {
            if token == "crate" || token == "entity" {
                let mut path = vec![token.clone()];
                let mut j = i + 1;
                while tokens.get(j).is_some_and(|t| t == ":")
                    && tokens.get(j + 1).is_some_and(|t| t == ":")
                {
                    match tokens.get(j + 2) {
                        Some(name) if name.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                            path.push(name.clone());
                            j += 3;
                        }
                        _ => break,
                    }
                }
                self.record(&path);
            }
        }
        syn::visit::visit_macro(self, mac);
    }
}
