//! The arithmetic of a loss figure: `+ - * / ( )`, numbers and the IDs of
//! `number` questions. Small on purpose: a formula is data a reviewer reads,
//! so it is never more than school arithmetic.

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Number(f64),
    Name(String),
    Op(char),
}

fn tokens(formula: &str) -> Result<Vec<Token>, String> {
    let mut out = Vec::new();
    let mut chars = formula.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
        } else if c.is_ascii_digit() || c == '.' {
            let mut text = String::new();
            while let Some(&d) = chars.peek().filter(|d| d.is_ascii_digit() || **d == '.') {
                text.push(d);
                chars.next();
            }
            out.push(Token::Number(
                text.parse()
                    .map_err(|_| format!("`{text}` is not a number"))?,
            ));
        } else if c.is_ascii_lowercase() || c == '_' {
            let mut name = String::new();
            while let Some(&d) = chars
                .peek()
                .filter(|d| d.is_ascii_lowercase() || d.is_ascii_digit() || **d == '_')
            {
                name.push(d);
                chars.next();
            }
            out.push(Token::Name(name));
        } else if "+-*/()".contains(c) {
            out.push(Token::Op(c));
            chars.next();
        } else {
            return Err(format!("`{c}` is not allowed in a formula"));
        }
    }
    Ok(out)
}

/// The question IDs a formula reads, in order of first use.
pub(super) fn names(formula: &str) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    for t in tokens(formula)? {
        if let Token::Name(n) = t
            && !out.contains(&n)
        {
            out.push(n);
        }
    }
    // Parsing with every name set to 1 checks the grammar.
    evaluate(formula, &|_| Some(1.0)).map_err(|e| match e {
        Evaluation::Missing(n) => format!("`{n}` has no value"),
        Evaluation::Invalid(m) => m,
    })?;
    Ok(out)
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Evaluation {
    /// A name with no value (an unanswered question).
    Missing(String),
    Invalid(String),
}

/// The formula's value, with `value` giving each name's number.
pub(super) fn evaluate(
    formula: &str,
    value: &dyn Fn(&str) -> Option<f64>,
) -> Result<f64, Evaluation> {
    let tokens = tokens(formula).map_err(Evaluation::Invalid)?;
    let mut parser = Parser {
        tokens: &tokens,
        at: 0,
        value,
    };
    let result = parser.sum()?;
    if parser.at != tokens.len() {
        return Err(Evaluation::Invalid("the formula has extra terms".into()));
    }
    Ok(result)
}

struct Parser<'a> {
    tokens: &'a [Token],
    at: usize,
    value: &'a dyn Fn(&str) -> Option<f64>,
}

impl Parser<'_> {
    fn next_op(&self, ops: &str) -> Option<char> {
        match self.tokens.get(self.at) {
            Some(Token::Op(c)) if ops.contains(*c) => Some(*c),
            _ => None,
        }
    }

    fn sum(&mut self) -> Result<f64, Evaluation> {
        let mut acc = self.product()?;
        while let Some(op) = self.next_op("+-") {
            self.at += 1;
            let rhs = self.product()?;
            acc = if op == '+' { acc + rhs } else { acc - rhs };
        }
        Ok(acc)
    }

    fn product(&mut self) -> Result<f64, Evaluation> {
        let mut acc = self.atom()?;
        while let Some(op) = self.next_op("*/") {
            self.at += 1;
            let rhs = self.atom()?;
            acc = if op == '*' { acc * rhs } else { acc / rhs };
        }
        Ok(acc)
    }

    fn atom(&mut self) -> Result<f64, Evaluation> {
        let token = self
            .tokens
            .get(self.at)
            .ok_or_else(|| Evaluation::Invalid("the formula ends too soon".into()))?;
        self.at += 1;
        match token {
            Token::Number(n) => Ok(*n),
            Token::Name(n) => (self.value)(n).ok_or_else(|| Evaluation::Missing(n.clone())),
            Token::Op('(') => {
                let inner = self.sum()?;
                if self.next_op(")").is_none() {
                    return Err(Evaluation::Invalid("a `(` is not closed".into()));
                }
                self.at += 1;
                Ok(inner)
            }
            Token::Op('-') => Ok(-self.atom()?),
            Token::Op(c) => Err(Evaluation::Invalid(format!("`{c}` where a value belongs"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn school_arithmetic() {
        let v = |n: &str| match n {
            "a" => Some(40.0),
            "b" => Some(12.0),
            _ => None,
        };
        let value = evaluate("a * b / 100 * (2 + 1)", &v).unwrap();
        assert!((value - 14.4).abs() < 1e-9, "{value}");
        assert_eq!(evaluate("a - -b", &v), Ok(52.0));
        assert_eq!(evaluate("a * c", &v), Err(Evaluation::Missing("c".into())));
        assert!(evaluate("a *", &v).is_err());
        assert!(evaluate("(a", &v).is_err());
        assert!(evaluate("a $ b", &v).is_err());
        assert_eq!(names("a * b + a").unwrap(), vec!["a", "b"]);
    }
}
