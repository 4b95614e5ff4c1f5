//! Turning an answer, and every rubric phrase, into the same tokens: lower
//! case, no punctuation, each word reduced to its Porter stem, numbers
//! written in words as digits, and article references written any common
//! way as one token (`Article 6(3)`, `Art. 6 (3)`, `Art 6.3` and `6(3)` all
//! become `§6(3)`; `Annex III point 4(a)` and `Annex 3 4a` become
//! `annexiii:4(a)`).

use crate::porter::stem;

/// A sentence of the answer: its text as written, and its tokens.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Sentence {
    pub(crate) text: String,
    pub(crate) tokens: Vec<String>,
}

const ROMAN: &[(&str, &str)] = &[
    ("i", "i"),
    ("ii", "ii"),
    ("iii", "iii"),
    ("iv", "iv"),
    ("v", "v"),
    ("vi", "vi"),
    ("vii", "vii"),
    ("viii", "viii"),
    ("ix", "ix"),
    ("x", "x"),
    ("xi", "xi"),
    ("xii", "xii"),
    ("xiii", "xiii"),
    ("1", "i"),
    ("2", "ii"),
    ("3", "iii"),
    ("4", "iv"),
    ("5", "v"),
    ("6", "vi"),
    ("7", "vii"),
    ("8", "viii"),
    ("9", "ix"),
    ("10", "x"),
    ("11", "xi"),
    ("12", "xii"),
    ("13", "xiii"),
];

