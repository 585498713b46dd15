//! Module boundaries as data: `api/src/layers.toml` says who may use whom and who owns which
//! table; this test reads every file of `api/src` with a parser and holds the code to it
//! (unit tests aside: they may reach across modules).

pub(crate) mod rules;
mod sources;

use std::collections::{BTreeMap, BTreeSet};

use rules::{Layer, Rules};
use sources::{Reach, Source};

fn load() -> (Rules, Vec<Source>) {
    let root = crate::harness::workspace().join("api/src");
    (
        Rules::read(&root.join("layers.toml")),
        sources::read_all(&root),
    )
}

/// Every way a file breaks the layers, as a line naming the file and what it reached.
fn offences(rules: &Rules, sources: &[Source]) -> Vec<String> {
    let mut offences = Vec::new();
    for source in sources {
        let owner = source.owner();
        let file = source.file.display();
        let Some(layer) = rules.layer_of(owner) else {
            offences.push(format!("{file}: `{owner}` is in no entry of layers.toml"));
            continue;
        };
        for reach in &source.reaches {
            if let Some(why) = rules.refusal(owner, &layer, reach) {
                offences.push(format!("{file}: {why}"));
            }
        }
    }
    offences
}

/// The graph of top-level modules as the code has it (not as layers.toml allows).
fn graph(sources: &[Source]) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for source in sources {
        let from = source.owner().to_owned();
        let targets = edges.entry(from.clone()).or_default();
        for reach in &source.reaches {
            if let Reach::Module(path) = reach
                && let Some(to) = path.first()
                && *to != from
            {
                targets.insert(to.clone());
            }
        }
    }
    edges
}

/// A circle of the graph, if it has one (depth-first, colouring nodes).
fn circle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = stack.iter().position(|n| n == node) {
            let mut found = stack[start..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, done, stack) {
                return Some(found);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|node| visit(node, edges, &mut done, &mut Vec::new()))
}

#[test]
fn every_module_keeps_to_its_layer_and_tables() {
    let (rules, sources) = load();
    assert!(sources.len() > 100, "api/src not found");
    let offences = offences(&rules, &sources);
    assert!(
        offences.is_empty(),
        "against api/src/layers.toml (call the owning module's service, or change the \
         layers there with a reason):\n{}",
        offences.join("\n")
    );
}

#[test]
fn the_modules_use_each_other_without_a_circle() {
    let (rules, sources) = load();
    rules.check_no_circle_declared();
    let edges = graph(&sources);
    if let Some(found) = circle(&edges) {
        panic!("modules in a circle: {}", found.join(" → "));
    }
}

#[test]
fn every_table_belongs_to_one_module() {
    let (rules, _) = load();
    let entity = crate::harness::workspace().join("entity/src");
    let mut unowned = Vec::new();
    for entry in std::fs::read_dir(entity).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let Some(table) = name.strip_suffix(".rs") else {
            continue;
        };
        if table != "lib" && rules.owners_of(table).len() != 1 {
            unowned.push(format!("{table}: owned by {:?}", rules.owners_of(table)));
        }
    }
    assert!(unowned.is_empty(), "{}", unowned.join("\n"));
}

/// The checks themselves catch what they are for (a test that cannot fail is a defect).
#[test]
fn the_checks_catch_a_foreign_table_a_foreign_handler_and_a_circle() {
    let (rules, _) = load();
    let reach = |path: &[&str]| Reach::Module(path.iter().map(|s| s.to_string()).collect());
    let catalog = rules.layer_of("catalog").unwrap();
    assert!(
        rules
            .refusal("catalog", &catalog, &Reach::Table("order".into()))
            .is_some()
    );
    assert!(
        rules
            .refusal("catalog", &catalog, &reach(&["orders", "service"]))
            .is_some()
    );
    let orders = rules.layer_of("orders").unwrap();
    assert!(
        rules
            .refusal("orders", &orders, &reach(&["catalog", "handlers"]))
            .is_some()
    );
    assert!(
        rules
            .refusal("orders", &orders, &reach(&["catalog", "service"]))
            .is_none()
    );
    let kernel = rules.layer_of("db").unwrap();
    assert!(matches!(kernel, Layer::Kernel));
    assert!(rules.refusal("db", &kernel, &reach(&["orders"])).is_some());
    let mut edges = BTreeMap::new();
    edges.insert("a".to_owned(), BTreeSet::from(["b".to_owned()]));
    edges.insert("b".to_owned(), BTreeSet::from(["a".to_owned()]));
    assert!(circle(&edges).is_some());
}
