//! Plain words for what the data holds as codes: dates, roles, statuses,
//! money and lists, so a client never reads an identifier.

use chrono::NaiveDate;

/// `2027-12-02` as `2 December 2027`; anything else as it is.
pub(crate) fn date(iso: &str) -> String {
    NaiveDate::parse_from_str(iso, "%Y-%m-%d")
        .map_or_else(|_| iso.to_owned(), |d| d.format("%-d %B %Y").to_string())
}

/// An operator role (`authorised_representative`) as a person says it.
pub(crate) fn role(role: &str) -> String {
    match role {
        "provider" => "provider".into(),
        "deployer" => "deployer".into(),
        "importer" => "importer".into(),
        "distributor" => "distributor".into(),
        "authorised_representative" => "authorised representative".into(),
        "product_manufacturer" => "product manufacturer".into(),
        other => other.replace('_', " "),
    }
}

/// Roles as a phrase: `provider and deployer`.
pub(crate) fn roles(roles: &[String]) -> String {
    let words: Vec<String> = roles.iter().map(|r| role(r)).collect();
    list(&words, "and")
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn list(items: &[String], conjunction: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {conjunction} {last}", init.join(", ")),
    }
}

/// Whole euros with thousands separators: `€15,000,000`.
pub(crate) fn euros(amount: f64) -> String {
    let whole = amount.round() as u64;
    let digits = whole.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    format!("€{out}")
}

/// A file size for people.
pub(crate) fn size(bytes: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB"];
    let mut n = bytes as f64;
    let mut u = 0;
    while n >= 1024.0 && u < units.len() - 1 {
        n /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} B")
    } else {
        format!("{n:.1} {}", units[u])
    }
}

/// Where an answer comes from, in words.
pub(crate) fn provenance(code: &str) -> &str {
    match code {
        "client_asserted" => "Client assertion",
        "evidence_verified" => "Verified against evidence",
        "assessor_judgement" => "Assessor judgement",
        other => other,
    }
}

/// A duty as a client reads it: its title, with the provision unless the
/// title already names it.
pub(crate) fn duty(title: &str, article: &str) -> String {
    if title.contains(article) {
        title.to_owned()
    } else {
        format!("{title} ({article})")
    }
}

/// `text` ending in exactly one full stop (a client called "B.V." does not
/// get a second one).
pub(crate) fn sentence(text: &str) -> String {
    let text = text.trim_end();
    if text.ends_with(['.', '!', '?']) {
        text.to_owned()
    } else {
        format!("{text}.")
    }
}

/// The first sentence of `text`.
pub(crate) fn first_sentence(text: &str) -> &str {
    text.find(". ").map_or(text, |i| &text[..=i])
}

/// `1 duty`, `3 duties`.
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_for_codes() {
        assert_eq!(date("2027-12-02"), "2 December 2027");
        assert_eq!(date("soon"), "soon");
        assert_eq!(
            roles(&["provider".into(), "deployer".into()]),
            "provider and deployer"
        );
        assert_eq!(
            role("authorised_representative"),
            "authorised representative"
        );
        assert_eq!(euros(15_000_000.0), "€15,000,000");
        assert_eq!(euros(999.0), "€999");
        assert_eq!(
            list(&["a".into(), "b".into(), "c".into()], "or"),
            "a, b or c"
        );
        assert_eq!(count(1, "duty", "duties"), "1 duty");
        assert_eq!(
            duty("AI literacy (Art. 4)", "Art. 4"),
            "AI literacy (Art. 4)"
        );
        assert_eq!(duty("AI literacy", "Art. 4"), "AI literacy (Art. 4)");
        assert_eq!(sentence("Acme B.V."), "Acme B.V.");
        assert_eq!(sentence("Acme"), "Acme.");
        assert_eq!(first_sentence("One. Two."), "One.");
    }
}