fn number_word(word: &str) -> Option<u32> {
    const UNITS: &[&str] = &[
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: &[&str] = &[
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = UNITS.iter().position(|u| *u == word) {
        return u32::try_from(i).ok();
    }
    if let Some(i) = TENS.iter().position(|t| !t.is_empty() && *t == word) {
        return u32::try_from(i * 10).ok();
    }
    let (tens, unit) = word.split_once('-')?;
    let t = TENS.iter().position(|x| !x.is_empty() && *x == tens)?;
    let u = UNITS
        .iter()
        .position(|x| *x == unit)
        .filter(|u| (1..10).contains(u))?;
    u32::try_from(t * 10 + u).ok()
}

/// Raw words of `text`: runs of letters, digits and the characters that
/// belong to references (`(`, `)`, `.` between digits, `-` between words).
fn words(text: &str) -> Vec<String> {
    let chars = close_brackets(text);
    let mut out = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied().unwrap_or(' ');
        let prev = if i > 0 { chars[i - 1] } else { ' ' };
        let keep = c.is_alphanumeric()
            || c == '('
                && !word.is_empty()
                && word.chars().last().is_some_and(char::is_alphanumeric)
            || c == ')' && word.contains('(')
            || c == '.' && prev.is_ascii_digit() && next.is_ascii_digit()
            || c == '-' && prev.is_alphabetic() && next.is_alphabetic();
        if keep {
            word.extend(c.to_lowercase());
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// "6 (3)" written apart becomes "6(3)".
fn close_brackets(text: &str) -> Vec<char> {
    let mut out: Vec<char> = Vec::with_capacity(text.len());
    for c in text.chars() {
        if c == '(' {
            let trimmed = out.iter().rev().take_while(|c| **c == ' ').count();
            if trimmed > 0 && out.len() > trimmed && out[out.len() - trimmed - 1].is_ascii_digit() {
                out.truncate(out.len() - trimmed);
            }
        }
        out.push(c);
    }
    out
}

/// `6.3` → `6(3)`, `6(3)(a)` stays; the part after the article number.
fn reference(word: &str) -> Option<String> {
    let first = word.chars().next()?;
    if !first.is_ascii_digit() {
        return None;
    }
    if let Some((number, sub)) = word.split_once('.') {
        if number.chars().all(|c| c.is_ascii_digit())
            && sub.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Some(format!("§{number}({sub})"));
        }
        return None;
    }
    if word.contains('(') && word.chars().take_while(char::is_ascii_digit).count() > 0 {
        return Some(format!("§{word}"));
    }
    None
}

/// Article and annex references as single tokens; other words as they are.
fn references(words: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        let next = words.get(i + 1).map(String::as_str);
        if matches!(w, "article" | "art" | "arts" | "articles")
            && let Some(n) = next.filter(|n| n.starts_with(|c: char| c.is_ascii_digit()))
        {
            let mut token = reference(n).unwrap_or_else(|| format!("§{n}"));
            i += 2;
            // "Art. 6 (3)": a bracketed paragraph written apart.
            if let Some(sub) = words.get(i).filter(|s| s.starts_with('(')) {
                token.push_str(sub);
                i += 1;
            }
            out.push(token);
            continue;
        }
        if w == "annex"
            && let Some(numeral) = next.and_then(|n| ROMAN.iter().find(|(k, _)| *k == n))
        {
            let mut token = format!("annex{}", numeral.1);
            i += 2;
            if words.get(i).is_some_and(|p| p == "point") {
                i += 1;
            }
            if let Some(point) = words
                .get(i)
                .filter(|p| p.starts_with(|c: char| c.is_ascii_digit()))
            {
                // "4a" and "4(a)" are the same point.
                let digits: String = point.chars().take_while(char::is_ascii_digit).collect();
                let rest: String = point[digits.len()..].trim_matches(['(', ')']).to_owned();
                token.push(':');
                token.push_str(&digits);
                if !rest.is_empty() {
                    token.push_str(&format!("({rest})"));
                }
                i += 1;
            }
            out.push(token);
            continue;
        }
        out.push(reference(w).unwrap_or_else(|| w.to_owned()));
        i += 1;
    }
    out
}

/// The tokens of a piece of text (an answer sentence or a rubric phrase).
pub(crate) fn tokens(text: &str) -> Vec<String> {
    references(words(text))
        .into_iter()
        .flat_map(|w| {
            // Hyphenated words count as their parts: "high-risk" is "high risk".
            if w.contains('-') && number_word(&w).is_none() {
                w.split('-').map(str::to_owned).collect::<Vec<_>>()
            } else {
                vec![w]
            }
        })
        .map(|w| {
            if let Some(n) = number_word(&w) {
                n.to_string()
            } else if w.starts_with('§') || w.starts_with("annex") || w.contains('(') {
                w
            } else {
                stem(&w)
            }
        })
        .collect()
}

/// Sentences: split at a full stop, question or exclamation mark followed
/// by a space, at semicolons, and at line breaks (bullets and numbered
/// lines included). References such as `Art. 6` do not end a sentence.
pub(crate) fn sentences(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        current.push(c);
        let next = chars.get(i + 1).copied().unwrap_or('\n');
        let abbreviation = c == '.' && {
            let word: String = current
                .trim_end_matches('.')
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .collect();
            matches!(
                word.chars()
                    .rev()
                    .collect::<String>()
                    .to_lowercase()
                    .as_str(),
                "art"
                    | "arts"
                    | "e"
                    | "i"
                    | "g"
                    | "eg"
                    | "ie"
                    | "no"
                    | "para"
                    | "vs"
                    | "cf"
                    | "etc"
            )
        };
        let end = c == '\n'
            || c == ';'
            || (matches!(c, '.' | '?' | '!') && next.is_whitespace() && !abbreviation);
        if end {
            push(&mut out, &current);
            current.clear();
        }
    }
    push(&mut out, &current);
    out
}

fn push(out: &mut Vec<Sentence>, text: &str) {
    let text = text.trim().trim_start_matches(['-', '*', '•']).trim();
    let tokens = tokens(text);
    if !tokens.is_empty() {
        out.push(Sentence {
            text: text.to_owned(),
            tokens,
        });
    }
}

/// Whether `phrase` (tokens) occurs in `sentence` (tokens), in order and
/// adjacent. A reference in the phrase matches a more precise one in the
/// sentence: `§6` matches `§6(3)`, `annexiii` matches `annexiii:4(a)`.
pub(crate) fn contains(sentence: &[String], phrase: &[String]) -> bool {
    if phrase.is_empty() || phrase.len() > sentence.len() {
        return false;
    }
    sentence
        .windows(phrase.len())
        .any(|window| window.iter().zip(phrase).all(|(a, p)| token_matches(a, p)))
}

fn token_matches(answer: &str, phrase: &str) -> bool {
    if answer == phrase {
        return true;
    }
    let refers = phrase.starts_with('§') || phrase.starts_with("annex");
    refers
        && answer
            .strip_prefix(phrase)
            .is_some_and(|rest| rest.starts_with(['(', ':']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Vec<String> {
        tokens(text)
    }

    #[test]
    fn references_written_any_way_are_one_token() {
        for text in ["Article 6(3)", "Art. 6 (3)", "art 6(3)", "Art 6.3", "6(3)"] {
            assert_eq!(t(text), vec!["§6(3)"], "{text}");
        }
        for text in [
            "Annex III point 4(a)",
            "Annex III 4(a)",
            "Annex 3 4a",
            "annex iii, point 4(a)",
        ] {
            assert_eq!(t(text), vec!["annexiii:4(a)"], "{text}");
        }
        assert!(contains(
            &t("listed in Annex III point 4(a)"),
            &t("annex iii")
        ));
        assert!(contains(
            &t("under Article 6(3) second subparagraph"),
            &t("article 6")
        ));
    }

    #[test]
    fn inflection_numbers_and_hyphens() {
        assert!(contains(&t("It profiles candidates."), &t("profiling")));
        assert_eq!(t("fifteen"), t("15"));
        assert_eq!(t("twenty-five"), vec!["25"]);
        assert!(contains(&t("a high-risk system"), &t("high risk")));
    }

    #[test]
    fn sentences_do_not_end_at_references() {
        let s = sentences("Under Art. 6(3) it is exempt. It is not! Is it?\n- A bullet; another");
        let texts: Vec<&str> = s.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            texts,
            vec![
                "Under Art. 6(3) it is exempt.",
                "It is not!",
                "Is it?",
                "A bullet;",
                "another"
            ]
        );
    }
}
