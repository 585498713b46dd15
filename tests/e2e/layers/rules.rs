//! `api/src/layers.toml`, read.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::sources::Reach;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rules {
    kernel: Group,
    app: Group,
    entity: Entity,
    modules: BTreeMap<String, Module>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    members: Vec<String>,
    #[serde(default)]
    tables: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entity {
    shared: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    tables: Vec<String>,
    #[serde(default)]
    reads: Vec<String>,
    uses: Vec<String>,
}

pub enum Layer<'a> {
    Kernel,
    App,
    Module(&'a Module),
}

impl Rules {
    pub fn read(path: &Path) -> Rules {
        let text = std::fs::read_to_string(path).unwrap();
        toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    pub fn layer_of(&self, name: &str) -> Option<Layer<'_>> {
        if self.kernel.members.iter().any(|m| m == name) {
            Some(Layer::Kernel)
        } else if self.app.members.iter().any(|m| m == name) {
            Some(Layer::App)
        } else {
            self.modules.get(name).map(Layer::Module)
        }
    }

    /// Who keeps a table: the modules (and the kernel) that list it among theirs.
    pub fn owners_of(&self, table: &str) -> Vec<&str> {
        let mut owners: Vec<&str> = self
            .modules
            .iter()
            .filter(|(_, module)| module.tables.iter().any(|t| t == table))
            .map(|(name, _)| name.as_str())
            .collect();
        if self.kernel.tables.iter().any(|t| t == table) {
            owners.push("kernel");
        }
        if self.entity.shared.iter().any(|t| t == table) {
            owners.push("entity");
        }
        owners
    }

    /// Why `owner` (in `layer`) may not reach `reach`; `None` when it may.
    pub fn refusal(&self, owner: &str, layer: &Layer<'_>, reach: &Reach) -> Option<String> {
        match reach {
            Reach::Table(table) => self.table_refusal(owner, layer, table),
            Reach::Module(path) => self.module_refusal(owner, layer, path),
        }
    }

    fn table_refusal(&self, owner: &str, layer: &Layer<'_>, table: &str) -> Option<String> {
        let allowed = match layer {
            Layer::App => true,
            Layer::Kernel => self.kernel.tables.iter().any(|t| t == table),
            Layer::Module(module) => module
                .tables
                .iter()
                .chain(&module.reads)
                .any(|t| t == table),
        } || self.entity.shared.iter().any(|t| t == table);
        (!allowed).then(|| {
            format!(
                "`{owner}` reaches the table `{table}` of {:?}",
                self.owners_of(table)
            )
        })
    }

    fn module_refusal(&self, owner: &str, layer: &Layer<'_>, path: &[String]) -> Option<String> {
        let target = path.first()?;
        if target == owner {
            return None;
        }
        let shown = path.join("::");
        let Some(target_layer) = self.layer_of(target) else {
            // `crate::SomeType` re-exported at the root, or a macro: not a module.
            return None;
        };
        if let Layer::Module(_) = target_layer
            && path.get(1).is_some_and(|p| p == "handlers")
            && !matches!(layer, Layer::App)
        {
            return Some(format!(
                "`{owner}` reaches another module's handlers: {shown}"
            ));
        }
        let allowed = match (layer, &target_layer) {
            (Layer::App, _) => true,
            (_, Layer::App) => false,
            (_, Layer::Kernel) => true,
            (Layer::Kernel, Layer::Module(_)) => false,
            (Layer::Module(module), Layer::Module(_)) => module.uses.iter().any(|u| u == target),
        };
        (!allowed).then(|| format!("`{owner}` may not use `{target}`: {shown}"))
    }

    /// The `uses` of layers.toml themselves form no circle.
    pub fn check_no_circle_declared(&self) {
        let mut edges = BTreeMap::new();
        for (name, module) in &self.modules {
            edges.insert(name.clone(), module.uses.iter().cloned().collect());
        }
        if let Some(found) = super::circle(&edges) {
            panic!("layers.toml declares a circle: {}", found.join(" → "));
        }
    }
}
