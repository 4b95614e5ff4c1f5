//! The Porter stemming algorithm (M. F. Porter, "An algorithm for suffix
//! stripping", 1980), so that "profiles", "profiling" and "profiled" all
//! match "profile". ASCII lower-case words only; anything else is returned
//! as it is.

fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// m: the number of vowel-consonant sequences in `w[..len]`.
fn measure(w: &[u8], len: usize) -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < len && is_consonant(w, i) {
        i += 1;
    }
    loop {
        while i < len && !is_consonant(w, i) {
            i += 1;
        }
        if i >= len {
            return m;
        }
        while i < len && is_consonant(w, i) {
            i += 1;
        }
        m += 1;
        if i >= len {
            return m;
        }
    }
}

fn has_vowel(w: &[u8], len: usize) -> bool {
    (0..len).any(|i| !is_consonant(w, i))
}

fn ends_double_consonant(w: &[u8], len: usize) -> bool {
    len >= 2 && w[len - 1] == w[len - 2] && is_consonant(w, len - 1)
}

/// consonant-vowel-consonant at the end, the last not w, x or y.
fn ends_cvc(w: &[u8], len: usize) -> bool {
    len >= 3
        && is_consonant(w, len - 3)
        && !is_consonant(w, len - 2)
        && is_consonant(w, len - 1)
        && !matches!(w[len - 1], b'w' | b'x' | b'y')
}

struct Word {
    w: Vec<u8>,
}

impl Word {
    fn ends(&self, suffix: &str) -> bool {
        self.w.ends_with(suffix.as_bytes())
    }

    /// The stem's length when the word ends with `suffix`.
    fn stem_len(&self, suffix: &str) -> usize {
        self.w.len() - suffix.len()
    }

    fn set(&mut self, suffix: &str, replacement: &str) {
        let len = self.stem_len(suffix);
        self.w.truncate(len);
        self.w.extend_from_slice(replacement.as_bytes());
    }

    /// Replaces `suffix` when the stem's measure is above `min`.
    fn replace_if(&mut self, suffix: &str, replacement: &str, min: usize) -> bool {
        if !self.ends(suffix) {
            return false;
        }
        if measure(&self.w, self.stem_len(suffix)) > min {
            self.set(suffix, replacement);
        }
        true
    }

    fn step1a(&mut self) {
        if self.ends("sses") {
            self.set("sses", "ss");
        } else if self.ends("ies") {
            self.set("ies", "i");
        } else if !self.ends("ss") && self.ends("s") {
            self.set("s", "");
        }
    }

    fn step1b(&mut self) {
        if self.ends("eed") {
            if measure(&self.w, self.stem_len("eed")) > 0 {
                self.set("eed", "ee");
            }
            return;
        }
        let suffix = if self.ends("ed") && has_vowel(&self.w, self.stem_len("ed")) {
            "ed"
        } else if self.ends("ing") && has_vowel(&self.w, self.stem_len("ing")) {
            "ing"
        } else {
            return;
        };
        self.set(suffix, "");
        if self.ends("at") || self.ends("bl") || self.ends("iz") {
            self.w.push(b'e');
        } else if ends_double_consonant(&self.w, self.w.len())
            && !matches!(self.w[self.w.len() - 1], b'l' | b's' | b'z')
        {
            self.w.pop();
        } else if measure(&self.w, self.w.len()) == 1 && ends_cvc(&self.w, self.w.len()) {
            self.w.push(b'e');
        }
    }

    fn step1c(&mut self) {
        if self.ends("y") && has_vowel(&self.w, self.stem_len("y")) {
            self.set("y", "i");
        }
    }

    fn step2(&mut self) {
        const RULES: &[(&str, &str)] = &[
            ("ational", "ate"),
            ("tional", "tion"),
            ("enci", "ence"),
            ("anci", "ance"),
            ("izer", "ize"),
            ("abli", "able"),
            ("alli", "al"),
            ("entli", "ent"),
            ("eli", "e"),
            ("ousli", "ous"),
            ("ization", "ize"),
            ("ation", "ate"),
            ("ator", "ate"),
            ("alism", "al"),
            ("iveness", "ive"),
            ("fulness", "ful"),
            ("ousness", "ous"),
            ("aliti", "al"),
            ("iviti", "ive"),
            ("biliti", "ble"),
        ];
        for (suffix, replacement) in RULES {
            if self.replace_if(suffix, replacement, 0) {
                return;
            }
        }
    }

    fn step3(&mut self) {
        const RULES: &[(&str, &str)] = &[
            ("icate", "ic"),
            ("ative", ""),
            ("alize", "al"),
            ("iciti", "ic"),
            ("ical", "ic"),
            ("ful", ""),
            ("ness", ""),
        ];
        for (suffix, replacement) in RULES {
            if self.replace_if(suffix, replacement, 0) {
                return;
            }
        }
    }

    fn step4(&mut self) {
        const SUFFIXES: &[&str] = &[
            "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion",
            "ou", "ism", "ate", "iti", "ous", "ive", "ize",
        ];
        // The longest matching suffix decides.
        let Some(suffix) = SUFFIXES
            .iter()
            .filter(|s| self.ends(s))
            .max_by_key(|s| s.len())
        else {
            return;
        };
        let len = self.stem_len(suffix);
        if measure(&self.w, len) <= 1 {
            return;
        }
        if *suffix == "ion" && !(len > 0 && matches!(self.w[len - 1], b's' | b't')) {
            return;
        }
        self.w.truncate(len);
    }

    fn step5(&mut self) {
        if self.ends("e") {
            let len = self.stem_len("e");
            let m = measure(&self.w, len);
            if m > 1 || (m == 1 && !ends_cvc(&self.w, len)) {
                self.w.truncate(len);
            }
        }
        let len = self.w.len();
        if measure(&self.w, len) > 1
            && ends_double_consonant(&self.w, len)
            && self.w[len - 1] == b'l'
        {
            self.w.pop();
        }
    }
}

/// The Porter stem of `word`.
pub(crate) fn stem(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_owned();
    }
    let mut w = Word {
        w: word.as_bytes().to_vec(),
    };
    w.step1a();
    w.step1b();
    w.step1c();
    w.step2();
    w.step3();
    w.step4();
    w.step5();
    String::from_utf8(w.w).unwrap_or_else(|_| word.to_owned())
}

#[cfg(test)]
mod tests {
    use super::stem;

    /// Examples from Porter's paper and its published vocabulary.
    #[test]
    fn porters_examples() {
        for (word, expected) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("conditional", "condit"),
            ("triplicate", "triplic"),
            ("revival", "reviv"),
            ("adjustable", "adjust"),
            ("controll", "control"),
            ("generalization", "gener"),
            ("profiles", "profil"),
            ("profiling", "profil"),
            ("profiled", "profil"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }
}
