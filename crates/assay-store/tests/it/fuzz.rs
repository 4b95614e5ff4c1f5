//! The project loader takes files from anywhere: random bytes and mutated
//! real projects must give an error or a project, never a panic.

use assay_store::{OpenOptions, Project};
use proptest::prelude::*;

use crate::{options, sample_project};

fn try_open(bytes: &[u8]) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuzzed.assay");
    std::fs::write(&path, bytes).unwrap();
    if let Ok(p) = Project::open(
        &path,
        &OpenOptions {
            read_only: true,
            ..options(None)
        },
    ) {
        // Reading everything must not panic either.
        let _ = p.meta();
        let _ = p.engagement();
        let _ = p.export_json();
        let _ = p.verify();
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4096)) {
        try_open(&bytes);
    }

    #[test]
    fn random_bytes_behind_a_valid_header(tail in proptest::collection::vec(any::<u8>(), 0..8192)) {
        let mut bytes = b"SQLite format 3\0".to_vec();
        bytes.extend(tail);
        try_open(&bytes);
    }

    #[test]
    fn mutated_real_projects(flips in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..32)) {
        let dir = tempfile::tempdir().unwrap();
        let (path, _) = sample_project(dir.path());
        let mut bytes = std::fs::read(&path).unwrap();
        for (index, value) in flips {
            let i = index.index(bytes.len());
            bytes[i] = value;
        }
        try_open(&bytes);
    }
}
