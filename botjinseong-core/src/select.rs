//! Several denied actions in one request: the fewest policies that cover
//! them all, each the best by the resolver's ranking.

use crate::analysis::Source;
use crate::catalog::PolicyRecord;
use crate::resolve::{Candidate, Resolution, rank};

/// One policy chosen, and which of the request's actions it covers.
#[derive(Debug, Clone)]
pub struct Pick<'c> {
    /// The policy, its worst fit over the actions it covers, and whether it
    /// is the own policy of all their services.
    pub candidate: Candidate<'c>,
    /// Indices of the actions it covers, in the request's order.
    pub actions: Vec<usize>,
    /// Catalog, or pattern when one of its actions was matched by pattern.
    pub source: Source,
}

/// The chosen policies, and the actions none of them covers.
#[derive(Debug, Clone, Default)]
pub struct Selection<'c> {
    /// Best first: the first covers the most actions.
    pub picks: Vec<Pick<'c>>,
    /// Indices of the actions no policy covers.
    pub uncovered: Vec<usize>,
}

/// A candidate policy over the actions still to cover.
struct Offer<'c> {
    candidate: Candidate<'c>,
    actions: Vec<usize>,
    reads_only: bool,
    pattern: bool,
}

/// Chooses greedily: the policy covering most of the actions left, ties by
/// the resolver's ranking, until every action is covered or none can be.
/// For one action this is its best candidate ([`crate::resolve::best`]
/// finds it without resolving every candidate). The candidates may come in
/// any order.
pub fn select<'c>(resolutions: &[Resolution<'c>]) -> Selection<'c> {
    let mut left: Vec<usize> = (0..resolutions.len()).collect();
    let mut picks = Vec::new();
    loop {
        let mut options: Vec<Offer<'c>> = Vec::new();
        for &at in &left {
            let r = &resolutions[at];
            for c in &r.candidates {
                match options
                    .iter_mut()
                    .find(|o| same(o.candidate.policy, c.policy))
                {
                    Some(o) => {
                        o.candidate.fit = o.candidate.fit.max(c.fit);
                        o.candidate.own &= c.own;
                        o.reads_only &= r.wants_read;
                        o.pattern |= r.source == Source::Pattern;
                        o.actions.push(at);
                    }
                    None => options.push(Offer {
                        candidate: *c,
                        actions: vec![at],
                        reads_only: r.wants_read,
                        pattern: r.source == Source::Pattern,
                    }),
                }
            }
        }
        let best = options.into_iter().min_by(|a, b| {
            b.actions
                .len()
                .cmp(&a.actions.len())
                .then_with(|| rank(&a.candidate, &b.candidate, a.reads_only && b.reads_only))
        });
        let Some(best) = best else { break };
        left.retain(|at| !best.actions.contains(at));
        picks.push(Pick {
            candidate: best.candidate,
            actions: best.actions,
            source: if best.pattern {
                Source::Pattern
            } else {
                Source::Catalog
            },
        });
        if left.is_empty() {
            break;
        }
    }
    Selection {
        picks,
        uncovered: left,
    }
}

fn same(a: &PolicyRecord, b: &PolicyRecord) -> bool {
    std::ptr::eq(a, b)
}
