//! The committed data snapshots in `data/`: their format, and how they are
//! read and written.
//!
//! Two JSON Lines files, one entry a line, sorted, so that a refresh shows as
//! a readable diff and the same input always gives the same bytes:
//! `actions.jsonl` (every action of the service authorization reference) and
//! `managed-policies.jsonl` (every AWS managed policy's default version).
//! This module does no file I/O: callers pass text in and write text out.

pub mod upstream;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::catalog::{AccessLevel, compare_actions};

/// One action of the service authorization reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionEntry {
    /// Canonical `prefix:Action`.
    pub action: String,
    /// Access level.
    pub level: AccessLevel,
    /// Resource types it acts on, with their ARN formats.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<ResourceType>,
    /// Actions AWS says it also needs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependent: Vec<String>,
}

/// A resource type an action acts on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceType {
    /// Its name in the reference, such as `object`.
    pub name: String,
    /// Its ARN format, such as `arn:${Partition}:s3:::${BucketName}/${ObjectName}`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub arn: String,
}

/// One AWS managed policy's default version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyEntry {
    /// Its name.
    pub name: String,
    /// Its ARN, path included.
    pub arn: String,
    /// Its path.
    pub path: String,
    /// The default version's id.
    pub version: String,
    /// The default version's document, without `Sid`s.
    pub document: Value,
}

/// Both snapshots, in memory.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Snapshot {
    /// Every action, in the catalog's order.
    pub actions: Vec<ActionEntry>,
    /// Every policy, sorted by name.
    pub policies: Vec<PolicyEntry>,
}

/// Why a snapshot could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    /// A line is not a valid entry.
    #[error("{file} line {line}: {message}")]
    Line {
        /// The file's name.
        file: &'static str,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// An upstream file is not in the expected format.
    #[error("{what}: {message}")]
    Upstream {
        /// Which input.
        what: String,
        /// What is wrong.
        message: String,
    },
}

/// The snapshot file of actions.
pub const ACTIONS_FILE: &str = "actions.jsonl";
/// The snapshot file of managed policies.
pub const POLICIES_FILE: &str = "managed-policies.jsonl";

impl Snapshot {
    /// Reads both snapshots from their text.
    pub fn read(actions: &str, policies: &str) -> Result<Self, SnapshotError> {
        let mut snapshot = Snapshot {
            actions: read_lines(ACTIONS_FILE, actions)?,
            policies: read_lines(POLICIES_FILE, policies)?,
        };
        snapshot.sort();
        Ok(snapshot)
    }

    /// Puts entries in their canonical order and drops repeats.
    pub fn sort(&mut self) {
        self.actions
            .sort_by(|a, b| compare_actions(&a.action, &b.action));
        self.actions
            .dedup_by(|a, b| compare_actions(&a.action, &b.action).is_eq());
        self.policies.sort_by(|a, b| a.name.cmp(&b.name));
        self.policies.dedup_by(|a, b| a.name == b.name);
    }

    /// The text of `actions.jsonl`.
    pub fn actions_text(&self) -> String {
        write_lines(&self.actions)
    }

    /// The text of `managed-policies.jsonl`.
    pub fn policies_text(&self) -> String {
        write_lines(&self.policies)
    }
}

fn read_lines<T: for<'de> Deserialize<'de>>(
    file: &'static str,
    text: &str,
) -> Result<Vec<T>, SnapshotError> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| SnapshotError::Line {
                file,
                line: i + 1,
                message: e.to_string(),
            })
        })
        .collect()
}

fn write_lines<T: Serialize>(entries: &[T]) -> String {
    let mut out = String::new();
    for entry in entries {
        // Serializing plain data with string keys cannot fail.
        out.push_str(&serde_json::to_string(entry).unwrap_or_default());
        out.push('\n');
    }
    out
}
