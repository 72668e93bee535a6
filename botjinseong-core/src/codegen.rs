//! Writes a [`Catalog`] as Rust source: `static` items that borrow
//! everything, so a program that includes them parses nothing at start-up.
//!
//! The tables run to hundreds of thousands of items, and rustc type-checks
//! one huge nested literal slowly; so every list of strings and every
//! policy's statements become a small, explicitly typed `static` of their
//! own (equal lists shared), and the big tables only name them. The output
//! defines `ACTIONS`, `POLICIES`, `GRANTS`, `COVERING` and `NEVER_GRANT`; the includer
//! builds the [`Catalog`] value from them.

use std::collections::HashMap;
use std::fmt::Write;

use crate::catalog::Catalog;
use crate::policy::{Effect, Selector, Statement};

/// The preamble: short names for everything the tables spell.
const PRELUDE: &str = "use ::std::borrow::Cow;
use botjinseong_core::catalog::{LevelCounts as N, RiskScore as K};
use botjinseong_core::{AccessLevel as L, ActionRecord as A, Effect as E, PolicyDocument as D, PolicyKind as P, PolicyRecord as R, Selector as S, Statement as T};
type C = Cow<'static, str>;
";

/// Interns lists of strings as typed statics.
#[derive(Default)]
struct Emitter {
    items: String,
    lists: HashMap<Vec<String>, usize>,
}

impl Emitter {
    /// The expression for a list of strings: a borrow of its static.
    fn strs(&mut self, list: &[std::borrow::Cow<'static, str>]) -> String {
        let key: Vec<String> = list.iter().map(|s| s.to_string()).collect();
        let next = self.lists.len();
        let id = *self.lists.entry(key).or_insert_with(|| {
            let items: Vec<String> = list
                .iter()
                .map(|s| format!("Cow::Borrowed({s:?})"))
                .collect();
            let _ = writeln!(
                self.items,
                "static Z{next}: [C; {}] = [{}];",
                items.len(),
                items.join(",")
            );
            next
        });
        format!("Cow::Borrowed(&Z{id})")
    }

    fn selector(&mut self, s: &Selector) -> String {
        match s {
            Selector::Only(p) => format!("S::Only({})", self.strs(p)),
            Selector::Except(p) => format!("S::Except({})", self.strs(p)),
        }
    }

    fn statement(&mut self, s: &Statement) -> String {
        let effect = match s.effect {
            Effect::Allow => "Allow",
            Effect::Deny => "Deny",
        };
        format!(
            "T{{effect:E::{effect},actions:{},resources:{},conditional:{}}}",
            self.selector(&s.actions),
            self.selector(&s.resources),
            s.conditional
        )
    }
}

/// Writes `head: [ty; N] = [...];`, sixteen numbers a line.
fn words<T: std::fmt::Display>(out: &mut String, head: &str, ty: &str, values: &[T]) {
    let _ = writeln!(out, "{head}: [{ty}; {}] = [", values.len());
    for (i, v) in values.iter().enumerate() {
        let _ = write!(out, "{v},");
        if i % 16 == 15 {
            out.push('\n');
        }
    }
    let _ = writeln!(out, "\n];");
}

/// The Rust source of the catalog's static tables.
pub fn catalog_source(catalog: &Catalog) -> String {
    let mut e = Emitter::default();
    let mut tables = String::with_capacity(8 << 20);
    let _ = writeln!(
        tables,
        "/// Every action of the snapshot.\npub static ACTIONS: [A; {}] = [",
        catalog.actions.len()
    );
    for a in catalog.actions.iter() {
        let (types, deps) = (e.strs(&a.resource_types), e.strs(&a.dependent_actions));
        let _ = writeln!(
            tables,
            "A{{name:Cow::Borrowed({:?}),level:L::{:?},resource_types:{types},dependent_actions:{deps},grants_start:{},grants_len:{}}},",
            a.name, a.level, a.grants_start, a.grants_len
        );
    }
    let _ = writeln!(tables, "];");
    let _ = writeln!(
        tables,
        "/// Every managed policy of the snapshot.\npub static POLICIES: [R; {}] = [",
        catalog.policies.len()
    );
    for (i, p) in catalog.policies.iter().enumerate() {
        let statements: Vec<String> = p
            .document
            .statements
            .iter()
            .map(|s| e.statement(s))
            .collect();
        let _ = writeln!(
            e.items,
            "static Y{i}: [T; {}] = [{}];",
            statements.len(),
            statements.join(",")
        );
        let counts: Vec<String> = p.granted.0.iter().map(u32::to_string).collect();
        let reasons = e.strs(&p.risk.reasons);
        let services = e.strs(&p.services);
        let prefixes = match &p.action_prefixes {
            Some(list) => format!("Some({})", e.strs(list)),
            None => "None".into(),
        };
        let excluded = match &p.excluded {
            Some(why) => format!("Some(Cow::Borrowed({why:?}))"),
            None => "None".into(),
        };
        let _ = writeln!(
            tables,
            "R{{name:Cow::Borrowed({:?}),arn:Cow::Borrowed({:?}),path:Cow::Borrowed({:?}),version:Cow::Borrowed({:?}),kind:P::{:?},document:D{{statements:Cow::Borrowed(&Y{i})}},granted:N([{}]),risk:K{{risk:{},reasons:{reasons}}},excluded:{excluded},services:{services},action_prefixes:{prefixes}}},",
            p.name,
            p.arn,
            p.path,
            p.version,
            p.kind,
            counts.join(","),
            p.risk.risk,
        );
    }
    let _ = writeln!(tables, "];");
    words(
        &mut tables,
        "/// Every grant, packed, each action's a contiguous run.\npub static GRANTS",
        "u32",
        &catalog.grants,
    );
    words(
        &mut tables,
        "/// Each grant's covering statements, as runs.\npub static COVERING",
        "u16",
        &catalog.covering,
    );
    let never: Vec<String> = catalog
        .never_grant
        .iter()
        .map(|s| format!("Cow::Borrowed({s:?})"))
        .collect();
    let _ = writeln!(
        tables,
        "/// The policies never to attach.\npub static NEVER_GRANT: [C; {}] = [{}];",
        never.len(),
        never.join(",")
    );
    let mut out = String::with_capacity(PRELUDE.len() + e.items.len() + tables.len());
    out.push_str(PRELUDE);
    out.push_str(&e.items);
    out.push_str(&tables);
    out
}
