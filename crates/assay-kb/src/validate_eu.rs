//! Checks of the EU AI Act tables (dates, obligations, penalties) that the
//! schema cannot express: keys and IDs that resolve, sources present.

use std::collections::{HashMap, HashSet};

use crate::validate::Checker;
use crate::{DatesFile, ObligationsFile, PenaltiesFile};

/// The obligation date key that resolves by high-risk route.
pub(crate) const HIGH_RISK_DATE_KEY: &str = "high-risk";
const HIGH_RISK_ROUTES: [&str; 2] = ["high-risk.annex-iii", "high-risk.annex-i"];

pub(crate) fn check_dates<'a>(
    c: &mut Checker,
    path: &str,
    d: &'a DatesFile,
    all_ids: &HashMap<&str, &str>,
) -> HashSet<&'a str> {
    c.non_empty(path, None, "version", &d.version);
    c.non_empty(path, None, "licence.name", &d.licence.name);
    let mut keys = HashSet::new();
    for row in &d.dates {
        let id = Some(row.key.as_str());
        if !keys.insert(row.key.as_str()) {
            c.report(path, id, "duplicate key");
        }
        c.non_empty(path, id, "title", &row.title);
        if row.original.is_none() && row.amended.is_none() {
            c.report(path, id, "has neither an original nor an amended date");
        }
        for rule in row.original.iter().chain(&row.amended) {
            c.non_empty(path, id, "source", &rule.source);
        }
        if row.provisions.is_empty() {
            c.report(path, id, "names no provisions");
        }
        for provision in &row.provisions {
            if !all_ids.contains_key(provision.as_str()) {
                c.report(path, id, format!("provision `{provision}` does not exist"));
            }
        }
    }
    for route in HIGH_RISK_ROUTES {
        if !keys.contains(route) {
            c.report(path, None, format!("the `{route}` row is missing"));
        }
    }
    keys
}

pub(crate) fn check_obligations(
    c: &mut Checker,
    path: &str,
    o: &ObligationsFile,
    all_ids: &HashMap<&str, &str>,
    date_keys: &HashSet<&str>,
) {
    c.non_empty(path, None, "version", &o.version);
    c.non_empty(path, None, "licence.name", &o.licence.name);
    let mut ids = HashSet::new();
    for ob in &o.obligations {
        let id = Some(ob.id.as_str());
        if !ids.insert(ob.id.as_str()) {
            c.report(path, id, "duplicate ID");
        }
        if !all_ids.contains_key(ob.article.as_str()) {
            c.report(path, id, format!("article `{}` does not exist", ob.article));
        }
        c.non_empty(path, id, "title", &ob.title);
        c.non_empty(path, id, "action", &ob.action);
        if ob.evidence.is_empty() {
            c.report(path, id, "lists no evidence");
        }
        let overrides = ob.date_overrides.iter().map(|o| &o.date_key);
        for key in std::iter::once(&ob.date_key).chain(overrides) {
            if key != HIGH_RISK_DATE_KEY && !date_keys.contains(key.as_str()) {
                c.report(
                    path,
                    id,
                    format!("date key `{key}` is not in the dates table"),
                );
            }
        }
        if ob.when.is_empty() {
            c.report(path, id, "names no fact it applies under (`when`)");
        }
    }
}

pub(crate) fn check_penalties(
    c: &mut Checker,
    path: &str,
    p: &PenaltiesFile,
    all_ids: &HashMap<&str, &str>,
    date_keys: &HashSet<&str>,
) {
    c.non_empty(path, None, "version", &p.version);
    c.non_empty(path, None, "licence.name", &p.licence.name);
    if !all_ids.contains_key(p.sme_article.as_str()) {
        let message = format!("`sme_article` `{}` does not exist", p.sme_article);
        c.report(path, None, message);
    }
    let mut ids = HashSet::new();
    for tier in &p.tiers {
        let id = Some(tier.id.as_str());
        if !ids.insert(tier.id.as_str()) {
            c.report(path, id, "duplicate ID");
        }
        if !all_ids.contains_key(tier.article.as_str()) {
            c.report(
                path,
                id,
                format!("article `{}` does not exist", tier.article),
            );
        }
        if !date_keys.contains(tier.date_key.as_str()) {
            let message = format!("date key `{}` is not in the dates table", tier.date_key);
            c.report(path, id, message);
        }
        let amounts_valid = tier.fixed_eur > 0 && tier.turnover_percent > 0.0;
        if tier.when_any.is_empty() || !amounts_valid {
            c.report(path, id, "needs facts, a fixed amount and a turnover share");
        }
        c.non_empty(path, id, "covers", &tier.covers);
    }
    for size in &p.sizes {
        c.non_empty(path, Some(size.size.as_str()), "source", &size.source);
    }
}
