//! `cargo bench -p assay-kb --bench search`: load time of the whole knowledge
//! base and search latency percentiles over a mix of ID-shaped and word
//! queries. Prints numbers; it asserts nothing, because timings belong in
//! notes, not in pass/fail tests.

use std::time::{Duration, Instant};

use assay_kb::KnowledgeBase;

const QUERIES: &[&str] = &[
    "cc6.1",
    "CC7.2",
    "AC-2(1)",
    "ac-02(01)",
    "si-4",
    "GOVERN 1.1",
    "measure-2.11",
    "A.6.2.4",
    "Annex III 4(a)",
    "Art. 6(3)(a)",
    "art 50",
    "cc6.11",
    "human oversight",
    "account management",
    "risk management system",
    "emotion recognition",
    "data governance",
    "incident",
    "logging",
    "third-party",
    "bias",
    "encryption",
    "post-market monitoring",
    "supply chain",
    "privacy",
    "audit",
    "training data",
    "confabulation",
    "credit scoring",
    "biometric",
    "vendor risk",
    "change management",
    "access review",
    "fundamental rights",
    "transparency obligations",
    "a",
    "zzqxv",
    "control",
    "syst",
    "AC",
];

fn main() {
    let started = Instant::now();
    let kb = KnowledgeBase::bundled().expect("the bundled knowledge base is valid");
    let load = started.elapsed();
    let items: usize = kb.frameworks().iter().map(|f| f.items.len()).sum();

    // The index is built on the first search.
    let started = Instant::now();
    std::hint::black_box(kb.search("warm-up", 1));
    let index = started.elapsed();
    // Warm up caches and the allocator once.
    for q in QUERIES {
        std::hint::black_box(kb.search(q, 20));
    }
    let rounds = 200;
    let mut samples: Vec<Duration> = Vec::with_capacity(rounds * QUERIES.len());
    for _ in 0..rounds {
        for q in QUERIES {
            let t = Instant::now();
            std::hint::black_box(kb.search(q, 20));
            samples.push(t.elapsed());
        }
    }
    samples.sort();
    let pct = |p: f64| samples[((samples.len() - 1) as f64 * p) as usize];
    println!(
        "knowledge base: {items} items, load + validate {:.1} ms, search index built on first use {:.1} ms",
        load.as_secs_f64() * 1e3,
        index.as_secs_f64() * 1e3
    );
    println!(
        "search over {} queries x {rounds}: p50 {:.1} µs, p95 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
        QUERIES.len(),
        pct(0.50).as_secs_f64() * 1e6,
        pct(0.95).as_secs_f64() * 1e6,
        pct(0.99).as_secs_f64() * 1e6,
        samples[samples.len() - 1].as_secs_f64() * 1e6,
    );
}
