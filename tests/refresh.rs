//! `botjinseong data refresh` reproduces the committed `data/` byte for
//! byte from the pinned upstream packages (fetched by `scripts/test`), and
//! bad input changes nothing.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::{env, fs};

fn upstream() -> PathBuf {
    let dir = env::var_os("BOTJINSEONG_UPSTREAM_DIR").expect(
        "BOTJINSEONG_UPSTREAM_DIR names the unpacked upstream packages; scripts/test fetches them",
    );
    PathBuf::from(dir)
}

fn refresh(out: &Path, managed: &Path, iam: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_botjinseong"))
        .args(["data", "refresh", "--managed-policies"])
        .arg(managed)
        .arg("--iam-data")
        .arg(iam)
        .arg("--out")
        .arg(out)
        .output()
        .expect("the binary runs")
}

fn scratch(name: &str) -> PathBuf {
    let dir = env::temp_dir().join(format!("botjinseong-refresh-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

const FILES: [&str; 2] = ["actions.jsonl", "managed-policies.jsonl"];

#[test]
fn refresh_reproduces_the_committed_snapshot_twice() {
    let up = upstream();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for round in ["first", "second"] {
        let out = scratch(round);
        let run = refresh(&out, &up.join("managed-policies"), &up.join("iam-data"));
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        for file in FILES {
            let fresh = fs::read(out.join(file)).unwrap();
            let committed = fs::read(data.join(file)).unwrap();
            assert!(
                fresh == committed,
                "{round} refresh: data/{file} differs from the committed one"
            );
        }
        fs::remove_dir_all(&out).unwrap();
    }
}

#[test]
fn a_failed_refresh_leaves_the_old_files_alone() {
    let up = upstream();
    let out = scratch("bad");
    for file in FILES {
        fs::write(out.join(file), "old\n").unwrap();
    }
    let broken = scratch("broken-input");
    fs::create_dir_all(broken.join("dist")).unwrap();
    fs::write(broken.join("dist/managedPolicies.json"), "{ not json").unwrap();
    let run = refresh(&out, &broken, &up.join("iam-data"));
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("managedPolicies.json"), "{stderr}");
    for file in FILES {
        assert_eq!(fs::read_to_string(out.join(file)).unwrap(), "old\n");
    }
    let missing = refresh(&out, &out.join("nowhere"), &up.join("iam-data"));
    assert_eq!(missing.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("nowhere"));
    fs::remove_dir_all(&out).unwrap();
    fs::remove_dir_all(&broken).unwrap();
}
