//! TOML front matter between `+++` lines (the Zola/Hugo convention), with errors mapped to file lines.
use serde::Deserialize;

/// Page settings from the front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FrontMatter {
    pub title: String,
    /// Position in the section; `order` wins over `weight` (the Hugo name, accepted for imported corpora).
    pub order: Option<i64>,
    pub description: Option<String>,
    pub template: Option<String>,
}

/// Unknown keys are ignored on purpose: corpora imported from other generators carry extra fields.
#[derive(Deserialize)]
struct RawFrontMatter {
    title: String,
    order: Option<i64>,
    weight: Option<i64>,
    description: Option<String>,
    template: Option<String>,
}

/// A page file split into its settings and its Markdown body.
#[derive(Debug)]
pub struct Split<'a> {
    pub front: FrontMatter,
    pub body: &'a str,
    /// File line on which `body` starts (1-based).
    pub body_line: usize,
}

/// A front matter problem at a file line.
#[derive(Debug, PartialEq, Eq)]
pub struct FrontMatterError {
    pub line: usize,
    pub message: String,
}

const FENCE: &str = "+++";

/// Splits `text` (a whole page file) into front matter and body.
pub fn split(text: &str) -> Result<Split<'_>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or("");
    if first.trim_end() != FENCE {
        return Err(FrontMatterError {
            line: 1,
            message: "front matter가 없습니다: 파일 첫 줄은 `+++` 이어야 합니다".into(),
        });
    }
    let toml_start = first.len();
    let mut offset = toml_start;
    let mut line_no = 1;
    for line in lines {
        line_no += 1;
        if line.trim_end() == FENCE {
            let toml_text = &text[toml_start..offset];
            let body = &text[offset + line.len()..];
            let front = parse_toml(toml_text)?;
            return Ok(Split {
                front,
                body,
                body_line: line_no + 1,
            });
        }
        offset += line.len();
    }
    Err(FrontMatterError {
        line: 1,
        message: "front matter가 닫히지 않았습니다: 끝에 `+++` 줄이 필요합니다".into(),
    })
}

/// The TOML starts on file line 2 (after the opening fence).
fn parse_toml(toml_text: &str) -> Result<FrontMatter, FrontMatterError> {
    let raw: RawFrontMatter = toml::from_str(toml_text).map_err(|err| {
        let line = err
            .span()
            .map(|span| {
                2 + toml_text[..span.start.min(toml_text.len())]
                    .matches('\n')
                    .count()
            })
            .unwrap_or(2);
        FrontMatterError {
            line,
            message: format!("front matter 오류: {}", err.message()),
        }
    })?;
    if raw.title.trim().is_empty() {
        return Err(FrontMatterError {
            line: 2,
            message: "front matter 오류: title이 비어 있습니다".into(),
        });
    }
    Ok(FrontMatter {
        title: raw.title,
        order: raw.order.or(raw.weight),
        description: raw.description.filter(|d| !d.trim().is_empty()),
        template: raw.template,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_settings_and_body() {
        let page = "+++\ntitle = \"개요\"\nweight = 3\n+++\n본문\n";
        let split = split(page).expect("valid front matter");
        assert_eq!(split.front.title, "개요");
        assert_eq!(split.front.order, Some(3));
        assert_eq!(split.body, "본문\n");
        assert_eq!(split.body_line, 5);
    }

    #[test]
    fn order_wins_over_weight() {
        let split = split("+++\ntitle = \"a\"\norder = 1\nweight = 9\n+++\n").ok();
        assert_eq!(split.map(|s| s.front.order), Some(Some(1)));
    }

    #[test]
    fn toml_error_points_at_file_line() {
        let err = split("+++\ntitle = \"a\"\norder = = 1\n+++\n").err();
        assert_eq!(err.map(|e| e.line), Some(3));
    }

    #[test]
    fn missing_fence_and_unclosed_are_errors() {
        assert_eq!(split("# 제목\n").err().map(|e| e.line), Some(1));
        assert!(split("+++\ntitle = \"a\"\n").is_err());
    }

    #[test]
    fn missing_title_is_an_error() {
        let err = split("+++\norder = 1\n+++\n").err();
        assert!(err.is_some_and(|e| e.message.contains("title")));
    }
}
