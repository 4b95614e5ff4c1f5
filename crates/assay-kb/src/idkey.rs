/// Folds an ID or a citation label into a key that ignores case, separators,
/// leading zeros and the framework prefix, so that `AC-2(1)`, `ac-02(01)` and
/// `nist-800-53r5:AC-2(1)` agree, as do `Art. 6(3)(a)` and `art-6.3.a`.
pub fn id_key(text: &str) -> String {
    let local = match text.split_once(':') {
        Some((prefix, rest)) if !prefix.contains(' ') => rest,
        _ => text,
    };
    let mut segments: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_is_digit = false;
    for c in local.chars() {
        if c.is_alphanumeric() {
            let is_digit = c.is_ascii_digit();
            if !current.is_empty() && is_digit != current_is_digit {
                segments.push(std::mem::take(&mut current));
            }
            current_is_digit = is_digit;
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            segments.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        segments.push(current);
    }
    for segment in &mut segments {
        if segment.bytes().all(|b| b.is_ascii_digit()) {
            let trimmed = segment.trim_start_matches('0');
            *segment = if trimmed.is_empty() {
                "0".into()
            } else {
                trimmed.into()
            };
        }
    }
    segments.join(".")
}

#[cfg(test)]
mod tests {
    use super::id_key;

    #[test]
    fn spellings_of_one_id_agree() {
        for spelling in ["AC-2(1)", "ac-02(01)", "nist-800-53r5:AC-2(1)", "ac 2 1"] {
            assert_eq!(id_key(spelling), "ac.2.1", "{spelling}");
        }
        assert_eq!(id_key("cc6.1"), id_key("soc2:CC6.1"));
        assert_eq!(id_key("Art. 6(3)(a)"), id_key("eu-ai-act:art-6.3.a"));
        assert_eq!(id_key("Annex III 4(a)"), id_key("eu-ai-act:annex-iii.4.a"));
        assert_eq!(id_key("GOVERN 1.1"), id_key("nist-ai-rmf:GOVERN-1.1"));
    }

    #[test]
    fn different_ids_differ() {
        assert_ne!(id_key("AC-2(1)"), id_key("AC-21"));
        assert_ne!(id_key("CC6.1"), id_key("CC6.10"));
    }
}
